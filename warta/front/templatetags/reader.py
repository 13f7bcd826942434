"""Tags for the reader's pages: canonical addresses, structured data, related stories."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from warta.articles import metadata
from warta.articles.models import LISTING_LEAVES_OUT, Article
from warta.caching import fragments, keys
from warta.lib.http import once_per_request
from warta.live.page import reports_by_article

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


@register.simple_tag(takes_context=True)
def card(
    context: template.Context, article: Article, batch: list[Article], lead: bool = False, level: int = 2
) -> SafeString:
    """One article's card in a list, kept as a fragment under the article's key.

    batch: the list it is one of. Lists are loaded with their rows' address fields only
    (for_cards()): what a card shows is loaded when it is rendered, for its whole list at once
    when more than one is (see _loaded), so a page whose cards are all kept loads nothing for them.
    """
    request = context.get("request")

    def render() -> str:
        shown = _loaded(request, article, batch)
        live = bool(reports_by_article(request).get(article.pk))  # an open live report: Langsung
        return render_to_string("front/card.html", {"article": shown, "lead": lead, "level": level, "live": live})

    parts = ("card", get_language(), article.pk, lead, level)
    shows = [keys.article(article.pk), keys.SITE]  # SITE: the section's name on the card
    return mark_safe(fragments.cached(request, parts, shows, render))  # noqa: S308 - our template's output


def _loaded(request: HttpRequest | None, article: Article, batch: list[Article]) -> Article:
    """The article with what a card shows (section, photo, renditions). The first card of a page
    that has to be rendered loads its own (a list purged by one new story); from the second on,
    the rest of the list at once (nothing was kept)."""
    done: dict[int, Article] = once_per_request(request, "loaded cards", dict)
    if article.pk not in done:
        alone = not done and _partial(article)  # rows in memory already: all at once
        wanted = [article] if alone else [article, *(a for a in batch if a.pk not in done)]
        ids = [a.pk for a in wanted if _partial(a)]
        found = Article.objects.for_listing().in_bulk(ids) if ids else {}
        full = [found.get(a.pk, a) for a in wanted]
        photos = [a.lead_photo for a in full if a.lead_photo and "renditions" not in _prefetched(a.lead_photo)]
        prefetch_related_objects(photos, "renditions")
        done.update((a.pk, a) for a in full)
    return done[article.pk]


def _partial(article: Article) -> bool:
    """Loaded for_cards() (its address only), not for_listing() (all but the body)."""
    return bool(article.get_deferred_fields().difference(LISTING_LEAVES_OUT))


def _prefetched(instance: Any) -> dict[str, Any]:
    return getattr(instance, "_prefetched_objects_cache", {})
