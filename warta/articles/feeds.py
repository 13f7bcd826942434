"""RSS 2.0 feeds for aggregators and readers: the site, and each section, tag and author."""

from __future__ import annotations

import copy
import mimetypes
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from warta.articles import body
from warta.articles.models import Article, ArticleQuerySet, Correction
from warta.authors.models import Author
from warta.caching import keys
from warta.photos.models import Photo
from warta.taxonomy.models import Section, Tag

ITEMS = 20


class NewsFeed(Rss201rev2Feed):
    """RSS 2.0 with Media RSS: each lead photo with its caption and credit."""

    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:media": "http://search.yahoo.com/mrss/"}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        photo = item.get("photo")
        if photo:
            handler.startElement(
                "media:content",
                {
                    "url": photo["url"],
                    "medium": "image",
                    "type": photo["type"],
                    "width": str(photo["width"]),
                    "height": str(photo["height"]),
                },
            )
            if photo["caption"]:
                handler.addQuickElement("media:description", photo["caption"])
            if photo["credit"]:
                handler.addQuickElement("media:credit", photo["credit"])
            handler.endElement("media:content")


class LatestArticles(Feed):
    """The newest published articles of the whole site; subclasses narrow the list."""

    feed_type = NewsFeed
    request: HttpRequest  # set on the per-request copy only, see __call__

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The URLconf holds one instance for every thread of every worker: answer each request
        # with a copy of it that holds that request (for absolute photo addresses).
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        keys.tag_request(request, keys.ARTICLES)
        return None

    def articles(self, obj: Any) -> ArticleQuerySet:
        return Article.objects.published()

    def title(self, obj) -> str:
        return settings.WARTA_SITE_NAME

    def link(self, obj) -> str:
        return obj.get_absolute_url() if obj else "/"

    def description(self, obj) -> str:
        # Plain text, made HTML like the items' descriptions (see item_description).
        return escape(
            getattr(obj, "description", "")
            or getattr(obj, "bio", "")
            or _("The latest news from %(site_name)s.") % {"site_name": settings.WARTA_SITE_NAME}
        )

    def items(self, obj) -> list[Article]:
        return list(self.articles(obj).for_page()[:ITEMS])

    def item_title(self, article: Article) -> str:
        if article.is_advertorial:  # Pedoman 6a-6b: labelled in feeds too
            return f"{_('Advertorial')}: {article.headline}"
        return article.headline

    def item_description(self, article: Article) -> str:
        if not settings.WARTA_FEED_FULL_TEXT:
            # Feed readers take <description> as HTML; the XML writer only escapes for XML. The
            # dek is plain text, so it is escaped for HTML too: "<b>" stays words, never markup.
            return escape(article.dek)
        photos = Photo.objects.prefetch_related("renditions").in_bulk(body.photo_ids(article.body))
        linked = Article.objects.published().in_bulk(body.article_ids(article.body))
        blocks = body.prepare(article.body, photos, article.dateline(), linked)
        return render_to_string("articles/body.html", {"blocks": blocks, "article": article})

    def item_pubdate(self, article: Article):
        return article.published_at

    def item_updateddate(self, article: Article):
        return article.updated_at

    def item_author_name(self, article: Article) -> str:
        return ", ".join(a.name for a in article.byline_authors)

    def item_categories(self, article: Article) -> list[str]:
        return [article.section.name, *(t.name for t in article.tags.all())]

    def _photo(self, article: Article) -> Photo | None:
        return article.lead_photo if article.lead_photo and article.lead_photo.url else None

    def item_enclosure_url(self, article: Article) -> str | None:
        photo = self._photo(article)
        return self.request.build_absolute_uri(photo.url) if photo else None

    def item_enclosure_length(self, article: Article) -> int:
        photo = self._photo(article)
        try:
            return photo.image.size if photo and photo.image else 0
        except OSError:  # the file is missing on this server: announce the photo anyway
            return 0

    def item_enclosure_mime_type(self, article: Article) -> str:
        photo = self._photo(article)
        return (mimetypes.guess_type(photo.image.name or "")[0] or "image/jpeg") if photo else ""

    def item_extra_kwargs(self, article: Article) -> dict:
        photo = self._photo(article)
        if not photo:
            return {}
        return {
            "photo": {
                "url": self.item_enclosure_url(article),
                "type": self.item_enclosure_mime_type(article),
                "width": photo.width,
                "height": photo.height,
                "caption": photo.caption,
                "credit": photo.credit,
            }
        }


class ArchiveArticles(LatestArticles):
    """The feed of one section, tag or author: the model, and the Article field that points to it."""

    def __init__(self, model: type[Section | Tag | Author], lookup: str) -> None:
        super().__init__()
        self.model, self.lookup = model, lookup

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Section | Tag | Author:
        super().get_object(request)
        found = get_object_or_404(self.model._default_manager.all(), slug=kwargs["slug"])
        assert isinstance(found, (Section, Tag, Author))  # the manager of self.model
        return found

    def articles(self, obj: Any) -> ArticleQuerySet:
        return Article.objects.published().filter(**{self.lookup: obj})

    def title(self, obj) -> str:
        return f"{obj.name} – {settings.WARTA_SITE_NAME}"


class Corrections(Feed):
    """Pedoman 4a-4d: the corrections archive (`/ralat/`) as RSS, the newest first."""

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        keys.tag_request(request, keys.ARTICLES)
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return _("Corrections and rights of reply – %(site_name)s") % {"site_name": settings.WARTA_SITE_NAME}

    def link(self) -> str:
        return reverse("articles:corrections")

    def description(self) -> str:
        return escape(_("Every correction, right of reply, clarification and update the newsroom has published."))

    def items(self) -> list[Correction]:
        public = Correction.objects.public().select_related("article").order_by("-created_at", "-id")
        return list(public[:ITEMS])

    def item_title(self, note: Correction) -> str:
        return f"{note.get_kind_display()}: {note.article.headline}"

    def item_description(self, note: Correction) -> str:
        return escape(note.text)

    def item_link(self, note: Correction) -> str:
        return f"{note.article.get_absolute_url()}#{note.anchor}"

    def item_pubdate(self, note: Correction):
        return note.created_at
