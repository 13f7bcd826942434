"""Search that understands Indonesian, on SQLite (FTS5) and PostgreSQL alike."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from tests.conftest import SEED_URL, must_search
from warta.articles.models import Article
from warta.search.analysis import terms
from warta.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def found(client, query: str, **params) -> list[str]:
    response = client.get("/cari/", {"q": query, **params})
    assert response.status_code == 200
    return re.findall(r'class="card__headline"><a href="([^"]+)"', response.content.decode())


def test_analysis_stems_and_drops_stop_words():
    assert terms("Bekerja sama untuk memperluas pertemanan yang baru") == ["kerja", "sama", "luas", "teman", "baru"]


@pytest.mark.parametrize("query", ["perluas", "memperluas", "bekerja sama", "kerja sama", "KERJA SAMA!", "Putin Kim"])
def test_inflected_words_find_the_seed(client, seed, query):
    assert SEED_URL in found(client, query)


def test_headline_matches_rank_first(client, seed, make_article):
    body_only = make_article(
        slug="hanya-isi",
        headline="Berita lain",
        body=[{"type": "paragraph", "text": "Persebaya juga disebut di sini."}],
    )
    results = found(client, "persebaya")
    assert results[0] == "/2022/08/16/persebaya-genjot-latihan-fisik-jelang-laga-kandang/"
    assert body_only.get_absolute_url() in results


def test_snippets_highlight_the_matching_words(client, seed):
    page = client.get("/cari/", {"q": "bekerja sama"}).content.decode()
    snippet = must_search(r'<p class="result__snippet">(.*?)</p>', page).group(1)
    assert "<mark>kerja</mark> <mark>sama</mark>" in snippet
    assert "1 artikel ditemukan" in page


def test_filters_by_section_and_date(client, seed):
    assert found(client, "surabaya", bagian="olahraga") == [
        "/2022/08/16/persebaya-genjot-latihan-fisik-jelang-laga-kandang/"
    ]
    on_the_16th = found(client, "surabaya", dari="2022-08-16", sampai="2022-08-16")
    assert on_the_16th and all("/2022/08/16/" in url for url in on_the_16th)
    assert found(client, "putin", dari="2023-01-01") == []


def test_results_are_paginated(client, make_article):
    for i in range(23):
        make_article(
            slug=f"gempa-{i}",
            headline=f"Gempa susulan {i}",
            published_at=datetime.datetime(2022, 1, 1 + i, tzinfo=datetime.UTC),
        )
    first = client.get("/cari/", {"q": "gempa"}).content.decode()
    assert "23 artikel ditemukan" in first
    assert len(found(client, "gempa")) == 20
    assert len(found(client, "gempa", page=2)) == 3
    assert 'href="?q=gempa&amp;page=2"' in first


def test_the_index_follows_publish_edit_and_unpublish(client, make_article):
    article = make_article(slug="kilat", headline="Banjir bandang melanda", status=Article.Status.DRAFT)
    assert found(client, "banjir") == []
    article.status = Article.Status.PUBLISHED
    article.save()
    assert found(client, "banjir") == [article.get_absolute_url()]
    article.headline = "Longsor melanda"
    article.save()
    assert found(client, "banjir") == [] and found(client, "longsor") == [article.get_absolute_url()]
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert found(client, "longsor") == []
    assert not SearchDocument.objects.filter(article=article).exists()


def test_tags_are_searchable_and_follow_retagging(client, seed):
    from warta.taxonomy.models import Tag

    seed.tags.add(Tag.objects.create(name="Geopolitik", slug="geopolitik"))
    assert found(client, "geopolitik") == [SEED_URL]
    seed.tags.clear()
    assert found(client, "geopolitik") == []


def test_future_articles_stay_hidden_until_their_time(client, make_article):
    make_article(
        slug="embargo", headline="Pengumuman kabinet", published_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert found(client, "kabinet") == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "Ketik kata yang ingin Anda cari."),
        ({"q": "   "}, "Ketik kata yang ingin Anda cari."),
        ({"q": "yang dan di"}, "Kata-kata itu terlalu umum untuk dicari."),
        ({"q": "zzzqqq"}, "Tidak ada yang cocok."),
    ],
)
def test_empty_or_useless_queries_get_a_friendly_page(client, seed, params, message):
    response = client.get("/cari/", params)
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "*",
        "NEAR(a b)",
        "kerja AND OR NOT",
        "a" * 5000,
        "<script>alert(1)</script>",
        "'; DROP TABLE articles_article; --",
        "\x00\x01",
        "ΣΦ 中文 😀",
        "%FF",
        "kerja" + " sama" * 300,
    ],
)
def test_hostile_queries_never_break_it(client, seed, query):
    response = client.get("/cari/", {"q": query, "page": "999", "dari": "bukan-tanggal", "bagian": "tidak-ada"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert Article.objects.filter(slug="gawat-putin-kim-jong-un-makin-nempel").exists()


def test_a_long_query_is_shortened_and_said_so(client, seed):
    page = client.get("/cari/", {"q": "kerja sama " + "x" * 300}).content.decode()
    assert "Pencarian Anda dipotong menjadi 200 karakter pertama." in page


def test_bad_filters_are_reported_and_ignored(client, seed):
    page = client.get("/cari/", {"q": "putin", "dari": "kemarin"}).content.decode()
    assert "Dari:" in page and "Saringan itu diabaikan." in page
    assert SEED_URL in re.findall(r'class="card__headline"><a href="([^"]+)"', page)


def test_the_rebuild_command_restores_the_index(seed):
    from django.core.management import call_command

    SearchDocument.objects.all().delete()
    call_command("search_rebuild", stdout=__import__("io").StringIO())
    assert SearchDocument.objects.count() == Article.objects.published().count()
