"""Many readers posting at the same moment against a live server: nothing lost, nothing doubled."""

from __future__ import annotations

import http.client
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest
from django.core import signing
from django.db import connection

from warta.articles.models import Article
from warta.comments.forms import TOKEN_SALT
from warta.comments.models import Comment
from warta.taxonomy.models import Section

pytestmark = pytest.mark.django_db(transaction=True)


def send(address: str, article_id: int, index: int, text: str) -> int:
    body = urlencode(
        {
            "name": f"Pembaca {index}",
            "email": f"pembaca{index}@contoh.id",
            "text": text,
            "token": signing.dumps(int(time.time()) - 10, salt=TOKEN_SALT),
        }
    )
    where = urlsplit(address)
    assert where.hostname is not None
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    try:
        conn.request(
            "POST",
            f"/komentar/{article_id}/",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": address},
        )
        return conn.getresponse().status
    finally:
        conn.close()


@pytest.fixture
def article(db) -> Article:
    section = Section.objects.create(name="Uji", slug="uji")
    return Article.objects.create(
        headline="Serentak",
        slug="serentak",
        section=section,
        status=Article.Status.PUBLISHED,
        published_at="2022-08-16T03:00:00Z",
        body=[{"type": "paragraph", "text": "Isi."}],
    )


def test_fifty_parallel_comments_are_all_stored_once(live_server, settings, article):
    if connection.vendor != "postgresql":
        pytest.skip("the concurrency test runs on PostgreSQL (scripts/test runs it there)")
    settings.WARTA_COMMENT_RATE = 1000  # one test client is one IP; the limit is not under test here
    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(lambda i: send(live_server.url, article.pk, i, f"Komentar nomor {i}"), range(50)))
    assert statuses == [303] * 50
    stored = sorted(Comment.objects.filter(article=article).values_list("text", flat=True))
    assert stored == sorted(f"Komentar nomor {i}" for i in range(50))


def test_the_same_comment_sent_ten_times_at_once_is_stored_once(live_server, settings, article):
    if connection.vendor != "postgresql":
        pytest.skip("the concurrency test runs on PostgreSQL (scripts/test runs it there)")
    settings.WARTA_COMMENT_RATE = 1000
    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(lambda _: send(live_server.url, article.pk, 7, "Sekali saja"), range(10)))
    assert sorted(statuses) == [303] + [400] * 9
    assert Comment.objects.filter(article=article, text="Sekali saja").count() == 1
