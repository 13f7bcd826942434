"""The page cache: whole responses for anonymous readers, invalidated exactly by surrogate keys.

Each stored page remembers the surrogate keys it was built from ("site", "articles",
"article-12", ...) and their generations at that moment (see generations.py). A change bumps
the generations of the keys it touches; a page whose keys moved on is stale and never served.

Pages live in each process's memory for the fast path, and in the shared cache (Redis or the
data directory) so that one worker's rendering serves the others.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import brotli
from django.core.cache import cache

from warta.caching import generations

PREFIX = "page:"
LOCAL_PAGES = 2000


@dataclass
class CachedPage:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    etag: str
    last_modified: float
    generations: dict[str, int]
    expires: float = 0.0
    # Filled by prepare(): what a hit needs, computed once instead of on every request.
    snapshot: tuple[tuple[int, int], ...] = ()
    variants: dict[str, tuple[bytes, list[tuple[str, str]]]] = field(default_factory=dict)

    def prepare(self) -> None:
        self.snapshot = tuple((generations.GenerationTable.offset(k), g) for k, g in self.generations.items())
        base = [*self.headers, ("Vary", "Accept-Encoding"), ("X-Warta-Cache", "hit")]
        self.variants = {"": (self.body, [*base, ("Content-Length", str(len(self.body)))])}
        for encoding, body in (
            ("gzip", gzip.compress(self.body, compresslevel=6, mtime=0)),
            ("br", brotli.compress(self.body, quality=9)),
        ):
            self.variants[encoding] = (
                body,
                [*base, ("Content-Encoding", encoding), ("Content-Length", str(len(body)))],
            )

    def fresh(self) -> bool:
        return time.time() < self.expires and generations.table().unchanged(self.snapshot)


class LocalPages:
    """Pages held in this process's memory: a hit touches no network at all.

    Bounded, first in first out: a reading is a plain dict lookup (atomic under the GIL), so
    the hot path takes no lock.
    """

    def __init__(self, size: int) -> None:
        self.size, self.lock = size, threading.Lock()
        self.pages: dict[Any, CachedPage] = {}

    def get(self, key) -> CachedPage | None:
        return self.pages.get(key)

    def put(self, key, page: CachedPage) -> None:
        with self.lock:
            self.pages.pop(key, None)
            self.pages[key] = page
            while len(self.pages) > self.size:
                del self.pages[next(iter(self.pages))]

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()


local = LocalPages(LOCAL_PAGES)


def shared_key(address: tuple[str, str, str]) -> str:
    return PREFIX + hashlib.sha1("\n".join(address).encode(), usedforsecurity=False).hexdigest()


def current_generations(keys) -> dict[str, int]:
    return generations.table().read(keys)


def lookup(address: tuple[str, str, str]) -> CachedPage | None:
    """The fresh page stored for (host, raw PATH_INFO, raw QUERY_STRING), if any."""
    page = local.get(address)
    if page is None:
        page = cache.get(shared_key(address))
        if page is None:
            return None
        local.put(address, page)
    return page if page.fresh() else None


def store(address: tuple[str, str, str], page: CachedPage, seconds: int) -> None:
    page.expires = time.time() + seconds
    page.prepare()
    cache.set(shared_key(address), page, timeout=seconds)
    local.put(address, page)


def bump(keys: set[str]) -> None:
    """Make every page built on any of these keys stale, in every process."""
    generations.bump(keys)
