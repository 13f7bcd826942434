"""Panels in the writing desk's side column added by the apps above the newsroom (live coverage:
a link to the article's live desk). Each registers a callable from its AppConfig.ready(), so the
newsroom never imports the apps it serves; a panel returns its HTML, or "" to show nothing."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from warta.articles.models import Article

desk_panels: list[Callable[[HttpRequest, Article], str]] = []


def render(request: HttpRequest, article: Article) -> SafeString:
    """Every registered panel for a saved article, in the order registered."""
    # A panel's HTML is kept as it is when marked safe (a rendered template), escaped otherwise.
    return format_html_join("", "{}", ((panel(request, article),) for panel in desk_panels))
