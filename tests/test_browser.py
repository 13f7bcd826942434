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
from types import SimpleNamespace

import pytest

from tests.conftest import SEED_URL

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a closed network: no background calls home, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
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
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
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
        [
            str(Path(sys.executable).with_name("warta")),
            "createsuperuser",
            "--noinput",
            "--username",
            EDITOR,
            "--email",
            "redaktur@kempalan.test",
        ],
        env={**environment, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
        check=True,
        capture_output=True,
    )
    demo = SimpleNamespace(url=address, env=environment)
    yield demo
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
    response = page.goto(demo_site.url + SEED_URL)
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
    # The phone picks a small WebP rendition, not the 1200px JPEG original.
    assert lead.evaluate("img => img.currentSrc").endswith(("-480w.webp", "-800w.webp"))  # small, and WebP
    # Nothing runs off the side of a small screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    screenshot(page, "article-phone.png", full_page=True)
    page.close()


def test_a_reader_goes_from_the_home_page_to_the_article(demo_site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(demo_site.url + "/")
    page.get_by_role("link", name="Gawat, Putin-Kim Jong Un makin ‘Nempel’").first.click()
    assert page.url == demo_site.url + SEED_URL
    screenshot(page, "article-desktop.png")
    page.goto(demo_site.url + "/")
    screenshot(page, "home-desktop.png")
    page.close()


def test_a_missing_page_is_a_styled_404(demo_site, browser):
    page = browser.new_page()
    response = page.goto(demo_site.url + "/2022/13/45/x/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"
    assert page.locator("link[rel=stylesheet]").count() == 1
    page.close()


def test_a_comment_goes_from_reader_to_editor_to_every_reader(demo_site, browser):
    words = "Analisis yang tajam, terima kasih Kempalan."
    reader = browser.new_context(viewport={"width": 390, "height": 844})
    page = reader.new_page()
    page.goto(demo_site.url + SEED_URL)
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
    page.goto(demo_site.url + SEED_URL)
    assert page.get_by_role("textbox", name="Nama *").input_value() == "Wulan"
    assert page.get_by_role("textbox", name="Email *").input_value() == "wulan@pembaca.id"

    stranger = browser.new_page()
    stranger.goto(demo_site.url + SEED_URL)
    assert stranger.get_by_text(words).count() == 0

    editor = browser.new_page()
    editor.goto(demo_site.url + "/redaksi/login/")
    editor.locator("#id_username").fill(EDITOR)
    editor.locator("#id_password").fill(PASSWORD)
    editor.locator("input[type=submit]").click()
    editor.goto(demo_site.url + "/redaksi/comments/comment/?status=pending")
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
    page.goto(demo_site.url + "/")
    page.get_by_role("searchbox", name="Cari").fill("kerja sama")
    page.get_by_role("searchbox", name="Cari").press("Enter")
    page.wait_for_load_state()
    assert page.url.startswith(demo_site.url + "/cari/?q=kerja+sama")
    assert page.locator("h1").inner_text() == "Hasil pencarian untuk “kerja sama”"
    first = page.locator(".result").first
    assert first.locator("mark").first.inner_text().lower() == "kerja"
    screenshot(page, "search-results.png")
    first.get_by_role("link", name="Gawat, Putin-Kim Jong Un makin ‘Nempel’").click()
    page.wait_for_load_state()
    assert page.url == demo_site.url + SEED_URL
    assert page.locator("h1").inner_text() == "Gawat, Putin-Kim Jong Un makin ‘Nempel’"
    page.close()


def warta_shell(demo_site, code: str) -> str:
    done = subprocess.run(
        [str(Path(sys.executable).with_name("warta")), "shell", "-c", code],
        env=demo_site.env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def log_in(browser, demo_site, username: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(demo_site.url + "/redaksi/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_load_state()
    return page


def test_a_story_goes_from_writer_to_editor_to_worker_to_readers(demo_site, browser, tmp_path):
    warta_shell(
        demo_site,
        (
            "from django.contrib.auth.models import Group, User; from warta.authors.models import Author\n"
            f"for name, role in [('wulan', 'Penulis'), ('bayu', 'Editor')]:\n"
            f"    u = User.objects.create_user(name, name + '@kempalan.test', '{PASSWORD}', is_staff=True)\n"
            "    u.groups.add(Group.objects.get(name=role)); Author.objects.create(name=name.title(), slug=name, user=u)\n"
            "print('ok')"
        ),
    )
    from PIL import Image

    Image.new("RGB", (1600, 900), "teal").save(tmp_path / "banjir.jpg", "JPEG")

    writer = log_in(browser, demo_site, "wulan")
    writer.goto(demo_site.url + "/redaksi/photos/photo/add/")
    writer.locator("#id_image").set_input_files(str(tmp_path / "banjir.jpg"))
    writer.locator("#id_caption").fill("Banjir di Jalan Ahmad Yani")
    writer.locator("#id_credit").fill("Kempalan/Wulan")
    writer.locator("#id_alt_text").fill("Mobil melintasi jalan yang tergenang")
    writer.locator("input[name=_save]").click()
    writer.wait_for_load_state()
    photo_id = writer.locator(".messagelist a").first.get_attribute("href").rstrip("/").split("/")[-2]

    writer.goto(demo_site.url + "/redaksi/articles/article/add/")
    writer.locator("#id_headline").fill("Banjir Rendam Jalan Ahmad Yani")
    writer.locator("#id_dek").fill("Hujan deras dua jam membuat jalan protokol tergenang.")
    writer.locator("#id_body_text").fill(
        "Hujan deras sejak sore membuat Jalan Ahmad Yani tergenang setinggi lutut.\n\n"
        f"[foto {photo_id} | Banjir di Jalan Ahmad Yani | Kempalan/Wulan]\n\n"
        "> “Kami sudah menyiagakan pompa,” kata petugas.\n\nArus lalu lintas dialihkan."
    )
    assert "kata · waktu baca 1 menit" in writer.locator(".word-count").inner_text()
    writer.locator("#id_section").select_option(label="Surabaya")
    writer.locator("#id_dateline_city").fill("Surabaya")
    writer.locator("input[name=_continue]").click()
    writer.wait_for_load_state()
    writer.get_by_role("button", name="Ajukan untuk ditinjau").click()
    writer.wait_for_load_state()
    assert writer.get_by_text("Diajukan untuk ditinjau.").is_visible()
    assert writer.get_by_role("button", name="Terbitkan sekarang").count() == 0  # a writer cannot publish
    article_path = writer.url.split(demo_site.url)[1]

    editor = log_in(browser, demo_site, "bayu")
    editor.goto(demo_site.url + article_path)
    editor.locator("#id_when").fill("2030-01-01T09:00")
    editor.get_by_role("button", name="Jadwalkan").click()
    editor.wait_for_load_state()
    assert editor.get_by_text("Dijadwalkan terbit 01-01-2030 09:00.").is_visible()
    screenshot(editor, "newsroom-scheduled.png", full_page=True)

    # Move the clock: the time comes now for the article and for its queued task, which the
    # worker started by `warta demo` then runs.
    address = warta_shell(
        demo_site,
        (
            "from django.utils import timezone; from warta.articles.models import Article\n"
            "a = Article.objects.get(slug='banjir-rendam-jalan-ahmad-yani')\n"
            "Article.objects.filter(pk=a.pk).update(published_at=timezone.now() - timezone.timedelta(seconds=1))\n"
            "from django_tasks_db.models import DBTaskResult\n"
            "DBTaskResult.objects.filter(status='READY', task_path__endswith='publish_scheduled').update(run_after=timezone.now())\n"
            "print(Article.objects.get(pk=a.pk).get_absolute_url())"
        ),
    )
    reader = browser.new_page(viewport={"width": 390, "height": 844})
    deadline = time.monotonic() + 40
    while reader.goto(demo_site.url + address).status != 200:
        assert time.monotonic() < deadline, "the worker did not publish the scheduled article"
        time.sleep(1)
    assert reader.locator("h1").inner_text() == "Banjir Rendam Jalan Ahmad Yani"
    assert reader.locator(".story__body strong.dateline").inner_text() == "SURABAYA-KEMPALAN:"
    assert reader.locator(".story__figure figcaption").inner_text() == "Banjir di Jalan Ahmad Yani Foto: Kempalan/Wulan"
    assert reader.locator(".story__figure img").evaluate("img => img.complete && img.naturalWidth > 0")
    screenshot(reader, "newsroom-published.png", full_page=True)
