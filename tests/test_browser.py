"""A reader opens the demo article in Debian's chromium, served by `warta demo` as a user runs it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import SEED_URL

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a closed network: no background calls home, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def screenshot(page, name: str, **options) -> None:
    """Keep a picture of what the reader saw, once every image has arrived and decoded."""
    page.wait_for_function("[...document.images].every(img => img.complete && img.naturalWidth > 0)")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / name, **options)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


EDITOR, PASSWORD = "redaktur", "kata-sandi-redaksi-1"


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    """Run `warta demo` in a fresh data directory, with an editor account, and yield its address."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("WARTA_", "DJANGO_"))}
    environment["WARTA_DATA_DIR"] = str(tmp_path_factory.mktemp("demo"))
    log = (tmp_path_factory.getbasetemp() / "demo.log").open("w")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("warta")), "demo", "--port", str(port)],
        env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(address + "/", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("warta demo did not start; see " + log.name)
            time.sleep(0.3)
    subprocess.run(
        [str(Path(sys.executable).with_name("warta")), "createsuperuser", "--noinput",
         "--username", EDITOR, "--email", "redaktur@kempalan.test"],
        env={**environment, "DJANGO_SUPERUSER_PASSWORD": PASSWORD}, check=True, capture_output=True,
    )
    yield address
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=20)
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_a_reader_on_a_phone_reads_the_seed_article(demo_site, browser):
    page = browser.new_page(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    response = page.goto(demo_site + SEED_URL)
    assert response.status == 200

    assert page.locator("h1").inner_text() == "Gawat, Putin-Kim Jong Un makin ‘Nempel’"
    assert page.get_by_text("waktu baca 2 menit").is_visible()
    assert page.locator("time").first.inner_text() == "Selasa, 16 Agustus 2022 10:00 WIB"
    caption = page.locator(".story__lead figcaption")
    assert caption.inner_text() == "Putin dan Kim Jong Un Foto: Detik"
    assert page.locator(".story__body p").first.inner_text().startswith("MOSKOW-KEMPALAN: Presiden Rusia")
    assert page.locator("blockquote").count() == 2
    assert page.get_by_text("(Aljazeera, Muhamad Nurilham)").is_visible()
    assert page.locator(".sections").get_by_role("link", name="Internasional").is_visible()

    lead = page.locator(".story__lead img")
    assert lead.evaluate("img => img.complete && img.naturalWidth > 0")
    # The phone picks a small rendition from srcset, not the 1200px original.
    assert lead.evaluate("img => img.currentSrc").endswith(("-480w.jpg", "-800w.jpg"))
    # Nothing runs off the side of a small screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    screenshot(page, "article-phone.png", full_page=True)
    page.close()


def test_a_reader_goes_from_the_home_page_to_the_article(demo_site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(demo_site + "/")
    page.get_by_role("link", name="Gawat, Putin-Kim Jong Un makin ‘Nempel’").first.click()
    assert page.url == demo_site + SEED_URL
    screenshot(page, "article-desktop.png")
    page.goto(demo_site + "/")
    screenshot(page, "home-desktop.png")
    page.close()


def test_a_missing_page_is_a_styled_404(demo_site, browser):
    page = browser.new_page()
    response = page.goto(demo_site + "/2022/13/45/x/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"
    assert page.locator("link[rel=stylesheet]").count() == 1
    page.close()


def test_a_comment_goes_from_reader_to_editor_to_every_reader(demo_site, browser):
    words = "Analisis yang tajam, terima kasih Kempalan."
    reader = browser.new_context(viewport={"width": 390, "height": 844})
    page = reader.new_page()
    page.goto(demo_site + SEED_URL)
    assert page.get_by_role("heading", name="Tinggalkan Balasan").is_visible()
    assert page.get_by_text("Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *").is_visible()
    page.get_by_role("textbox", name="Komentar *").fill(words)
    page.get_by_role("textbox", name="Nama *").fill("Wulan")
    page.get_by_role("textbox", name="Email *").fill("wulan@pembaca.id")
    page.get_by_label("Simpan nama, email, dan situs web saya").check()
    page.wait_for_timeout(2500)  # a person takes a few seconds; bots that don't are held as spam
    page.get_by_role("button", name="Kirim Komentar").click()
    page.wait_for_load_state()
    assert page.get_by_text("Komentar Anda sedang menunggu moderasi.").is_visible()
    assert page.get_by_text(words).is_visible()
    assert "wulan@pembaca.id" not in page.content()
    page.locator(".comment--pending").scroll_into_view_if_needed()
    screenshot(page, "comment-pending.png")
    # Ticked "remember": the next form comes filled in, from this browser's storage only.
    page.goto(demo_site + SEED_URL)
    assert page.get_by_role("textbox", name="Nama *").input_value() == "Wulan"
    assert page.get_by_role("textbox", name="Email *").input_value() == "wulan@pembaca.id"

    stranger = browser.new_page()
    stranger.goto(demo_site + SEED_URL)
    assert stranger.get_by_text(words).count() == 0

    editor = browser.new_page()
    editor.goto(demo_site + "/redaksi/login/")
    editor.locator("#id_username").fill(EDITOR)
    editor.locator("#id_password").fill(PASSWORD)
    editor.locator("input[type=submit]").click()
    editor.goto(demo_site + "/redaksi/comments/comment/?status=pending")
    row = editor.locator("#result_list tr", has_text="Wulan")
    row.locator("input.action-select").check()
    editor.locator("select[name=action]").select_option("approve")
    editor.locator("button[name=index]").click()
    assert editor.get_by_text("1 komentar diubah.").is_visible()

    stranger.reload()
    assert stranger.get_by_text(words).is_visible()
    assert stranger.get_by_role("heading", name="5 komentar").is_visible()
    reader.close()


def test_a_reader_searches_kerja_sama_and_opens_the_seed(demo_site, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(demo_site + "/")
    page.get_by_role("searchbox", name="Cari").fill("kerja sama")
    page.get_by_role("searchbox", name="Cari").press("Enter")
    page.wait_for_load_state()
    assert page.url.startswith(demo_site + "/cari/?q=kerja+sama")
    assert page.locator("h1").inner_text() == "Hasil pencarian untuk “kerja sama”"
    first = page.locator(".result").first
    assert first.locator("mark").first.inner_text().lower() == "kerja"
    screenshot(page, "search-results.png")
    first.get_by_role("link", name="Gawat, Putin-Kim Jong Un makin ‘Nempel’").click()
    page.wait_for_load_state()
    assert page.url == demo_site + SEED_URL
    assert page.locator("h1").inner_text() == "Gawat, Putin-Kim Jong Un makin ‘Nempel’"
    page.close()
