"""A long live entry reads collapsed on the live page: its opening, then "Baca selengkapnya", a
<details> element (it opens without JavaScript and is the same page for every reader, so the page
stays cached); short entries are shown whole (see test_live_browser.py for a phone's view)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import must_search, permalink
from warta.live.models import LiveEntry, LiveReport

pytestmark = pytest.mark.django_db

SENTENCE = "Majelis hakim membacakan pertimbangan putusan satu per satu di hadapan terdakwa. "


@pytest.fixture
def report(make_article) -> LiveReport:
    article = make_article(headline="Sidang Vonis Korupsi Dana Hibah", slug="sidang-vonis-korupsi-dana-hibah")
    return LiveReport.objects.create(article=article, coverage_start=timezone.now() - datetime.timedelta(hours=1))


def paragraphs(*texts: str) -> list[dict]:
    return [{"type": "paragraph", "text": text} for text in texts]


def entry_html(html: str, entry: LiveEntry) -> str:
    return must_search(rf'<article [^>]*id="{entry.anchor()}".*?</article>', html, re.S).group(0)


def test_a_long_entry_shows_its_opening_and_the_rest_behind_baca_selengkapnya(report):
    first, *rest = [f"Bagian {n}. " + SENTENCE * 2 for n in range(1, 7)]  # about 1,000 characters
    entry = LiveEntry.objects.create(report=report, title="Pertimbangan hakim", body=paragraphs(first, *rest))
    html = entry_html(Client().get(permalink(report.article)).content.decode(), entry)
    opening, collapsed = html.split('<details class="live-entry__more">')
    assert "Bagian 1." in opening and "Bagian 2." not in opening
    summary = must_search(r"<summary>(.*?)</summary>", collapsed, re.S).group(1)
    assert "Baca selengkapnya" in summary and "Sembunyikan" in summary  # one shown at a time, by CSS
    assert all(f"Bagian {n}." in collapsed for n in range(2, 7))


def test_a_short_entry_is_shown_whole(report):
    entry = LiveEntry.objects.create(report=report, body=paragraphs("Sidang dibuka.", SENTENCE))
    html = entry_html(Client().get(permalink(report.article)).content.decode(), entry)
    assert "<details" not in html and "Sidang dibuka." in html


def test_a_long_single_paragraph_is_never_cut(report):
    entry = LiveEntry.objects.create(report=report, body=paragraphs(SENTENCE * 12))
    html = entry_html(Client().get(permalink(report.article)).content.decode(), entry)
    assert "<details" not in html and html.count(SENTENCE.strip()) == 12


def test_entries_that_arrive_by_polling_are_collapsed_too(report):
    entry = LiveEntry.objects.create(report=report, body=paragraphs(*[SENTENCE * 2] * 6))
    html = Client().get(f"/langsung/{report.article.pk}/terbaru/").content.decode()
    assert '<details class="live-entry__more">' in entry_html(html, entry)


def test_the_feed_and_json_ld_keep_the_whole_entry(report):
    entry = LiveEntry.objects.create(
        report=report, body=paragraphs(*[f"Bagian {n}. " + SENTENCE * 2 for n in range(6)])
    )
    feed = Client().get(f"/langsung/{report.article.pk}/feed/").content.decode()
    assert "Bagian 5." in feed and "details" not in feed
    page = Client().get(permalink(report.article)).content.decode()
    json_ld = must_search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "Bagian 5." in json_ld and entry.anchor() in json_ld
