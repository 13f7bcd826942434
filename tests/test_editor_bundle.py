"""The writing desk's shipped editor bundle in Debian's chromium, on a page shaped like the article form.

The page, the bundle and every endpoint the desk calls (photo and article search, upload, tags, autosave,
focal point, preview) are answered by `page.route()` from this file: nothing leaves the browser.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route

pytestmark = pytest.mark.browser

BUNDLE = Path(__file__).resolve().parent.parent / "warta/newsroom/static/newsroom/editor"
ORIGIN = "http://127.0.0.1:8731"  # never contacted: page.route() answers every request
DESK_URL = ORIGIN + "/desk/"

Block = dict[str, Any]


def photo_info(photo_id: int, caption: str = "", credit: str = "", alt: str = "x") -> dict[str, Any]:
    """A library photo as the desk's endpoints describe it (warta.newsroom.editor.photo_json)."""
    return {
        "id": photo_id,
        "thumb": "/photo.svg",
        "caption": caption,
        "credit": credit,
        "alt": alt,
        "width": 800,
        "height": 450,
        "focal": [0.5, 0.5],
    }


PHOTOS = {"12": photo_info(12, "Banjir", "Antara", "Banjir"), "13": photo_info(13)}
ARTICLES = {"5": {"id": 5, "headline": "Banjir 2020 terulang", "url": "/2020/01/01/banjir/"}}

# One case per block type (and the variants worth keeping apart); stored blocks -> editor -> stored blocks.
ROUND_TRIPS: dict[str, list[Block]] = {
    "paragraph": [{"type": "paragraph", "text": "Penutup."}],
    "paragraph-strong-em-a-br": [
        {
            "type": "paragraph",
            "text": 'Hujan <strong>deras</strong> sejak <em>pagi</em> &amp; <a href="https://bmkg.go.id/">BMKG</a> memperingatkan.<br>Warga diminta waspada.',
        }
    ],
    "paragraph-nested-marks": [
        {
            "type": "paragraph",
            "text": 'Satu <strong>dua <em>tiga</em></strong> <a href="https://a.id/x?a=1&amp;b=2">tautan <strong>tebal</strong></a>',
        }
    ],
    "paragraph-mailto-and-escapes": [
        {"type": "paragraph", "text": 'Kirim ke <a href="mailto:redaksi@warta.id">redaksi</a>: a &lt;b&gt; c'}
    ],
    "heading": [{"type": "heading", "text": "Ribuan mengungsi"}],
    "quote-with-cite": [{"type": "quote", "text": "Air naik cepat<br>sekali", "cite": "Warga Kampung Melayu"}],
    "quote-without-cite": [{"type": "quote", "text": "Tanpa <em>sumber</em>", "cite": ""}],
    "bullet-list": [
        {
            "type": "list",
            "ordered": False,
            "items": ["Satu", "<strong>Dua</strong>", '<a href="https://a.id/">Tiga</a>'],
        }
    ],
    "ordered-list": [{"type": "list", "ordered": True, "items": ["Pertama", "Kedua<br>lanjutan"]}],
    "image": [{"type": "image", "photo": 12, "caption": "Banjir di Kampung Melayu", "credit": "Antara"}],
    "image-without-caption-or-credit": [{"type": "image", "photo": 13, "caption": "", "credit": ""}],
    "gallery-of-two": [
        {
            "type": "gallery",
            "photos": [{"photo": 12, "caption": "A", "credit": "B"}, {"photo": 13, "caption": "", "credit": ""}],
        }
    ],
    "gallery-of-three": [
        {
            "type": "gallery",
            "photos": [
                {"photo": 13, "caption": "Satu", "credit": ""},
                {"photo": 12, "caption": "", "credit": "Antara"},
                {"photo": 14, "caption": "Tiga", "credit": "Warga"},
            ],
        }
    ],
    "embed-youtube": [{"type": "embed", "url": "https://www.youtube.com/watch?v=abc123", "caption": "Video banjir"}],
    "embed-x": [{"type": "embed", "url": "https://x.com/bmkg/status/1234567890", "caption": ""}],
    "embed-instagram": [{"type": "embed", "url": "https://www.instagram.com/p/C0deAbc/", "caption": "Unggahan warga"}],
    "related": [{"type": "related", "article": 5}],
    "divider": [{"type": "divider"}],
    "divider-between-paragraphs": [
        {"type": "paragraph", "text": "Sebelum"},
        {"type": "divider"},
        {"type": "paragraph", "text": "Sesudah"},
    ],
}
EVERY_BLOCK = [block for blocks in ROUND_TRIPS.values() for block in blocks]
ROUND_TRIPS["every-block-type-together"] = EVERY_BLOCK

AUTOSAVE: dict[str, Any] = {
    "saved_at": "10.42",
    "base_version": 4,
    "fields": {
        "headline": "Judul pulihan",
        "dek": "Dek pulihan",
        "body": [
            {"type": "paragraph", "text": "Isi <em>pulihan</em>"},
            {"type": "image", "photo": 20, "caption": "", "credit": ""},
        ],
        "tags_text": "Satu, Dua",
        "dateline_city": "BANDUNG",
    },
    "photos": {"20": photo_info(20)},
    "articles": {},
}


def json_script(element_id: str, value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


# The article form as the admin renders it (warta/newsroom/templates/newsroom/article_change_form.html),
# under a CSP as strict as the site's: the bundle must need no inline script or style.
DESK_PAGE = f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data: blob:; frame-src 'self'">
<title>Meja tulis</title>
<link rel="stylesheet" href="/editor/editor.css">
<script src="/editor/editor.js" defer></script>
</head>
<body>
<form id="article_form" method="post" action="/submit/">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok123">
  <div class="form-row field-headline"><label for="id_headline">Judul</label><textarea id="id_headline" name="headline" class="headline-input" rows="1">Banjir melanda Jakarta</textarea></div>
  <div class="form-row field-slug"><label for="id_slug">Slug</label><input type="text" id="id_slug" name="slug" value=""></div>
  <div class="form-row field-dek"><label for="id_dek">Dek</label><textarea id="id_dek" name="dek">Ringkasan</textarea></div>
  <div class="form-row"><label for="id_dateline_city">Kota</label><input id="id_dateline_city" name="dateline_city" value="JAKARTA"></div>
  <div class="form-row"><label for="id_tags_text">Tag</label><input type="text" id="id_tags_text" name="tags_text" value="Banjir, Jakarta"></div>
  <input type="hidden" id="id_base_version" name="base_version" value="3">
  <input type="hidden" id="id_body_json" name="body_json" value="">
  <div id="warta-editor" data-photo-search-url="/api/photos/" data-photo-upload-url="/api/photos/upload/"
       data-article-search-url="/api/articles/" data-tag-search-url="/api/tags/" data-autosave-url="/api/autosave/"
       data-preview-url="/preview/?autosave=1" data-focal-url-template="/api/photos/0/focal/" data-wpm="200"
       data-slug-follows="1"></div>
  <div class="form-row field-body_text"><label for="id_body_text">Isi</label><textarea id="id_body_text" name="body_text"></textarea></div>
  <div id="lead-photo-focal" data-photo="12" data-x="0.5" data-y="0.5"><img src="/photo.svg" width="400" height="225" alt=""></div>
  <button type="submit">Simpan</button>
</form>
{json_script("body-blocks", EVERY_BLOCK)}
{json_script("body-photos", PHOTOS)}
{json_script("body-articles", ARTICLES)}
{json_script("autosave-data", AUTOSAVE)}
</body>
</html>"""

PHOTO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450"><rect width="800" height="450" fill="#6a8caf"/></svg>'

# What the photo search and upload endpoints answer.
SEARCH_PHOTOS = [photo_info(30, "Cari", "Foto: Budi"), photo_info(31, "Dua")]
UPLOADED_PHOTO = photo_info(77, alt="banjir pagi")


class Desk:
    """One chromium page on the article form, the requests it made, and what its console complained about.

    The routes answer what warta/newsroom/editor.py's views answer (shapes in frontend/src/api.js).
    """

    def __init__(self, page: Page) -> None:
        self.page = page
        self.posts: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.touched = False  # by a test, since the form was loaded
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.route("**/*", self.answer)

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def answer(self, route: Route, request: Request) -> None:
        if not request.url.startswith(ORIGIN + "/"):
            route.abort()
            return
        path = request.url[len(ORIGIN) :].split("?")[0]
        if request.method == "POST":
            self.posts.append(
                {"path": path, "csrf": request.headers.get("x-csrftoken"), "body": request.post_data_buffer}
            )
        if path == "/desk/":
            route.fulfill(body=DESK_PAGE, content_type="text/html; charset=utf-8")
        elif path in ("/editor/editor.js", "/editor/editor.css"):
            route.fulfill(path=BUNDLE / path.rsplit("/", 1)[1])
        elif path == "/photo.svg":
            route.fulfill(body=PHOTO_SVG, content_type="image/svg+xml")
        elif path == "/api/photos/":
            route.fulfill(json={"results": SEARCH_PHOTOS})
        elif path == "/api/photos/upload/":
            route.fulfill(status=201, json=UPLOADED_PHOTO)
        elif path == "/api/articles/":
            route.fulfill(json={"results": [{"id": 9, "headline": "Artikel lain", "url": "/x/"}]})
        elif path == "/api/tags/":
            route.fulfill(json={"results": [{"name": "Putin"}, {"name": "Pemilu"}]})
        elif path == "/api/autosave/":
            route.fulfill(json={"saved_at": "10.45", "stale": False})
        elif path == "/api/photos/12/focal/":
            route.fulfill(json={"ok": True, **json.loads(request.post_data_buffer or b"{}")})
        elif path == "/preview/":
            route.fulfill(body="<p>pratinjau</p>", content_type="text/html")
        else:
            route.fulfill(status=404, body="tidak ada")

    def open(self) -> None:
        self.page.goto(DESK_URL, wait_until="domcontentloaded")
        self.page.wait_for_selector(".we-prose")
        self.posts.clear()
        self.touched = False

    def posted(self, path: str) -> list[dict[str, Any]]:
        return [json.loads(post["body"]) for post in self.posts if post["path"] == path]

    def blocks(self) -> list[Block]:
        """What the form would submit: the body_json field the editor keeps up to date."""
        return json.loads(self.page.input_value("#id_body_json"))

    def set_blocks(self, blocks: list[Block]) -> None:
        self.page.evaluate(
            """([blocks, photos, articles]) => {
                 const editor = WartaEditor.editor;
                 editor.commands.setContent(WartaEditor.blocksToDoc(blocks, photos, articles));
                 editor.commands.focus("end");
               }""",
            [blocks, PHOTOS, ARTICLES],
        )
        # Tiptap focuses on the next animation frame: let it, before a test types anywhere else.
        self.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")

    def steps(self, steps: tuple[str, ...]) -> None:
        """Type text; "{Key}" presses a key (or chord), "@action" clicks that toolbar button."""
        for step in steps:
            if step.startswith("{") and step.endswith("}"):
                self.page.keyboard.press(step[1:-1])
            elif step.startswith("@"):
                self.page.click(f".we-toolbar button[data-action={step[1:]}]")
            else:
                self.page.keyboard.type(step)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(chromium: Browser) -> Iterator[Desk]:
    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    page.set_default_timeout(5000)
    desk = Desk(page)
    desk.open()
    yield desk
    page.close()


@pytest.fixture
def bundle(site: Desk) -> Iterator[Desk]:
    """The shared page, for calls to the bundle's pure functions; it must log no console error."""
    site.errors.clear()
    yield site
    assert site.errors == [], "console errors"


@pytest.fixture
def pristine_desk(bundle: Desk) -> Desk:
    """The form as it loaded, for tests that only look: loaded again only when a test has changed it."""
    if bundle.touched:
        bundle.open()
    return bundle


@pytest.fixture
def desk(bundle: Desk) -> Desk:
    """The shared page with an empty body, focused, and no dialog open."""
    bundle.touched = True
    bundle.page.evaluate(
        """() => {
             document.querySelectorAll("dialog[open]").forEach((dialog) => dialog.close());
             const editor = WartaEditor.editor;
             editor.commands.setContent({type: "doc", content: [{type: "paragraph"}]});
             editor.commands.focus("start");
           }"""
    )
    return bundle


@pytest.fixture
def fresh_desk(desk: Desk) -> Desk:
    """The article form loaded again, for tests of the fields around the body."""
    desk.open()
    desk.touched = True
    return desk


# ---- The form as it loads ----------------------------------------------------------------------------------


def test_mounting_writes_the_stored_body_back_unchanged(pristine_desk: Desk) -> None:
    assert pristine_desk.blocks() == EVERY_BLOCK
    assert pristine_desk.page.is_hidden(".field-body_text")


def test_the_desk_offers_the_autosave_and_shows_the_form_state(pristine_desk: Desk) -> None:
    page = pristine_desk.page
    assert page.inner_text("#we-headline-count").startswith("22 karakter")
    assert "10.42" in page.inner_text("#we-restore")
    assert page.eval_on_selector_all(".we-chip", "chips => chips.map(chip => chip.dataset.tag)") == [
        "Banjir",
        "Jakarta",
    ]


# ---- Blocks <-> editor document ----------------------------------------------------------------------------


@pytest.mark.parametrize("blocks", ROUND_TRIPS.values(), ids=ROUND_TRIPS.keys())
def test_it_round_trips_blocks_through_the_pure_functions(bundle: Desk, blocks: list[Block]) -> None:
    got = bundle.page.evaluate(
        "([b, p, a]) => WartaEditor.docToBlocks(WartaEditor.blocksToDoc(b, p, a))", [blocks, PHOTOS, ARTICLES]
    )
    assert got == blocks


@pytest.mark.parametrize("blocks", ROUND_TRIPS.values(), ids=ROUND_TRIPS.keys())
def test_it_round_trips_blocks_through_the_live_editor(desk: Desk, blocks: list[Block]) -> None:
    got = desk.page.evaluate(
        """([b, p, a]) => {
             const editor = WartaEditor.editor;
             editor.commands.setContent(WartaEditor.blocksToDoc(b, p, a));
             return WartaEditor.docToBlocks(editor.getJSON());
           }""",
        [blocks, PHOTOS, ARTICLES],
    )
    assert got == blocks
    assert desk.blocks() == blocks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<a href="javascript:alert(1)">klik</a> di sini', "klik di sini"),
        ('<a href="data:text/html,x">data</a>', "data"),
        ('<a href="/relatif/">relatif</a>', "relatif"),
        ("<u>garis</u> <span>bawah</span>", "garis bawah"),
    ],
    ids=["javascript", "data", "relative", "unknown-tags"],
)
def test_it_keeps_only_the_inline_markup_the_body_allows(bundle: Desk, text: str, expected: str) -> None:
    blocks = [{"type": "paragraph", "text": text}]
    got = bundle.page.evaluate("b => WartaEditor.docToBlocks(WartaEditor.blocksToDoc(b, {}, {}))", blocks)
    assert got == [{"type": "paragraph", "text": expected}]


# ---- Paste -------------------------------------------------------------------------------------------------

WORD_BULLETS = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{mso-style-parent:""}</style></head><body lang=EN-US>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings></o:OfficeDocumentSettings></xml><![endif]-->
<div class=WordSection1><h1 style='mso-margin-top-alt:auto'><span lang=IN style='font-family:"Arial"'>Judul Word<o:p></o:p></span></h1>
<p class=MsoNormal><span lang=IN style='font-size:12.0pt;font-family:"Times New Roman"'>Teks <b>tebal</b> dan <i>miring</i> biasa.<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]><span lang=IN>Butir satu<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]><span lang=IN>Butir dua<o:p></o:p></span></p>
<p class=MsoNormal><img src="file:///C:/x.png"></p></div></body></html>"""

WORD_NUMBERS = """<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span lang=IN><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span lang=IN>Pertama<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span lang=IN><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span lang=IN>Kedua<o:p></o:p></span></p>"""

WORD_NUMBERS_BARE = """<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp; </span></span><span lang=IN>Pertama</span></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>2.<span>&nbsp;</span></span>Kedua</p>"""

GDOCS_DOCUMENT = """<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1234abcd"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial;color:#000000;font-weight:400;">Biasa </span><span style="font-size:11pt;font-family:Arial;font-weight:700;">tebal</span><span style="font-size:11pt;font-weight:400;font-style:italic;"> miring</span></p><br><h2 dir="ltr"><span style="font-size:16pt;">Sub GDocs</span></h2><ul><li dir="ltr" style="list-style-type:disc;"><p dir="ltr" role="presentation"><span style="font-weight:400">A</span></p></li><li dir="ltr"><p dir="ltr"><span>B</span></p></li></ul><p dir="ltr"><a href="https://www.google.com/url?q=https://kompas.id/a?utm_source%3Dx&amp;sa=D" style="text-decoration:none;"><span style="color:#1155cc;text-decoration:underline;">tautan</span></a></p></b>"""

WEB_PAGE = """<div class="article"><div class="lead" style="font-size:20px">Pembuka <a class="x" href="https://contoh.id/berita?utm_source=fb&utm_medium=s&id=4&fbclid=abc">berita</a>.</div><div><p style="color:red">Kedua <span style="font-weight:bold">tebal</span>.</p><blockquote class="q"><p>Kutipan web</p></blockquote><img src="https://x/y.jpg"><table><tr><td>Sel 1</td><td>Sel 2</td></tr></table><p>&nbsp;</p><h4>Kecil</h4></div></div>"""


PASTES = [
    pytest.param(
        WORD_BULLETS,
        [
            {"type": "heading", "text": "Judul Word"},
            {"type": "paragraph", "text": "Teks <strong>tebal</strong> dan <em>miring</em> biasa."},
            {"type": "list", "ordered": False, "items": ["Butir satu", "Butir dua"]},
        ],
        id="word-document-with-bullets",
    ),
    pytest.param(
        WORD_NUMBERS_BARE,
        [{"type": "list", "ordered": True, "items": ["Pertama", "Kedua"]}],
        id="word-numbered-list-without-conditional-comments",
    ),
    pytest.param(
        WORD_NUMBERS,
        [{"type": "list", "ordered": True, "items": ["Pertama", "Kedua"]}],
        id="word-numbered-list",
    ),
    pytest.param(
        "<p class=MsoNormal><b style='mso-bidi-font-weight:normal'><span lang=IN>Tebal Word</span></b> dan "
        "<i style='mso-bidi-font-style:normal'><span lang=IN>miring Word</span></i><o:p></o:p></p>",
        [{"type": "paragraph", "text": "<strong>Tebal Word</strong> dan <em>miring Word</em>"}],
        id="word-bold-and-italic-with-bidi-styles",
    ),
    pytest.param(
        "<p class=MsoTitle>Judul dokumen<o:p></o:p></p><p class=MsoQuote>Kutipan dari Word<o:p></o:p></p>"
        "<p class=MsoNormal><span style='mso-bidi-font-family:Arial'>Biasa</span></p>",
        [
            {"type": "heading", "text": "Judul dokumen"},
            {"type": "quote", "text": "Kutipan dari Word", "cite": ""},
            {"type": "paragraph", "text": "Biasa"},
        ],
        id="word-title-and-quote-styles",
    ),
    pytest.param(
        GDOCS_DOCUMENT,
        [
            {"type": "paragraph", "text": "Biasa <strong>tebal</strong><em> miring</em>"},
            {"type": "heading", "text": "Sub GDocs"},
            {"type": "list", "ordered": False, "items": ["A", "B"]},
            {"type": "paragraph", "text": '<a href="https://kompas.id/a">tautan</a>'},
        ],
        id="google-docs-document",
    ),
    pytest.param(
        '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-9f8e7d6c-7fff">'
        '<span style="font-size:11pt;font-weight:400;">Satu kalimat </span><span style="font-weight:700;">tebal</span>'
        '<span style="font-weight:400;"> dan </span><span style="font-weight:400;font-style:italic;">miring</span></b>',
        [{"type": "paragraph", "text": "Satu kalimat <strong>tebal</strong> dan <em>miring</em>"}],
        id="google-docs-single-line",
    ),
    pytest.param(
        '<b style="font-weight:normal;" id="docs-internal-guid-1"><h1 dir="ltr"><span style="font-weight:700;">'
        'Judul besar</span></h1><p dir="ltr"><span style="font-weight:700;font-style:italic">keduanya</span>'
        '<span style="font-weight:400"> saja</span></p></b>',
        [
            {"type": "heading", "text": "Judul besar"},
            {"type": "paragraph", "text": "<strong><em>keduanya</em></strong> saja"},
        ],
        id="google-docs-heading-and-bold-italic",
    ),
    pytest.param(
        '<span class="_ao3e selectable-text copyable-text" dir="ltr"><span>Kabar *penting* dari _lapangan_ hari ini</span></span>',
        [{"type": "paragraph", "text": "Kabar <strong>penting</strong> dari <em>lapangan</em> hari ini"}],
        id="whatsapp-web-message",
    ),
    pytest.param(
        '<span class="selectable-text copyable-text"><span>nama_berkas_ini dan 2*3*4 tetap</span></span>',
        [{"type": "paragraph", "text": "nama_berkas_ini dan 2*3*4 tetap"}],
        id="whatsapp-web-markers-inside-words",
    ),
    pytest.param(
        WEB_PAGE,
        [
            {"type": "paragraph", "text": 'Pembuka <a href="https://contoh.id/berita?id=4">berita</a>.'},
            {"type": "paragraph", "text": "Kedua <strong>tebal</strong>."},
            {"type": "quote", "text": "Kutipan web", "cite": ""},
            {"type": "paragraph", "text": "Sel 1 · Sel 2"},
            {"type": "heading", "text": "Kecil"},
        ],
        id="web-page",
    ),
    pytest.param(
        '<h1>Satu</h1><h2>Dua <a href="https://a.id/">tautan</a></h2><h3><strong>Tiga</strong></h3>'
        "<h4>Empat</h4><h5>Lima</h5><h6>Enam<br>baris</h6>",
        [
            {"type": "heading", "text": "Satu"},
            {"type": "heading", "text": "Dua tautan"},
            {"type": "heading", "text": "Tiga"},
            {"type": "heading", "text": "Empat"},
            {"type": "heading", "text": "Lima"},
            {"type": "heading", "text": "Enam baris"},
        ],
        id="web-h1-to-h6",
    ),
    pytest.param(
        '<p><a href="https://contoh.id/a?utm_source=x&amp;utm_campaign=y&amp;fbclid=z&amp;gclid=w&amp;id=4">satu</a> '
        '<a href="https://contoh.id/b?utm_medium=email">dua</a> <a href="javascript:alert(1)">tiga</a> '
        '<a href="mailto:redaksi@warta.id">surel</a></p><script>alert(1)</script><style>p{color:red}</style>',
        [
            {
                "type": "paragraph",
                "text": '<a href="https://contoh.id/a?id=4">satu</a> <a href="https://contoh.id/b">dua</a> tiga '
                '<a href="mailto:redaksi@warta.id">surel</a>',
            }
        ],
        id="web-tracking-parameters-and-unsafe-links",
    ),
    pytest.param(
        '<div class="wrap"><p>&nbsp;</p><p><br></p><div></div><p>Isi</p><p> </p>'
        "<section><p><span></span></p></section><ul><li>&nbsp;</li></ul></div>",
        [{"type": "paragraph", "text": "Isi"}],
        id="web-empty-paragraphs",
    ),
    pytest.param(
        "<table><thead><tr><th>Kota</th><th>Curah</th></tr></thead><tbody><tr><td>Jakarta</td><td>120 mm</td></tr>"
        "<tr><td></td><td></td></tr><tr><td><p>Bogor</p></td><td>90 mm</td></tr></tbody></table>",
        [
            {"type": "paragraph", "text": "Kota · Curah"},
            {"type": "paragraph", "text": "Jakarta · 120 mm"},
            {"type": "paragraph", "text": "Bogor · 90 mm"},
        ],
        id="web-table-rows",
    ),
    pytest.param(
        '<div><p>Satu <b>dua</b> <i>tiga</i> <u>empat</u> <span style="font-weight:bold">lima</span> '
        '<span style="font-style:italic">enam</span> <strong style="font-weight:normal">tujuh</strong></p></div>',
        [
            {
                "type": "paragraph",
                "text": "Satu <strong>dua</strong> <em>tiga</em> empat <strong>lima</strong> <em>enam</em> tujuh",
            }
        ],
        id="web-inline-styles",
    ),
    pytest.param(
        '<figure><img src="https://x/y.jpg"><figcaption>Keterangan foto</figcaption></figure>'
        '<p>Setelah <img src="https://x/z.jpg">gambar</p><picture><source srcset="a.webp"></picture>',
        [{"type": "paragraph", "text": "Setelah gambar"}],
        id="web-images-dropped",
    ),
]


@pytest.mark.parametrize(("html", "expected"), PASTES)
def test_it_cleans_pasted_html_into_blocks(desk: Desk, html: str, expected: list[Block]) -> None:
    desk.page.evaluate("html => WartaEditor.editor.view.pasteHTML(html)", html)
    assert desk.blocks() == expected


def paste_plain_text(desk: Desk, text: str) -> None:
    desk.page.evaluate(
        """text => {
             const data = new DataTransfer();
             data.setData("text/plain", text);
             document.querySelector(".we-prose").dispatchEvent(
               new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
           }""",
        text,
    )


def test_it_turns_whatsapp_markers_in_pasted_plain_text_into_bold_and_italic(desk: Desk) -> None:
    paste_plain_text(desk, "Kabar *penting* hari ini\n\n_Lapangan_ ramai")
    assert desk.blocks() == [
        {"type": "paragraph", "text": "Kabar <strong>penting</strong> hari ini"},
        {"type": "paragraph", "text": "<em>Lapangan</em> ramai"},
    ]


def test_a_bare_embed_address_pasted_on_an_empty_line_becomes_an_embed(desk: Desk) -> None:
    desk.set_blocks([{"type": "paragraph", "text": "Sebelum"}])
    desk.page.keyboard.press("Enter")
    paste_plain_text(desk, "https://youtu.be/xyz")
    assert desk.blocks() == [
        {"type": "paragraph", "text": "Sebelum"},
        {"type": "embed", "url": "https://youtu.be/xyz", "caption": ""},
    ]


# ---- Typing ------------------------------------------------------------------------------------------------

TYPING = {
    "hash-hash-makes-a-subheading": (("## Sub baru",), [{"type": "heading", "text": "Sub baru"}]),
    "one-hash-makes-a-subheading": (("# Satu",), [{"type": "heading", "text": "Satu"}]),
    "three-hashes-make-a-subheading": (("### Tiga",), [{"type": "heading", "text": "Tiga"}]),
    "four-hashes-stay-text": (("#### Empat",), [{"type": "paragraph", "text": "#### Empat"}]),
    "angle-bracket-makes-a-quote": (
        ("> Kata orang", "{Enter}", "{Enter}", "Sesudah"),
        [{"type": "quote", "text": "Kata orang", "cite": ""}, {"type": "paragraph", "text": "Sesudah"}],
    ),
    "dash-makes-a-bullet-list": (
        ("- satu", "{Enter}", "dua", "{Enter}", "{Enter}", "Sesudah"),
        [{"type": "list", "ordered": False, "items": ["satu", "dua"]}, {"type": "paragraph", "text": "Sesudah"}],
    ),
    "one-dot-makes-an-ordered-list": (
        ("1. pertama", "{Enter}", "kedua"),
        [{"type": "list", "ordered": True, "items": ["pertama", "kedua"]}],
    ),
    "three-dashes-make-a-divider": (
        ("Sebelum", "{Enter}", "---", "Sesudah"),
        [{"type": "paragraph", "text": "Sebelum"}, {"type": "divider"}, {"type": "paragraph", "text": "Sesudah"}],
    ),
    "ctrl-b-and-ctrl-i": (
        ("Teks ", "{Control+b}", "tebal", "{Control+b}", " dan ", "{Control+i}", "miring", "{Control+i}", " biasa"),
        [{"type": "paragraph", "text": "Teks <strong>tebal</strong> dan <em>miring</em> biasa"}],
    ),
    "toolbar-bold-and-italic": (
        ("Teks ", "@bold", "tebal", "@bold", " dan ", "@italic", "miring"),
        [{"type": "paragraph", "text": "Teks <strong>tebal</strong> dan <em>miring</em>"}],
    ),
    "a-whole-story": (
        ("## Sub", "{Enter}", "> Kutip", "{Enter}", "{Enter}", "- a", "{Enter}", "b", "{Enter}", "{Enter}")
        + ("1. c", "{Enter}", "{Enter}", "---", "Akhir ", "{Control+b}", "tebal"),
        [
            {"type": "heading", "text": "Sub"},
            {"type": "quote", "text": "Kutip", "cite": ""},
            {"type": "list", "ordered": False, "items": ["a", "b"]},
            {"type": "list", "ordered": True, "items": ["c"]},
            {"type": "divider"},
            {"type": "paragraph", "text": "Akhir <strong>tebal</strong>"},
        ],
    ),
}


@pytest.mark.parametrize(("steps", "expected"), TYPING.values(), ids=TYPING.keys())
def test_typing_makes_the_expected_blocks(desk: Desk, steps: tuple[str, ...], expected: list[Block]) -> None:
    desk.steps(steps)
    assert desk.blocks() == expected


def test_the_quote_cite_is_typed_under_the_quote(desk: Desk) -> None:
    desk.set_blocks([{"type": "quote", "text": "Kata orang", "cite": ""}])
    desk.page.fill(".we-quote-cite", "Pak RT")
    assert desk.blocks() == [{"type": "quote", "text": "Kata orang", "cite": "Pak RT"}]


def test_the_word_count_follows_the_body(desk: Desk) -> None:
    desk.set_blocks(
        [
            {"type": "heading", "text": "Satu dua"},
            {"type": "paragraph", "text": "tiga <strong>empat</strong>"},
            {"type": "image", "photo": 12, "caption": "tidak dihitung", "credit": ""},
        ]
    )
    assert desk.page.inner_text("#we-wordcount") == "4 kata · waktu baca 1 menit"
    desk.set_blocks([{"type": "paragraph", "text": ""}])
    assert desk.page.inner_text("#we-wordcount") == "0 kata"  # no reading time for nothing to read


# ---- Photo credits -----------------------------------------------------------------------------------------

CREDITS = {
    "Foto: X": "X",
    "foto : X": "X",
    "FOTO:Antara": "Antara",
    "  Foto :  Rina Ayu ": "Rina Ayu",
    "Fotografer Budi": "Fotografer Budi",
    "Antara/Foto: Budi": "Antara/Foto: Budi",
}


@pytest.mark.parametrize(("typed", "stored"), CREDITS.items(), ids=CREDITS.keys())
def test_a_credit_typed_with_a_foto_prefix_is_stored_without_it(desk: Desk, typed: str, stored: str) -> None:
    desk.set_blocks([{"type": "image", "photo": 12, "caption": "", "credit": ""}])
    credit = desk.page.locator(".we-image .we-credit")
    credit.fill(typed)
    credit.press("Tab")
    assert desk.blocks() == [{"type": "image", "photo": 12, "caption": "", "credit": stored}]
    assert credit.input_value() == stored


def test_a_gallery_credit_typed_with_a_foto_prefix_is_stored_without_it(desk: Desk) -> None:
    desk.set_blocks(ROUND_TRIPS["gallery-of-two"])
    credit = desk.page.locator(".we-gallery-item .we-credit").nth(1)
    credit.fill("foto : Ani")
    credit.press("Tab")
    assert desk.blocks()[0]["photos"][1] == {"photo": 13, "caption": "", "credit": "Ani"}
    assert credit.input_value() == "Ani"


def test_the_photo_picker_inserts_a_photo_without_the_credit_prefix(desk: Desk) -> None:
    desk.page.click("button[data-action=photo]")
    desk.page.click("#we-photo-dialog .we-photo-option >> nth=0")
    assert desk.blocks() == [{"type": "image", "photo": 30, "caption": "Cari", "credit": "Budi"}]


def test_the_photo_picker_inserts_a_gallery_of_the_chosen_photos(desk: Desk) -> None:
    desk.page.click("button[data-action=gallery]")
    desk.page.click("#we-photo-dialog .we-photo-option >> nth=0")
    desk.page.click("#we-photo-dialog .we-photo-option >> nth=1")
    desk.page.click("#we-photo-dialog .we-photo-insert")
    assert desk.blocks() == [
        {
            "type": "gallery",
            "photos": [
                {"photo": 30, "caption": "Cari", "credit": "Budi"},
                {"photo": 31, "caption": "Dua", "credit": ""},
            ],
        }
    ]


def test_dropping_an_image_file_uploads_and_inserts_it(desk: Desk) -> None:
    desk.set_blocks([{"type": "paragraph", "text": "Di sini"}])
    desk.posts.clear()
    desk.page.evaluate(
        """() => {
             const data = new DataTransfer();
             data.items.add(new File([new Uint8Array([137, 80, 78, 71])], "banjir-pagi.png", {type: "image/png"}));
             const target = document.querySelector(".we-prose p");
             const box = target.getBoundingClientRect();
             target.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true,
                                                         clientX: box.left + 5, clientY: box.top + 5}));
           }"""
    )
    desk.page.wait_for_selector(".we-image")
    assert desk.blocks() == [
        {"type": "paragraph", "text": "Di sini"},
        {"type": "image", "photo": 77, "caption": "", "credit": ""},
    ]
    assert desk.page.inner_text("#we-upload-status") == "Foto diunggah."
    (upload,) = [post for post in desk.posts if post["path"] == "/api/photos/upload/"]
    assert upload["csrf"] == "tok123"
    assert b'name="alt_text"\r\n\r\nbanjir pagi\r\n' in upload["body"]


# ---- Links and embeds --------------------------------------------------------------------------------------


def open_link_dialog(desk: Desk) -> None:
    desk.set_blocks([{"type": "paragraph", "text": "Baca laporan lengkap"}])
    desk.page.evaluate("() => WartaEditor.editor.commands.setTextSelection({from: 6, to: 13})")  # "laporan"
    desk.page.keyboard.press("Control+k")
    desk.page.wait_for_selector("#we-url-dialog[open]")


ACCEPTED_LINKS = {
    "https://contoh.id/laporan": "https://contoh.id/laporan",
    "http://contoh.id/laporan": "http://contoh.id/laporan",
    "mailto:redaksi@warta.id": "mailto:redaksi@warta.id",
    "https://contoh.id/x?utm_source=a&fbclid=b&id=2": "https://contoh.id/x?id=2",
    "contoh.id/laporan": "https://contoh.id/laporan",
}


@pytest.mark.parametrize(("typed", "href"), ACCEPTED_LINKS.items(), ids=ACCEPTED_LINKS.keys())
def test_the_link_dialog_accepts_http_https_and_mailto(desk: Desk, typed: str, href: str) -> None:
    open_link_dialog(desk)
    desk.page.fill("#we-url-input", typed)
    desk.page.click(".we-url-submit")
    assert desk.page.is_hidden("#we-url-dialog")
    assert desk.blocks() == [{"type": "paragraph", "text": f'Baca <a href="{href}">laporan</a> lengkap'}]


REFUSED_LINKS = [
    "javascript:alert(1)",
    " JavaScript:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox(1)",
    "ftp://contoh.id/berkas",
    "/relatif/saja",
]


@pytest.mark.parametrize("typed", REFUSED_LINKS)
def test_the_link_dialog_refuses_other_schemes(desk: Desk, typed: str) -> None:
    open_link_dialog(desk)
    desk.page.fill("#we-url-input", typed)
    desk.page.click(".we-url-submit")
    assert desk.page.is_visible("#we-url-dialog")
    assert desk.page.inner_text("#we-url-dialog .we-errors") == "Alamat harus diawali http://, https:// atau mailto:."
    assert desk.page.get_attribute("#we-url-input", "aria-invalid") == "true"
    desk.page.click(".we-url-cancel")
    assert desk.blocks() == [{"type": "paragraph", "text": "Baca laporan lengkap"}]


EMBEDS = {
    "https://www.youtube.com/watch?v=abc": True,
    "https://youtu.be/abc": True,
    "https://x.com/a/status/1": True,
    "https://twitter.com/a/status/1": True,
    "https://www.instagram.com/p/abc/": True,
    "http://www.youtube.com/watch?v=abc": False,
    "https://evil.com/youtube.com": False,
    "javascript:alert(1)": False,
}


@pytest.mark.parametrize(("url", "accepted"), EMBEDS.items(), ids=EMBEDS.keys())
def test_the_embed_dialog_takes_only_youtube_x_and_instagram(desk: Desk, url: str, accepted: bool) -> None:
    desk.page.click("button[data-action=embed]")
    desk.page.fill("#we-url-input", url)
    desk.page.fill(".we-url-caption", "Cuitan")
    desk.page.click(".we-url-submit")
    if accepted:
        assert desk.page.is_hidden("#we-url-dialog")
        assert desk.blocks() == [{"type": "embed", "url": url, "caption": "Cuitan"}]
    else:
        assert desk.page.is_visible("#we-url-dialog")
        assert "YouTube" in desk.page.inner_text("#we-url-dialog .we-errors")
        assert desk.blocks() == []


def test_the_related_picker_inserts_a_baca_juga_block(desk: Desk) -> None:
    desk.page.click("button[data-action=related]")
    desk.page.click("#we-related-dialog .we-related-option")
    assert desk.blocks() == [{"type": "related", "article": 9}]
    assert desk.page.inner_text(".we-related").startswith("Baca juga: Artikel lain")


def test_the_preview_button_opens_the_phone_preview(desk: Desk) -> None:
    desk.page.click("button[data-action=preview]")
    assert desk.page.get_attribute(".we-preview-frame", "src") == "/preview/?autosave=1"
    desk.page.click(".we-preview-close")
    assert desk.page.is_hidden("#we-preview")


# ---- The fields around the body ----------------------------------------------------------------------------


def test_restoring_the_autosave_replaces_the_form(fresh_desk: Desk) -> None:
    page = fresh_desk.page
    page.click(".we-restore-apply")
    assert page.input_value("#id_headline") == "Judul pulihan"
    assert page.input_value("#id_dek") == "Dek pulihan"
    assert page.input_value("#id_base_version") == "4"
    assert page.input_value("#id_tags_text") == "Satu, Dua"
    assert fresh_desk.blocks() == AUTOSAVE["fields"]["body"]
    assert page.is_hidden("#we-restore")


def test_tags_are_added_from_suggestions_and_by_typing(fresh_desk: Desk) -> None:
    page = fresh_desk.page
    page.fill("#we-tag-input", "Pu")
    page.wait_for_selector("#we-tag-listbox [role=option]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.fill("#we-tag-input", "Baru sekali")
    page.keyboard.press("Enter")
    assert page.input_value("#id_tags_text") == "Banjir, Jakarta, Putin, Baru sekali"


def test_the_slug_follows_the_headline_and_long_headlines_are_flagged(fresh_desk: Desk) -> None:
    page = fresh_desk.page
    page.fill("#id_headline", "Éxodus warga Bekasi: " + "x" * 60)
    assert page.input_value("#id_slug") == "exodus-warga-bekasi-" + "x" * 60
    assert "is-long" in (page.get_attribute("#we-headline-count", "class") or "")


def test_enter_in_the_headline_adds_no_line(fresh_desk: Desk) -> None:
    page = fresh_desk.page
    page.fill("#id_headline", "Banjir rob")
    page.press("#id_headline", "End")
    page.press("#id_headline", "Enter")
    page.type("#id_headline", " meluas")
    assert page.input_value("#id_headline") == "Banjir rob meluas"


def test_autosave_posts_the_form_with_the_csrf_token(fresh_desk: Desk) -> None:
    page = fresh_desk.page
    fresh_desk.set_blocks([{"type": "paragraph", "text": "Isi baru"}])
    page.evaluate("WartaEditor.saveNow()")
    page.wait_for_function("() => document.getElementById('we-autosave-status').textContent.includes('10.45')")
    assert page.inner_text("#we-autosave-status") == "Tersimpan otomatis 10.45"
    assert fresh_desk.posted("/api/autosave/") == [
        {
            "base_version": 3,
            "fields": {
                "headline": "Banjir melanda Jakarta",
                "dek": "Ringkasan",
                "body": [{"type": "paragraph", "text": "Isi baru"}],
                "tags_text": "Banjir, Jakarta",
                "dateline_city": "JAKARTA",
            },
        }
    ]
    assert {post["csrf"] for post in fresh_desk.posts} == {"tok123"}


def test_clicking_the_lead_photo_saves_its_focal_point(fresh_desk: Desk) -> None:
    page = fresh_desk.page
    page.click("#lead-photo-focal img", position={"x": 100, "y": 45})
    page.wait_for_function("() => document.querySelector('.we-focal-status').textContent.includes('disimpan')")
    (focal,) = fresh_desk.posted("/api/photos/12/focal/")
    assert focal == {"x": pytest.approx(0.25, abs=0.01), "y": pytest.approx(0.2, abs=0.01)}  # 100,45 on 400x225
