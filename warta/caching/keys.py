"""Surrogate keys: which content a page shows, so a change purges exactly the pages showing it.

site          navigation, footer and anything on every page (sections, tags, authors, pages)
articles      every list of articles: home, archives, feeds, sitemaps, search
article-<id>  one article's page (its text, photos, comments), and pages listing it as related
"""

from __future__ import annotations

import functools

from django.http import HttpRequest

SITE = "site"
ARTICLES = "articles"


def article(article_id: int) -> str:
    return f"article-{article_id}"


def tag_request(request: HttpRequest, *keys: str) -> None:
    """Record that the page being built shows these keys, with their generations right now.

    Call it before reading the content the keys stand for: a change that lands while the
    page is being built then leaves the stored page already stale, never wrongly fresh.
    """
    from warta.caching.store import current_generations

    shown = request.__dict__.setdefault("surrogate_generations", {})
    new = [k for k in keys if k not in shown]
    if new:
        shown.update(current_generations(new))


def shows(*keys: str):
    """Decorate a view whose page shows these keys (for views Django supplies, like sitemaps)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            tag_request(request, *keys)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
