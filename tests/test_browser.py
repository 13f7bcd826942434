"""A reader opens the demo article in Debian's chromium, served by `warta demo` as a user runs it."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
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
    """Keep a picture of what the reader saw, once every image the browser asked for has arrived
    (a lazy image far below the fold is not asked for: it has no currentSrc yet)."""
    page.wait_for_function(
        "() => [...document.images].every(img => (img.complete && img.naturalWidth > 0)"
        " || (img.loading === 'lazy' && !img.currentSrc))"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / name, **options)


# What each column's header and first cell of a back-office list span, against the scrolling box
# around its table: a list whose last column runs off the screen hides what it says.
_CHANGELIST_COLUMNS = """() => {
  const box = document.querySelector("#changelist-form .results").getBoundingClientRect();
  const row = document.querySelector("#result_list tbody tr");
  const cells = [...document.querySelectorAll("#result_list thead th"), ...row.children];
  return {box: [box.left, box.right], page: document.documentElement.scrollWidth,
          cells: cells.filter((c) => c.getClientRects().length).map((c) => {
            const r = c.getBoundingClientRect();
            return [c.className, Math.round(r.left), Math.round(r.right)];
          })};
}"""


def visible_changelist_columns(page, width: int) -> list[str]:
    """Assert every shown column of the list on page lies inside its box and the page is no wider
    than the screen; return the shown cells' first class names (column-…, field-…)."""
    found = page.evaluate(_CHANGELIST_COLUMNS)
    left, right = found["box"]
    clipped = [cell for cell in found["cells"] if cell[1] < left - 1 or cell[2] > right + 1]
    assert clipped == [], f"outside {left}-{right}: {clipped}"
    assert found["page"] <= width
    return [cell[0].split()[0] for cell in found["cells"] if cell[0]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


EDITOR, PASSWORD = "redaktur", "kata-sandi-redaksi-1"


@contextlib.contextmanager
def running_demo(tmp_path_factory, name: str, superuser: str, password: str) -> Iterator[SimpleNamespace]:
    """Run `warta demo` as a user runs it (a fresh data directory, a free port) with a superuser;
    yield its address, environment and log (the console mail backend writes emails there)."""
    warta = str(Path(sys.executable).with_name("warta"))
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("WARTA_", "DJANGO_"))}
    environment["WARTA_DATA_DIR"] = str(tmp_path_factory.mktemp(name))
    log_path = tmp_path_factory.getbasetemp() / f"{name}.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [warta, "demo", "--port", str(port)],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    try:
        while True:
            try:
                urllib.request.urlopen(address + "/", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"warta demo did not start; see {log_path}")
                time.sleep(0.3)
        command = [
            warta,
            "createsuperuser",
            "--noinput",
            "--username",
            superuser,
            "--email",
            f"{superuser}@kempalan.test",
        ]
        subprocess.run(
            command, env={**environment, "DJANGO_SUPERUSER_PASSWORD": password}, check=True, capture_output=True
        )
        yield SimpleNamespace(url=address, env=environment, log=log_path)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    """`warta demo` with an editor account (a superuser), for the reader and newsroom stories."""
    with running_demo(tmp_path_factory, "demo", EDITOR, PASSWORD) as demo:
        yield demo


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
    editor.wait_for_load_state()
    from playwright.sync_api import expect

    expect(editor.get_by_text("1 komentar diubah.")).to_be_visible()

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


def publish_without_photo(demo_site, slug: str, headline: str, dek: str = "") -> None:
    """Publish, now, a story in the first section with no lead photo (as imports often bring them)."""
    warta_shell(
        demo_site,
        "from django.utils import timezone\n"
        "from warta.articles.models import Article\n"
        "from warta.taxonomy.models import Section\n"
        f"Article.objects.update_or_create(slug={slug!r}, defaults=dict(headline={headline!r}, dek={dek!r},"
        " section=Section.objects.first(), body=[{'type': 'paragraph', 'text': 'Isi berita.'}],"
        " status='published', published_at=timezone.now()))\n",
    )


def log_in(browser, demo_site, username: str, javascript: bool = True, **options):
    """A page logged in to the back office (javascript=False: the newsroom without scripts)."""
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(java_script_enabled=javascript, **options)
    page = context.new_page()
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

    # This writer works without JavaScript: the text-mark textarea is the whole editor.
    writer = log_in(browser, demo_site, "wulan", javascript=False)
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
    writer.locator("#id_section").select_option(label="Surabaya")
    writer.locator("#id_dateline_city").fill("Surabaya")
    writer.locator("input[name=_continue]").click()
    writer.wait_for_load_state()
    with writer.expect_navigation():  # after the spelling check of the text just typed (never blocking)
        writer.get_by_role("button", name="Ajukan untuk ditinjau", exact=True).click()
    assert writer.get_by_text("Diajukan untuk ditinjau.").is_visible()
    assert writer.get_by_role("button", name="Terbitkan sekarang").count() == 0  # a writer cannot publish
    article_path = writer.url.split(demo_site.url)[1]

    editor = log_in(browser, demo_site, "bayu")
    editor.goto(demo_site.url + article_path)
    editor.locator("#id_when").fill("2030-01-01T09:00")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Jadwalkan").click()
    assert editor.get_by_text("Dijadwalkan terbit 1 Januari 2030 09:00 WIB.").is_visible()
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


# A Google Docs clipboard as Docs writes it: a bold wrapper that is not bold, styled spans, a
# tracking parameter on the link.
GOOGLE_DOCS = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5f1c2a3b-7fff-1234-abcd-0123456789ab">'
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">'
    '<span style="font-size:11pt;font-family:Arial;color:#000000;font-weight:400;font-style:normal;'
    'white-space:pre-wrap;">Menurut </span>'
    '<span style="font-size:11pt;font-family:Arial;color:#000000;font-weight:700;font-style:normal;">BPBD Surabaya</span>'
    '<span style="font-size:11pt;font-family:Arial;font-weight:400;font-style:italic;"> genangan surut</span>'
    '<span style="font-size:11pt;font-family:Arial;font-weight:400;"> malam ini, lihat </span>'
    '<a href="https://bpbd.surabaya.go.id/info?utm_source=docs&amp;utm_medium=x" style="text-decoration:none;">'
    '<span style="font-size:11pt;color:#1155cc;text-decoration:underline;">laporan resmi</span></a>'
    '<span style="font-size:11pt;font-family:Arial;">.</span></p><br></b>'
)


def drop_photo(page, path: Path) -> None:
    """Drop an image file on the body's first paragraph, as a writer drags one from the desktop."""
    import base64

    page.evaluate(
        """([b64, name]) => {
          const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
          const files = new DataTransfer();
          files.items.add(new File([bytes], name, {type: 'image/jpeg'}));
          const target = document.querySelector('.we-prose p');
          const box = target.getBoundingClientRect();
          target.dispatchEvent(new DragEvent('drop', {dataTransfer: files, bubbles: true, cancelable: true,
                                                       clientX: box.left + 5, clientY: box.top + 5}));
        }""",
        [base64.b64encode(path.read_bytes()).decode(), path.name],
    )


def paste_html(page, html: str) -> None:
    page.evaluate(
        """([html]) => {
          const clip = new DataTransfer();
          clip.setData('text/html', html);
          clip.setData('text/plain', html.replace(/<[^>]+>/g, ''));
          document.querySelector('.we-prose').dispatchEvent(
            new ClipboardEvent('paste', {clipboardData: clip, bubbles: true, cancelable: true}));
        }""",
        [html],
    )


def test_a_writer_writes_at_the_desk_and_an_editor_publishes_it(demo_site, browser, tmp_path):
    from playwright.sync_api import expect

    warta_shell(
        demo_site,
        (
            "from django.contrib.auth.models import Group, User; from warta.authors.models import Author\n"
            f"for name, role in [('sari', 'Penulis'), ('dimas', 'Editor')]:\n"
            f"    u = User.objects.create_user(name, name + '@kempalan.test', '{PASSWORD}', is_staff=True)\n"
            "    u.groups.add(Group.objects.get(name=role)); Author.objects.create(name=name.title(), slug=name, user=u)\n"
            "print('ok')"
        ),
    )
    from PIL import Image

    Image.new("RGB", (1600, 900), "teal").save(tmp_path / "banjir-ahmad-yani.jpg", "JPEG")

    # A 1366×768 laptop, the newsroom's usual screen.
    writer = log_in(browser, demo_site, "sari", viewport={"width": 1366, "height": 768})
    writer.goto(demo_site.url + "/redaksi/articles/article/add/")
    writer.locator("#id_headline").fill("Genangan Rendam Jalan Darmo")
    assert writer.locator("#we-headline-count").inner_text().startswith("27 karakter")
    writer.locator(".we-prose").click()
    keys = writer.keyboard
    keys.type("Hujan deras sejak sore membuat jalan tergenang.")
    keys.press("Enter")
    keys.type("## Pompa disiagakan")  # the marks writers know still work
    keys.press("Enter")
    keys.type("> Kami sudah menyiagakan pompa.")
    keys.press("Enter")
    keys.press("Enter")
    keys.type("- Perahu karet")
    keys.press("Enter")
    keys.type("Dapur umum")
    keys.press("Enter")
    keys.press("Enter")
    writer.locator(".we-quote-cite").fill("Petugas Dinas PU")

    drop_photo(writer, tmp_path / "banjir-ahmad-yani.jpg")
    expect(writer.locator(".we-image")).to_have_count(1, timeout=20_000)
    writer.locator(".we-image .we-caption").fill("Genangan di Jalan Darmo")
    writer.locator(".we-image .we-credit").fill("Foto: Kempalan/Sari")  # typed the WordPress way

    writer.locator(".we-prose > *").last.click()
    keys.press("End")
    paste_html(writer, GOOGLE_DOCS)
    pasted = json.loads(writer.locator("#id_body_json").input_value())[-1]
    assert pasted["type"] == "paragraph" and "style" not in pasted["text"] and "<span" not in pasted["text"]
    assert "<strong>BPBD Surabaya</strong>" in pasted["text"] and "utm_" not in pasted["text"]

    # The autosave comes by itself after ten seconds without typing.
    expect(writer.locator("#we-autosave-status")).to_contain_text("Tersimpan otomatis", timeout=40_000)
    screenshot(writer, "writing-desk.png")
    typed = json.loads(writer.locator("#id_body_json").input_value())
    context = writer.context
    writer.close()  # the tab is closed before anything was saved

    writer = context.new_page()
    writer.goto(demo_site.url + "/redaksi/articles/article/add/")
    expect(writer.locator("#we-restore")).to_be_visible()
    writer.locator(".we-restore-apply").click()
    assert writer.locator("#id_headline").input_value() == "Genangan Rendam Jalan Darmo"
    assert json.loads(writer.locator("#id_body_json").input_value()) == typed
    writer.locator("#we-tag-input").fill("Genangan Surabaya")
    writer.locator("#we-tag-input").press("Enter")  # a tag that does not exist yet
    assert writer.locator("#id_tags_text").input_value() == "Genangan Surabaya"
    writer.locator("#id_section").select_option(label="Surabaya")
    writer.locator("#id_dateline_city").fill("Surabaya")
    with writer.expect_navigation():  # after the spelling check of the text just typed (never blocking)
        writer.locator("input[name=_submit_review]").click()  # from the first save
    assert writer.get_by_text("Diajukan untuk ditinjau.").is_visible()

    editor = log_in(browser, demo_site, "dimas")
    editor.goto(demo_site.url + "/redaksi/articles/article/?q=Darmo")
    editor.get_by_role("link", name="Genangan Rendam Jalan Darmo").click()
    editor.wait_for_load_state()
    # Enter in a field saves and stays: it never presses the publish box's first button.
    editor.locator("#id_dateline_city").fill("Sidoarjo")
    editor.locator("#id_dateline_city").press("Enter")
    editor.wait_for_load_state()
    assert editor.locator("#id_dateline_city").input_value() == "Sidoarjo"
    assert editor.get_by_role("button", name="Terbitkan sekarang").is_visible()  # still not published
    # The publish box keeps what was typed and not yet saved.
    editor.locator("#id_headline").fill("Genangan Rendam Jalan Darmo dan Diponegoro")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Terbitkan sekarang").click()
    assert editor.get_by_text("Diterbitkan.").is_visible()
    assert editor.locator("#id_headline").input_value() == "Genangan Rendam Jalan Darmo dan Diponegoro"
    screenshot(editor, "newsroom-published.png")
    address = warta_shell(
        demo_site,
        "from warta.articles.models import Article; "
        "print(Article.objects.get(headline='Genangan Rendam Jalan Darmo dan Diponegoro').get_absolute_url())",
    )

    reader = browser.new_page(viewport={"width": 390, "height": 844})
    assert reader.goto(demo_site.url + address).status == 200
    story = reader.locator(".story__body")
    assert story.locator("p").first.inner_text().startswith("SIDOARJO-KEMPALAN: Hujan deras")
    assert story.locator("h2").inner_text() == "Pompa disiagakan"
    assert story.locator("blockquote p").inner_text() == "Kami sudah menyiagakan pompa."
    assert story.locator("blockquote footer").inner_text() == "Petugas Dinas PU"
    assert story.locator("ul li").all_inner_texts() == ["Perahu karet", "Dapur umum"]
    assert story.locator("figure figcaption").inner_text() == "Genangan di Jalan Darmo Foto: Kempalan/Sari"
    assert story.locator("figure img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert story.locator("strong", has_text="BPBD Surabaya").count() == 1
    assert story.get_by_role("link", name="laporan resmi").get_attribute("href") == "https://bpbd.surabaya.go.id/info"
    assert reader.locator(".story__tags").get_by_role("link", name="Genangan Surabaya").is_visible()
    screenshot(reader, "desk-published.png", full_page=True)


def test_the_desk_on_a_phone_and_a_tablet_shows_the_whole_headline_and_its_preview(demo_site, browser):
    """At 360 px the admin capped the headline's box at 120 px and cut its last line; at 768 px the
    object tools covered the article's title; the phone preview was refused in its frame (DENY)."""
    seed = warta_shell(
        demo_site,
        "from warta.articles.models import Article\n"
        "print(Article.objects.get(slug='gawat-putin-kim-jong-un-makin-nempel').pk)",
    )
    page = log_in(browser, demo_site, EDITOR, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page.goto(f"{demo_site.url}/redaksi/articles/article/{seed}/change/")
    long = "Banjir rob genangi pesisir utara Surabaya, ribuan warga mengungsi ke balai RW dan masjid sekitar"
    page.locator("#id_headline").fill(long)
    shown = page.locator("#id_headline").evaluate("e => [e.scrollHeight, e.clientHeight]")
    assert shown[0] <= shown[1] + 2, shown  # all of it in view, however many lines
    page.get_by_role("button", name="Pratinjau ponsel").click()
    frame = page.frame_locator(".we-preview-frame")
    assert frame.locator("h1").inner_text(timeout=15_000).startswith("Gawat, Putin-Kim Jong Un")
    width = page.locator(".we-preview-frame").evaluate("e => e.getBoundingClientRect().right")
    assert width <= 360
    page.context.close()

    page = log_in(browser, demo_site, EDITOR, viewport={"width": 768, "height": 1024})
    page.goto(f"{demo_site.url}/redaksi/articles/article/{seed}/change/")
    boxes = page.evaluate(
        "() => [document.querySelector('#content h2'), document.querySelector('.object-tools')]"
        ".map(e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; })"
    )
    (title_top, title_bottom), (tools_top, _tools_bottom) = boxes
    assert tools_top >= title_bottom - 1, boxes  # below the title, not over it
    # A new story published from its first save: the child-protection box once "involves a child" is ticked.
    page.goto(f"{demo_site.url}/redaksi/articles/article/add/")
    assert page.locator("#child-confirm-new").is_hidden()
    page.locator("#id_involves_child").check()
    assert page.locator("#child-confirm-new").is_visible()
    page.context.close()


def test_cards_without_a_photo_give_their_text_the_whole_width(demo_site, browser):
    """Imported posts often have no featured image: no card keeps an empty photo column (last in
    this module: the articles it adds lead the home page)."""
    for i in range(5):
        publish_without_photo(demo_site, f"tanpa-foto-{i}", f"Nelayan pulang tanpa foto {i}")
    for width in (1366, 360):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(demo_site.url + "/")
        sizes = page.eval_on_selector_all(
            "article.card--text",
            "cards => cards.map(c => [c.querySelector('.card__text').getBoundingClientRect().width,"
            " c.getBoundingClientRect().width])",
        )
        assert len(sizes) >= 5
        assert all(text >= 0.95 * card for text, card in sizes), (width, sizes)
        page.close()


def test_a_lead_without_a_photo_leaves_no_white_space_under_it(demo_site, browser):
    """The newest story leads the home page; without a photo (common after an import) its few lines
    of text stood beside the taller "Berita pilihan" column, over a large white space at 1366 px.
    Measured: the lead's part of the page ends with its text, at 1366 and on a 360 px phone."""
    publish_without_photo(
        demo_site,
        "lead-tanpa-foto",
        "Nelayan Brondong pulang tanpa hasil setelah gelombang tinggi",
        dek="Ratusan perahu bersandar di pelabuhan.",
    )
    for width in (1366, 360):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(demo_site.url + "/")
        measured = page.evaluate(
            "() => { const box = s => document.querySelector(s).getBoundingClientRect();"
            " const tops = [...document.querySelectorAll('.front__top .card')].map(c => c.getBoundingClientRect());"
            " return {lead: box('.front__lead'), text: box('.front__lead .card__text'), front: box('.front'),"
            " tops: tops.map(t => t.width), page: document.documentElement.scrollWidth}; }"
        )
        assert page.locator(".front__lead .card__headline").inner_text().startswith("Nelayan Brondong pulang")
        assert page.locator(".front__lead .card__photo").count() == 0
        lead, text = measured["lead"], measured["text"]
        # Under the lead's text: its card's padding and rule, not a column's worth of white.
        assert lead["bottom"] - text["bottom"] <= 40, (width, lead, text)
        assert lead["width"] >= 0.95 * measured["front"]["width"], (width, lead, measured["front"])
        assert len(measured["tops"]) == 4 and min(measured["tops"]) >= 200, (width, measured["tops"])
        assert measured["page"] <= width
        # Not screenshot(): it waits for every image that has a source, and chromium gives the lazy
        # ones further down the home page a source it never loads.
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"home-lead-without-photo-{width}.png")
        page.close()
