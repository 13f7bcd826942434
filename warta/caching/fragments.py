"""Rendered fragments (an article's body, its comment thread, the navigation, one card of a list),
kept under the same surrogate keys as pages, so that a page evicted by a purge that did not touch
them is put together again instead of rendered from nothing.

    {% load fragments %}
    {% fragment "card" article.pk shows article_key %} ... {% endfragment %}

or, from Python, ``fragments.cached(request, ("card", 12), ["article-12"], render)``.
Values loaded from the database are kept the same way by memo.py.

A fragment is fresh while the generations of its keys are unchanged (generations.py): the check
is the same memory read as a page's. Fragments live in each process's memory and in the shared
cache. The page that includes a fragment is tagged with the fragment's keys, so purging a key
purges both. With the cache off (WARTA_PAGE_CACHE_SECONDS=0 or WARTA_FRAGMENT_CACHE=0) or
unreachable, fragments are simply rendered.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from warta.caching import generations, keys
from warta.caching.generations import Snapshot, Unavailable

PREFIX = "fragment:v2:"  # v2: Fragment.content (was .html); older entries are left to expire
LOCAL_CHARACTERS = 32_000_000  # about 2,000 stories or 40,000 cards in each process's memory


@dataclass
class Fragment:
    content: Any  # the rendered HTML; for memo.kept(), the value read
    generations: dict[str, int]
    snapshot: Snapshot = ()
    # Kept no longer than a page built now (keys.max_age): not everything a fragment shows has
    # a key (an article whose publication time comes, a deploy's new templates), and the page
    # cache's lifetime is how long such a change may take to show.
    expires: float = 0.0

    def fresh(self) -> bool:
        return time.time() < self.expires and generations.store().unchanged(self.snapshot)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "snapshot": ()}


class LocalFragments:
    """This process's fragments, bounded by their total length (a story is some 20 KB, a card
    under 1 KB: a crawler walking the archive must not grow a worker), first in first out.
    Reads take no lock."""

    def __init__(self, size: int) -> None:
        self.size, self.lock = size, threading.Lock()
        self.items: dict[str, tuple[Fragment, int]] = {}
        self.held = 0  # characters held

    def get(self, name: str) -> Fragment | None:
        found = self.items.get(name)
        return found[0] if found is not None else None

    def put(self, name: str, fragment: Fragment, size: int | None = None) -> None:
        size = len(fragment.content) if size is None else size
        with self.lock:
            self._drop(name)
            self.items[name] = (fragment, size)
            self.held += size
            while self.held > self.size:
                self._drop(next(iter(self.items)))

    def _drop(self, name: str) -> None:
        gone = self.items.pop(name, None)
        if gone is not None:
            self.held -= gone[1]

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.held = 0


local = LocalFragments(LOCAL_CHARACTERS)
generations.on_reset(local.clear)


def name_of(parts: Iterable[object]) -> str:
    return "\n".join(str(part) for part in parts)


def on() -> bool:
    """Fragments (and the values memo.kept() keeps) are kept: the page cache and fragments are on."""
    return settings.WARTA_PAGE_CACHE_SECONDS > 0 and bool(settings.WARTA_FRAGMENT_CACHE)


def cached(
    request: HttpRequest | None, parts: Iterable[object], shows: Iterable[str], render: Callable[[], str]
) -> str:
    """The fragment named by parts (e.g. ("card", 12, "id")), showing the surrogate keys in shows:
    kept while they are unchanged, otherwise rendered by render() and kept."""
    shown = sorted(set(shows))
    if not on() or not shown:
        if request is not None:
            keys.tag_request(request, *shown)
        return render()
    from django.core.cache import cache

    store = generations.store()
    name = name_of(parts)
    available = store.available()  # purges can be seen: what is kept may be served
    found = local.get(name) if available else None
    if (found is None or not found.fresh()) and available:  # another process may have built it
        try:
            shared = cache.get(_shared_key(name))
        except Exception:  # noqa: BLE001 - the shared cache is optional: render
            shared = None
        if isinstance(shared, Fragment) and shared.expires > time.time() and store.confirm(shared.generations):
            shared.snapshot = store.snapshot(shared.generations)
            local.put(name, shared)
            found = shared
    if found is not None and found.fresh():
        if request is not None:  # the page shows what the fragment shows, as of when it was built
            keys.note(request, found.generations)
        return found.content
    return _render(request, name, shown, render)


def _render(request: HttpRequest | None, name: str, shown: list[str], render: Callable[[], str]) -> str:
    from django.core.cache import cache

    store = generations.store()
    try:
        built = store.current(shown)  # before rendering: a change meanwhile leaves it stale, never fresh
    except Unavailable:
        if request is not None:
            request.__dict__["surrogate_unavailable"] = True
        return render()
    if request is None:
        html = render()
    else:
        # A key the page read earlier (the view tags the article's before loading it, which the
        # story then shows) keeps that earlier generation: what was loaded since belongs to it.
        earlier: dict[str, int] = request.__dict__.get("surrogate_generations", {})
        built.update((key, earlier[key]) for key in built.keys() & earlier.keys())
        # Whatever the render tags (a related article's key, a fragment inside this one) is
        # recorded with the fragment too: a later page built from it shows those keys as well.
        keys.note(request, built)
        with keys.recording(request, into=built):
            html = render()
        if request.__dict__.get("surrogate_unavailable"):
            return html
    seconds = keys.max_age(request)
    fragment = Fragment(content=html, generations=built, snapshot=store.snapshot(built), expires=time.time() + seconds)
    local.put(name, fragment)
    try:
        cache.set(_shared_key(name), fragment, seconds)
    except Exception:  # noqa: BLE001, S110 - kept in this process at least
        pass
    return html


def _shared_key(name: str) -> str:
    return PREFIX + hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()
