"""A fresh server process parses the readers' templates at start, not on its first readers."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys

import pytest
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.template import Template, engines

from tests.conftest import must_search
from warta.front import warmup


def cached_names() -> set[str]:
    loader = engines["django"].engine.template_loaders[0]  # type: ignore[attr-defined]
    return set(loader.get_template_cache)


def test_the_reader_templates_are_parsed_at_start():
    engines["django"].engine.template_loaders[0].reset()  # type: ignore[attr-defined]
    warmup.warm_up()
    for name in ("base.html", "articles/article.html", "articles/story.html", "front/card.html", "live/stream.html"):
        assert name in cached_names(), name


def test_a_template_that_does_not_compile_is_logged_and_the_server_starts(monkeypatch, caplog):
    real = warmup.loader.get_template

    def get_template(name: str):
        if name == "broken.html":
            return Template("{% if %}")  # raises as a broken file would
        return real(name)

    monkeypatch.setattr(warmup.loader, "get_template", get_template)
    monkeypatch.setattr(warmup, "_reader_templates", lambda: ["broken.html", "base.html"])
    with caplog.at_level(logging.ERROR, logger="warta.front.warmup"):
        warmup.warm_up()
    assert "broken.html does not compile" in caplog.text and "base.html" in cached_names()


@pytest.fixture
def handler():
    """The server's own handler (warta/wsgi.py), kept from closing the connection at each request's
    start and end, as Django's test client does: a test runs inside a transaction."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield WSGIHandler()
    for signal in signals:
        signal.connect(close_old_connections)


def test_a_worker_renders_the_home_page_and_the_newest_article_before_its_first_reader(make_article, handler, caplog):
    from django.utils import timezone

    newest = make_article(slug="paling-baru", published_at=timezone.now())
    with caplog.at_level(logging.INFO, logger="warta.front.warmup"):
        rendered = warmup.rehearse(handler)
    assert rendered == [("/", 200), (newest.get_absolute_url(), 200)]
    assert f"{newest.get_absolute_url()} rendered ahead (200" in caplog.text


def test_pages_are_rendered_ahead_at_an_allowed_host_when_the_site_address_is_not_one(make_article, handler, settings):
    settings.ALLOWED_HOSTS = ["kabarkota.id"]  # WARTA_SITE_URL left at its default, 127.0.0.1:8000
    assert warmup.reader_environ("/")["HTTP_HOST"] == "kabarkota.id"
    assert warmup.rehearse(handler)[0] == ("/", 200)


def test_an_article_without_an_address_stops_no_worker(make_article, handler, caplog):
    """A slug no form would let through, written straight into the database: the newest article's
    address cannot be made, so nothing is rendered ahead; the worker starts."""
    from django.utils import timezone

    make_article(slug="berita.baru", published_at=timezone.now())
    with caplog.at_level(logging.WARNING, logger="warta.front.warmup"):
        assert warmup.rehearse(handler) == []
    assert "no pages rendered ahead" in caplog.text


def test_behind_a_tls_proxy_the_page_rendered_ahead_is_the_https_one(settings):
    settings.WARTA_SITE_URL = "https://kabarkota.id"
    settings.ALLOWED_HOSTS = ["kabarkota.id"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # as WARTA_HTTPS=1 sets it
    request = WSGIRequest(warmup.reader_environ("/"))
    assert request.build_absolute_uri() == "https://kabarkota.id/" and request.is_secure()


WORKER_START = """
import logging, os, threading, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
logging.getLogger("warta.front.warmup").setLevel(logging.INFO)  # what it rendered ahead, on stderr
started = time.monotonic()
import warta.wsgi  # what a server's worker imports: warm_up() runs
print("started in %.1f s" % (time.monotonic() - started))
for thread in threading.enumerate():
    if thread.name == "warta-warm-up":
        thread.join(timeout=30)
from django.db import connection
from warta.caching import generations
pool = getattr(connection, "pool", None)
print("pool", pool.get_stats()["pool_size"] if pool is not None else "none")
print("pool closed", pool.closed if pool is not None else "none")
print("synced", getattr(generations.store(), "cursor", "no redis") is not None)
"""


def start_worker(settings, **environ: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(WARTA_SERVER_WORKER="1", WARTA_DATA_DIR=str(settings.DATA_DIR))
    env.update(environ)
    done = subprocess.run([sys.executable, "-c", WORKER_START], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def test_a_server_worker_opens_its_connections_before_its_first_request(settings):
    """Nothing in the worker has asked for a connection: the warm-up opened them."""
    from django.db import connection

    database = connection.settings_dict
    environ = {}
    if connection.vendor == "postgresql":  # the database the tests run on, by its own name
        environ["WARTA_DATABASE_URL"] = (
            f"postgresql://{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
        )
    # The test settings: static files without a manifest, which the suite never collects.
    done = start_worker(settings, DJANGO_SETTINGS_MODULE="tests.settings", **environ)
    if connection.vendor == "postgresql":
        # min_size (1) open at least; the pages rendered ahead may have asked for one more
        assert int(must_search(r"pool (\d+)", done.stdout).group(1)) >= 1
        assert "warm-up: / rendered ahead (200" in done.stderr  # the suite's database holds the demo
    else:  # the data directory's database, never migrated: nothing to render, the worker starts
        assert "pool none" in done.stdout and "no pages rendered ahead" in done.stderr
    assert "synced True" in done.stdout


def test_a_worker_whose_database_is_away_starts_without_waiting_for_it(settings):
    """Nothing answers on the database's port: the worker starts (no page rendered ahead) after
    warmup.READY_SECONDS, and its pool stays open to fill once the database is back."""
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = start_worker(settings, WARTA_DATABASE_URL=f"postgresql://127.0.0.1:{port}/warta")
    assert "pool closed False" in done.stdout
    assert "connections not opened in advance" in done.stderr and "rendered ahead" not in done.stderr
    seconds = float(must_search(r"started in ([\d.]+) s", done.stdout).group(1))
    assert seconds < warmup.READY_SECONDS + 5, seconds  # the margin: a slow machine's imports
