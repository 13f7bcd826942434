"""Surrogate keys: which content a page shows, so a change purges exactly the pages showing it.

site          navigation, footer and anything on every page (sections, tags, authors, pages)
articles      every list of articles: home, archives, feeds, sitemaps, search
article-<id>  one article's page (its text and photos), and pages listing it as related
comments-<id> one article's comment thread

Views name what they show with tag_request(); apps name what a change touches with the
receivers in invalidation.py, connected in their own AppConfig.ready(). This module imports
none of them.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from warta.lib.http import once_per_request

SITE = "site"
ARTICLES = "articles"


def article(article_id: int) -> str:
    return f"article-{article_id}"


def comments(article_id: int) -> str:
    return f"comments-{article_id}"


def tag_request(request: HttpRequest, *keys: str) -> None:
    """Record that the page being built shows these keys, with their generations right now.

    Call it before reading the content the keys stand for: a change that lands while the
    page is being built then leaves the stored page already stale, never wrongly fresh.
    When the generations cannot be read (Redis down), the page is served but not stored.
    """
    from warta.caching.generations import Unavailable
    from warta.caching.store import current_generations

    shown: dict[str, int] = request.__dict__.setdefault("surrogate_generations", {})
    new = [k for k in keys if k not in shown]
    if new and settings.WARTA_PAGE_CACHE_SECONDS <= 0:
        shown.update(dict.fromkeys(new, 0))  # nothing is stored: the keys are only named (Surrogate-Key)
    elif new:
        try:
            shown.update(current_generations(new))
        except Unavailable:
            request.__dict__["surrogate_unavailable"] = True
    note(request, {k: shown[k] for k in keys if k in shown})


def note(request: HttpRequest, generations: dict[str, int]) -> None:
    """Record keys already read (a cached fragment's) on the page being built, and on every
    fragment being rendered around this point, so that each is stored with what it shows."""
    shown: dict[str, int] = request.__dict__.setdefault("surrogate_generations", {})
    for recorder in (shown, *request.__dict__.get("surrogate_recorders", ())):
        for key, generation in generations.items():
            recorder.setdefault(key, generation)


@contextlib.contextmanager
def recording(request: HttpRequest, into: dict[str, int] | None = None) -> Iterator[dict[str, int]]:
    """Collect the keys (with their generations) tagged on the request inside the block: what a
    fragment rendered there shows, or what a computation shared by several fragments read."""
    recorded = {} if into is None else into
    recorders: list[dict[str, int]] = request.__dict__.setdefault("surrogate_recorders", [])
    recorders.append(recorded)
    try:
        yield recorded
    finally:
        # By identity: an outer recorder may hold equal contents.
        del recorders[next(i for i, r in enumerate(recorders) if r is recorded)]


def shows(*keys: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view whose page shows these keys (for views Django supplies, like sitemaps)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            tag_request(request, *keys)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


# How long a page may be kept at most, asked of the apps when a page is stored (the articles
# app registers "until the next scheduled article is due"): a hook, so that this module never
# imports the apps it serves.
MaxAge = Callable[[], "int | None"]
max_age_hooks: list[MaxAge] = []


def limit_max_age(hook: MaxAge) -> None:
    """Register hook(): seconds a page stored now may be kept at most, or None for no limit."""
    if hook not in max_age_hooks:
        max_age_hooks.append(hook)


def max_age(request: HttpRequest | None) -> int:
    """Seconds a page or fragment built for this request may be kept: the page cache's lifetime,
    shortened by the hooks. Asked once per request (a hook may query the database)."""
    return once_per_request(request, "max age", _max_age)


def _max_age() -> int:
    from django.conf import settings

    seconds = int(settings.WARTA_PAGE_CACHE_SECONDS)
    for hook in max_age_hooks:
        limit = hook()
        if limit is not None:
            seconds = min(seconds, max(1, limit))
    return seconds
