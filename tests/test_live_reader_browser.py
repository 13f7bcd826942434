"""A reader keeps a live report open in chromium while the editor deletes an entry and closes the
report: the page says the coverage ended (politely, for screen readers), the count and the key
events follow, and the pinned entry is printed once; at 360 and 1366 px."""

from __future__ import annotations

import pytest

from tests.test_browser import ARTIFACTS, EDITOR, browser, demo_site, log_in, warta_shell  # noqa: F401

pytestmark = pytest.mark.browser

MAKE_REPORT = """
import datetime
from django.utils import timezone
from warta.articles.models import Article
from warta.live.models import LiveEntry, LiveReport
seed = Article.objects.get(slug="gawat-putin-kim-jong-un-makin-nempel")
article, _ = Article.objects.get_or_create(slug="{slug}", defaults=dict(
    headline="Banjir Rob Pesisir Utara {slug}", section=seed.section, body=seed.body,
    status=Article.Status.PUBLISHED, published_at=timezone.now() - datetime.timedelta(days=2)))
report, _ = LiveReport.objects.get_or_create(article=article)
start = timezone.now() - datetime.timedelta(days=1, hours=1)
for n, (title, key, pinned) in enumerate([("Air mulai naik", True, False), ("Ringkasan banjir", False, True),
                                          ("Pengungsian dibuka", False, False), ("Tanggul jebol", True, False)]):
    LiveEntry.objects.create(report=report, title=title, key_event=key, pinned=pinned,
        posted_at=start + datetime.timedelta(hours=8 * n),
        body=[{{"type": "paragraph", "text": f"Laporan {{title.lower()}} dari lapangan."}}])
print(article.get_absolute_url())
"""

CLOSE_REPORT = """
from warta.live.models import LiveEntry, LiveReport
report = LiveReport.objects.get(article__slug="{slug}")
LiveEntry.objects.get(report=report, title="Tanggul jebol").delete()
report.close()
report.save()
"""


@pytest.mark.parametrize("width", [360, 1366])
def test_an_open_page_is_told_the_coverage_ended(demo_site, browser, width):  # noqa: F811
    slug = f"banjir-rob-{width}"
    address = warta_shell(demo_site, MAKE_REPORT.format(slug=slug))
    reader = browser.new_page(viewport={"width": width, "height": 800})
    assert reader.goto(demo_site.url + address).status == 200
    live = reader.locator("[data-live]")
    assert live.locator(".live__badge").is_visible() and "4 entri" in live.locator(".live__count").inner_text()
    assert live.locator(".live__keys li").count() == 2
    # The pinned entry in full once, on top; in the stream, one line in its place that links up to it.
    assert reader.get_by_text("Laporan ringkasan banjir dari lapangan.").count() == 1
    stub = live.locator("[data-live-stream] .live-entry--stub")
    assert stub.inner_text().strip().endswith("Disematkan di atas: Ringkasan banjir")
    # The coverage spans two days: every time shows its day ("16 Agu 15.05 WIB").
    first_time = live.locator("[data-live-stream] time").first.inner_text()
    assert len(first_time.split()) == 4 and first_time.endswith("WIB"), first_time
    ARTIFACTS.mkdir(exist_ok=True)
    live.screenshot(path=ARTIFACTS / f"live-open-{width}.png")

    warta_shell(demo_site, CLOSE_REPORT.format(slug=slug))
    ended = live.locator("[data-live-status] .live__ended")
    ended.wait_for(state="visible", timeout=30_000)
    assert ended.inner_text().startswith("Liputan langsung telah berakhir pada ")
    assert live.locator("[data-live-status]").get_attribute("aria-live") == "polite"
    assert live.locator(".live__badge").count() == 0
    assert "3 entri" in live.locator(".live__count").inner_text()
    keys = live.locator(".live__keys li").all_inner_texts()
    assert len(keys) == 1 and "Air mulai naik" in keys[0]  # the deleted key event left the list
    assert live.locator("[data-live-stream] > li").count() == 3  # the deleted entry went too
    assert live.get_attribute("data-open") == "0"
    live.screenshot(path=ARTIFACTS / f"live-ended-{width}.png")
    reader.close()


MAKE_BREAKING = """
import datetime
from django.utils import timezone
from warta.articles.models import Article
from warta.live.models import Breaking
article = Article.objects.get(slug="gawat-putin-kim-jong-un-makin-nempel")
Breaking.objects.get_or_create(article=article, label="Gempa magnitudo 6,1 guncang Pulau Bawean, warga diminta menjauhi pantai",
    defaults=dict(expires_at=timezone.now() + datetime.timedelta(hours=2)))
"""


@pytest.mark.parametrize("width", [1366, 360])
def test_the_breaking_list_reads_in_indonesian_without_a_word_a_line(demo_site, browser, width):  # noqa: F811
    warta_shell(demo_site, MAKE_BREAKING)
    page = log_in(browser, demo_site, EDITOR, viewport={"width": width, "height": 768})
    page.goto(demo_site.url + "/redaksi/live/breaking/")
    headers = [h.strip().upper() for h in page.locator("#result_list thead th").all_inner_texts() if h.strip()]
    assert headers[:2] == ["TEKS BILAH", "ARTIKEL"] and "TEXT" not in headers
    cell = page.locator("#result_list td.field-bar_text, #result_list th.field-bar_text").first
    box = cell.bounding_box()
    line = float(cell.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 18"))
    assert box is not None and box["height"] <= line * (3 if width > 1000 else 6) + 20, box  # not one word a line
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"live-breaking-list-{width}.png")
    page.context.close()
