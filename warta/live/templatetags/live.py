"""Template tags for pages built on base.html: the breaking-news bar and the home page's
"live now" strip, so that the front app needs no view change to show them."""

from __future__ import annotations

from typing import Any

from django import template

from warta.articles.models import Article
from warta.caching import keys
from warta.live.page import breaking_for, reports_by_article

register = template.Library()

STRIP_REPORTS = 3


@register.inclusion_tag("live/breaking.html", takes_context=True)
def breaking_bar(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    return {"breaking": breaking_for(request) if request is not None else None}


@register.inclusion_tag("live/home_strip.html", takes_context=True)
def live_strip(context: template.Context) -> dict[str, Any]:
    """The home page's open live reports, among the stories it already shows (no query of its
    own; opening or closing a report purges the lists)."""
    request = context.get("request")
    if request is not None:
        keys.tag_request(request, keys.ARTICLES)
    reports = reports_by_article(request)
    shown: list[Article | None] = [context.get("lead")]
    for name in ("top_stories", "latest"):
        shown.extend(context.get(name) or [])
    live = [a for a in shown if a is not None and reports.get(a.pk)]
    return {"live_articles": live[:STRIP_REPORTS]}
