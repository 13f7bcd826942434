"""A page evicted while what it shows is unchanged (a reader's own cookie, a purge of a part it
does not read) is put together without a query: the article's row and the home page's lists are
kept in the process under their keys (memo.kept), and follow every change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import SEED_URL, fresh_site_settings, permalink
from tests.wsgi_client import get
from warta.articles.models import Article
from warta.caching import memo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]

# Held comments, none of them valid: personal, so neither answered from nor kept in the page cache.
NOT_CACHED = {"cookie": "warta_pending=none"}


@pytest.mark.parametrize("path", [SEED_URL, "/", "/category/internasional/", "/tag/putin/", "/indeks/?page=1"])
def test_a_page_whose_parts_are_all_kept_reads_nothing_and_is_the_same_page(seed, path):
    stored = get(path)
    fresh_site_settings()
    with CaptureQueriesContext(connection) as queries:
        again = get(path, **NOT_CACHED)
    assert again.status == 200 and not again.hit
    assert [q["sql"] for q in queries.captured_queries] == []
    assert again.body == stored.body


def test_the_kept_article_follows_an_edit_a_new_address_and_a_withdrawal(seed, committed):
    get(SEED_URL, **NOT_CACHED)

    def edit():
        seed.headline = "Judul yang disunting"
        seed.save()

    committed(edit)
    assert "Judul yang disunting" in get(SEED_URL, **NOT_CACHED).text

    def move():
        seed.slug = "alamat-baru"
        seed.save()

    committed(move)
    moved = get(SEED_URL, **NOT_CACHED)
    assert moved.status == 301 and moved.headers["Location"].endswith(permalink(seed))
    assert get(permalink(seed), **NOT_CACHED).status == 200

    def withdraw():
        seed.status, seed.withdrawal_reason = Article.Status.WITHDRAWN, "Sumber tidak dapat diverifikasi."
        seed.save()

    committed(withdraw)
    assert get(permalink(seed), **NOT_CACHED).status == 410


def test_the_kept_home_page_follows_a_publication_and_a_section_rename(seed, make_article, committed):
    assert "Berita paling baru" not in get("/", **NOT_CACHED).text
    committed(lambda: make_article(headline="Berita paling baru", published_at=seed.published_at))
    assert "Berita paling baru" in get("/", **NOT_CACHED).text

    def rename():
        seed.section.name = "Mancanegara"
        seed.section.save()

    committed(rename)
    block = (
        f'id="section-{seed.section.slug}" class="rubric"><a href="{seed.section.get_absolute_url()}">Mancanegara</a>'
    )
    assert block in get("/", **NOT_CACHED).text


def test_a_request_never_changes_the_row_every_request_shares(seed):
    get(SEED_URL, **NOT_CACHED)  # keeps the row, then renders the story: tags, bylines, renditions
    [kept] = [fragment.content for fragment, _ in memo.local.items.values() if isinstance(fragment.content, Article)]
    assert kept.pk == seed.pk and kept.lead_photo is not None
    assert not hasattr(kept, "_prefetched_objects_cache")
    assert not hasattr(kept.lead_photo, "_prefetched_objects_cache")


def test_a_kept_archive_page_follows_a_publication_a_rename_and_a_missing_page(seed, make_article, committed):
    archive = seed.section.get_absolute_url()
    assert "Berita seksi terbaru" not in get(archive, **NOT_CACHED).text
    committed(lambda: make_article(headline="Berita seksi terbaru", published_at=seed.published_at))
    assert "Berita seksi terbaru" in get(archive, **NOT_CACHED).text

    def rename():
        seed.section.name = "Mancanegara"
        seed.section.save()

    committed(rename)
    assert "<h1>Mancanegara</h1>" in get(archive, **NOT_CACHED).text
    assert get(archive + "?page=99", **NOT_CACHED).status == 404  # never kept
    assert get(archive + "?page=99", **NOT_CACHED).status == 404
