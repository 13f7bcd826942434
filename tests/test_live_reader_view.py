"""What a reader of a live report sees around the stream, and what the back office lets staff
erase: the polled fragment carries the count, the state and the key events (so an open page
learns the coverage ended); the pinned entry is printed once; entries of a report spanning days
show their day; a report with entries is closed, never deleted; the breaking-news list reads in
Indonesian."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import StaffClient, must_search, permalink
from warta.live.models import Breaking, LiveEntry, LiveReport

pytestmark = pytest.mark.django_db

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
LIST = "/redaksi/live/livereport/"


def paragraph(text: str) -> list[dict]:
    return [{"type": "paragraph", "text": text}]


@pytest.fixture
def report(make_article) -> LiveReport:
    article = make_article(headline="Hitung Cepat Pilkada Surabaya", slug="hitung-cepat-pilkada-surabaya")
    return LiveReport.objects.create(article=article, coverage_start=timezone.now() - datetime.timedelta(hours=3))


def fragment(report: LiveReport) -> str:
    response = Client().get(f"/langsung/{report.article.pk}/terbaru/")
    assert response.status_code == 200
    return response.content.decode()


def part(html: str, name: str) -> str:
    """The inside of the page's or the fragment's [data-live-<name>] element."""
    return must_search(rf"<(div|span)[^>]*data-live-{name}[^>]*>(.*?)</\1>", html, re.S).group(2)


# --- 1. the fragment tells an open page what changed around the stream --------------------------


def test_the_fragment_carries_the_count_the_state_and_the_key_events(report, editor):
    now = timezone.now()
    entries = [
        LiveEntry.objects.create(
            report=report,
            title=f"Entri {n}",
            body=paragraph(f"Isi {n}."),
            key_event=n in (1, 3),
            posted_at=now - datetime.timedelta(minutes=10 - n),
        )
        for n in range(4)
    ]
    html = fragment(report)
    assert 'data-count="4"' in html and "4 entri" in part(html, "count")
    assert "Langsung" in part(html, "status")
    keys = part(html, "keys")
    assert "Peristiwa penting" in keys and "Entri 1" in keys and "Entri 3" in keys and "Entri 2" not in keys

    # The editor deletes a key event and closes the report: the fragment (purged) says so.
    editor.post(f"{LIST}{report.pk}/entri/{entries[3].pk}/hapus/", {"confirm": "1"})
    editor.post(f"{LIST}{report.pk}/tutup/")
    report.refresh_from_db()
    assert not report.is_open and report.entries.count() == 3
    html = fragment(report)
    assert 'data-open="0"' in html and 'data-count="3"' in html and "3 entri" in part(html, "count")
    ended = timezone.localtime(report.coverage_end).strftime("%H.%M")
    status = part(html, "status")
    assert "Liputan langsung telah berakhir pada" in status and ended in status and "Langsung<" not in status
    assert "Entri 3" not in part(html, "keys") and "Entri 1" in part(html, "keys")
    # The page itself names the same parts, the status in a polite live region.
    page = Client().get(permalink(report.article)).content.decode()
    assert re.search(r'data-live-status aria-live="polite"', page)
    assert "3 entri" in part(page, "count") and "Liputan langsung telah berakhir" in part(page, "status")


def test_the_fragment_is_the_same_for_every_reader(report, editor):
    LiveEntry.objects.create(report=report, body=paragraph("Isi."), key_event=True)
    anonymous = Client().get(f"/langsung/{report.article.pk}/terbaru/")
    staff = editor.get(f"/langsung/{report.article.pk}/terbaru/")
    assert anonymous.content == staff.content
    assert "private" not in anonymous.get("Cache-Control", "") and "Set-Cookie" not in anonymous


# --- 2. the pinned entry is printed once -------------------------------------------------------


def test_the_pinned_entry_is_shown_in_full_once_and_a_line_in_the_stream(report):
    now = timezone.now()
    LiveEntry.objects.create(report=report, body=paragraph("Biasa."), posted_at=now - datetime.timedelta(minutes=5))
    pinned = LiveEntry.objects.create(
        report=report,
        title="Ringkasan",
        body=paragraph("Yang perlu diketahui pembaca."),
        pinned=True,
        posted_at=now - datetime.timedelta(minutes=9),
    )
    page = Client().get(permalink(report.article)).content.decode()
    section = must_search(r"<section [^>]*data-live.*?</section>", page, re.S).group(0)  # not the JSON-LD
    for html in (section, fragment(report)):
        assert html.count("Yang perlu diketahui pembaca.") == 1
        stream = must_search(r"data-live-stream>(.*?)</ol>", html, re.S).group(1)
        stub = must_search(
            rf'<article class="live-entry live-entry--stub" data-id="{pinned.pk}".*?</article>', stream, re.S
        )
        assert "Disematkan di atas: Ringkasan" in stub.group(0) and f'href="#entri-{pinned.pk}"' in stub.group(0)
        # The anchor (key events, the feed, shared links) is the full entry in the pinned slot, once.
        assert html.count(f'id="entri-{pinned.pk}"') == 1 and f'id="entri-{pinned.pk}"' not in stream


# --- 3. the day of entries when the coverage spans days ----------------------------------------


def test_entries_show_their_day_only_when_the_coverage_spans_days(report):
    evening = datetime.datetime(2022, 8, 16, 23, 40, tzinfo=JAKARTA)
    LiveEntry.objects.create(report=report, title="Malam", body=paragraph("Malam."), key_event=True, posted_at=evening)
    page = Client().get(permalink(report.article)).content.decode()
    assert "live--days" not in page and 'data-days="0"' in fragment(report)
    assert '<span class="live__day">16 Agu </span>23.40 WIB' in page  # hidden by live.css
    LiveEntry.objects.create(report=report, body=paragraph("Pagi."), posted_at=evening + datetime.timedelta(minutes=30))
    page = Client().get(permalink(report.article)).content.decode()
    section = must_search(r'<section class="[^"]*"', page).group(0)
    assert "live--days" in section and 'data-days="1"' in fragment(report)
    assert '<time datetime="2022-08-17T00:10:00+07:00"' in page and "17 Agu </span>00.10 WIB" in page
    css = (Path(__file__).resolve().parent.parent / "warta/live/static/live/live.css").read_text()
    assert ".live:not(.live--days) .live__day { display: none; }" in css


# --- 4. a report with entries is closed, never deleted ------------------------------------------


@pytest.fixture
def boss(django_user_model) -> StaffClient:
    user = django_user_model.objects.create_superuser("pemred", "pemred@kempalan.test", "rahasia-123")
    client = StaffClient()
    client.force_login(user)
    client.user = user
    return client


def test_there_is_no_bulk_delete_of_live_reports(report, boss):
    LiveEntry.objects.create(report=report, body=paragraph("Sudah terbit."))
    listing = boss.get(LIST).content.decode()
    assert "delete_selected" not in listing and "Hapus laporan langsung yang dipilih" not in listing
    boss.post(LIST, {"action": "delete_selected", "_selected_action": [report.pk], "post": "yes"})
    assert LiveReport.objects.filter(pk=report.pk).exists() and report.entries.count() == 1


def test_a_report_with_entries_cannot_be_deleted_one_without_can(report, boss, make_article):
    LiveEntry.objects.create(report=report, body=paragraph("Sudah terbit."))
    asked = boss.get(f"{LIST}{report.pk}/delete/", follow=True)
    assert "tidak dapat dihapus" in asked.content.decode()
    boss.post(f"{LIST}{report.pk}/delete/", {"post": "yes"})
    assert LiveReport.objects.filter(pk=report.pk).exists() and report.entries.count() == 1
    mistake = LiveReport.objects.create(article=make_article(slug="salah-buka", headline="Salah buka"))
    boss.post(f"{LIST}{mistake.pk}/delete/", {"post": "yes"})
    assert not LiveReport.objects.filter(pk=mistake.pk).exists()


# --- 5. the breaking-news list ------------------------------------------------------------------


def test_the_breaking_list_names_its_columns_in_indonesian(editor, seed):
    Breaking.objects.create(
        article=seed, label="Gempa M 6,1 guncang Bawean", expires_at=timezone.now() + datetime.timedelta(hours=1)
    )
    html = editor.get("/redaksi/live/breaking/").content.decode()
    head = must_search(r"<thead>.*?</thead>", html, re.S).group(0)
    assert "Teks bilah" in head and ">Text<" not in head and "TEXT" not in head
    assert 'class="field-bar_text"' in html and "Gempa M 6,1 guncang Bawean" in html
    assert "live/admin_list.css" in html
