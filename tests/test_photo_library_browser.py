"""The photo library's list and the chosen photo's preview, in Debian's chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_browser import EDITOR, browser, demo_site, log_in, screenshot, visible_changelist_columns  # noqa: F401

pytestmark = pytest.mark.browser

LIST = "/redaksi/photos/photo/"


@pytest.mark.parametrize("width", [1366, 360])
def test_the_library_shows_thumbnails_and_every_column_without_scrolling(demo_site, browser, width):  # noqa: F811
    page = log_in(browser, demo_site, EDITOR, viewport={"width": width, "height": 800})
    page.goto(demo_site.url + LIST)
    visible = visible_changelist_columns(page, width)
    thumb = page.locator("#result_list tbody tr").first.locator(".field-thumbnail img")
    thumb.scroll_into_view_if_needed()
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
    shown = thumb.bounding_box()
    assert shown is not None and shown["width"] == (80 if width > 767 else 48)
    assert "renditions/" in thumb.evaluate("img => img.currentSrc")
    if width == 360:
        assert not {"column-size", "column-uploaded"} & set(visible)
    screenshot(page, f"photo-library-{width}.png", full_page=True)
    page.context.close()


def test_choosing_another_photo_shows_its_thumbnail(demo_site, browser):  # noqa: F811
    """photos/photo_choice.js on a select as widgets.PhotoChoice writes it (the desk wires it in
    warta/newsroom/admin.py), the change sent through the admin's jQuery as Django and select2 do."""
    page = log_in(browser, demo_site, EDITOR)
    page.goto(demo_site.url + LIST)  # the admin's jQuery, and a logged-in session
    ids = page.locator("#result_list input.action-select").evaluate_all("els => els.map(e => e.value)")
    page.evaluate(
        """([first, second]) => {
          const form = document.createElement("div");
          form.className = "related-widget-wrapper";
          form.innerHTML = `<select id="id_lead_photo" class="admin-autocomplete photo-choice">
              <option value=""></option><option value="${first}" selected>1</option>
              <option value="${second}">2</option></select>
            <span class="photo-choice__preview" id="id_lead_photo_preview" data-photo="${first}"
              data-url="/redaksi/photos/photo/preview/" data-none="Tanpa pratinjau"></span>`;
          document.body.prepend(form);
        }""",
        ids[:2],
    )
    script = (Path(__file__).resolve().parent.parent / "warta/photos/static/photos/photo_choice.js").read_text()
    page.add_script_tag(content=script)
    page.evaluate(
        "(id) => { const s = document.getElementById('id_lead_photo'); s.value = id;"
        " django.jQuery(s).trigger('change'); }",
        ids[1],
    )
    img = page.locator("#id_lead_photo_preview img")
    img.wait_for()
    assert "renditions/" in (img.get_attribute("src") or "")
    assert int(img.get_attribute("width") or 0) == 120 and img.get_attribute("loading") == "lazy"
    assert page.locator("#id_lead_photo_preview").get_attribute("data-photo") == ids[1]
    page.evaluate(
        "() => { const s = document.getElementById('id_lead_photo'); s.value = '';"
        " django.jQuery(s).trigger('change'); }"
    )
    assert page.locator("#id_lead_photo_preview").inner_html() == ""
    page.context.close()
