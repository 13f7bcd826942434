"""A fresh server process parses the readers' templates at start, not on its first readers."""

from __future__ import annotations

import logging
import os

from django.template import Template, engines

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


WORKER_START = """
import os, threading
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
import warta.wsgi  # what a server's worker imports: warm_up() runs
for thread in threading.enumerate():
    if thread.name == "warta-warm-up":
        thread.join(timeout=30)
from django.db import connection
from warta.caching import generations
pool = getattr(connection, "pool", None)
print("pool", pool.get_stats()["pool_size"] if pool is not None else "none")
print("synced", getattr(generations.store(), "cursor", "no redis") is not None)
"""


def test_a_server_worker_opens_its_connections_before_its_first_request(settings):
    """Nothing in the worker has asked for a connection: the warm-up opened them in the background."""
    import subprocess
    import sys

    from django.db import connection

    database = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(WARTA_SERVER_WORKER="1", WARTA_DATA_DIR=str(settings.DATA_DIR))
    if connection.vendor == "postgresql":  # the database the tests run on, by its own name
        env["WARTA_DATABASE_URL"] = (
            f"postgresql://{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
        )
    done = subprocess.run([sys.executable, "-c", WORKER_START], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    if connection.vendor == "postgresql":
        assert "pool 1" in done.stdout  # min_size connections open, none asked for by a request
    else:
        assert "pool none" in done.stdout
    assert "synced True" in done.stdout
