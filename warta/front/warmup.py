"""Work a fresh server process does once at start instead of on its first readers' requests.

A new worker (after a deploy, a restart, or a crash) would otherwise make its first readers wait
for the URLconf's imports and reverse index, the template tag libraries, every reader-facing
template's parse, the translation catalogue and date formats, the context processors, the static
files' manifest, the Redis client's import and the first connections to PostgreSQL and Redis:
together more than the first page's own rendering. What is left after that (the form
renderer's widget templates, the ORM's and the database driver's first use of each query's
shapes) is only paid by rendering: a server's worker whose database answers within
READY_SECONDS renders the home page and the newest article once, for REHEARSAL_SECONDS at most,
before it takes its first request (its readers then meet a worker whose first page costs what
any page costs). A database away delays the start by READY_SECONDS, a Redis away by its connect
timeout; the pool keeps filling in the background, so the worker starts anyway and its first
request finds them as it would have.
"""

from __future__ import annotations

import io
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import connection
from django.http.request import validate_host
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines, loader
from django.urls import get_resolver
from django.utils import formats, translation

from warta import config
from warta.articles.models import Article
from warta.caching import generations

log = logging.getLogger(__name__)

READER_APPS = ("front", "articles", "comments", "live", "pages", "search")
READY_SECONDS = 1.0  # how long a starting worker waits for its database before it renders ahead
REHEARSAL_SECONDS = 10.0  # then how long for the pages: a database that blocks (a migration's lock)

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def warm_up(application: WSGIApp | None = None) -> None:
    """application: the server's Django handler; given in a server's worker, its pages are
    rendered once ahead (see rehearse)."""
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

    if application is not None and os.environ.get(config.SERVER_WORKER) and _connect(wait=True):
        # In a thread of its own, so that a blocked query cannot hold the worker's start (the
        # rendering goes on meanwhile), and so that its connection is its own to give back.
        rehearsal = threading.Thread(
            target=_rehearse_in_thread, args=(application,), name="warta-rehearsal", daemon=True
        )
        rehearsal.start()
        rehearsal.join(REHEARSAL_SECONDS)
        if rehearsal.is_alive():
            log.warning("warm-up: pages still rendering after %.0f s; serving meanwhile", REHEARSAL_SECONDS)
    else:
        threading.Thread(target=_connect, name="warta-warm-up", daemon=True).start()


def _connect(wait: bool = False) -> bool:
    """Open the connections the first request would open; a failure is the request's to report.
    The database's pool only in a server's workers (`warta serve` says so): any other process
    importing this, a test run before its test database exists, must not fix the pool's target.
    wait: for the pool's first connection, READY_SECONDS at most. True when all answered."""
    try:
        pool = getattr(connection, "pool", None) if os.environ.get(config.SERVER_WORKER) else None  # PostgreSQL's
        if pool is not None:
            pool.open(wait=False)  # filled in the background: a database away delays nothing
            if wait:  # for one connection; not open(wait=True), which closes the pool for good on a timeout
                pool.putconn(pool.getconn(timeout=READY_SECONDS))
        generations.store().available()  # the purge log's first catch-up
        cache.get("warta:warm-up")  # the shared cache's own connection (a miss; degrades if away)
        connection.close()  # this thread's own, if any: the pool keeps what it opened
    except Exception as exc:  # noqa: BLE001 - a warm-up is optional; requests will meet the same
        log.warning("warm-up: connections not opened in advance: %s", exc)
        return False
    return True


def rehearse(application: WSGIApp) -> list[tuple[str, int]]:
    """Render the home page and the newest article once, through the whole handler, as a reader
    would ask for them at the site's own address; return each path with its status. What they
    store (pages, fragments) is what their first reader would have stored. Nothing here may stop
    a worker from starting: whatever fails is logged, the pages that fail are the readers' to see."""
    try:
        newest = Article.objects.published().order_by("-published_at", "-id").first()
        paths = ["/", *(url for url in [newest and newest.get_absolute_url()] if url)]
    except Exception as exc:  # noqa: BLE001 - not migrated, a row without an address: start anyway
        log.warning("warm-up: no pages rendered ahead: %s", exc)
        paths = []
    return [(path, _rehearse_one(application, path)) for path in paths]


def _rehearse_in_thread(application: WSGIApp) -> None:
    try:
        rehearse(application)
    finally:
        connection.close()  # this thread's own: back to the pool


def _rehearse_one(application: WSGIApp, path: str) -> int:
    start = time.perf_counter()
    try:
        code = _get(application, path)
    except Exception as exc:  # noqa: BLE001 - even the error page failed: its readers will see why
        log.warning("warm-up: %s not rendered ahead: %s", path, exc)
        return 0
    log.info("warm-up: %s rendered ahead (%d, %.0f ms)", path, code, (time.perf_counter() - start) * 1000)
    if code != 200:
        log.warning("warm-up: %s answered %d", path, code)
    return code


def _get(application: WSGIApp, path: str) -> int:
    """GET path from the application as a reader at the site's own address; the status."""
    status: list[str] = []
    body = application(reader_environ(path), lambda line, headers, exc_info=None: status.append(line))
    try:
        b"".join(body)
    finally:
        getattr(body, "close", lambda: None)()  # request_finished: connections back to the pool
    return int(status[0].split()[0]) if status else 0


def reader_environ(path: str) -> dict[str, Any]:
    """A reader's GET of path at WARTA_SITE_URL, as the server would hand it over (behind a TLS
    proxy too: without its header Django and the page cache take the scheme from the address).
    A site address the site does not answer to (WARTA_SITE_URL left at its default) gives way to
    the first of WARTA_ALLOWED_HOSTS."""
    site = urlsplit(settings.WARTA_SITE_URL)
    host, port = site.hostname or "localhost", site.port
    if not validate_host(host, settings.ALLOWED_HOSTS):
        named = [name for name in settings.ALLOWED_HOSTS if name != "*" and not name.startswith(".")]
        host, port = (named[0], None) if named else (host, port)
    port = port or (443 if site.scheme == "https" else 80)
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": str(port),
        "HTTP_HOST": host if port in (80, 443) else f"{host}:{port}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": site.scheme or "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
    }


def _reader_templates() -> list[str]:
    names: list[str] = []
    for label in READER_APPS:
        root = Path(apps.get_app_config(label).path) / "templates"
        names += [str(path.relative_to(root)) for path in sorted(root.rglob("*.html"))]
    return names
