"""Search is rate-limited per address like comments: a few clients searching flat out must not
slow every reader's page down."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_searching_too_often_is_refused_with_the_query_kept_and_a_time_to_wait(seed, settings):
    # A long window: a fixed window's edge falling inside the test would restart the count.
    settings.WARTA_SEARCH_RATE, settings.WARTA_SEARCH_RATE_WINDOW = 3, 3600
    client = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [client.get("/cari/", {"q": f"putin {i}"}).status_code for i in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/cari/", {"q": "kim jong un"})
    page = refused.content.decode()
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    assert "Anda terlalu sering mencari" in page and 'value="kim jong un"' in page


def test_each_address_has_its_own_allowance(seed, settings):
    settings.WARTA_SEARCH_RATE, settings.WARTA_SEARCH_RATE_WINDOW = 2, 3600
    for _ in range(3):
        Client(REMOTE_ADDR="203.0.113.7").get("/cari/", {"q": "putin"})
    assert Client(REMOTE_ADDR="198.51.100.9").get("/cari/", {"q": "putin"}).status_code == 200


def test_an_empty_search_costs_nothing_and_is_not_counted(seed, settings):
    settings.WARTA_SEARCH_RATE, settings.WARTA_SEARCH_RATE_WINDOW = 1, 3600
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert [client.get("/cari/").status_code for _ in range(5)] == [200] * 5
    assert client.get("/cari/", {"q": "putin"}).status_code == 200


def test_the_refusal_is_never_kept_in_the_page_cache(seed, settings):
    settings.WARTA_SEARCH_RATE, settings.WARTA_SEARCH_RATE_WINDOW = 1, 3600
    busy, calm = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="198.51.100.9")
    busy.get("/cari/", {"q": "putin"})
    assert busy.get("/cari/", {"q": "kim"}).status_code == 429
    assert calm.get("/cari/", {"q": "kim"}).status_code == 200
