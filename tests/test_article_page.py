"""The article page, element by element, as a reader of the seed page saw it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import override_settings

from tests.conftest import SEED_URL, fresh_site_settings, must_search, warm_again
from warta.comments.models import Comment
from warta.taxonomy.models import Tag

FIXTURES = Path(__file__).resolve().parent / "fixtures"

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client, seed) -> str:
    response = client.get(SEED_URL)
    assert response.status_code == 200
    return response.content.decode()


def test_it_is_indonesian_html(page):
    assert page.startswith("<!doctype html>")
    assert '<html lang="id">' in page


def test_it_shows_the_headline_with_its_curly_quotes(page):
    assert '<h1 class="story__headline">Gawat, Putin-Kim Jong Un makin ‘Nempel’</h1>' in page
    assert "<title>Gawat, Putin-Kim Jong Un makin ‘Nempel’ – Kempalan</title>" in page


def test_it_shows_the_site_name_and_section_navigation(page):
    nav = must_search(r'<nav class="sections".*?</nav>', page, re.S).group(0)
    assert '<a class="brand" href="/">Kempalan</a>' in page
    for name, slug in [("Internasional", "internasional"), ("Ekonomi", "ekonomi")]:
        assert f'<a href="/category/{slug}/">{name}</a>' in nav
    assert '<p class="kicker"><a href="/category/internasional/">Internasional</a></p>' in page


def test_it_shows_the_date_in_indonesian_in_a_time_element(page):
    assert '<time datetime="2022-08-16T10:00:00+07:00">Selasa, 16 Agustus 2022 10:00 WIB</time>' in page


def test_it_shows_the_author_and_reading_time(page):
    assert '<a rel="author" href="/author/muhamad-nurilham/">Muhamad Nurilham</a>' in page
    assert '<span class="reading-time">waktu baca 2 menit</span>' in page


@override_settings(WARTA_READING_WPM=100)
def test_it_reads_the_rate_from_settings(client, seed):
    words = seed.word_count
    assert f"waktu baca {-(-words // 100)} menit" in client.get(SEED_URL).content.decode()


def test_it_shows_the_lead_photo_with_caption_credit_and_srcset(page, seed):
    figure = must_search(r'<figure class="story__lead">.*?</figure>', page, re.S).group(0)
    photo = seed.lead_photo
    assert f'src="{photo.image.url}"' in figure
    assert 'width="1200" height="675"' in figure
    assert 'alt="Presiden Rusia Vladimir Putin' in figure
    srcset = must_search(r'srcset="([^"]+)"', figure).group(1)
    assert [c.split()[-1] for c in srcset.split(", ")] == ["480w", "800w", "1200w"]
    assert (
        '<figcaption><span class="caption">Putin dan Kim Jong Un</span> '
        '<span class="credit">Foto: Detik</span></figcaption>'
    ) in figure


def test_its_renditions_are_real_images_of_the_right_width(seed):
    from PIL import Image

    made = sorted((r.format, r.width) for r in seed.lead_photo.renditions.filter(crop=""))
    assert made == [("jpeg", 480), ("jpeg", 800), ("webp", 480), ("webp", 800), ("webp", 1200)]
    for rendition in seed.lead_photo.renditions.all():
        with Image.open(rendition.image.path) as image:
            assert image.width == rendition.width
            assert image.format == rendition.format.upper()


def test_browsers_that_take_webp_get_it(page):
    source = must_search(r'<source type="image/webp" srcset="([^"]+)"', page).group(1)
    assert [c.split()[-1] for c in source.split(", ")] == ["480w", "800w", "1200w"]
    assert all(c.split()[0].endswith(".webp") for c in source.split(", "))


def test_the_dateline_leads_the_first_paragraph(page):
    body = must_search(r'<div class="story__body">(.*?)</div>', page, re.S).group(1)
    first = body.strip().split("\n")[0]
    assert first.startswith('<p><strong class="dateline">MOSKOW-KEMPALAN:</strong> Presiden Rusia yaitu Putin')
    assert body.count("MOSKOW-KEMPALAN:") == 1


def test_the_quotations_are_blockquotes(page):
    quotes = re.findall(r"<blockquote><p>(.*?)</p></blockquote>", page)
    assert len(quotes) == 2
    assert quotes[0].startswith("“Rusia dan Korea Utara akan terus melanjutkan")
    assert quotes[1].startswith("“Kerja sama taktik dan strategis")


def test_the_body_keeps_every_paragraph_of_the_seed(page):
    with open(FIXTURES / "seed" / "000_38936c8c4744511e.txt", encoding="utf-8") as seed_page:
        lines = [line.strip() for line in seed_page if line.strip()]
    start = lines.index(next(line for line in lines if line.startswith("MOSKOW-KEMPALAN:")))
    end = lines.index("(Aljazeera, Muhamad Nurilham)")
    text = TextOf.of(page)
    for paragraph in lines[start:end]:
        assert paragraph in text


def test_it_ends_with_the_attribution_line(page):
    assert '<p class="attribution">(Aljazeera, Muhamad Nurilham)</p>' in page


def test_it_lists_the_tags(page):
    tags = must_search(r'<footer class="story__tags">.*?</footer>', page, re.S).group(0)
    names = re.findall(r'<a rel="tag" href="/tag/[-a-z]+/">([^<]+)</a>', tags)
    assert sorted(names) == ["Kim Jong Un", "Korea Utara", "Putin", "Rusia"]


def test_headings_go_in_order(page):
    levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", page)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_every_image_has_alt_text(page):
    images = [i for i in re.findall(r"<img [^>]*>", page) if 'class="seen"' not in i]
    assert images and all(re.search(r'alt="[^"]+"', image) for image in images)
    # The one decorative image, the no-JavaScript read counter, is marked as such.
    assert '<img class="seen" src="/dibaca/1/" alt="" width="1" height="1">' in page.replace(
        f"/dibaca/{1}/", "/dibaca/1/"
    )


@override_settings(LANGUAGE_CODE="en")
def test_it_speaks_english_when_the_site_is_set_to_english(client, seed):
    page = client.get(SEED_URL).content.decode()
    assert '<html lang="en">' in page
    assert "reading time 2 min" in page
    assert "Photo: Detik" in page
    assert "Tuesday, 16 August 2022 10:00 WIB" in page


def test_its_query_count_does_not_grow_with_tags_or_comments(client, seed, django_assert_num_queries):
    client.get(SEED_URL)  # warm up anything lazily loaded once per process
    fresh_site_settings()
    # 15: the page, its blocks' photos and links, related stories, comments, corrections and the
    # Pedoman links (verification follow-up, right of reply) — a fixed number, whatever the size.
    with django_assert_num_queries(15) as first:
        client.get(SEED_URL)
    counted = len(first.captured_queries)  # now: the next request resets the connection's log
    seed.tags.add(*[Tag.objects.create(name=f"Tag {i}", slug=f"tag-{i}") for i in range(10)])
    parent = None
    for i in range(10):
        parent = Comment.objects.create(
            article=seed,
            parent=parent if i % 2 else None,
            name=f"Pembaca {i}",
            email=f"p{i}@contoh.id",
            text=f"Komentar {i}",
            status=Comment.Status.APPROVED,
        )
    warm_again(client, SEED_URL)  # what the changes invalidated, rebuilt as for the first count
    with django_assert_num_queries(counted):
        page = client.get(SEED_URL).content.decode()
    assert "Pembaca 9" in page


def test_it_sends_security_headers(client, seed):
    response = client.get(SEED_URL)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


class TextOf(HTMLParser):
    """The text a reader sees, one line per block element."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return "".join(parser.parts)
