"""Sitemaps for search engines: articles, sections and tags, and a Google News sitemap."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from warta.articles.metadata import last_modified
from warta.articles.models import Article
from warta.taxonomy.models import Section, Tag


class ArticleSitemap(Sitemap):
    limit = 5000  # per sitemap page; the index lists the pages

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "published_at", "revised_at", "updated_at")
            .annotate(last_correction=Max("corrections__created_at"))  # a ralat changes lastmod
            .order_by("-published_at", "-id")
        )

    def lastmod(self, article: Article) -> datetime.datetime:
        return last_modified(article)  # the last edit, not the last save (a demo reload, an import)


class SectionSitemap(Sitemap):
    def items(self):
        return Section.objects.all()


class TagSitemap(Sitemap):
    def items(self):
        return Tag.objects.filter(articles__in=Article.objects.published()).distinct().order_by("name")


SITEMAPS = {"articles": ArticleSitemap, "sections": SectionSitemap, "tags": TagSitemap}

# Google News reads articles of the last two days only, at most 1,000 of them.
NEWS_WINDOW = datetime.timedelta(hours=48)
NEWS_LIMIT = 1000


def news_sitemap(request: HttpRequest) -> HttpResponse:
    since = timezone.now() - NEWS_WINDOW
    # Pedoman 6a-6b: an advertorial is not news, and Google News must not take it for news.
    recent = Article.objects.published().filter(published_at__gte=since).exclude(kind=Article.Kind.ADVERTORIAL)
    articles = recent[:NEWS_LIMIT]
    context = {
        "articles": articles,
        "publication": settings.WARTA_SITE_NAME,
        "language": settings.LANGUAGE_CODE,
        "base": request.build_absolute_uri("/").rstrip("/"),
    }
    return render(request, "articles/news-sitemap.xml", context, content_type="application/xml; charset=utf-8")
