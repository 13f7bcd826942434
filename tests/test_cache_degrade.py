"""Redis down: degrade, don't fail.

Pages are still rendered (uncached: a page whose purges cannot be seen must not be served),
comments and logins still work (rate limits count per process meanwhile), a warning is logged,
and the page cache comes back by itself when Redis answers, purges made meanwhile included.

Runs its own redis-server on a free port (stopped and started mid-test), never the machine's.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core import signing

from tests import wsgi_client
from tests.conftest import SEED_URL, must_search
from tests.wsgi_client import get
from warta.caching import generations, store
from warta.comments.forms import TOKEN_SALT
from warta.comments.models import Comment
from warta.lib import ratelimit
from warta.wsgi import application

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("fragments_on"),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server"),
]


NOTICE = generations.RETRY_SECONDS + generations.SYNC_SECONDS + 0.2  # the longest until an outage is seen


class OwnRedis:
    """A redis-server of this test's own, keeping its data across a stop (append-only file)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory)]
            + ["--save", "", "--appendonly", "yes", "--appendfsync", "always"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def redis(settings, tmp_path) -> Iterator[OwnRedis]:
    server = OwnRedis(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "warta.caching.backends.DegradingRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
    _forget_process_state()
    try:
        yield server
    finally:
        server.stop()
        _forget_process_state()


def _forget_process_state() -> None:
    from warta.caching.backends import DegradingRedisCache

    DegradingRedisCache.down_until = 0.0
    generations._store = None
    store.local.clear()
    ratelimit._down_until = 0.0
    ratelimit._local.clear()


def post(path: str, fields: dict[str, str]) -> wsgi_client.Response:
    body = urlencode(fields).encode()
    return wsgi_client.request(application, path, method="POST", body=body, origin="http://testserver")


def test_pages_are_rendered_while_redis_is_down_and_cached_again_when_it_returns(seed, redis, caplog):
    get(SEED_URL)
    assert get(SEED_URL).hit
    redis.stop()
    time.sleep(generations.SYNC_SECONDS + 0.1)
    with caplog.at_level(logging.WARNING):
        pages = [get(path) for path in (SEED_URL, SEED_URL, "/", "/category/internasional/", "/feed/")]
    assert [page.status for page in pages] == [200] * 5
    assert not any(page.hit for page in pages)
    assert "Gawat, Putin-Kim Jong Un" in pages[0].text
    assert "Redis unreachable" in caplog.text
    assert caplog.text.count("Redis unreachable") == 1  # one warning per outage, not one per request

    redis.start()
    time.sleep(generations.RETRY_SECONDS + 0.1)
    get(SEED_URL)
    assert get(SEED_URL).hit


def test_an_edit_made_while_redis_is_down_is_purged_when_it_returns(seed, redis, committed):
    get(SEED_URL)
    assert get(SEED_URL).hit  # the page is now also kept in Redis
    redis.stop()
    time.sleep(generations.SYNC_SECONDS + 0.1)

    def edit():
        seed.headline = "Disunting saat Redis mati"
        seed.save()

    committed(edit)  # the editor's save succeeds
    assert "Disunting saat Redis mati" in get(SEED_URL).text

    redis.start()  # with the old page and the old generations, from its append-only file
    store.local.clear()  # as another server, or this one restarted, would find it
    time.sleep(generations.RETRY_SECONDS + 0.1)
    assert "Disunting saat Redis mati" in get(SEED_URL).text
    again = get(SEED_URL)
    assert again.hit and "Disunting saat Redis mati" in again.text


def test_readers_comment_while_redis_is_down(seed, redis, settings):
    redis.stop()
    fields = {
        "name": "Ani",
        "email": "ani@pembaca.id",
        "token": signing.dumps(int(time.time()) - 10, salt=TOKEN_SALT),
    }
    sent = post(f"/komentar/{seed.pk}/", {**fields, "text": "Tetap bisa berkomentar"})
    assert sent.status == 303
    assert Comment.objects.filter(text="Tetap bisa berkomentar").exists()
    # The rate limit still holds, counted in this process while Redis is away.
    statuses = [
        post(f"/komentar/{seed.pk}/", {**fields, "text": f"Komentar ke-{n}"}).status
        for n in range(settings.WARTA_COMMENT_RATE)
    ]
    assert statuses[-1] == 429


def test_staff_log_in_while_redis_is_down(redis, django_user_model):
    secret = secrets.token_urlsafe(12)
    django_user_model.objects.create_user("redaktur", password=secret, is_staff=True)
    redis.stop()
    page = get("/redaksi/login/")
    assert page.status == 200
    token = must_search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    cookie = page.headers["Set-Cookie"].split(";", 1)[0]

    def log_in(password: str) -> wsgi_client.Response:
        body = urlencode({"username": "redaktur", "password": password, "csrfmiddlewaretoken": token}).encode()
        return wsgi_client.request(
            application, "/redaksi/login/", method="POST", body=body, cookie=cookie, origin="http://testserver"
        )

    assert log_in("salah").status == 200  # wrong password: the form again, counted, no 500
    assert log_in(secret).status == 302


def test_the_page_cache_stands_aside_at_once_when_redis_stops_answering(seed, redis):
    get(SEED_URL)
    assert get(SEED_URL).hit
    redis.stop()
    started = time.monotonic()
    deadline = started + NOTICE
    while get(SEED_URL).hit:
        assert time.monotonic() < deadline, "a page was served from memory after its purges stopped being seen"
        time.sleep(0.05)
