"""axe-core on the reader's pages in Debian's chromium, as a phone shows them: no violations (issue 19).

axe.min.js is vendored in tests/vendor/ (see its README), so the test needs no network and no npm.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SEED_URL
from tests.test_browser import EDITOR, browser, demo_site, log_in  # noqa: F401 - fixtures shared with the browser tests

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PHONE = {"width": 360, "height": 740}
PAGES = {
    "article": SEED_URL,
    "home": "/",
    "section": "/category/surabaya/",
    "tag": "/tag/putin/",
    "author": "/author/muhamad-nurilham/",
    "search": "/cari/?q=surabaya",
    "not found": "/tidak-ada-di-sini/",
}


def violations(page) -> list[str]:
    """Run axe on what the page shows now; one line per violation and the elements it names."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – " + ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]


@pytest.fixture(params=["light", "dark"])
def phone(request, browser):  # noqa: F811 - the shared fixture
    # bypass_csp: axe is injected as an inline script, which the site's policy rightly refuses.
    context = browser.new_context(
        viewport=PHONE, color_scheme=request.param, is_mobile=True, has_touch=True, bypass_csp=True
    )
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_has_no_accessibility_violations(demo_site, phone, name):  # noqa: F811
    response = phone.goto(demo_site.url + PAGES[name])
    assert response.status == (404 if name == "not found" else 200)
    assert violations(phone) == []


def test_the_comment_form_after_an_error_has_no_violations(demo_site, phone):  # noqa: F811
    phone.goto(demo_site.url + SEED_URL)
    form = phone.locator(".comment-form")
    form.evaluate("form => { form.noValidate = true; }")  # let the server answer, as without JavaScript
    form.locator("#id_email").fill("bukan-email")
    with phone.expect_navigation():
        form.locator("button[type=submit]").click()
    assert phone.locator(".form-errors").is_visible()
    assert phone.locator("#id_name").get_attribute("aria-describedby") == "id_name_error"
    assert phone.locator("#id_name_error").inner_text() == "Nama wajib diisi."
    assert violations(phone) == []


def test_reading_settings_are_remembered_without_layout_shift(demo_site, browser):  # noqa: F811
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    page = context.new_page()
    page.goto(demo_site.url + SEED_URL)
    toggle = page.locator("[data-theme-toggle]")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    page.get_by_role("button", name="Perbesar teks").click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.reload()
    # Applied by prefs.js before the first paint, then shown on the controls.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(20, 19, 17)"
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "18px"
    assert page.locator("[data-theme-toggle]").get_attribute("aria-pressed") == "true"
    shift = page.evaluate(
        """() => new Promise(done => {
            let total = 0;
            new PerformanceObserver(list => { for (const e of list.getEntries()) total += e.value; })
                .observe({type: 'layout-shift', buffered: true});
            setTimeout(() => done(total), 500);
        })"""
    )
    assert shift < 0.01
    context.close()


def test_on_a_phone_the_menu_shows_it_scrolls_and_search_filters_are_folded(demo_site, phone):  # noqa: F811
    phone.goto(demo_site.url + "/")
    # The hint fades in (a short transition): wait for it to be fully shown.
    phone.wait_for_function("getComputedStyle(document.querySelector('.sections__more')).opacity === '1'")
    phone.locator(".sections ul").evaluate("list => { list.scrollLeft = list.scrollWidth; }")
    phone.wait_for_function("getComputedStyle(document.querySelector('.sections__more')).opacity === '0'")
    phone.goto(demo_site.url + "/cari/?q=surabaya")
    assert not phone.locator("#id_bagian").is_visible()
    first = phone.locator(".result").first.bounding_box()
    assert first is not None and first["y"] < PHONE["height"]
    phone.get_by_text("Saring").click()
    assert phone.locator("#id_bagian").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_live_desk_is_readable_in_both_colour_schemes(demo_site, browser, scheme):  # noqa: F811
    """The desk borrows the readers' live styles, whose times and badges are in --accent: in the
    admin that was its pale yellow (1.3:1 on white)."""
    desk = log_in(browser, demo_site, EDITOR, color_scheme=scheme, bypass_csp=True)
    desk.goto(demo_site.url + "/redaksi/live/livereport/")
    desk.get_by_role("link", name=re.compile("Saksi Ungkap")).first.click()
    desk.wait_for_selector(".live-desk .live-entry__head time")
    desk.wait_for_load_state("load")  # its stylesheets too: axe measured the admin's own grey before desk.css came
    desk.add_script_tag(path=str(AXE))
    found = desk.evaluate("axe.run(document.querySelector('.live-desk'), {runOnly: ['color-contrast']})")
    assert [
        " ".join(n["target"]) + ": " + n["any"][0]["message"] for v in found["violations"] for n in v["nodes"]
    ] == []
    desk.context.close()
