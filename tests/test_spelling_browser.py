"""The writing desk's spelling underlines in Debian's chromium, with the shipped bundle.

The page is shaped like the article form with the spelling endpoint's address in
data-spelling-url; page.route() answers that endpoint with the real checker
(warta.lib.spelling), so what is underlined is what the newsroom would see.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import pytest

from tests.test_browser import CHROMIUM, CHROMIUM_ARGS
from warta.lib.spelling import check

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request, Route

pytestmark = pytest.mark.browser

BUNDLE = Path(__file__).resolve().parent.parent / "warta/newsroom/static/newsroom/editor"
ORIGIN = "http://127.0.0.1:8732"  # never contacted: page.route() answers every request
BLOCKS = [
    {"type": "paragraph", "text": "Presiden akan pergi <strong>kesana</strong> pekan depan."},
    {"type": "paragraph", "text": "Ia menjaga keamanan dan stabilitasn kawasan."},
]


def page_html(autosave: dict[str, Any] | None = None) -> str:
    """The article form; with autosave, the unsaved writing the desk offers to restore ("Pulihkan")."""
    saved = f'<script id="autosave-data" type="application/json">{json.dumps(autosave)}</script>' if autosave else ""
    return PAGE.replace("</body>", f"{saved}</body>")


PAGE = f"""<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self'; script-src 'self'">
<link rel="stylesheet" href="/editor/editor.css"><script src="/editor/editor.js" defer></script></head>
<body>
<form id="article_form" method="post" action="/save/">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok">
  <input type="hidden" id="id_body_json" name="body_json" value="">
  <div id="warta-editor" data-autosave-url="/api/autosave/" data-spelling-url="/api/periksa/" data-wpm="200"></div>
  <input type="submit" name="_save" value="Simpan">
</form>
<div id="workflow"><button type="submit" form="article_form" name="_workflow" value="publish" id="publish">Terbitkan sekarang</button>
<button type="submit" form="article_form" name="_workflow" value="unpublish" id="unpublish">Tarik</button>
<button type="submit" form="article_form" name="_workflow" value="submit" id="submit">Simpan dan ajukan untuk ditinjau</button></div>
<script id="body-blocks" type="application/json">{json.dumps(BLOCKS)}</script>
</body></html>"""


class Desk:
    def __init__(self, page: Page, autosave: dict[str, Any] | None = None) -> None:
        self.page = page
        self.autosave = autosave
        self.checker_down = False  # when set, the check endpoint never answers
        self.posts: list[str] = []
        self.bodies: list[dict[str, list[str]]] = []  # the article form's, as sent to /save/
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.route("**/*", self.answer)

    def answer(self, route: Route, request: Request) -> None:
        if not request.url.startswith(ORIGIN + "/"):
            route.abort()
            return
        path = request.url[len(ORIGIN) :].split("?")[0]
        if request.method == "POST":
            self.posts.append(path)
            if path == "/save/":
                self.bodies.append(parse_qs(request.post_data or ""))
        if path == "/desk/":
            route.fulfill(body=page_html(self.autosave), content_type="text/html; charset=utf-8")
        elif path in ("/editor/editor.js", "/editor/editor.css"):
            route.fulfill(path=BUNDLE / path.rsplit("/", 1)[1])
        elif path == "/api/periksa/":
            if self.checker_down:
                return  # the request hangs, as behind a stuck server
            route.fulfill(json=self.findings(json.loads(request.post_data_buffer or b"{}")))
        elif path == "/api/autosave/":
            route.fulfill(json={"saved_at": "10.45", "stale": False})
        else:
            route.fulfill(body="<p>ok</p>", content_type="text/html")

    @staticmethod
    def findings(data: dict[str, Any]) -> dict[str, Any]:
        """What warta.language.admin.check_view answers (texts here hold no emoji: offsets agree)."""
        return {
            "findings": [
                {
                    "block": i,
                    "from": f.start,
                    "to": f.end,
                    "word": f.word,
                    "suggestions": list(f.suggestions),
                    "rule": f.rule,
                    "message": f.rule,
                }
                for i, text in enumerate(data["texts"])
                for f in check(text)
            ]
        }


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def desk(chromium: Browser) -> Iterator[Desk]:
    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    page.set_default_timeout(10000)
    desk = Desk(page)
    page.goto(ORIGIN + "/desk/", wait_until="domcontentloaded")
    page.wait_for_selector(".we-prose .we-spell")
    yield desk
    assert desk.errors == []
    page.close()


def test_findings_are_underlined_where_they_are(desk):
    underlined = desk.page.eval_on_selector_all(
        ".we-prose .we-spell", "els => els.map(e => [e.textContent, e.dataset.rule])"
    )
    assert underlined == [["kesana", "kata-depan"], ["stabilitasn", "ejaan"]]
    desk.page.screenshot(path="test-artifacts/spelling-underlines.png")


def test_a_click_offers_the_suggestions_and_applies_one(desk):
    desk.page.click(".we-prose .we-spell >> text=kesana")
    menu = desk.page.locator(".we-spell-menu")
    assert menu.locator(".we-spell-menu__option").first.text_content() == "ke sana"
    menu.locator(".we-spell-menu__option").first.click()
    assert "ke sana" in desk.page.input_value("#id_body_json")
    assert "<strong>ke sana</strong>" in json.loads(desk.page.input_value("#id_body_json"))[0]["text"]
    from playwright.sync_api import expect

    expect(desk.page.locator(".we-prose .we-spell")).to_have_count(1)  # only stabilitasn is left


def test_typing_a_mistake_underlines_it_after_a_pause(desk):
    desk.page.click(".we-prose p:last-child")
    desk.page.keyboard.press("End")
    desk.page.keyboard.type(" Silahkan datang.")
    desk.page.wait_for_selector(".we-prose .we-spell >> text=Silahkan")


def test_publishing_lists_the_findings_first_but_never_blocks(desk):
    desk.page.click("#publish")  # a workflow button outside the form, sending it (form="article_form")
    review = desk.page.locator("#we-spell-review")
    assert "2 kemungkinan salah tulis" in review.text_content()
    assert "kesana → ke sana" in review.text_content()
    assert "/save/" not in desk.posts
    review.locator(".we-spell-review__go").click()
    desk.page.wait_for_url("**/save/")
    assert desk.bodies[-1]["_workflow"] == ["publish"] and "body_json" in desk.bodies[-1]


def test_unpublishing_asks_nothing(desk):
    desk.page.click("#unpublish")
    desk.page.wait_for_url("**/save/")
    assert desk.page.locator("#we-spell-review").count() == 0 and desk.bodies[-1]["_workflow"] == ["unpublish"]


def test_a_plain_save_asks_nothing(desk):
    desk.page.click("input[name=_save]")
    desk.page.wait_for_url("**/save/")
    assert desk.page.locator("#we-spell-review").count() == 0


def restored(chromium, checker_down: bool = False) -> Desk:
    """A desk whose autosave ("rumah merka") was just restored with Pulihkan: its text not checked yet."""
    saved = {"saved_at": "10.42", "fields": {"body": [{"type": "paragraph", "text": "Banjir merendam rumah merka."}]}}
    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    page.set_default_timeout(10000)
    desk = Desk(page, autosave=saved)
    page.goto(ORIGIN + "/desk/", wait_until="domcontentloaded")
    page.wait_for_selector(".we-prose .we-spell")
    desk.checker_down = checker_down
    page.click(".we-restore-apply")
    return desk


def test_restoring_the_autosave_then_sending_at_once_still_lists_the_findings(chromium):
    # Pulihkan replaces the text and drops its underlines; the new text's check waits for a pause
    # in typing. A send at once must wait for (or force) that check instead of finding nothing.
    desk = restored(chromium)
    page = desk.page
    page.click("#submit")
    review = page.locator("#we-spell-review")
    review.wait_for()
    assert "merka → mereka" in (review.text_content() or "")
    assert "/save/" not in desk.posts
    review.locator(".we-spell-review__go").click()
    page.wait_for_url("**/save/")
    assert desk.bodies[-1]["_workflow"] == ["submit"] and "merka" in desk.bodies[-1]["body_json"][0]
    assert desk.errors == []
    page.close()


def test_a_send_goes_through_when_the_stale_text_cannot_be_checked(chromium):
    desk = restored(chromium, checker_down=True)
    page = desk.page
    started = time.monotonic()
    page.click("#submit")
    page.wait_for_url("**/save/")  # never blocked: the check is given a few seconds, then the send goes on
    assert time.monotonic() - started < 8
    assert desk.bodies[-1]["_workflow"] == ["submit"] and "merka" in desk.bodies[-1]["body_json"][0]
    assert desk.errors == []
    page.close()


def test_a_tap_on_a_phone_offers_the_suggestions_in_reach_and_on_screen(chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10000)
    desk = Desk(page)
    page.goto(ORIGIN + "/desk/", wait_until="domcontentloaded")
    page.wait_for_selector(".we-prose .we-spell")
    page.tap(".we-prose .we-spell >> text=stabilitasn")
    menu = page.locator(".we-spell-menu")
    menu.wait_for()
    box = menu.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    for button in menu.locator("button").all():
        size = button.bounding_box()
        assert size is not None and size["height"] >= 44 and size["x"] + size["width"] <= 360
    page.screenshot(path="test-artifacts/spelling-menu-phone.png")
    option = menu.locator(".we-spell-menu__option").first
    assert option.text_content() == "stabilitas"
    option.tap()
    assert "stabilitas kawasan" in json.loads(page.input_value("#id_body_json"))[1]["text"]
    assert page.locator(".we-spell-menu").count() == 0
    assert desk.errors == []
    context.close()
