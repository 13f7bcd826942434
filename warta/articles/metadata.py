"""What search engines and social networks read about an article: schema.org NewsArticle."""

from __future__ import annotations

import json

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
        "dateModified": timezone.localtime(article.updated_at).isoformat(),
        "author": [
            {"@type": "Person", "name": a.name, "url": absolute(a.get_absolute_url())} for a in article.byline_authors
        ],
        "publisher": {
            "@type": "Organization",
            "name": settings.WARTA_SITE_NAME,
            "url": absolute("/"),
            "logo": {
                "@type": "ImageObject",
                "url": absolute(reverse("front:logo")),
                "width": LOGO_SIZE[0],
                "height": LOGO_SIZE[1],
            },
        },
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
