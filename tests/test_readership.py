"""Most read, counted on our own server: no cookies, bots and reloads left out."""

from __future__ import annotations

import pytest
from django.db.models import Sum

from tests.conftest import SEED_URL
from warta.readership.models import HourlyViews

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (Linux; Android 10) Chrome/120 Mobile"


def views(article) -> int:
    return HourlyViews.objects.filter(article=article).aggregate(n=Sum("views"))["n"] or 0


def test_the_page_carries_a_beacon_and_a_no_javascript_pixel(client, seed):
    page = client.get(SEED_URL).content.decode()
    assert f'data-seen="/dibaca/{seed.pk}/"' in page
    assert f'<noscript><img class="seen" src="/dibaca/{seed.pk}/"' in page
    assert "/static/readership/seen.js" in page


def test_a_beacon_counts_one_view_per_reader_address(client, seed):
    for _ in range(3):
        response = client.post(f"/dibaca/{seed.pk}/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.1")
        assert response.status_code == 204
    client.get(f"/dibaca/{seed.pk}/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.2")
    assert views(seed) == 2


def test_the_pixel_is_a_gif_never_cached_and_sets_no_cookie(client, seed):
    response = client.get(f"/dibaca/{seed.pk}/", HTTP_USER_AGENT=BROWSER)
    assert response["Content-Type"] == "image/gif" and response.content.startswith(b"GIF89a")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert not response.cookies


@pytest.mark.parametrize("agent", ["", "Googlebot/2.1", "curl/8.0", "Mozilla/5.0 HeadlessChrome/120"])
def test_bots_are_not_counted(client, seed, agent):
    client.post(f"/dibaca/{seed.pk}/", HTTP_USER_AGENT=agent)
    assert views(seed) == 0


def test_an_unknown_article_counts_nothing_and_breaks_nothing(client, seed):
    assert client.post("/dibaca/999999/", HTTP_USER_AGENT=BROWSER).status_code in {204, 404}
    assert not HourlyViews.objects.filter(article_id=999999).exists()
