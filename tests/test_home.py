"""The home page and the archives readers browse."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from tests.conftest import SEED_URL, fresh_site_settings, must_search, warm_again
from warta.articles.models import Article
from warta.readership.models import HourlyViews

pytestmark = pytest.mark.django_db


def headline_links(html: str) -> list[str]:
    return re.findall(r'class="card__headline"><a href="([^"]+)"', html)


def region(page: str, css_class: str) -> str:
    return must_search(rf'<(section|aside) class="{css_class}".*?</\1>', page, re.S).group(0)


def test_the_newest_article_leads_by_default(client, seed):
    page = client.get("/").content.decode()
    newest = Article.objects.published().first()
    assert newest is not None
    assert headline_links(region(page, "front__lead")) == [newest.get_absolute_url()]


def test_an_editor_can_pin_the_lead_story(client, seed):
    seed.pinned = True
    seed.save()
    page = client.get("/").content.decode()
    assert headline_links(region(page, "front__lead")) == [SEED_URL]
    assert SEED_URL not in headline_links(region(page, "latest"))


def test_top_stories_and_latest_follow_newest_first(client, seed):
    page = client.get("/").content.decode()
    expected = [a.get_absolute_url() for a in Article.objects.published()]
    assert headline_links(region(page, "front__top")) == expected[1:5]
    assert headline_links(region(page, "latest")) == expected[5:13]
    assert '<a href="/indeks/">Berita lainnya →</a>' in page


def test_every_section_has_a_block_of_its_newest(client, seed):
    page = client.get("/").content.decode()
    block = must_search(
        r'<section class="section-block" aria-labelledby="section-internasional">.*?</section>', page, re.S
    ).group(0)
    assert '<a href="/category/internasional/">Internasional</a>' in block
    assert headline_links(block) == [SEED_URL]
    surabaya = must_search(r'aria-labelledby="section-surabaya">.*?</section>', page, re.S).group(0)
    assert len(headline_links(surabaya)) == 3


def test_most_read_counts_the_last_24_hours(client, seed, make_article):
    other = make_article(slug="lain")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    HourlyViews.objects.create(article=other, hour=now, views=5)
    HourlyViews.objects.create(article=seed, hour=now - datetime.timedelta(hours=1), views=9)
    HourlyViews.objects.create(article=other, hour=now - datetime.timedelta(hours=30), views=100)
    aside = region(client.get("/").content.decode(), "most-read")
    assert re.findall(r'<li><a href="([^"]+)"', aside) == [SEED_URL, other.get_absolute_url()]


def test_most_read_leaves_out_unpublished_articles(client, seed):
    HourlyViews.objects.create(article=seed, hour=timezone.now(), views=9)
    seed.status = Article.Status.UNPUBLISHED
    seed.save()
    assert SEED_URL not in region(client.get("/").content.decode(), "most-read")


def test_it_leaves_out_drafts_and_future_articles(client, make_article):
    make_article(slug="draf-rahasia", status=Article.Status.DRAFT)
    make_article(slug="embargo", published_at=timezone.now() + datetime.timedelta(hours=2))
    page = client.get("/").content.decode()
    assert "draf-rahasia" not in page and "embargo" not in page


def test_an_empty_site_says_so(client, db):
    Article.objects.all().delete()
    assert "Belum ada artikel yang terbit." in client.get("/").content.decode()


def test_the_home_page_query_count_is_fixed(client, seed, make_article, django_assert_num_queries):
    client.get("/")
    fresh_site_settings()
    # Fragments are off in tests: every card is rendered. The first card loads its own row and
    # renditions, the second the rest of the page's (two queries each; see reader.card).
    with django_assert_num_queries(11) as first:
        client.get("/")
    counted = len(first.captured_queries)  # now: the next request resets the connection's log
    for i in range(10):
        make_article(slug=f"tambahan-{i}")
    warm_again(client, "/")  # what the changes invalidated, rebuilt as for the first count
    with django_assert_num_queries(counted):
        client.get("/")


def test_wordpress_search_addresses_lead_to_search(client, seed):
    response = client.get("/?s=kerja+sama")
    assert response.status_code == 301
    assert response["Location"] == "/cari/?q=kerja+sama"


# Archives -------------------------------------------------------------------------------------


def test_the_index_pages_by_twenty_with_numbers_and_rel_links(client, make_article):
    for i in range(10):
        make_article(slug=f"uji-{i}", published_at=datetime.datetime(2021, 1, 1 + i, tzinfo=datetime.UTC))
    first = client.get("/indeks/").content.decode()
    second = client.get("/indeks/?page=2").content.decode()
    assert len(headline_links(first)) == 20 and len(headline_links(second)) == 3
    assert 'rel="next" href="?page=2"' in first and '<link rel="next" href="?page=2">' in first
    assert 'rel="prev" href="?page=1"' in second and '<link rel="prev" href="?page=1">' in second
    assert '<span aria-current="page">2</span>' in second and '<a href="?page=1">1</a>' in second
    assert "<title>Indeks berita – halaman 2 – Kempalan</title>" in second
    assert client.get("/indeks/?page=3").status_code == 404


def test_the_section_page_lists_only_its_section_with_its_feed(client, seed):
    page = client.get("/category/internasional/").content.decode()
    assert "<h1>Internasional</h1>" in page and "<p>Berita internasional</p>" in page
    assert headline_links(page) == [SEED_URL]
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Internasional – Kempalan" href="/category/internasional/feed/">'
        in page
    )


def test_the_tag_and_author_pages_list_their_articles(client, seed):
    tag = client.get("/tag/putin/").content.decode()
    assert "<h1>Putin</h1>" in tag and seed.get_absolute_url() in headline_links(tag)
    assert 'href="/tag/putin/feed/"' in tag
    author = client.get("/author/muhamad-nurilham/").content.decode()
    assert headline_links(author) == [SEED_URL] and 'href="/author/muhamad-nurilham/feed/"' in author


@pytest.mark.parametrize(
    ("url", "title", "count"),
    [
        ("/2022/", "Arsip: 2022", 13),
        ("/2022/08/", "Arsip: Agustus 2022", 13),
        ("/2022/08/16/", "Arsip: 16 Agustus 2022", 3),
        ("/2021/", "Arsip: 2021", 0),
    ],
)
def test_date_archives_use_jakarta_days(client, seed, url, title, count):
    page = client.get(url).content.decode()
    assert f"<h1>{title}</h1>" in page
    assert len(headline_links(page)) == count


def test_the_navigation_links_every_section(client, seed):
    page = client.get("/").content.decode()
    for slug in ["nasional", "surabaya", "internasional", "ekonomi", "hukum-kriminal", "kesehatan", "olahraga"]:
        assert f'<a href="/category/{slug}/">' in page


def test_related_articles_share_tags_or_section(client, seed, make_article):
    shares_tag = make_article(
        slug="berbagi-tag", section=Article.objects.get(slug="dprd-jatim-sahkan-perubahan-apbd-2022").section
    )
    shares_tag.tags.add(seed.tags.get(name="Putin"))
    same_section = make_article(slug="seksi-sama")
    page = client.get(SEED_URL).content.decode()
    related = must_search(r'<section class="related".*?</section>', page, re.S).group(0)
    assert headline_links(related) == [shares_tag.get_absolute_url(), same_section.get_absolute_url()]


def test_a_card_without_a_photo_says_so(client, seed, make_article):
    """Imported posts often have no featured image: their cards are marked so that their text takes
    the photo's column too (site.css; test_browser.py measures it)."""
    bare = make_article(headline="Tanpa foto", slug="tanpa-foto", published_at=timezone.now())
    page = client.get("/").content.decode()
    cards = {
        must_search(r'class="card__headline"><a href="([^"]+)"', body).group(1): classes.split()
        for classes, body in re.findall(r'<article class="(card[^"]*)">(.*?)</article>', page, re.S)
    }
    assert "card--text" in cards[bare.get_absolute_url()]
    assert seed.lead_photo_id and "card--text" not in cards[SEED_URL]
