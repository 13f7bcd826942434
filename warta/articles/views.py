from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import Any

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from warta.articles import body, metadata
from warta.articles.models import Article, Correction, SlugRedirect, page_prefetches
from warta.caching import fragments, keys, memo
from warta.lib.http import date_or_none
from warta.lib.paging import paginate
from warta.photos.models import Photo

# Apps that add to the article page (live coverage: its entries and JSON-LD) register a hook
# from their AppConfig.ready(), so this app never imports the apps it serves.
page_context_hooks: list[Callable[[HttpRequest, Article], dict[str, Any]]] = []


def article_detail(request: HttpRequest, year: str, month: str, day: str, slug: str) -> HttpResponse:
    date = date_or_none(year, month, day)
    if date is None:
        raise Http404("impossible date")
    # Kept in this process while unchanged: a page put together from its fragments reads nothing.
    kept = memo.kept(request, ("article", slug), lambda: _published(request, slug), _size)
    if kept is None:
        withdrawn = Article.objects.withdrawn().filter(slug=slug).select_related("section").first()
        if withdrawn is not None:
            return withdrawal_notice(request, withdrawn)
        moved = SlugRedirect.objects.filter(old_slug=slug, article__in=Article.objects.published()).first()
        if moved is None:
            raise Http404("no such article")
        return redirect(moved.article.get_absolute_url() or "/", permanent=True)
    article = _own_copy(kept)
    if timezone.localdate(article.published_at) != date:
        # Same story under a wrong date: send readers and crawlers to the one true address.
        return redirect(article.get_absolute_url() or "/", permanent=True)
    return render_article(request, article)


def _published(request: HttpRequest, slug: str) -> Article | None:
    found = Article.objects.published().filter(slug=slug).values_list("pk", flat=True).first()
    if found is None:
        return None
    # Before the row is read (see caching/keys.py); SITE: its section's and lead photo's.
    keys.tag_request(request, keys.article(found), keys.SITE)
    # The row only: what else the page shows is loaded when a fragment of it has to be rendered.
    return Article.objects.published().select_related("section", "lead_photo").filter(pk=found).first()


def _own_copy(kept: Article) -> Article:
    """The kept row is every request's: what this request loads onto it (its tags, bylines, the
    lead photo's renditions) goes onto a copy of its own."""
    article = copy.copy(kept)  # Django copies the cache of related rows too, not the rows
    if kept.lead_photo is not None:
        article.lead_photo = copy.copy(kept.lead_photo)
    return article


def _size(article: Article) -> int:
    """About the characters the kept row holds (memo.kept's budget): its text and blocks."""
    return len(str(article.body)) + len(article.headline) + len(article.dek) + 2000


def withdrawal_notice(request: HttpRequest, article: Article) -> HttpResponse:
    """Pedoman Pemberitaan Media Siber 5a-5c: a withdrawn article's address answers 410 Gone with a
    public notice of the withdrawal and its reason, never the story itself."""
    keys.tag_request(request, keys.article(article.pk))  # publishing it again purges this notice
    response = render(request, "articles/withdrawn.html", {"article": article}, status=410)
    response["X-Robots-Tag"] = "noindex"
    return response


def render_article(request: HttpRequest, article: Article, status: int = 200, **extra) -> HttpResponse:
    """Render the article page; the comments app passes a bound form back through extra.

    The page's two expensive parts, its metadata and the story itself (with the related list),
    are fragments kept under the article's key (caching/fragments.py): a page purged by a comment
    or a list change is put together from them, and what they need (the tags, bylines, photos,
    related articles, live entries) is loaded only when one has to be rendered. A preview shows
    a draft: its story and metadata are always rendered, never kept (the related cards and the
    navigation in it are published content, kept as usual).
    """

    @functools.cache
    def story_context() -> tuple[dict[str, Any], dict[str, int]]:
        with keys.recording(request) as read:  # the related articles' keys, a live report's, ...
            return _story_context(request, article, extra), read

    def part(name: str, template: str) -> Callable[[], SafeString]:
        def render() -> str:
            context, read = story_context()
            keys.note(request, read)  # each fragment built from the context shows what it read
            return render_to_string(template, context, request)

        if extra.get("preview"):
            return lambda: mark_safe(render())  # noqa: S308 - our template's output
        # Absolute addresses inside (canonical, JSON-LD, photo): the fragment varies by host.
        parts = (name, get_language(), article.pk, request.build_absolute_uri("/"))
        shows = [keys.article(article.pk), keys.SITE]  # SITE: its section's, authors' and tags' names
        return lambda: mark_safe(fragments.cached(request, parts, shows, render))  # noqa: S308

    context = {
        "article": article,
        "story_meta": part("story-meta", "articles/story_meta.html"),
        "story": part("story", "articles/story.html"),
        **extra,
    }
    response = render(request, "articles/article.html", context, status=status)
    # Set while rendering by anything that showed this reader something meant for them only
    # (their own comment awaiting moderation): such a page must not be stored by any cache.
    if getattr(request, "warta_personal", False):
        patch_cache_control(response, private=True, no_store=True)
    return response


def _story_context(request: HttpRequest, article: Article, extra: dict[str, Any]) -> dict[str, Any]:
    prefetch_related_objects([article], *page_prefetches())  # nothing again for one loaded for_page()
    blocks, linked = prepared_body(article)
    related = Article.objects.related_to(article)
    keys.tag_request(request, *(keys.article(pk) for pk in [*(a.pk for a in related), *linked]))
    context = {
        "article": article,
        "blocks": blocks,
        "canonical": request.build_absolute_uri(article.get_absolute_url()),
        "photo_url": request.build_absolute_uri(article.lead_photo.url) if article.lead_photo else "",
        "json_ld": metadata.json_ld(metadata.news_article(article, request)),
        "related": related,
        **extra,
    }
    for hook in page_context_hooks:
        context.update({**hook(request, article), **extra})
    return context


def prepared_body(article: Article) -> tuple[list[dict[str, Any]], dict[int, Article]]:
    """The article's blocks ready for articles/body.html (its photos and the published articles it
    links to loaded, the dateline on the first paragraph), and those linked articles."""
    photos = Photo.objects.prefetch_related("renditions").in_bulk(body.photo_ids(article.body))
    linked = Article.objects.published().in_bulk(body.article_ids(article.body))
    return body.prepare(article.body, photos, article.dateline(), linked), linked


def corrections_archive(request: HttpRequest) -> HttpResponse:
    """Pedoman 4a-4d in public: every ralat, koreksi, hak jawab, klarifikasi and pembaruan, the
    newest first, each linked to its place in the article (`/ralat/`, with its feed)."""
    keys.tag_request(request, keys.ARTICLES)
    entries = Correction.objects.public().select_related("article", "linked_article").order_by("-created_at", "-id")
    page = paginate(entries, request.GET.get("page"))
    return render(request, "articles/corrections.html", {"page": page, "entries": page.object_list})
