"""The page cache: whole responses for anonymous readers, invalidated exactly by surrogate keys.

A page is stored under its address: scheme, host, path and only the query parameters its view
read (``?cb=123`` on an article shares the article's entry, ``?page=2`` on an archive does not).
It remembers the surrogate keys it was built from and their generations (generations.py); a
page whose keys moved on is stale.

Pages live in each process's memory (a hit touches no network) and in the shared cache (Redis
or the data directory), so that one server's rendering serves the others. A stale page is kept
a little longer: while one request renders its successor, the others are answered with it
(stale-while-revalidate inside the origin), so a purge in a busy minute costs one render per
page, not one per waiting reader.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

import brotli
from django.core.cache import cache

from warta.caching import generations
from warta.caching.generations import Snapshot

log = logging.getLogger(__name__)

PREFIX = "page:"
LOCAL_PAGES = 2000  # pages held in each process's memory
VARIANTS_PER_PATH = 50  # query variants kept per path (?page=2, ?page=3, ...): crawlers cannot fill the cache
STALE_SECONDS = 30  # a page past its time may answer this long while its successor is rendered
RENDER_CLAIM_SECONDS = 10  # a render that takes longer than this (or died) lets another one start
RECHECK_SECONDS = 0.05  # a stale page here: how often to look for a fresh one in the shared cache
ALL = "*"  # the view read the whole query string
# The query parameters each path's view reads, kept for good in the shared cache. v2: before it,
# every parameter present on a miss was counted as read (middleware.ReadTrackingQueryDict), and
# the sets kept then would go on splitting pages by ?utm_source= or ?cb=.
PARAMS_PREFIX = "pageparams:v2:"

Address = tuple[str, str, str, str]  # scheme, host, path, the query as the view reads it
Path = tuple[str, str, str]  # scheme, host, path


def normalised_query(query: str, names: frozenset[str]) -> str:
    """The part of a raw query string the view reads, in a canonical order."""
    if not query or not names:
        return ""
    pairs = parse_qsl(query, keep_blank_values=True)
    if ALL not in names:
        pairs = [pair for pair in pairs if pair[0] in names]
    return urlencode(sorted(pairs))


@dataclass
class CachedPage:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    etag: str
    last_modified: float
    generations: dict[str, int]
    params: frozenset[str] = frozenset()  # the query parameters the view read
    expires: float = 0.0
    variants: dict[str, tuple[bytes, list[tuple[str, str]]]] = field(default_factory=dict)
    # This process's view of the generations (not stored in the shared cache: see __getstate__).
    snapshot: Snapshot = ()
    rechecked: float = 0.0  # when this process last looked for a fresher copy in the shared cache

    def prepare(self) -> None:
        """Compress once, when stored, for every hit to come."""
        base = [*self.headers, ("Vary", "Accept-Encoding"), ("X-Warta-Cache", "hit")]
        self.variants = {"": (self.body, [*base, ("Content-Length", str(len(self.body)))])}
        for encoding, body in (
            ("gzip", gzip.compress(self.body, compresslevel=6, mtime=0)),
            # Quality 5: within 1 % of quality 9's size on a 24 KB article, 0.3 ms instead of 8.
            ("br", brotli.compress(self.body, quality=5)),
        ):
            self.variants[encoding] = (
                body,
                [*base, ("Content-Encoding", encoding), ("Content-Length", str(len(body)))],
            )

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "snapshot": (), "rechecked": 0.0}

    def fresh(self) -> bool:
        return time.time() < self.expires and generations.store().unchanged(self.snapshot)

    def servable_stale(self) -> bool:
        return time.time() < self.expires + STALE_SECONDS or not generations.store().unchanged(self.snapshot)


class LocalPages:
    """Pages held in this process's memory, bounded, first in first out.

    Reading is a plain dict lookup (atomic under the GIL): the hot path takes no lock.
    """

    def __init__(self, size: int) -> None:
        self.size, self.lock = size, threading.Lock()
        self.pages: dict[Address, CachedPage] = {}
        self.params: dict[Path, frozenset[str]] = {}  # per path: the query parameters its view reads

    def get(self, address: Address) -> CachedPage | None:
        return self.pages.get(address)

    def put(self, address: Address, page: CachedPage) -> None:
        with self.lock:
            self.pages.pop(address, None)
            self.pages[address] = page
            while len(self.pages) > self.size:
                del self.pages[next(iter(self.pages))]

    def drop(self, address: Address) -> None:
        with self.lock:
            self.pages.pop(address, None)

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()
            self.params.clear()


local = LocalPages(LOCAL_PAGES)
generations.on_reset(local.clear)


def _shared_key(kind: str, parts: tuple[str, ...]) -> str:
    return kind + hashlib.sha1("\n".join(parts).encode(), usedforsecurity=False).hexdigest()


def _shared(operation: str, *args: Any, **kwargs: Any) -> Any:
    """A call on the shared cache that never fails the request: a cache is optional."""
    try:
        return getattr(cache, operation)(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - Redis down, a full disk: render, don't fail
        log.warning("page cache: shared cache %s failed: %s", operation, exc)
        return None


# Finding a page --------------------------------------------------------------------------------


def scheme(environ: dict[str, Any], header: tuple[str, str] | None) -> str:
    """http or https, told apart as Django's request.scheme does (header: SECURE_PROXY_SSL_HEADER)."""
    if header:
        value = environ.get(header[0])
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == header[1] else "http"
    return str(environ.get("wsgi.url_scheme", "http"))


def address(scheme: str, host: str, path: str, query: str) -> Address | None:
    """The address a request's page is stored under, or None when no page for it is known."""
    if not query:
        return scheme, host, path, ""
    where = (scheme, host, path)
    names = local.params.get(where)
    if names is None:
        names = _shared("get", _shared_key(PARAMS_PREFIX, where))
        if names is None:
            return None
        local.params[where] = names
    return scheme, host, path, normalised_query(query, names)


def lookup(where: Address, query: str, recheck: bool = False) -> CachedPage | None:
    """The page stored at this address, fresh or stale (None when there is none, or when the
    page cache must stand aside because purges cannot be seen). recheck: look in the shared
    cache for a fresher copy now, not at most every RECHECK_SECONDS."""
    store = generations.store()
    if not store.available():
        return None
    page = local.get(where)
    if page is None or (not page.fresh() and (recheck or time.monotonic() > page.rechecked + RECHECK_SECONDS)):
        # Not here, or stale here: another process or server may have stored it (again) already.
        if page is not None:
            page.rechecked = time.monotonic()
        shared = _shared("get", _shared_key(PREFIX, where))
        if isinstance(shared, CachedPage):
            shared.snapshot = store.snapshot(shared.generations)
            if not store.confirm(shared.generations):
                shared.expires = 0.0  # built before a purge this process may not have seen: stale
            if page is None or shared.fresh():
                page = shared
                local.put(where, page)
        if page is None:
            return None
    if page.params and normalised_query(query, page.params) != where[3]:
        return None  # the view read a parameter the address did not know of yet
    return page


# Rendering once -------------------------------------------------------------------------------

_claims: set[Address] = set()
_claims_lock = threading.Lock()


def claim(where: Address) -> bool:
    """Whether this request is the one to render the page (the others get the stale copy)."""
    with _claims_lock:
        if where in _claims:
            return False
        _claims.add(where)
    if _shared("add", _shared_key("pagerender:", where), 1, timeout=RENDER_CLAIM_SECONDS) is False:
        release(where, shared=False)
        return False
    return True


def release(where: Address, shared: bool = True) -> None:
    with _claims_lock:
        _claims.discard(where)
    if shared:
        _shared("delete", _shared_key("pagerender:", where))


# Storing --------------------------------------------------------------------------------------


def store(where: Path, query: str, page: CachedPage, seconds: int) -> Address | None:
    """Keep the page for seconds (shared cache) under the address the view's reads give it."""
    known = local.params.get(where)
    names = (known or frozenset()) | page.params
    if names != known:
        local.params[where] = names
        _shared("set", _shared_key(PARAMS_PREFIX, where), names, timeout=None)
    at: Address = (*where, normalised_query(query, page.params))
    if at[3]:
        seen = f"{_shared_key('pagevariants:', where)}"
        variants = _shared("get", seen) or set()
        if at[3] not in variants and len(variants) >= VARIANTS_PER_PATH:
            return None  # enough variants of this path: the rest are rendered, not kept
        _shared("set", seen, {*variants, at[3]}, timeout=seconds + STALE_SECONDS)
    gens = generations.store()
    page.snapshot = gens.snapshot(page.generations)
    if not gens.confirm(page.generations):
        return None  # purged while it was being built
    page.expires = time.time() + seconds
    page.prepare()
    _shared("set", _shared_key(PREFIX, at), page, timeout=seconds + STALE_SECONDS)
    local.put(at, page)
    return at


def forget(where: Address) -> None:
    """The address no longer gives a cacheable page (a 404 after unpublishing): drop the stale one."""
    local.drop(where)
    _shared("delete", _shared_key(PREFIX, where))


def current_generations(keys: list[str]) -> dict[str, int]:
    """Raises generations.Unavailable when the shared store cannot be read."""
    return generations.store().current(keys)


def bump(keys: set[str]) -> None:
    """Make every page built on any of these keys stale, on every server."""
    generations.store().bump(keys)
