"""A reader has the demo's live report open in chromium; an editor posts an entry from the back
office; the reader's page offers it without a reload and without moving what they are reading."""

from __future__ import annotations

import re
import time

import pytest

from tests.test_browser import (  # noqa: F401
    ARTIFACTS,
    EDITOR,
    PASSWORD,
    browser,
    demo_site,
    log_in,
    visible_changelist_columns,
    warta_shell,
)

pytestmark = pytest.mark.browser

LIVE_URL = "/2022/08/17/saksi-ungkap-aliran-dana-hibah-di-sidang-tipikor/"
PHONE = {"width": 360, "height": 740}
# A second live report, with a long headline and a long entry (six paragraphs, about 1,000 characters).
LONG_HEADLINE = (
    "Sidang Putusan Perkara Korupsi Dana Hibah Pemerintah Provinsi Jawa Timur untuk Kelompok Masyarakat "
    "Tahun Anggaran 2019 sampai 2022"
)
MAKE_LONG_REPORT = f"""
from django.utils import timezone
from warta.articles.models import Article
from warta.live.models import LiveEntry, LiveReport
seed = Article.objects.get(slug="gawat-putin-kim-jong-un-makin-nempel")
article, _ = Article.objects.get_or_create(slug="sidang-putusan-dana-hibah", defaults=dict(
    headline="{LONG_HEADLINE}", section=seed.section, body=seed.body, status=Article.Status.PUBLISHED,
    published_at=timezone.now()))
report, _ = LiveReport.objects.get_or_create(article=article)
sentence = "Majelis hakim membacakan pertimbangan putusan satu per satu di hadapan terdakwa. "
parts = [f"Bagian {{n}}. " + sentence * 2 for n in range(1, 7)]
LiveEntry.objects.get_or_create(report=report, title="Pertimbangan hakim",
    defaults=dict(body=[{{"type": "paragraph", "text": p}} for p in parts]))
print(article.get_absolute_url())
"""


def test_a_reader_sees_an_entry_posted_after_the_page_loaded(demo_site, browser):  # noqa: F811
    reader = browser.new_page(viewport={"width": 1280, "height": 900})
    assert reader.goto(demo_site.url + LIVE_URL).status == 200
    assert reader.locator(".live__badge").first.inner_text().strip().upper() == "LANGSUNG"
    assert reader.locator("[data-live-stream] > li").count() == 12
    assert "Yang perlu Anda ketahui" in reader.locator(".live__pinned").inner_text()
    assert reader.locator(".live__keys li").count() == 2
    before = reader.locator("[data-live-stream] > li").first.bounding_box()

    # The editor posts from the desk (without JavaScript: the plain form that always works).
    desk = browser.new_context(java_script_enabled=False).new_page()
    desk.goto(demo_site.url + "/redaksi/login/")
    desk.fill("#id_username", EDITOR)
    desk.fill("#id_password", PASSWORD)
    desk.click("input[type=submit]")
    desk.goto(demo_site.url + "/redaksi/live/livereport/")
    desk.get_by_role("link", name=re.compile("Saksi Ungkap")).first.click()
    desk.fill("#id_title", "Hakim tegur jaksa")
    desk.fill("#id_body_text", "Ketua majelis menegur jaksa yang terlambat menghadirkan saksi kelima.")
    posted_at = time.monotonic()
    desk.get_by_role("button", name="Terbitkan entri").or_(desk.locator("input[value='Terbitkan entri']")).click()
    assert "Entri terbit" in desk.content()

    bar = reader.locator("[data-live-new]")
    bar.wait_for(state="visible", timeout=30_000)
    waited = time.monotonic() - posted_at
    assert bar.inner_text() == "1 pembaruan baru"
    # The bar floats over the page: what the reader was reading has not moved.
    assert reader.locator("[data-live-stream] > li").first.bounding_box() == before
    assert reader.locator("[data-live-stream] > li").count() == 12
    bar.click()
    newest = reader.locator("[data-live-stream] > li").first
    assert "Ketua majelis menegur jaksa" in newest.inner_text() and "Hakim tegur jaksa" in newest.inner_text()
    assert reader.locator("[data-live-stream] > li").count() == 13 and bar.is_hidden()
    ARTIFACTS.mkdir(exist_ok=True)
    reader.wait_for_timeout(800)  # the smooth scroll to the new entry
    reader.screenshot(path=ARTIFACTS / "live-report.png")  # what the reader saw
    assert waited < 30


def test_an_entrys_photo_stays_inside_the_entry_on_a_phone(demo_site, browser):  # noqa: F811
    """The story's full-bleed photo margins ran an entry's photo over its rule and off the screen."""
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_site.url + LIVE_URL)
    entry = page.locator("[data-live-stream] > li", has=page.locator("figure")).first
    rule, photo = (box.bounding_box() for box in (entry.locator(".live-entry"), entry.locator("figure")))
    assert rule and photo
    # Clear of the rule (its 3 px and some room) and within the entry's right edge, as its text is.
    assert photo["x"] >= rule["x"] + 8 and photo["x"] + photo["width"] <= rule["x"] + rule["width"] + 1, (rule, photo)
    page.close()


def test_the_live_report_reads_without_javascript(demo_site, browser):  # noqa: F811
    page = browser.new_page(java_script_enabled=False)
    page.goto(demo_site.url + LIVE_URL)
    assert page.locator("[data-live-stream] > li").count() >= 12
    assert page.get_by_text("Saksi akui teken kuitansi kosong").first.is_visible()
    home = browser.new_page(java_script_enabled=False)
    home.goto(demo_site.url + "/")
    assert home.locator(".live-strip a").first.get_attribute("href") == LIVE_URL + "#langsung"


def test_a_long_entry_reads_collapsed_on_a_phone_and_opens_without_javascript(demo_site, browser):  # noqa: F811
    address = warta_shell(demo_site, MAKE_LONG_REPORT)
    page = browser.new_page(viewport=PHONE, java_script_enabled=False)
    assert page.goto(demo_site.url + address).status == 200
    entry = page.locator(".live__stream .live-entry").filter(has_text="Pertimbangan hakim")
    control = entry.locator("details > summary")  # the browser's own control: keyboard, touch, no script
    assert entry.get_by_text("Bagian 1.").is_visible() and control.inner_text() == "Baca selengkapnya"
    assert not entry.get_by_text("Bagian 6.").is_visible()
    collapsed = entry.bounding_box()
    assert collapsed is not None and collapsed["height"] < PHONE["height"] * 0.6
    box = control.bounding_box()
    assert box is not None and box["height"] >= 44  # a finger's target
    control.click()
    assert entry.get_by_text("Bagian 6.").is_visible() and control.inner_text() == "Sembunyikan"
    # Nothing wider than the phone: the page never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "live-long-entry-phone.png")


@pytest.mark.parametrize("width", [1366, 360])
def test_the_live_report_list_shows_every_column_without_scrolling(demo_site, browser, width):  # noqa: F811
    warta_shell(demo_site, MAKE_LONG_REPORT)  # a headline of 130 characters, as newsrooms write them
    page = log_in(browser, demo_site, EDITOR, viewport={"width": width, "height": 768})
    page.goto(demo_site.url + "/redaksi/live/livereport/")
    assert page.get_by_role("link", name=LONG_HEADLINE).is_visible()
    visible_changelist_columns(page, width)
    headers = page.locator("#result_list thead th").all_inner_texts()
    assert [h.strip().upper() for h in headers if h.strip()][:2] == ["ARTIKEL", "STATUS"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"live-report-list-{width}.png", full_page=True)
    page.context.close()
