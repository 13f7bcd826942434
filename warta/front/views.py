from __future__ import annotations

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from warta.articles.models import Article
from warta.authors.models import Author
from warta.taxonomy.models import Section, Tag

PER_PAGE = 20


def _listing(request: HttpRequest, articles, template: str, context: dict) -> HttpResponse:
    """Render one page of articles; an unknown or out-of-range page number is a 404."""
    paginator = Paginator(articles.for_listing(), PER_PAGE, allow_empty_first_page=True)
    try:
        page = paginator.page(request.GET.get("page", "1"))
    except InvalidPage:
        raise Http404("no such page") from None
    return render(request, template, {**context, "page": page, "articles": page.object_list})


def home(request: HttpRequest) -> HttpResponse:
    """The front page: the newest story leads, the rest follow newest first."""
    return _listing(request, Article.objects.published(), "front/home.html", {})


def section(request: HttpRequest, slug: str) -> HttpResponse:
    chosen = get_object_or_404(Section, slug=slug)
    articles = Article.objects.published().filter(section=chosen)
    return _listing(
        request, articles, "front/archive.html", {"title": chosen.name, "about": chosen.description}
    )


def tag(request: HttpRequest, slug: str) -> HttpResponse:
    chosen = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=chosen)
    return _listing(request, articles, "front/archive.html", {"title": chosen.name})


def author(request: HttpRequest, slug: str) -> HttpResponse:
    chosen = get_object_or_404(Author, slug=slug)
    articles = Article.objects.published().filter(authors=chosen)
    return _listing(
        request, articles, "front/archive.html", {"title": chosen.name, "about": chosen.bio}
    )
