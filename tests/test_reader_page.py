"""The reader's page, finished: icons, canonical and description everywhere, structured data, sharing
without trackers, related stories never empty, and the phone conveniences (issue 19)."""

from __future__ import annotations

import datetime
import io
import json
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from PIL import Image

from tests.conftest import SEED_URL, must_search, permalink
from warta.articles.models import Article

pytestmark = pytest.mark.django_db

PAGES = {
    "home": "/",
    "article": SEED_URL,
    "section": "/category/surabaya/",
    "tag": "/tag/putin/",
    "author": "/author/muhamad-nurilham/",
    "index": "/indeks/",
    "static page": "/kontak/",
    "search": "/cari/?q=surabaya",
}


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


def head(html: str) -> str:
    return html[: html.index("</head>")]


def json_ld(html: str) -> list[dict]:
    return [json.loads(raw) for raw in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def of_type(html: str, kind: str) -> dict:
    for data in json_ld(html):
        for node in data.get("@graph", [data]):
            if node.get("@type") == kind:
                return node
    raise AssertionError(f"no {kind} in the page's JSON-LD")


# Icons -----------------------------------------------------------------------------------------


def test_the_favicon_answers_where_browsers_look_for_it(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    sizes = Image.open(io.BytesIO(response.content)).info["sizes"]
    assert {(16, 16), (32, 32), (48, 48)} <= set(sizes)


def test_the_touch_icon_and_the_manifest_carry_the_site_initial(client, db):
    touch = client.get("/apple-touch-icon.png")
    assert touch["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(touch.content)).convert("RGB")
    assert image.size == (180, 180)
    assert image.getpixel((5, 5)) == (163, 18, 28)  # the accent colour around the letter
    assert (255, 255, 255) in {image.getpixel((x, 90)) for x in range(40, 140)}  # the white K
    manifest = client.get("/site.webmanifest")
    assert manifest["Content-Type"].startswith("application/manifest+json")
    data = json.loads(manifest.content)
    assert data["name"] == "Kempalan" and data["start_url"] == "/"
    for icon in data["icons"]:
        size = int(icon["sizes"].split("x")[0])
        assert Image.open(io.BytesIO(client.get(icon["src"]).content)).size == (size, size)
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}
    assert client.get("/icon-1024.png").status_code == 404


@pytest.mark.parametrize("name", [*PAGES, "not found"])
def test_every_page_links_its_icons(client, seed, name):
    page = head(client.get(PAGES.get(name, "/tidak-ada-di-sini/")).content.decode())
    assert '<link rel="icon" href="/favicon.ico" sizes="48x48">' in page
    assert '<link rel="apple-touch-icon" href="/apple-touch-icon.png">' in page
    assert '<link rel="manifest" href="/site.webmanifest">' in page


# Canonical, description, robots ----------------------------------------------------------------


@pytest.mark.parametrize("name", [*PAGES, "not found"])
def test_every_page_has_exactly_one_description(client, seed, name):
    page = head(client.get(PAGES.get(name, "/tidak-ada-di-sini/")).content.decode())
    found = re.findall(r'<meta name="description" content="([^"]+)">', page)
    assert len(found) == 1 and found[0].strip()


@pytest.mark.parametrize("name", ["home", "article", "section", "tag", "author", "index", "static page"])
def test_every_indexable_page_names_its_canonical_address(client, seed, name):
    path = PAGES[name]
    page = head(client.get(path + "?utm_source=wa&fbclid=x").content.decode())
    assert re.findall(r'<link rel="canonical" href="([^"]+)">', page) == [f"http://testserver{path}"]


def test_a_later_page_of_a_list_is_its_own_canonical(client, make_article):
    for i in range(21):
        make_article(slug=f"arsip-{i}")
    page = head(client.get("/indeks/?page=2").content.decode())
    assert '<link rel="canonical" href="http://testserver/indeks/?page=2">' in page


def test_section_description_falls_back_to_a_sentence_when_the_section_has_none(client, seed):
    seed.section.description = ""
    seed.section.save()
    page = head(client.get("/category/internasional/").content.decode())
    assert '<meta name="description" content="Internasional: berita dari Kempalan.">' in page


def test_articles_invite_large_previews_and_search_results_stay_out(client, seed):
    assert '<meta name="robots" content="max-image-preview:large">' in head(client.get(SEED_URL).content.decode())
    search = head(client.get("/cari/?q=surabaya").content.decode())
    assert re.findall(r'<meta name="robots" content="([^"]+)">', search) == ["noindex, follow"]
    missing = client.get("/tidak-ada-di-sini/")
    assert missing.status_code == 404
    assert re.findall(r'<meta name="robots" content="([^"]+)">', missing.content.decode()) == ["noindex"]


# Landmarks, headings, form errors ----------------------------------------------------------------


def test_the_two_search_forms_are_told_apart(client, seed):
    page = client.get("/cari/?q=surabaya").content.decode()
    labels = [attrs.get("aria-label") for tag, attrs in elements(page) if attrs.get("role") == "search"]
    assert labels == ["Cari di situs", "Cari artikel"]


def test_every_comment_and_every_section_has_a_heading(client, seed):
    page = client.get(SEED_URL).content.decode()
    for block in re.findall(r"<article class=\"comment__body\">.*?</article>", page, re.S):
        assert re.search(r"<h[2-6][ >]", block), block
    for name in PAGES:
        html = client.get(PAGES[name]).content.decode()
        for block in re.findall(r"<section\b.*?>(.*?)</section>", html, re.S):
            assert re.search(r"<h[1-6][ >]", block), (name, block[:200])


def test_after_a_refused_comment_every_invalid_field_points_at_its_message(client, seed):
    response = client.post(
        f"/komentar/{seed.pk}/",
        {"text": "", "name": "", "email": "bukan-email", "token": "palsu"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 400
    page = response.content.decode()
    tags = elements(page)
    ids = {attrs["id"] for tag, attrs in tags if "id" in attrs}
    invalid = {attrs["name"]: attrs for tag, attrs in tags if attrs.get("aria-invalid") == "true"}
    assert set(invalid) == {"text", "name", "email"}
    for attrs in invalid.values():
        assert attrs["aria-describedby"] in ids
    assert (
        must_search(r'<span class="field__error" id="id_name_error">(.*?)</span>', page).group(1) == "Nama wajib diisi."
    )
    assert not re.search(r'aria-describedby="[^"]*"[^>]*name="website"', page)  # a valid field is left alone


# Structured data and the date of the last edit --------------------------------------------------


def test_the_home_page_describes_the_site_its_search_and_its_publisher(client, seed):
    page = client.get("/").content.decode()
    site = of_type(page, "WebSite")
    assert site["url"] == "http://testserver/" and site["name"] == "Kempalan"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction" and action["query-input"] == "required name=q"
    assert action["target"]["urlTemplate"] == "http://testserver/cari/?q={q}"
    organization = of_type(page, "Organization")
    assert organization["logo"]["url"] == "http://testserver/logo.png"
    assert site["publisher"]["@id"] == organization["@id"]


def test_articles_and_lists_have_breadcrumbs(client, seed):
    crumbs = of_type(client.get(SEED_URL).content.decode(), "BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Beranda", "http://testserver/"),
        (2, "Internasional", "http://testserver/category/internasional/"),
        (3, seed.headline, f"http://testserver{SEED_URL}"),
    ]
    crumbs = of_type(client.get("/tag/putin/").content.decode(), "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Beranda", "Putin"]


def test_the_news_article_offers_three_ratios(client, seed):
    images = of_type(client.get(SEED_URL).content.decode(), "NewsArticle")["image"]
    ratios = {round(image["width"] / image["height"], 2) for image in images}
    assert ratios == {1.78, 1.33, 1.0}
    assert images[0]["width"] == 1200


def test_date_modified_and_lastmod_follow_the_last_edit_not_the_last_save(client, seed):
    seed.save()  # a save that is not an edit: a reload of the demo, a comment setting
    page = client.get(SEED_URL).content.decode()
    assert of_type(page, "NewsArticle")["dateModified"] == "2022-08-16T10:00:00+07:00"
    assert '<meta property="article:modified_time" content="2022-08-16T10:00:00+07:00">' in page
    edited = datetime.datetime(2022, 8, 18, 8, 30, tzinfo=datetime.UTC)
    Article.objects.filter(pk=seed.pk).update(revised_at=edited)
    page = client.get(SEED_URL).content.decode()
    assert of_type(page, "NewsArticle")["dateModified"] == "2022-08-18T15:30:00+07:00"
    sitemap = client.get("/sitemap-articles.xml").content.decode()
    entry = must_search(rf"<loc>http://testserver{re.escape(SEED_URL)}</loc><lastmod>([^<]+)</lastmod>", sitemap)
    assert entry.group(1) == "2022-08-18"


# Sharing ---------------------------------------------------------------------------------------


def test_a_story_can_be_shared_by_plain_links_only(client, seed):
    page = client.get(SEED_URL).content.decode()
    share = must_search(r'<div class="share".*?</div>', page, re.S).group(0)
    links = dict(re.findall(r'share__link--(\w+)" href="([^"]+)"', share))
    url = f"http://testserver{SEED_URL}"
    assert set(links) == {"whatsapp", "telegram", "facebook", "x", "copy"}
    whatsapp = parse_qs(urlsplit(links["whatsapp"].replace("&amp;", "&")).query)
    assert urlsplit(links["whatsapp"]).netloc == "wa.me" and whatsapp["text"] == [f"{seed.headline} {url}"]
    assert parse_qs(urlsplit(links["telegram"].replace("&amp;", "&")).query)["url"] == [url]
    assert parse_qs(urlsplit(links["facebook"]).query)["u"] == [url]
    assert parse_qs(urlsplit(links["x"].replace("&amp;", "&")).query)["url"] == [url]
    assert links["copy"] == url
    assert "data-share" in share  # the phone's share sheet, revealed by reader.js where it exists
    # Nothing is loaded from those services: every script, image, frame and stylesheet is ours.
    for tag, attrs in elements(page):
        source = attrs.get("src") or (attrs.get("href") if tag == "link" and attrs.get("rel") == "stylesheet" else "")
        assert not source or source.startswith("/") or source.startswith("http://testserver/"), source
    assert client.get(SEED_URL)["Content-Security-Policy"].startswith("default-src 'self'")


# Related stories -------------------------------------------------------------------------------


def test_the_seed_alone_in_its_section_still_has_related_stories(client, seed):
    page = client.get(SEED_URL).content.decode()
    related = must_search(r'<section class="related".*?</section>', page, re.S).group(0)
    shown = re.findall(r'class="card__headline"><a href="([^"]+)"', related)
    newest = [permalink(a) for a in Article.objects.published().exclude(pk=seed.pk)[:4]]
    assert shown == newest


def test_a_new_story_refreshes_the_related_block_that_fell_back_to_the_newest(client, seed, make_article):
    client.get(SEED_URL)
    fresh = make_article(slug="paling-baru", published_at=timezone.now() - datetime.timedelta(minutes=1))
    assert permalink(fresh) in client.get(SEED_URL).content.decode()


def test_read_also_is_an_inline_card(client, seed, make_article):
    other = make_article(slug="baca-juga-ini", headline="Cerita lain")
    seed.body = [*seed.body[:1], {"type": "related", "article": other.pk}, *seed.body[1:]]
    seed.save()
    page = client.get(SEED_URL).content.decode()
    card = must_search(r'<p class="story__related">.*?</p>', page, re.S).group(0)
    assert (
        card
        == f'<p class="story__related"><strong>Baca juga:</strong> <a href="{permalink(other)}">Cerita lain</a></p>'
    )
    from django.contrib.staticfiles import finders

    css = open(finders.find("warta/site.css") or "", encoding="utf-8").read()
    assert '.story__related a::after { content: ""; position: absolute; inset: 0; }' in css  # all of it a link


# Phones ----------------------------------------------------------------------------------------


def test_search_filters_fold_until_used(client, seed):
    folded = client.get("/cari/?q=surabaya").content.decode()
    assert '<details class="search-form__filters">' in folded
    assert "<summary>Saring</summary>" in folded
    opened = client.get("/cari/?q=surabaya&bagian=surabaya").content.decode()
    assert '<details class="search-form__filters" open>' in opened


def test_reading_settings_and_the_menu_hint_are_on_every_page(client, seed):
    page = client.get(SEED_URL).content.decode()
    top = head(page)
    # prefs.js runs before the first paint (no defer), so a chosen theme or size never jumps.
    assert re.search(r'<script src="/static/warta/prefs\.js"></script>', top)
    assert '<script src="/static/warta/reader.js" defer></script>' in top
    assert '<meta name="color-scheme" content="light dark">' in top
    assert 'data-theme-toggle aria-pressed="false" aria-label="Mode gelap"' in page
    assert 'aria-label="Perbesar teks">A+</button>' in page and 'aria-label="Perkecil teks">A−</button>' in page
    assert '<span class="sections__more" aria-hidden="true">›</span>' in page


def test_the_stylesheet_follows_the_system_theme_and_the_readers_choice(client, db):
    from django.contrib.staticfiles import finders

    path = finders.find("warta/site.css")
    assert path is not None
    css = open(path, encoding="utf-8").read()
    assert '@media (prefers-color-scheme: dark) {\n  :root:not([data-theme="light"])' in css
    assert ':root[data-theme="dark"]' in css
    assert ':root[data-text-size="3"] { font-size: 137.5%; }' in css
