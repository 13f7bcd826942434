"""The home page and the archives the navigation links to."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from warta.articles.models import Article

pytestmark = pytest.mark.django_db


def headline_links(page: str) -> list[str]:
    return re.findall(r'class="card__headline"><a href="([^"]+)"', page)


def test_it_lists_published_articles_newest_first(client, seed):
    page = client.get("/").content.decode()
    expected = [a.get_absolute_url() for a in Article.objects.published()]
    assert len(expected) == 13
    assert headline_links(page) == expected
    assert headline_links(page)[0] == "/2022/08/17/saksi-ungkap-aliran-dana-hibah-di-sidang-tipikor/"


def test_every_listed_article_has_a_photo(client, seed):
    page = client.get("/").content.decode()
    assert page.count('<a class="card__photo"') == 13


def test_it_leaves_out_drafts_and_future_articles(client, make_article):
    make_article(slug="draf-rahasia", status=Article.Status.DRAFT)
    make_article(slug="embargo", published_at=timezone.now() + datetime.timedelta(hours=2))
    page = client.get("/").content.decode()
    assert "draf-rahasia" not in page and "embargo" not in page


def test_it_pages_by_twenty(client, make_article):
    for i in range(10):
        make_article(slug=f"uji-{i}", published_at=datetime.datetime(2021, 1, 1 + i, tzinfo=datetime.UTC))
    first = client.get("/").content.decode()
    second = client.get("/?page=2").content.decode()
    assert len(headline_links(first)) == 20 and len(headline_links(second)) == 3
    assert 'rel="next" href="?page=2"' in first
    assert 'rel="prev" href="?page=1"' in second
    assert "Halaman 2 dari 2" in second


def test_an_empty_site_says_so(client, db):
    Article.objects.all().delete()
    assert "Belum ada artikel yang terbit." in client.get("/").content.decode()


def test_the_section_page_lists_only_its_section(client, seed):
    page = client.get("/category/internasional/").content.decode()
    assert "<h1>Internasional</h1>" in page
    assert headline_links(page) == [seed.get_absolute_url()]


def test_the_tag_and_author_pages_list_their_articles(client, seed):
    assert seed.get_absolute_url() in headline_links(client.get("/tag/putin/").content.decode())
    author_page = client.get("/author/muhamad-nurilham/").content.decode()
    assert headline_links(author_page) == [seed.get_absolute_url()]


def test_the_home_page_query_count_is_fixed(client, seed, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get("/")
