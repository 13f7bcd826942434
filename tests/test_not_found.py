"""Bad addresses get a styled Indonesian 404, never a 500 or a debug page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.conftest import SEED_URL
from warta.articles.models import Article

pytestmark = pytest.mark.django_db


def assert_styled_404(response) -> None:
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Halaman tidak ditemukan</h1>" in page
    assert '<html lang="id">' in page
    assert "Traceback" not in page


@pytest.mark.parametrize(
    "url",
    [
        "/2022/08/16/tidak-ada-berita-ini/",
        "/2022/13/45/gawat-putin-kim-jong-un-makin-nempel/",
        "/2022/02/30/gawat-putin-kim-jong-un-makin-nempel/",
        "/2022/08/16/%FF%FE/",
        "/2022/08/16/gawat%C3%28/",
        "/category/tidak-ada/",
        "/tag/tidak-ada/",
        "/author/tidak-ada/",
        "/indeks/?page=999",
        "/indeks/?page=abc",
        "/indeks/?page=%FF",
        "/wp-content/../../etc/passwd",
    ],
)
def test_it_answers_a_styled_404(client, seed, url):
    assert_styled_404(client.get(url))


def test_it_hides_a_draft(client, make_article):
    draft = make_article(slug="draf", status=Article.Status.DRAFT)
    assert_styled_404(client.get(f"/2022/08/01/{draft.slug}/"))


def test_it_hides_an_article_whose_time_has_not_come(client, make_article):
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    future = make_article(slug="besok", published_at=tomorrow)
    assert_styled_404(client.get(future.get_absolute_url()))


def test_it_hides_an_unpublished_article(client, seed):
    seed.status = Article.Status.UNPUBLISHED
    seed.save()
    assert_styled_404(client.get(SEED_URL))


def test_it_sends_a_wrong_date_to_the_true_address(client, seed):
    response = client.get("/2022/08/17/gawat-putin-kim-jong-un-makin-nempel/")
    assert response.status_code == 301
    assert response["Location"] == SEED_URL


def test_it_answers_undecodable_query_bytes_without_error(client, seed):
    response = client.get(SEED_URL, QUERY_STRING="q=%FF%FE%00")
    assert response.status_code == 200
