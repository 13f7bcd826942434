"""Values read from the database, kept in this process while the surrogate keys they were read
under are unchanged: what a page reads before anything else (an article's row by its address,
the home page's lists) and what every stored page asks (when the next scheduled article is due).

A page put together from kept values and fragments runs no query. Kept values are the same
objects for every request of the process: read them, never change them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar, cast

from django.conf import settings
from django.http import HttpRequest

from warta.caching import fragments, generations, keys
from warta.caching.fragments import Fragment, LocalFragments, name_of
from warta.caching.generations import Unavailable

T = TypeVar("T")

# Characters, as the caller sizes a value (an article: its text).
local = LocalFragments(fragments.LOCAL_CHARACTERS // 4)
generations.on_reset(local.clear)

_held: list[Held[object]] = []


def forget(surrogate_keys: Iterable[str]) -> None:
    """A change in this process: drop the held values it touches at once (invalidation.purge);
    the other processes see its purge once it commits."""
    touched = set(surrogate_keys)
    for held in _held:
        if touched.intersection(held.shows):
            held.forget()


def forget_all() -> None:
    local.clear()
    for held in _held:
        held.forget()


def kept(
    request: HttpRequest, parts: Iterable[object], load: Callable[[], T | None], size: Callable[[T], int]
) -> T | None:
    """load()'s value, kept while the keys load() tagged on the request (before reading what they
    stand for) are unchanged, and no longer than a page built now. None is never kept."""
    if not fragments.on():
        return load()
    store = generations.store()
    name = name_of(parts)
    found = local.get(name)
    if found is not None and store.available() and found.fresh():
        keys.note(request, found.generations)  # the page shows what the value was read under
        return cast(T, found.content)
    with keys.recording(request) as read:
        value = load()
    if value is None or not read or request.__dict__.get("surrogate_unavailable"):
        return value
    expires = time.time() + keys.max_age(request)
    local.put(name, Fragment(value, dict(read), store.snapshot(read), expires), size(value))
    return value


class Held(Generic[T]):
    """One value kept while these keys are unchanged and until the time compute() gave with it:

    next_due = Held([keys.ARTICLES])
    next_due.get(lambda: (value, valid_until_timestamp))

    On whenever the page cache is, fragments or not: a change made in this process drops it at
    once (invalidation.purge calls forget()), so it never waits for a commit, which a test
    inside a transaction never reaches.
    """

    def __init__(self, shows: list[str]) -> None:
        self.shows = shows
        self.held: Fragment | None = None  # the value, the generations it was read under, until when
        generations.on_reset(self.forget)
        _held.append(self)  # type: ignore[arg-type]

    def get(self, compute: Callable[[], tuple[T, float]]) -> T:
        if settings.WARTA_PAGE_CACHE_SECONDS <= 0:
            return compute()[0]
        held, store = self.held, generations.store()
        if held is not None and store.available() and held.fresh():
            return cast(T, held.content)
        try:
            read = store.current(self.shows)  # before computing: a change meanwhile leaves it stale
        except Unavailable:
            return compute()[0]
        value, until = compute()
        self.held = Fragment(value, read, store.snapshot(read), until)
        return value

    def forget(self) -> None:
        self.held = None
