"""Live coverage and the page cache: the polled fragment is cached and purged like pages (one
render per change, whatever the number of readers), and the breaking-news bar appears and
disappears by purging exactly the pages that show it."""

from __future__ import annotations

import datetime
import time
import types

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import SEED_URL, permalink
from tests.wsgi_client import get
from warta.articles.models import Article
from warta.caching import fragments
from warta.live.models import Breaking, LiveEntry, LiveReport

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]


@pytest.fixture
def report(make_article) -> LiveReport:
    article = make_article(headline="Banjir Bandang di Pasuruan", slug="banjir-bandang-di-pasuruan")
    return LiveReport.objects.create(article=article)


def paragraph(text: str) -> list[dict]:
    return [{"type": "paragraph", "text": text}]


def test_many_readers_polling_cost_one_render_per_change(report, committed):
    fragment = f"/langsung/{report.article.pk}/terbaru/"
    renders = 0
    for change in range(3):
        committed(lambda n=change: LiveEntry.objects.create(report=report, body=paragraph(f"Kabar {n}.")))
        answers = [get(fragment) for _ in range(50)]
        renders += sum(not a.hit for a in answers)
        assert all(f"Kabar {change}." in a.text for a in answers)
    assert renders == 3


def test_a_reader_revalidating_an_unchanged_fragment_gets_304(report):
    fragment = f"/langsung/{report.article.pk}/terbaru/"
    first = get(fragment)
    assert get(fragment, if_none_match=first.headers["ETag"]).status == 304


def test_an_entry_purges_its_page_and_fragment_but_not_other_pages(report, seed, committed):
    page, fragment = permalink(report.article), f"/langsung/{report.article.pk}/terbaru/"
    for path in (page, fragment, "/", SEED_URL, "/feed/"):
        get(path)
        assert get(path).hit, path
    committed(lambda: LiveEntry.objects.create(report=report, body=paragraph("Air mulai surut.")))
    assert "Air mulai surut." in get(page).text and "Air mulai surut." in get(fragment).text
    for path in ("/", SEED_URL, "/feed/"):
        assert get(path).hit, path


def test_edits_and_deletions_reach_the_fragment(report, committed):
    fragment = f"/langsung/{report.article.pk}/terbaru/"
    entry = committed(lambda: LiveEntry.objects.create(report=report, body=paragraph("Korban dua orang.")))
    assert "Korban dua orang." in get(fragment).text

    def edit():
        entry.body = paragraph("Korban tiga orang.")
        entry.version += 1
        entry.save()

    committed(edit)
    assert "Korban tiga orang." in get(fragment).text
    committed(entry.delete)
    assert "Korban tiga orang." not in get(fragment).text


def breaking_bar(path: str) -> bool:
    return 'class="breaking"' in get(path).text


def test_breaking_news_appears_on_every_page_and_purges_exactly_those(seed, report, committed):
    pages = ["/", SEED_URL, "/category/internasional/", permalink(report.article)]
    others = ["/feed/", f"/langsung/{report.article.pk}/terbaru/"]
    for path in pages + others:
        get(path)
        assert get(path).hit, path
    soon = timezone.now() + datetime.timedelta(hours=2)
    marked = committed(
        lambda: Breaking.objects.create(article=seed, label="Gempa M6,1 guncang Jember", expires_at=soon)
    )
    for path in pages:
        answer = get(path)
        assert not answer.hit and "Gempa M6,1 guncang Jember" in answer.text, path
    for path in others:
        assert get(path).hit, path

    def clear():
        marked.cleared_at = timezone.now()
        marked.save()

    committed(clear)
    for path in pages:
        assert not breaking_bar(path), path


def test_the_bar_links_to_the_article_and_goes_at_its_expiry(seed, monkeypatch):
    Breaking.objects.create(article=seed, expires_at=timezone.now() + datetime.timedelta(minutes=2))
    html = Client().get("/").content.decode()
    assert f'href="{permalink(seed)}"' in html and "Terkini" in html and seed.headline in html
    # Nothing is kept past the expiry: the page's lifetime is limited to it, and so is the bar's
    # fragment's.
    response = get("/")
    max_age = int(response.headers["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert max_age <= 120
    assert 'class="breaking"' in Client().get("/").content.decode()  # kept meanwhile
    # Two minutes and a second later (no save: nothing is purged), the news has expired.
    Breaking.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    later = time.time() + 121
    monkeypatch.setattr(fragments, "time", types.SimpleNamespace(time=lambda: later))
    assert 'class="breaking"' not in Client().get("/").content.decode()


def test_an_unpublished_article_takes_its_bar_down(seed, committed):
    Breaking.objects.create(article=seed, expires_at=timezone.now() + datetime.timedelta(hours=1))
    assert breaking_bar("/")
    committed(lambda: _unpublish(seed))
    assert not breaking_bar("/")


def _unpublish(article: Article) -> None:
    article.status = Article.Status.UNPUBLISHED
    article.save()


def test_only_editors_mark_breaking_news(seed, django_user_model):
    from django.contrib.auth.models import Group

    writer = django_user_model.objects.create_user("penulis2", "p@k.test", "rahasia-123", is_staff=True)
    writer.groups.add(Group.objects.get(name="Penulis"))
    editor = django_user_model.objects.create_user("redaktur2", "r@k.test", "rahasia-123", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    form = {"article": seed.pk, "label": "", "expires_at_0": "", "expires_at_1": ""}
    client = Client()
    client.force_login(writer)
    assert client.get("/redaksi/live/breaking/add/").status_code == 403
    client.force_login(editor)
    later = timezone.localtime() + datetime.timedelta(hours=3)
    form.update({"expires_at_0": later.strftime("%Y-%m-%d"), "expires_at_1": later.strftime("%H:%M:%S")})
    assert client.post("/redaksi/live/breaking/add/", form).status_code == 302
    assert Breaking.objects.showing().get().created_by == editor
    too_late = timezone.localtime() + datetime.timedelta(days=3)
    form.update({"expires_at_0": too_late.strftime("%Y-%m-%d"), "expires_at_1": too_late.strftime("%H:%M:%S")})
    refused = client.post("/redaksi/live/breaking/add/", form)
    assert refused.status_code == 200 and "paling lama 48 jam" in refused.content.decode()
