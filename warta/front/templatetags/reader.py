"""Tags for the reader's pages: canonical addresses, structured data, related stories."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from warta.articles import metadata
from warta.articles.models import Article
from warta.caching import keys

register = template.Library()

RELATED = 4


@register.simple_tag(takes_context=True)
def canonical_url(context: template.Context) -> str:
    """This page's one address: the path without filters or tracking, and ?page=N past the first page."""
    request: HttpRequest = context["request"]
    url = request.build_absolute_uri(request.path)
    page = context.get("page")
    number = getattr(page, "number", 1)
    return f"{url}?page={number}" if number > 1 else url


@register.simple_tag
def last_modified(article: Article) -> datetime.datetime:
    return metadata.last_modified(article)


@register.simple_tag(takes_context=True)
def website_json_ld(context: template.Context) -> SafeString:
    return metadata.json_ld(metadata.website(context["request"]))


@register.simple_tag(takes_context=True)
def breadcrumbs_json_ld(context: template.Context, *trail: Any) -> SafeString:
    """A BreadcrumbList: the home page, then name, path pairs given as arguments."""
    pairs = [(_("Home"), "/")] + [(str(trail[i]), str(trail[i + 1])) for i in range(0, len(trail) - 1, 2)]
    return metadata.json_ld(metadata.breadcrumbs(context["request"], pairs))


@register.simple_tag(takes_context=True)
def related_stories(context: template.Context, article: Article, related: list[Article] | None) -> list[Article]:
    """Related articles, never none: those the view found (tags, then section), else the newest.

    A story alone in its section with tags nobody else uses (the demo's seed) would otherwise end
    the page without anywhere to go next. The newest change with every publication, so a page that
    shows them is also tagged with the article lists' key.
    """
    found = list(related or [])
    if found:
        return found
    request: HttpRequest = context["request"]
    keys.tag_request(request, keys.ARTICLES)
    newest = list(Article.objects.published().exclude(pk=article.pk).for_listing()[:RELATED])
    keys.tag_request(request, *(keys.article(a.pk) for a in newest))
    return found + newest
