"""Live reports: entries by several staff at once, ordering, pinning, editing, deleting with the
audit log, closing; the page readers get, its JSON-LD and the entries' feed."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from tests.conftest import must_search, permalink
from warta.articles.models import Article, Byline
from warta.authors.models import Author
from warta.live.models import LiveEntry, LiveReport
from warta.newsroom.models import AuditEntry

pytestmark = pytest.mark.django_db

DEMO_LIVE = "saksi-ungkap-aliran-dana-hibah-di-sidang-tipikor"


def staff(django_user_model, username: str, role: str):
    user = django_user_model.objects.create_user(username, f"{username}@kempalan.test", "rahasia-123", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def report(make_article) -> LiveReport:
    article = make_article(headline="Hitung Cepat Pilkada Surabaya", slug="hitung-cepat-pilkada-surabaya")
    return LiveReport.objects.create(article=article, coverage_start=timezone.now() - datetime.timedelta(hours=1))


@pytest.fixture
def editor(django_user_model):
    user = staff(django_user_model, "redaktur", "Editor")
    Author.objects.create(name="Rina Redaktur", slug="rina-redaktur", user=user)
    return user


@pytest.fixture
def writer(django_user_model, report):
    """A reporter on the story: bylined on the live report's article."""
    user = staff(django_user_model, "penulis", "Penulis")
    author = Author.objects.create(name="Pena Penulis", slug="pena-penulis", user=user)
    Byline.objects.create(article=report.article, author=author, position=1)
    return user


def test_a_writer_not_on_the_story_cannot_post_to_its_live_report(django_user_model, report):
    stranger = staff(django_user_model, "asing", "Penulis")
    assert post(logged_in(stranger), report, "Kabar titipan.").status_code == 403
    assert not report.entries.exists()


def test_a_writer_posts_under_their_own_byline_only(report, writer, editor):
    response = post(logged_in(writer), report, "Suara masuk 80 persen.", author=str(editor.author.pk))
    assert response.status_code == 400  # the editor's byline is not among the writer's choices
    assert not report.entries.exists()


def paragraph(text: str) -> list[dict]:
    return [{"type": "paragraph", "text": text}]


def post(client: Client, report: LiveReport, text: str = "", **fields: str) -> Any:
    data = {"title": "", "body_text": text, "body_json": "", "author": "", "posted_at": "", **fields}
    return client.post(f"/redaksi/live/livereport/{report.pk}/entri/", data)


def entry_ids(html: str) -> list[int]:
    """The entries of the page's stream, in the order readers see them."""
    stream = must_search(r"data-live-stream>(.*?)</ol>", html, re.S).group(1)
    return [int(i) for i in re.findall(r'id="entri-(\d+)"', stream)]


# --- the desk -----------------------------------------------------------------------------------


def test_a_writer_posts_an_entry_with_the_text_marks_and_it_is_logged(report, writer):
    response = post(
        logged_in(writer), report, "Suara masuk <strong>80 persen</strong>.\n\n> Kami optimistis\n> — tim sukses"
    )
    assert response.status_code == 302
    entry = report.entries.get()
    assert entry.body == [
        {"type": "paragraph", "text": "Suara masuk <strong>80 persen</strong>."},
        {"type": "quote", "text": "Kami optimistis", "cite": "tim sukses"},
    ]
    assert entry.created_by == writer
    log = AuditEntry.objects.filter(article=report.article).first()
    assert log is not None and log.action == "created" and log.user == writer and f"#{entry.pk}" in log.detail


def test_the_editor_json_is_sanitised_like_an_article_body(report, editor):
    blocks = [{"type": "paragraph", "text": "Hasil <script>alert(1)</script><em>sementara</em>"}]
    post(logged_in(editor), report, body_json=json.dumps(blocks))
    assert report.entries.get().body == [{"type": "paragraph", "text": "Hasil <em>sementara</em>"}]


def test_a_title_alone_is_a_flash_entry(report, editor):
    response = post(logged_in(editor), report, "", title="Hakim ketok palu: vonis 5 tahun")
    assert response.status_code == 302
    entry = report.entries.get()
    assert entry.title == "Hakim ketok palu: vonis 5 tahun" and entry.body == []
    html = Client().get(permalink(report.article)).content.decode()
    assert '<h3 class="live-entry__title">Hakim ketok palu: vonis 5 tahun</h3>' in html
    data = json.loads(must_search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["liveBlogUpdate"][0]["articleBody"] == "Hakim ketok palu: vonis 5 tahun"


def test_an_entry_edited_down_to_its_title_is_saved(report, editor):
    entry = LiveEntry.objects.create(report=report, title="Vonis 5 tahun", body=paragraph("Rinciannya menyusul."))
    data = {"title": "Vonis 5 tahun", "body_text": "", "body_json": "", "author": "", "posted_at": ""}
    response = logged_in(editor).post(
        f"/redaksi/live/livereport/{report.pk}/entri/{entry.pk}/", {**data, "base_version": str(entry.version)}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Vonis 5 tahun" and entry.body == []


def test_an_entry_with_neither_title_nor_text_is_refused_keeping_what_was_typed(report, editor):
    earlier = timezone.localtime() - datetime.timedelta(minutes=20)
    typed = {"title": "   ", "key_event": "on", "posted_at": earlier.strftime("%Y-%m-%dT%H:%M")}
    response = post(logged_in(editor), report, "\n\n   \n", author=str(editor.author.pk), **typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Entri kosong: tulis judul, teks, atau keduanya." in html
    # What was set stays set: the byline, the time and the key-event mark.
    assert f'<option value="{editor.author.pk}" selected>' in html
    assert f'value="{typed["posted_at"]}"' in html
    assert must_search(r'<input type="checkbox" name="key_event"[^>]*>', html).group(0).endswith("checked>")
    assert not report.entries.exists()


def test_two_staff_post_into_the_same_report_and_both_entries_stay(report, editor, writer):
    """Each entry is its own row: one post never replaces another (see test_live_concurrency.py
    for the same at the same instant, on PostgreSQL)."""
    for who, text in ((editor, "Dari TPS 1."), (writer, "Dari TPS 2.")):
        assert post(logged_in(who), report, text).status_code == 302
    assert sorted(e.body[0]["text"] for e in report.entries.all()) == ["Dari TPS 1.", "Dari TPS 2."]
    assert {e.created_by for e in report.entries.all()} == {editor, writer}


def test_a_writer_edits_only_their_own_entries_an_editor_any(report, editor, writer):
    mine = LiveEntry.objects.create(report=report, body=paragraph("Punya penulis."), created_by=writer)
    theirs = LiveEntry.objects.create(report=report, body=paragraph("Punya redaktur."), created_by=editor)
    url = f"/redaksi/live/livereport/{report.pk}/entri/%d/"
    assert logged_in(writer).get(url % theirs.pk).status_code == 403
    assert logged_in(writer).post(url % theirs.pk + "hapus/").status_code == 403
    assert logged_in(writer).get(url % mine.pk).status_code == 200
    assert logged_in(editor).get(url % mine.pk).status_code == 200


def test_editing_an_entry_keeps_its_time_bumps_its_version_and_is_logged(report, editor):
    entry = LiveEntry.objects.create(report=report, body=paragraph("Salah ketik."), created_by=editor)
    posted = entry.posted_at
    response = logged_in(editor).post(
        f"/redaksi/live/livereport/{report.pk}/entri/{entry.pk}/",
        {
            "title": "",
            "body_text": "Sudah dibetulkan.",
            "body_json": "",
            "author": "",
            "posted_at": "",
            "key_event": "on",
            "base_version": "1",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.body == paragraph("Sudah dibetulkan.") and entry.key_event and entry.version == 2
    assert entry.posted_at == posted
    assert AuditEntry.objects.filter(article=report.article, action="edited").exists()


def test_an_edit_based_on_an_older_version_is_refused_with_the_text_kept(report, editor):
    entry = LiveEntry.objects.create(report=report, body=paragraph("Versi awal."), created_by=editor, version=3)
    response = logged_in(editor).post(
        f"/redaksi/live/livereport/{report.pk}/entri/{entry.pk}/",
        {"body_text": "Teks saya yang baru.", "base_version": "2", "posted_at": ""},
    )
    assert response.status_code == 400
    assert "Teks saya yang baru." in response.content.decode()
    entry.refresh_from_db()
    assert entry.body == paragraph("Versi awal.")


def test_deleting_an_entry_asks_first_then_removes_it_and_logs_it(report, editor):
    entry = LiveEntry.objects.create(report=report, body=paragraph("Akan dihapus."), created_by=editor)
    client = logged_in(editor)
    url = f"/redaksi/live/livereport/{report.pk}/entri/{entry.pk}/hapus/"
    assert "Akan dihapus." in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not LiveEntry.objects.filter(pk=entry.pk).exists()
    log = AuditEntry.objects.get(article=report.article, action="deleted")
    assert "Akan dihapus." in log.detail


def test_pinning_keeps_one_pinned_entry_and_only_editors_pin(report, editor, writer):
    first = LiveEntry.objects.create(report=report, body=paragraph("Satu."), created_by=writer)
    second = LiveEntry.objects.create(report=report, body=paragraph("Dua."), created_by=writer)
    pin = f"/redaksi/live/livereport/{report.pk}/entri/%d/sematkan/"
    assert logged_in(writer).post(pin % first.pk).status_code == 403
    client = logged_in(editor)
    client.post(pin % first.pk)
    client.post(pin % second.pk)
    assert list(report.entries.filter(pinned=True)) == [second]
    client.post(pin % second.pk)
    assert not report.entries.filter(pinned=True).exists()


def test_closing_keeps_the_entries_and_refuses_new_ones_until_reopened(report, editor, writer):
    LiveEntry.objects.create(report=report, body=paragraph("Entri terakhir."), created_by=editor)
    assert logged_in(writer).post(f"/redaksi/live/livereport/{report.pk}/tutup/").status_code == 403
    client = logged_in(editor)
    client.post(f"/redaksi/live/livereport/{report.pk}/tutup/")
    report.refresh_from_db()
    assert not report.is_open and report.coverage_end is not None
    refused = post(client, report, "Terlambat.")
    assert refused.status_code == 400 and "ditutup" in refused.content.decode()
    assert "Terlambat." in refused.content.decode()
    page = Client().get(permalink(report.article)).content.decode()
    assert "Entri terakhir." in page and 'data-open="0"' in page and "Liputan langsung telah berakhir pada" in page
    client.post(f"/redaksi/live/livereport/{report.pk}/buka/")
    report.refresh_from_db()
    assert report.is_open and report.coverage_end is None


def test_the_desk_needs_a_staff_login(report, django_user_model):
    assert Client().get(f"/redaksi/live/livereport/{report.pk}/change/").status_code == 302
    nobody = django_user_model.objects.create_user("tamu", "t@t.id", "rahasia-123", is_staff=True)
    assert logged_in(nobody).get(f"/redaksi/live/livereport/{report.pk}/change/").status_code == 403


def test_the_desk_shows_the_entries_and_the_block_editor(report, editor):
    LiveEntry.objects.create(report=report, body=paragraph("Sudah tayang."), created_by=editor)
    html = logged_in(editor).get(f"/redaksi/live/livereport/{report.pk}/change/").content.decode()
    assert "Sudah tayang." in html and 'id="warta-editor"' in html and "newsroom/editor/editor.js" in html
    assert "Tutup laporan langsung" in html


# --- the page readers get -----------------------------------------------------------------------


def test_entries_read_newest_first_or_oldest_first(report):
    now = timezone.now()
    old = LiveEntry.objects.create(
        report=report, body=paragraph("Pertama."), posted_at=now - datetime.timedelta(minutes=9)
    )
    new = LiveEntry.objects.create(
        report=report, body=paragraph("Kedua."), posted_at=now - datetime.timedelta(minutes=1)
    )
    assert entry_ids(Client().get(permalink(report.article)).content.decode()) == [new.pk, old.pk]
    report.oldest_first = True
    report.save()
    assert entry_ids(Client().get(permalink(report.article)).content.decode()) == [old.pk, new.pk]


def test_the_pinned_entry_and_key_events_are_on_top(report):
    LiveEntry.objects.create(report=report, body=paragraph("Biasa."))
    LiveEntry.objects.create(report=report, title="Rekapitulasi selesai", body=paragraph("Penting."), key_event=True)
    LiveEntry.objects.create(report=report, title="Ringkasan", body=paragraph("Yang perlu diketahui."), pinned=True)
    html = Client().get(permalink(report.article)).content.decode()
    pinned = must_search(
        r'class="live__pinned" data-live-pinned>(.*?)</div>\s*{#|class="live__pinned" data-live-pinned>(.*?)<button',
        html,
        re.S,
    )
    assert "Yang perlu diketahui." in pinned.group(0) and "Disematkan" in pinned.group(0)
    keys = must_search(r'<nav class="live__keys".*?</nav>', html, re.S).group(0)
    assert "Peristiwa penting" in keys and "Rekapitulasi selesai" in keys and "Ringkasan" not in keys
    assert "Langsung" in html and f'data-url="/langsung/{report.article.pk}/terbaru/"' in html


def test_live_blog_posting_json_ld_with_its_updates(report):
    LiveEntry.objects.create(report=report, title="Quick count 50 persen", body=paragraph("Setengah suara masuk."))
    html = Client().get(permalink(report.article)).content.decode()
    data = json.loads(must_search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "LiveBlogPosting" and data["headline"] == "Hitung Cepat Pilkada Surabaya"
    assert "coverageStartTime" in data and "coverageEndTime" not in data
    update = data["liveBlogUpdate"][0]
    assert update["@type"] == "BlogPosting" and update["headline"] == "Quick count 50 persen"
    assert update["articleBody"] == "Setengah suara masuk." and update["url"].endswith(
        f"#entri-{report.entries.get().pk}"
    )
    report.close()
    report.save()
    html = Client().get(permalink(report.article)).content.decode()
    assert "coverageEndTime" in html


def test_an_ordinary_article_keeps_news_article(seed):
    html = Client().get(permalink(seed)).content.decode()
    assert '"@type": "NewsArticle"' in html and "data-live" not in html


def test_the_fragment_holds_the_newest_entries_and_the_pinned_one(report):
    now = timezone.now()
    pinned = LiveEntry.objects.create(
        report=report, body=paragraph("Disematkan lama."), pinned=True, posted_at=now - datetime.timedelta(days=1)
    )
    for i in range(25):
        LiveEntry.objects.create(
            report=report, body=paragraph(f"Entri {i}."), posted_at=now - datetime.timedelta(minutes=30 - i)
        )
    response = Client().get(f"/langsung/{report.article.pk}/terbaru/")
    html = response.content.decode()
    assert response.status_code == 200 and "max-age=0" in response["Cache-Control"]
    assert len(entry_ids(html)) == 20 and "Entri 24." in html and "Entri 4." not in html
    assert f'data-id="{pinned.pk}"' in html


def test_the_fragment_of_an_unpublished_or_ordinary_article_is_404(report, seed):
    assert Client().get(f"/langsung/{seed.pk}/terbaru/").status_code == 404
    Article.objects.filter(pk=report.article.pk).update(status=Article.Status.DRAFT)
    assert Client().get(f"/langsung/{report.article.pk}/terbaru/").status_code == 404


def test_the_entries_feed(report):
    LiveEntry.objects.create(report=report, title="TPS ditutup", body=paragraph("Pemungutan suara selesai."))
    response = Client().get(f"/langsung/{report.article.pk}/feed/")
    xml = response.content.decode()
    assert response.status_code == 200 and "<title>TPS ditutup</title>" in xml
    assert "Pemungutan suara selesai." in xml and "#entri-" in xml


def test_the_demo_has_a_live_report_with_a_dozen_entries_on_the_home_page():
    report = LiveReport.objects.get(article__slug=DEMO_LIVE)
    entries = list(report.entries.all())
    assert len(entries) == 12
    assert sum(e.pinned for e in entries) == 1 and sum(e.key_event for e in entries) == 2
    home = Client().get("/").content.decode()
    assert f'href="{permalink(report.article)}#langsung"' in home


def card_of(html: str, headline: str) -> str:
    return next(card for card in html.split('<article class="card')[1:] if headline in card)


def test_list_cards_of_an_open_live_report_wear_the_live_label(report, editor, seed):
    lists = ["/", "/indeks/", report.article.section.get_absolute_url()]
    label = '<span class="label label--live">Langsung</span>'
    for path in lists:
        html = Client().get(path).content.decode()
        assert label in card_of(html, report.article.headline), path
        assert label not in card_of(html, seed.headline), path
    logged_in(editor).post(f"/redaksi/live/livereport/{report.pk}/tutup/")
    for path in lists:
        assert label not in card_of(Client().get(path).content.decode(), report.article.headline), path


def test_the_live_page_names_its_entries_feed_for_feed_readers(report):
    page = Client().get(permalink(report.article)).content.decode()
    head = page.split("</head>")[0]
    feed = f'href="/langsung/{report.article.pk}/feed/"'
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="{report.article.headline} – langsung" {feed}>' in head
    )
