"""What search engines and social networks read: schema.org NewsArticle, BreadcrumbList, WebSite and
Organization, and the date of an article's last edit."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from warta.articles.models import Article, Byline, Correction
from warta.sitesettings import values as site_values

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
    changed = max(article.revised_at or published, published)
    corrected = last_correction(article)  # Pedoman 4a-4d: a ralat or hak jawab changes the story
    return max(changed, corrected) if corrected else changed


def last_correction(article: Article) -> datetime.datetime | None:
    """The time of the article's newest correction entry: annotated (sitemaps), prefetched (the
    page, feeds), or one small query."""
    if hasattr(article, "last_correction"):
        return article.last_correction
    now = timezone.now()
    if "corrections" in getattr(article, "_prefetched_objects_cache", {}):
        return max((c.created_at for c in article.corrections.all() if c.created_at <= now), default=None)
    if article.pk is None:
        return None
    return Correction.objects.filter(article=article, created_at__lte=now).aggregate(last=Max("created_at"))["last"]


def organization(request: HttpRequest) -> dict[str, Any]:
    """The outlet as the site settings in force name it: its logo (the one an Admin uploaded, else
    the drawn one at its known size) and its profiles elsewhere (sameAs)."""
    absolute = request.build_absolute_uri
    site = site_values.current()
    logo: dict[str, Any] = {"@type": "ImageObject", "url": absolute(site.logo_url)}
    if not site.logo_url:
        logo.update(url=absolute(reverse("front:logo")), width=LOGO_SIZE[0], height=LOGO_SIZE[1])
    found = {"@type": "Organization", "name": site.site_name, "url": absolute("/"), "logo": logo}
    if site.social:
        found["sameAs"] = list(site.social.values())
    return found


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
                "name": site_values.current().site_name,
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
        # Pedoman 6a-6b: paid content says so to machines too.
        "@type": "AdvertiserContentArticle" if article.is_advertorial else "NewsArticle",
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
    data.update(credits_and_corrections(article, request))
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


def credits_and_corrections(article: Article, request: HttpRequest) -> dict[str, Any]:
    """The editor and other credited roles, and the corrections (schema.org `correction`)."""
    data: dict[str, Any] = {}
    people = {
        role: [
            {"@type": "Person", "name": b.author.name, "url": request.build_absolute_uri(b.author.get_absolute_url())}
            for b in article.bylines.all()
            if b.role == role
        ]
        for role in (Byline.Role.EDITOR, Byline.Role.TRANSLATOR, Byline.Role.PHOTOGRAPHER)
    }
    for role, key in ((Byline.Role.EDITOR, "editor"), (Byline.Role.TRANSLATOR, "translator")):
        if people[role]:
            data[key] = people[role]
    if people[Byline.Role.PHOTOGRAPHER]:
        data["contributor"] = people[Byline.Role.PHOTOGRAPHER]
    now = timezone.now()
    url = request.build_absolute_uri(article.get_absolute_url())
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": f"{c.get_kind_display()}: {c.text}",
            "datePublished": timezone.localtime(c.created_at).isoformat(),
            "url": f"{url}#{c.anchor}",
        }
        for c in article.corrections.all()
        if c.corrects and c.created_at <= now
    ]
    if corrections:
        data["correction"] = corrections
    return data


def json_ld(data: dict) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped
