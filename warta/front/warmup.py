"""Work a fresh server process does once at start instead of on its first readers' requests.

A new worker (after a deploy, a restart, or a crash) would otherwise make its first readers wait
for the URLconf's imports and reverse index, the template tag libraries, every reader-facing
template's parse, the translation catalogue and date formats, the context processors, the static
files' manifest, the Redis client's import and the first connections to PostgreSQL and Redis:
together more than the first page's own rendering. Nothing here waits for the database or the
cache: their connections are opened in the background, so a worker starts even while they are
away (and its first request then finds them as it would have anyway).
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import connection
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines, loader
from django.urls import get_resolver
from django.utils import formats, translation

from warta import config
from warta.caching import generations

log = logging.getLogger(__name__)

READER_APPS = ("front", "articles", "comments", "live", "pages", "search")


def warm_up() -> None:
    resolver = get_resolver()
    for reverser in (resolver, *(sub for _, sub in resolver.namespace_dict.values())):
        reverser.reverse_dict  # noqa: B018 - imports every URLconf and view, and indexes them for reverse()
    generations.store()  # imports the Redis client
    engines["django"].engine.template_context_processors  # type: ignore[attr-defined]  # noqa: B018 - imports them
    try:
        staticfiles_storage.url("warta/site.css")  # reads the manifest of hashed names
    except ValueError as exc:  # not collected yet: the page will say so; start
        log.error("static files: %s", exc)
    with translation.override(settings.LANGUAGE_CODE):  # reads the catalogue
        formats.get_format("DATE_FORMAT")  # imports the language's date formats
        for name in _reader_templates():
            try:
                loader.get_template(name)
            except (TemplateSyntaxError, TemplateDoesNotExist) as exc:  # the page will say so; start
                log.error("template %s does not compile: %s", name, exc)

    threading.Thread(target=_connect, name="warta-warm-up", daemon=True).start()


def _connect() -> None:
    """Open the connections the first request would open; a failure is the request's to report.
    The database's pool only in a server's workers (`warta serve` says so): any other process
    importing this, a test run before its test database exists, must not fix the pool's target."""
    try:
        pool = getattr(connection, "pool", None) if os.environ.get(config.SERVER_WORKER) else None  # PostgreSQL's
        if pool is not None:
            pool.open(wait=False)  # filled in the background: never waits, even for a database away
        generations.store().available()  # the purge log's first catch-up
        cache.get("warta:warm-up")  # the shared cache's own connection (a miss; degrades if away)
        connection.close()  # this thread's own, if any: the pool keeps what it opened
    except Exception as exc:  # noqa: BLE001 - a warm-up is optional; requests will meet the same
        log.warning("warm-up: connections not opened in advance: %s", exc)


def _reader_templates() -> list[str]:
    names: list[str] = []
    for label in READER_APPS:
        root = Path(apps.get_app_config(label).path) / "templates"
        names += [str(path.relative_to(root)) for path in sorted(root.rglob("*.html"))]
    return names
