"""The page cache: whole responses for anonymous readers, invalidated exactly by surrogate keys.

Each stored page remembers the surrogate keys it was built from ("site", "articles",
"article-12", ...) and the generation of each key at that moment. A change bumps the
generations of the keys it touches; a page whose keys moved on is stale and never served.
Looking a page up costs two cache reads (the page, then its keys' generations in one
get_many), so the check is exact across every server process sharing the cache.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass, field

import brotli
from django.core.cache import caches

CACHE = "default"
PREFIX = "page:"
KEY_PREFIX = "surrogate:"
# Keys that were never bumped have generation 0; a key missing from the cache was evicted,
# which makes every page built on it stale (safe).
UNSET = 0


@dataclass
class CachedPage:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    etag: str
    last_modified: float
    generations: dict[str, int]
    gzip_body: bytes = field(default=b"")
    brotli_body: bytes = field(default=b"")


def page_key(host: str, path_and_query: str) -> str:
    return PREFIX + hashlib.sha1(f"{host}{path_and_query}".encode(), usedforsecurity=False).hexdigest()


def _generation_keys(keys) -> list[str]:
    return [KEY_PREFIX + k for k in keys]


def current_generations(keys: list[str]) -> dict[str, int]:
    cache = caches[CACHE]
    found = cache.get_many(_generation_keys(keys))
    return {k: found.get(KEY_PREFIX + k, UNSET) for k in keys}


def lookup(host: str, path_and_query: str) -> CachedPage | None:
    cache = caches[CACHE]
    page = cache.get(page_key(host, path_and_query))
    if page is None:
        return None
    if current_generations(list(page.generations)) != page.generations:
        return None
    return page


def store(host: str, path_and_query: str, page: CachedPage, seconds: int) -> None:
    page.gzip_body = gzip.compress(page.body, compresslevel=6, mtime=0)
    page.brotli_body = brotli.compress(page.body, quality=9)
    caches[CACHE].set(page_key(host, path_and_query), page, timeout=seconds)


def bump(keys: set[str]) -> None:
    """Make every page built on any of these keys stale, in every process."""
    cache = caches[CACHE]
    for name in _generation_keys(keys):
        cache.add(name, UNSET, timeout=None)
        try:
            cache.incr(name)
        except ValueError:  # evicted between add and incr: the missing key already means stale
            pass
