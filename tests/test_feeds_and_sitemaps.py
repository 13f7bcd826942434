"""What aggregators and search engines read: RSS feeds, sitemaps, robots.txt."""

from __future__ import annotations

import datetime
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as ET
import feedparser  # type: ignore[import-untyped]  # ships no type information
import pytest
from django.utils import timezone

from tests.conftest import SEED_URL
from warta.articles.models import Article

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def child_text(parent: Element, path: str) -> str:
    """The text of the element at path under parent, which must be there and hold text."""
    child = parent.find(path)
    assert child is not None and child.text is not None, path
    return child.text


def parse_feed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    return feed


def test_the_site_feed_has_the_required_fields(client, seed):
    feed = parse_feed(client, "/feed/")
    assert feed.feed.title == "Kempalan"
    assert feed.feed.link == "http://testserver/"
    assert feed.feed.language == "id"
    assert len(feed.entries) == 13
    for entry in feed.entries:
        assert entry.title and entry.link.startswith("http://testserver/20") and entry.published and entry.id


def test_each_item_carries_its_photo_with_credit(client, seed):
    entry = next(e for e in parse_feed(client, "/feed/").entries if e.link.endswith(SEED_URL))
    assert entry.title == "Gawat, Putin-Kim Jong Un makin ‘Nempel’"
    assert entry.summary == seed.dek
    assert entry.author == "Muhamad Nurilham"
    assert {t.term for t in entry.tags} == {"Internasional", "Putin", "Kim Jong Un", "Rusia", "Korea Utara"}
    assert entry.published_parsed[:5] == (2022, 8, 16, 3, 0)  # 10:00 WIB
    enclosure = entry.enclosures[0]
    assert enclosure.href == f"http://testserver{seed.lead_photo.image.url}" and enclosure.type == "image/jpeg"
    assert int(enclosure.length) == seed.lead_photo.image.size
    assert entry.media_content[0]["url"] == enclosure.href
    assert (entry.media_content[0]["width"], entry.media_content[0]["height"]) == ("1200", "675")
    assert entry.media_credit[0]["content"] == "Detik"


def test_full_text_feeds_are_a_setting(client, seed, settings):
    settings.WARTA_FEED_FULL_TEXT = True
    entry = next(e for e in parse_feed(client, "/feed/").entries if e.link.endswith(SEED_URL))
    assert "MOSKOW-KEMPALAN:" in entry.summary and "<blockquote>" in entry.summary
    assert "(Aljazeera, Muhamad Nurilham)" in entry.summary


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/category/internasional/feed/", "Internasional – Kempalan"),
        ("/tag/putin/feed/", "Putin – Kempalan"),
        ("/author/muhamad-nurilham/feed/", "Muhamad Nurilham – Kempalan"),
    ],
)
def test_section_tag_and_author_feeds(client, seed, url, title):
    feed = parse_feed(client, url)
    assert feed.feed.title == title
    assert [e.link for e in feed.entries] == [f"http://testserver{SEED_URL}"]


def test_feeds_hold_the_latest_twenty_published(client, make_article):
    for i in range(25):
        make_article(slug=f"baru-{i}", published_at=timezone.now() - datetime.timedelta(minutes=i + 1))
    make_article(slug="draf", status=Article.Status.DRAFT)
    links = [e.link for e in parse_feed(client, "/feed/").entries]
    assert len(links) == 20 and links[0].endswith("/baru-0/") and not any("draf" in link for link in links)


def test_an_unknown_feed_is_a_404(client, seed):
    assert client.get("/tag/tidak-ada/feed/").status_code == 404


def test_the_sitemap_index_lists_articles_sections_and_tags(client, seed):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [e.text for e in root.iter(f"{SITEMAP}loc")]
    assert locations == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-sections.xml",
        "http://testserver/sitemap-tags.xml",
    ]


def test_the_article_sitemap_has_every_published_article_with_lastmod(client, seed, make_article):
    make_article(slug="draf", status=Article.Status.DRAFT)
    root = ET.fromstring(client.get("/sitemap-articles.xml").content)
    urls = {child_text(u, f"{SITEMAP}loc"): child_text(u, f"{SITEMAP}lastmod") for u in root.iter(f"{SITEMAP}url")}
    assert len(urls) == 13 and f"http://testserver{SEED_URL}" in urls
    assert urls[f"http://testserver{SEED_URL}"] == timezone.localdate(seed.revised_at or seed.published_at).isoformat()
    assert not any("draf" in url for url in urls)


def test_section_and_tag_sitemaps(client, seed):
    sections = [e.text for e in ET.fromstring(client.get("/sitemap-sections.xml").content).iter(f"{SITEMAP}loc")]
    tags = [e.text for e in ET.fromstring(client.get("/sitemap-tags.xml").content).iter(f"{SITEMAP}loc")]
    assert "http://testserver/category/internasional/" in sections and len(sections) == 7
    assert "http://testserver/tag/putin/" in tags


def test_the_news_sitemap_holds_the_last_48_hours(client, make_article):
    fresh = make_article(
        slug="segar", headline="Berita segar & hangat", published_at=timezone.now() - datetime.timedelta(hours=3)
    )
    make_article(slug="basi", published_at=timezone.now() - datetime.timedelta(hours=49))
    response = client.get("/sitemap-news.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    urls = root.findall(f"{SITEMAP}url")
    assert [child_text(u, f"{SITEMAP}loc") for u in urls] == [f"http://testserver{fresh.get_absolute_url()}"]
    news = urls[0].find(f"{NEWS}news")
    assert news is not None
    assert child_text(news, f"{NEWS}publication/{NEWS}name") == "Kempalan"
    assert child_text(news, f"{NEWS}publication/{NEWS}language") == "id"
    assert child_text(news, f"{NEWS}title") == "Berita segar & hangat"
    assert child_text(news, f"{NEWS}publication_date").endswith("+07:00")


def test_robots_txt_names_the_sitemaps(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Sitemap: http://testserver/sitemap-news.xml" in body
    assert "Disallow: /redaksi/" in body
