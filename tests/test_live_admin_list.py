"""The back office's list of live reports shows each person only the reports they may open; a new
report opens on its live desk; the desk names who posted an entry by their byline."""

from __future__ import annotations

import re

import pytest
from django.contrib.admin.views.main import ChangeList

from tests.conftest import StaffClient, must_search
from warta.articles.models import Article, Byline
from warta.authors.models import Author
from warta.live import desk
from warta.live.models import LiveEntry, LiveReport

pytestmark = pytest.mark.django_db

LIST = "/redaksi/live/livereport/"
ADD = "/redaksi/live/livereport/add/"


@pytest.fixture
def reports(make_article, writer, colleague) -> dict[str, LiveReport]:
    """Live reports on the writer's own articles (created by them; bylined to them) and on a
    colleague's: one published, one still a draft whose headline the writer must not learn."""
    draft = Article.Status.DRAFT

    def live(slug: str, headline: str, **fields) -> LiveReport:
        return LiveReport.objects.create(article=make_article(slug=slug, headline=headline, **fields))

    made = {
        "created": live("banjir-kampung", "Banjir Kampung Melayu", status=draft, published_at=None),
        "bylined": live("hitung-cepat", "Hitung Cepat Pilkada Surabaya"),
        "others": live("derbi-jatim", "Derbi Jatim Malam Ini"),
        "secret": live("rahasia-dapur", "Rahasia Dapur Redaksi", status=draft, published_at=None),
    }
    for key, by in [("created", writer), ("others", colleague), ("secret", colleague)]:
        Article.objects.filter(pk=made[key].article_id).update(created_by=by.user)
    Byline.objects.create(article=made["bylined"].article, author=writer.user.author, position=1)
    Byline.objects.create(article=made["others"].article, author=colleague.user.author, position=1)
    return made


def listed(client: StaffClient, query: str = "") -> tuple[set[int], str, ChangeList]:
    """The reports the list links to, its HTML, and its ChangeList (counts)."""
    response = client.get(LIST + query)
    assert response.status_code == 200
    page = response.content.decode()
    table = page[page.index('id="result_list"') :] if 'id="result_list"' in page else ""
    ids = {int(pk) for pk in re.findall(r'href="/redaksi/live/livereport/(\d+)/change/', table)}
    return ids, page, response.context["cl"]


def test_a_writer_lists_only_the_reports_of_their_own_articles(writer, reports):
    ids, page, cl = listed(writer)
    assert ids == {reports["created"].pk, reports["bylined"].pk}
    assert cl.result_count == cl.full_result_count == 2
    assert "Rahasia Dapur Redaksi" not in page and "Derbi Jatim" not in page
    # What is not listed still refuses to open, as before.
    assert writer.get(f"{LIST}{reports['secret'].pk}/change/").status_code == 403


def test_a_writers_search_finds_nothing_of_others(writer, editor, reports):
    ids, page, cl = listed(writer, "?q=Rahasia")
    assert ids == set() and cl.result_count == 0 and cl.full_result_count == 2
    assert "Rahasia Dapur Redaksi" not in page
    ids, _, cl = listed(writer, "?q=Banjir")
    assert ids == {reports["created"].pk}
    # An editor finds it.
    ids, page, _ = listed(editor, "?q=Rahasia")
    assert ids == {reports["secret"].pk} and "Rahasia Dapur Redaksi" in page


def test_an_editor_lists_every_report(editor, reports):
    ids, _, cl = listed(editor)
    assert ids == set(LiveReport.objects.values_list("pk", flat=True))
    assert {r.pk for r in reports.values()} <= ids
    assert cl.result_count == LiveReport.objects.count()


def test_the_list_and_the_desk_agree_on_who_opens_what(writer, colleague, editor, reports):
    """The list's query and can_post_to() are two spellings of one rule: for everyone, a report
    is listed exactly when its live desk opens."""
    LiveEntry.objects.create(report=reports["others"], body=[{"type": "paragraph", "text": "Satu."}])
    for client in (writer, colleague, editor):
        ids, _, _ = listed(client)
        everyone = LiveReport.objects.select_related("article")
        assert ids == {r.pk for r in everyone if desk.can_post_to(client.user, r)}
        for report in everyone:
            status = client.get(f"{LIST}{report.pk}/change/").status_code
            assert status == (200 if report.pk in ids else 403), (client.user, report)
    # The entry count is not multiplied by the bylines the query looks at.
    Byline.objects.create(article=reports["others"].article, author=writer.user.author, position=2)
    _, page, cl = listed(colleague)
    counts = {r.pk: r.entries_n for r in cl.result_list}
    assert counts[reports["others"].pk] == 1


def test_a_new_live_report_opens_on_its_live_desk(editor, make_article):
    article = make_article(headline="Gempa Bawean", slug="gempa-bawean")
    data = {"article": str(article.pk), "coverage_start_0": "2024-03-22", "coverage_start_1": "11:22:00"}
    response = editor.post(f"{ADD}?article={article.pk}", data)
    report = LiveReport.objects.get(article=article)
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{report.pk}/change/"
    desk_page = editor.get(response["Location"]).content.decode()
    assert "berhasil ditambahkan" in desk_page and "Gempa Bawean" in desk_page  # Django's "added" message
    assert 'id="entri-baru"' in desk_page  # the live desk's form for the first entry


def test_save_and_add_another_keeps_djangos_way(editor, make_article):
    article = make_article(headline="Gempa Bawean", slug="gempa-bawean")
    data = {"article": str(article.pk), "coverage_start_0": "2024-03-22", "coverage_start_1": "11:22:00"}
    response = editor.post(ADD, {**data, "_addanother": "1"})
    assert response.status_code == 302 and response["Location"] == ADD
    assert LiveReport.objects.filter(article=article).exists()


def test_the_desk_names_who_posted_by_their_byline(django_user_model, editor, reports):
    """The byline's name; without an Author the full name; the login only as a last resort."""
    report = reports["bylined"]
    Author.objects.filter(user=editor.user).update(name="Rina Redaktur")
    named = django_user_model.objects.create_user("siti", first_name="Siti", last_name="Aminah")
    bare = django_user_model.objects.create_user("tamu99")
    for user, text in [(editor.user, "Satu."), (named, "Dua."), (bare, "Tiga.")]:
        LiveEntry.objects.create(report=report, body=[{"type": "paragraph", "text": text}], created_by=user)
    page = editor.get(f"{LIST}{report.pk}/change/").content.decode()
    who = re.findall(r"diposting oleh ([^<\n]+?)\s*(?:<|\n|·)", page)
    assert sorted(who) == ["Rina Redaktur", "Siti Aminah", "tamu99"]


def test_the_desk_says_who_posted_only_when_the_byline_does_not(editor, reports):
    report = reports["bylined"]
    own = Author.objects.get(user=editor.user)
    credited = Author.objects.create(name="Koresponden Gresik", slug="koresponden-gresik")
    for author, text in [(own, "Sendiri."), (credited, "Kiriman.")]:
        LiveEntry.objects.create(
            report=report, body=[{"type": "paragraph", "text": text}], created_by=editor.user, author=author
        )
    page = editor.get(f"{LIST}{report.pk}/change/").content.decode()
    assert re.findall(r"diposting oleh ([^<\n]+?)\s*(?:<|\n|·)", page) == ["Editor"]  # only under the credited one
    assert "Koresponden Gresik" in page


def test_the_list_has_short_columns_and_a_headline_that_wraps(editor, reports):
    """Django keeps a foreign key's cell on one line ("nowrap"): the article as a column pushed the
    last ones out of sight at 1366 px (tests/test_live_browser.py measures it in chromium)."""
    closed = reports["others"]
    closed.close()
    closed.save()
    _, page, _ = listed(editor)
    table = page[page.index('id="result_list"') :]
    thead = table[: table.index("</thead>")]
    headers = re.findall(r'<div class="text">(?:<a [^>]*>|<span>)([^<]*)<', thead)
    assert [h for h in headers if h] == ["Artikel", "Status", "Mulai", "Entri"]  # after the select-all box
    headline = must_search(r'<th class="([^"]*)"><a href="[^"]*">Derbi Jatim Malam Ini</a>', table).group(1)
    assert "nowrap" not in headline.split()
    row = must_search(r"<tr>(?:(?!</tr>).)*Derbi Jatim Malam Ini.*?</tr>", table, re.S).group(0)
    assert must_search(r'class="field-state">Ditutup<span class="live-list__when">([^<]+)</span>', row)
    assert "live/admin_list.css" in page
