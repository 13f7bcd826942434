"""The page cache on several app servers: two `warta serve` processes, each with its own data
directory, sharing one PostgreSQL database and one Redis, as behind a load balancer.

An edit made anywhere stops every server from serving the old page within a second, even a
server that was down while the edit was made and whose Redis copy of the page is older.

Needs PostgreSQL and Redis (skipped without them, required in CI): WARTA_TEST_SERVERS_POSTGRES_URL
(default postgresql://127.0.0.1:5432/cache, dropped and created again) and
WARTA_TEST_SERVERS_REDIS_URL (default redis://127.0.0.1:6379/5, flushed).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEED_URL

WARTA = Path(sys.executable).with_name("warta")
POSTGRES_URL = os.environ.get("WARTA_TEST_SERVERS_POSTGRES_URL", "postgresql://127.0.0.1:5432/cache")
REDIS_URL = os.environ.get("WARTA_TEST_SERVERS_REDIS_URL", "redis://127.0.0.1:6379/5")
SEED_SLUG = SEED_URL.rstrip("/").rsplit("/", 1)[1]
PURGE_DEADLINE = 1.0  # seconds within which no server may serve the old page


def _reachable() -> str | None:
    try:
        import psycopg
        import redis

        psycopg.connect(POSTGRES_URL.rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
        redis.Redis.from_url(REDIS_URL, socket_timeout=3).ping()
    except Exception as exc:  # noqa: BLE001 - any failure means "not here"
        return str(exc)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """One app server: `warta serve` with a data directory of its own."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env, self.port = env, _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(WARTA), "serve", "--port", str(self.port), "--workers", "1"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                self.get("/")
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.2)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)

    def get(self, path: str) -> tuple[str, str]:
        """(body, X-Warta-Cache) of a GET to this server, for the site's public name (as a load
        balancer passes it on)."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers={"Host": "localhost"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read().decode(), response.headers.get("X-Warta-Cache", "")


def _warta(env: dict[str, str], *args: str) -> None:
    done = subprocess.run([str(WARTA), *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"warta {args[0]}: {done.stderr[-2000:]}"


def _retitle(env: dict[str, str], headline: str) -> None:
    """An editor's save, in a process of its own (another server's back office)."""
    code = (
        "from warta.articles.models import Article\n"
        f"article = Article.objects.get(slug={SEED_SLUG!r})\n"
        f"article.headline = {headline!r}\n"
        "article.save()\n"
    )
    _warta(env, "shell", "-c", code)


def _until_everywhere(servers: list[Server], text: str, path: str = SEED_URL) -> float:
    """Seconds until every server's page shows text (failing after PURGE_DEADLINE)."""
    start = time.monotonic()
    while True:
        bodies = [server.get(path)[0] for server in servers]
        if all(text in body for body in bodies):
            return time.monotonic() - start
        assert time.monotonic() - start < PURGE_DEADLINE, [text in body for body in bodies]
        time.sleep(0.05)


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Server]]:
    problem = _reachable()
    if problem is not None:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL and Redis are required in CI: {problem}")
        pytest.skip(f"needs PostgreSQL and Redis: {problem}")
    import psycopg
    import redis

    name = POSTGRES_URL.rsplit("/", 1)[1]
    with psycopg.connect(POSTGRES_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(REDIS_URL).flushdb()
    base = {k: v for k, v in os.environ.items() if not k.startswith(("WARTA_", "DJANGO_"))}
    base.update(
        WARTA_DATABASE_URL=POSTGRES_URL,
        WARTA_CACHE_URL=REDIS_URL,
        WARTA_SITE_NAME="Kempalan",
        WARTA_DEMO="1",
        WARTA_SECRET_KEY=secrets.token_urlsafe(40),  # one site: one key on every server
    )
    envs = [{**base, "WARTA_DATA_DIR": str(tmp_path_factory.mktemp(f"server-{n}"))} for n in "ab"]
    _warta(envs[0], "migrate", "-v0")
    _warta(envs[0], "load_demo")
    for env in envs:
        _warta(env, "collectstatic", "--noinput", "-v0")
    started = [Server(env) for env in envs]
    try:
        for server in started:
            server.start()
        yield started
    finally:
        for server in started:
            server.stop()
        redis.Redis.from_url(REDIS_URL).flushdb()


def test_an_edit_reaches_every_server_within_a_second(servers):
    for server in servers:
        server.get(SEED_URL)
        assert server.get(SEED_URL)[1] == "hit"
    _retitle(servers[0].env, "Judul dari server lain")
    _until_everywhere(servers, "Judul dari server lain")
    for server in servers:
        server.get(SEED_URL)
        assert server.get(SEED_URL)[1] == "hit"  # and the new page is cached again


def test_a_page_another_server_stored_is_served_fresh(servers):
    first, second = servers
    first.get(SEED_URL)
    assert first.get(SEED_URL)[1] == "hit"
    second.stop()
    second.start()  # a new process: its memory is empty, the page is found in Redis
    body, how = second.get(SEED_URL)
    assert how == "hit" and body == first.get(SEED_URL)[0]


def test_a_server_that_was_down_during_an_edit_never_serves_the_old_page(servers):
    first, second = servers
    for server in servers:
        server.get(SEED_URL)
    second.stop()
    _retitle(first.env, "Disunting saat server mati")
    second.start()
    assert "Disunting saat server mati" in second.get(SEED_URL)[0]
    _until_everywhere(servers, "Disunting saat server mati")


def test_edits_on_either_server_keep_both_in_step(servers):
    for round_, server in enumerate(servers * 2):
        headline = f"Putaran {round_} dari server {servers.index(server)}"
        for each in servers:
            each.get(SEED_URL)
        _retitle(server.env, headline)
        _until_everywhere(servers, headline)


def test_what_each_server_holds_in_memory_follows_an_edit_on_another(servers):
    """The home page's lists and the breaking news are held in each process (caching/memo.py),
    and so is the article's row: a change made elsewhere reaches all of them within a second."""
    for server in servers:
        server.get("/")
        assert server.get("/")[1] == "hit"
    _retitle(servers[1].env, "Judul baru di beranda")
    _until_everywhere(servers, "Judul baru di beranda", path="/")
    code = (
        "import datetime\n"
        "from django.utils import timezone\n"
        "from warta.articles.models import Article\n"
        "from warta.live.models import Breaking\n"
        f"article = Article.objects.get(slug={SEED_SLUG!r})\n"
        "Breaking.objects.create(article=article, expires_at=timezone.now() + datetime.timedelta(hours=1))\n"
    )
    _warta(servers[0].env, "shell", "-c", code)
    _until_everywhere(servers, 'class="breaking"', path="/")
    _until_everywhere(servers, 'class="breaking"')
