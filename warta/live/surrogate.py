"""The surrogate keys live coverage adds to warta.caching.keys.

live-<article id>  a live report's entries: its article page and its polled fragment and feed
breaking           the breaking-news bar: every page built on base.html (not feeds, sitemaps
                   or the fragment), so marking or clearing breaking news purges exactly those
"""

from __future__ import annotations

BREAKING = "breaking"


def live(article_id: int) -> str:
    return f"live-{article_id}"
