"""What search engines and social networks read: schema.org NewsArticle, BreadcrumbList, WebSite and
Organization, and the date of an article's last edit."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from warta.articles.models import Article

LOGO_SIZE = (600, 60)
# Inside <script>, these would let text end the element early.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def in_language() -> str:
    return {"id": "id-ID", "en": "en"}.get(settings.LANGUAGE_CODE, settings.LANGUAGE_CODE)


def last_modified(article: Article) -> datetime.datetime:
    """When the newsroom last changed the story: its revision time, never before publication.

    Not updated_at, which any save bumps (a reload of the demo, an import, a comment setting):
    dateModified and the sitemap's lastmod must not tell search engines that an old story is new.
    """
    published = article.published_at or article.updated_at
    return max(article.revised_at or published, published)


def organization(request: HttpRequest) -> dict[str, Any]:
    absolute = request.build_absolute_uri
    return {
        "@type": "Organization",
        "name": settings.WARTA_SITE_NAME,
        "url": absolute("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(reverse("front:logo")),
            "width": LOGO_SIZE[0],
            "height": LOGO_SIZE[1],
        },
    }


def website(request: HttpRequest) -> dict[str, Any]:
    """The home page's WebSite (with the search box search engines may show) and its Organization."""
    absolute = request.build_absolute_uri
    home = absolute("/")
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "WebSite",
                "@id": f"{home}#website",
                "url": home,
                "name": settings.WARTA_SITE_NAME,
                "inLanguage": in_language(),
                "publisher": {"@id": f"{home}#organization"},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {"@type": "EntryPoint", "urlTemplate": absolute(reverse("search:search")) + "?q={q}"},
                    "query-input": "required name=q",
                },
            },
            {"@id": f"{home}#organization", **organization(request)},
        ],
    }


def breadcrumbs(request: HttpRequest, trail: list[tuple[str, str]]) -> dict[str, Any]:
    """A BreadcrumbList from (name, path) pairs, the home page first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": request.build_absolute_uri(path)}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def news_article(article: Article, request: HttpRequest) -> dict:
    absolute = request.build_absolute_uri
    url = absolute(article.get_absolute_url())
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "datePublished": timezone.localtime(article.published_at).isoformat(),
        "dateModified": timezone.localtime(last_modified(article)).isoformat(),
        "author": [
            {"@type": "Person", "name": a.name, "url": absolute(a.get_absolute_url())} for a in article.byline_authors
        ],
        "publisher": organization(request),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "inLanguage": in_language(),
    }
    if article.dek:
        data["description"] = article.dek
    photo = article.lead_photo
    if photo:
        # Search engines pick the ratio their layout needs: 16:9, 4:3 and 1:1 crops around the focal
        # point, widest first; the original until the crops are made (or for a photo without a file).
        images = list(photo.crop_urls().values()) or [(photo.url, photo.width, photo.height)]
        data["image"] = [
            {
                "@type": "ImageObject",
                "url": absolute(url),
                "width": width,
                "height": height,
                "caption": photo.caption,
                "creditText": photo.credit,
            }
            for url, width, height in images
        ]
    return data


def json_ld(data: dict) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped
