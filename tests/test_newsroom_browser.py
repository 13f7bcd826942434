"""An Admin adds a writer from *Tambah staf*; the writer signs in through the invitation link;
an editor moderates three comments with the keyboard. All in Debian's chromium, against
`warta demo` run as a user runs it (its own data directory, on a free port)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, running_demo, screenshot

pytestmark = pytest.mark.browser
WARTA = str(Path(sys.executable).with_name("warta"))
ADMIN, PASSWORD = "kepala", "kata-sandi-kepala-1"


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    """`warta demo` with an Admin account; yields its address, environment and server log."""
    with running_demo(tmp_path_factory, "newsroom-demo", ADMIN, PASSWORD) as demo:
        yield demo


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def sign_in(page, url: str, username: str, password: str) -> None:
    page.goto(url + "/redaksi/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")


def invitation_link(log: Path, timeout: float = 15) -> str:
    """The console mail backend prints the invitation into the demo's log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(r"https?://\S+/redaksi/undangan/\S+/", log.read_text(errors="replace"))
        if found:
            return found.group(0)
        time.sleep(0.3)
    pytest.fail("no invitation in the demo's log")


def test_an_admin_adds_a_writer_who_signs_in_through_the_invitation(newsroom, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    sign_in(page, newsroom.url, ADMIN, PASSWORD)
    assert page.url == newsroom.url + "/redaksi/"
    assert page.locator("h1").inner_text().startswith("Ruang redaksi hari ini")
    screenshot(page, "newsroom-dashboard.png")
    page.get_by_role("link", name="Tambah staf").first.click()
    page.fill("#id_name", "Rina Wulandari")
    page.fill("#id_email", "rina@kempalan.test")
    page.get_by_label("Penulis").check()
    page.get_by_role("button", name="Tambahkan dan kirim undangan").click()
    # The demo has her byline already, without an account: the form asks, and she is given it.
    assert page.get_by_text("Nama penulis “Rina Wulandari” sudah ada, tanpa akun").is_visible()
    page.locator("#id_existing_author").select_option(label="Rina Wulandari")
    page.get_by_role("button", name="Tambahkan dan kirim undangan").click()
    assert page.locator(".messagelist").inner_text().startswith("Rina Wulandari kini staf sebagai Penulis")
    assert page.locator("#staff").get_by_text("rina@kempalan.test").is_visible()
    page.close()

    link = invitation_link(newsroom.log)
    assert link.startswith(newsroom.url + "/redaksi/undangan/")  # the address the demo serves (WARTA_SITE_URL)
    writer = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    writer.goto(link)
    assert "Buat kata sandi Anda" in writer.content()
    writer.fill("#id_new_password1", "Pena-Tajam-2024")
    writer.fill("#id_new_password2", "Pena-Tajam-2024")
    writer.get_by_role("button", name="Simpan kata sandi saya").click()
    assert writer.url == newsroom.url + "/redaksi/"
    assert writer.locator("#panel-drafts").is_visible() and writer.locator("#panel-comments").count() == 0
    writer.context.close()

    again = browser.new_page()
    again.goto(link)
    assert "Tautan ini tidak berlaku lagi" in again.content()
    sign_in(again, newsroom.url, "rina", "Pena-Tajam-2024")
    assert again.url == newsroom.url + "/redaksi/"
    again.close()


def test_an_editor_moderates_three_comments_with_the_keyboard(newsroom, browser):
    script = (
        "from warta.articles.models import Article; from warta.comments.models import Comment; "
        "a = Article.objects.get(slug='gawat-putin-kim-jong-un-makin-nempel'); "
        "[Comment.objects.create(article=a, name=f'Pembaca {i}', email=f'p{i}@contoh.id', "
        "text=f'Komentar uji {i}', status='pending') for i in range(3)]"
    )
    subprocess.run([WARTA, "shell", "-c", script], env=newsroom.env, check=True, capture_output=True)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    sign_in(page, newsroom.url, ADMIN, PASSWORD)
    page.goto(newsroom.url + "/redaksi/comments/comment/?status=pending")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 3
    assert page.locator("tr.cm-current").count() == 1
    url_before = page.url

    for key, expected, still_pending in (("a", "Disetujui", 2), ("s", "Spam", 1), ("d", "Sampah", 0)):
        page.keyboard.press(key)
        page.wait_for_function(
            "n => document.querySelectorAll('#result_list .cm-status.cm-pending').length === n", arg=still_pending
        )
        assert page.locator("#result_list .cm-status").get_by_text(expected, exact=True).count() == 1
    assert page.url == url_before  # no page load
    assert page.locator('[data-status-tab="pending"] .cm-count').inner_text() == "0"
    screenshot(page, "newsroom-moderation.png")

    page.keyboard.press("k")
    page.keyboard.press("k")
    assert page.locator("tr.cm-current .cm-status").inner_text() == "Disetujui"
    page.goto(newsroom.url + "/redaksi/newsroom/auditentry/")
    log = page.locator("#result_list").inner_text()
    assert "Komentar disetujui" in log and "Ditandai spam" in log and "Dipindah ke sampah" in log
    page.close()


# The first comment's approve button, its reply button and the inline reply box, in the window.
_FIRST_CARD = """() => {
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height}; };
  const row = document.querySelector("#result_list tbody tr");
  return {approve: box(row.querySelector('.cm-do[data-do="approve"]')), reply: box(row.querySelector(".cm-reply")),
          text: box(row.querySelector(".field-excerpt")), status: box(row.querySelector(".cm-status")),
          area: box(document.querySelector(".cm-reply-row textarea")),
          send: box(document.querySelector(".cm-reply-row button")),
          row: getComputedStyle(row).display, page: document.documentElement.scrollWidth,
          window: window.innerWidth};
}"""


def test_an_editor_moderates_on_a_phone_with_one_thumb(newsroom, browser):
    """At 360 px each comment is a card: its words, who, where, when, its status, and buttons a
    thumb can hit (44 px) inside the screen; the page never scrolls sideways and the inline reply
    fits. At 1366 px the list is the table it was."""
    script = (
        "from warta.articles.models import Article; from warta.comments.models import Comment; "
        "a = Article.objects.get(slug='gawat-putin-kim-jong-un-makin-nempel'); "
        "[Comment.objects.create(article=a, name=f'Pembaca Ponsel {i}', email=f'ponsel{i}@contoh.id', "
        "text=f'Komentar dari ponsel {i}: ' + 'cukup panjang untuk dibungkus dua baris di layar kecil. ' * 2, "
        "status='pending') for i in range(2)]"
    )
    subprocess.run([WARTA, "shell", "-c", script], env=newsroom.env, check=True, capture_output=True)
    page = browser.new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    sign_in(page, newsroom.url, ADMIN, PASSWORD)
    page.goto(newsroom.url + "/redaksi/comments/comment/?status=pending")
    card = page.evaluate(_FIRST_CARD)
    approve, reply = card["approve"], card["reply"]
    assert card["page"] <= 360 and card["row"] != "table-row", card
    assert approve["left"] >= 0 and approve["right"] <= 360 and approve["height"] >= 44, approve
    assert reply["right"] <= 360 and reply["height"] >= 44, reply
    assert card["text"]["right"] <= 360 and card["status"]["right"] <= 360
    assert page.locator("#result_list tbody tr").first.locator(".cm-reply").inner_text() == "Setujui dan balas"
    screenshot(page, "moderation-360.png", full_page=True)

    page.locator("#result_list tbody tr").first.locator(".cm-reply").click()
    card = page.evaluate(_FIRST_CARD)
    area, send = card["area"], card["send"]
    assert area["left"] >= 0 and area["right"] <= 360, area
    assert send["right"] <= 360 and send["height"] >= 44, send
    assert card["page"] <= 360
    page.locator(".cm-reply-row textarea").fill("Terima kasih, sudah kami perbaiki.")
    screenshot(page, "moderation-360-reply.png")
    page.locator(".cm-reply-row button").click()
    page.wait_for_function("() => !document.querySelector('.cm-reply-row')")
    assert "disetujui dan balasan Anda sudah terbit" in page.locator(".cm-live").inner_text()
    assert page.locator("#result_list tbody tr").first.locator(".cm-reply").inner_text() == "Balas"

    # The keyboard still moderates the cards: j to the next comment, a to approve it.
    page.keyboard.press("j")
    page.keyboard.press("a")
    page.wait_for_function("() => !document.querySelector('#result_list .cm-status.cm-pending')")
    page.close()

    desk = browser.new_page(viewport={"width": 1366, "height": 768})
    sign_in(desk, newsroom.url, ADMIN, PASSWORD)
    desk.goto(newsroom.url + "/redaksi/comments/comment/")
    wide = desk.evaluate(_FIRST_CARD)
    assert wide["row"] == "table-row" and desk.locator("#result_list thead").is_visible()
    assert wide["page"] <= 1366
    screenshot(desk, "moderation-1366.png")
    desk.close()

    # Readers see the answer marked as the newsroom's (the newest comment: the reply just sent).
    reader = browser.new_page(viewport={"width": 360, "height": 740})
    reader.goto(desk_link(newsroom))
    badge = reader.locator(".comment__badge")
    assert badge.count() == 1 and badge.is_visible() and badge.inner_text().startswith("Redaksi")
    badge.scroll_into_view_if_needed()
    screenshot(reader, "moderation-reply-on-article-360.png")
    reader.close()


def desk_link(newsroom) -> str:
    script = (
        "from warta.comments.models import Comment; "
        "print(Comment.objects.filter(from_newsroom=True).latest('created_at').get_absolute_url())"
    )
    out = subprocess.run([WARTA, "shell", "-c", script], env=newsroom.env, check=True, capture_output=True, text=True)
    return newsroom.url + out.stdout.strip().splitlines()[-1]
