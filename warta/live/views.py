"""Readers' live views: the small fragment a live report's page polls, and its entries' feed.

The fragment has one address per report and reads no query parameter, so every reader polls
the same cached page: a change costs one render, then it is a cache hit (or a 304) for all.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from warta.articles.models import Article
from warta.caching import keys
from warta.live.models import FRAGMENT_ENTRIES, LiveEntry, LiveReport
from warta.live.page import prepare_entries, report_spans_days
from warta.live.surrogate import live

MAX_ID = 2**63 - 1

FEED_ITEMS = 50


def _report(request: HttpRequest, article_id: int) -> LiveReport:
    """The live report of a published article; tagged first, so a purge can never be missed."""
    if article_id > MAX_ID:  # SQLite cannot even bind such a number: no such report
        raise Http404("no live report here")
    keys.tag_request(request, keys.article(article_id), live(article_id))
    report = (
        LiveReport.objects.select_related("article")
        .filter(article__in=Article.objects.published())
        .filter(article_id=article_id)
    )
    found = report.first()
    if found is None:
        raise Http404("no live report here")
    return found


def fragment(request: HttpRequest, article_id: int) -> HttpResponse:
    """The newest entries and the pinned one, as HTML the reader's script merges into the page."""
    report = _report(request, article_id)
    newest = list(report.entries.select_related("author").order_by("-posted_at", "-id")[:FRAGMENT_ENTRIES])
    pinned = (
        next((e for e in newest if e.pinned), None)
        or report.entries.select_related("author").filter(pinned=True).first()
    )
    prepared = prepare_entries(newest if pinned is None or pinned in newest else [*newest, pinned])
    context = {
        "live": report,
        "article": report.article,
        "live_entries": [p for p in prepared if p["entry"] in newest],
        "live_pinned": next((p for p in prepared if p["entry"].pinned), None),
        # What the page shows around the stream, replaced in place by the script: the count, the
        # open or ended state, the key events and whether entries show their day.
        "live_entry_count": report.entries.count(),
        "live_key_events": list(report.stream().filter(key_event=True)),
        "live_days": report_spans_days(report),
    }
    response = render(request, "live/fragment.html", context)
    # Browsers always ask again (a 304 when nothing changed); shared caches keep it until a purge.
    patch_cache_control(response, max_age=0)
    response["X-Robots-Tag"] = "noindex"
    return response


class EntriesFeed(Feed):
    """RSS of a live report's entries, newest first: feed readers follow the story as it moves."""

    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, article_id: int) -> LiveReport:
        return _report(request, article_id)

    def title(self, report: LiveReport) -> str:
        return _("%(headline)s – live") % {"headline": report.article.headline} + f" – {settings.WARTA_SITE_NAME}"

    def link(self, report: LiveReport) -> str:
        return report.article.get_absolute_url() or "/"

    def description(self, report: LiveReport) -> str:
        return report.article.dek

    def items(self, report: LiveReport) -> list[dict[str, Any]]:
        entries = report.entries.select_related("author", "report__article").order_by("-posted_at", "-id")
        return prepare_entries(entries[:FEED_ITEMS])

    def item_title(self, item: dict[str, Any]) -> str:
        entry: LiveEntry = item["entry"]
        return entry.title or entry.excerpt(100) or entry.report.article.headline

    def item_description(self, item: dict[str, Any]) -> str:
        return render_to_string("articles/body.html", {"blocks": item["blocks"]})

    def item_link(self, item: dict[str, Any]) -> str:
        entry: LiveEntry = item["entry"]
        return f"{entry.report.article.get_absolute_url()}#{entry.anchor()}"

    def item_guid(self, item: dict[str, Any]) -> str:
        return self.item_link(item)

    def item_pubdate(self, item: dict[str, Any]) -> Any:
        return item["entry"].posted_at

    def item_updateddate(self, item: dict[str, Any]) -> Any:
        return item["entry"].updated_at

    def item_author_name(self, item: dict[str, Any]) -> str:
        entry: LiveEntry = item["entry"]
        return entry.author.name if entry.author else ""
