"""Keep the search index in step with the articles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from warta.articles import body
from warta.articles.models import Article
from warta.lib.text import strip_tags
from warta.search.analysis import terms
from warta.search.models import SearchDocument


def article_text(article: Article) -> str:
    """Everything a reader may search an article's body for: dek, body text, captions, tags."""
    parts = [article.dek, *body.captions(article.body)]
    for block in article.body:
        if block["type"] == "list":
            parts.extend(block["items"])
        elif "text" in block:
            parts.append(block["text"])
    parts.extend(tag.name for tag in article.tags.all())
    return strip_tags("\n".join(parts))


def index(article: Article) -> None:
    """Index a released article (the query keeps it out of results until its time comes, see
    backends); take anything else out of the index."""
    if not article.is_released or article.published_at is None:
        SearchDocument.objects.filter(article_id=article.pk).delete()
        return
    SearchDocument.objects.update_or_create(
        article_id=article.pk,
        defaults={
            "section_id": article.section_id,
            "published_at": article.published_at,
            "headline": " ".join(terms(article.headline)),
            "body": " ".join(terms(article_text(article))),
        },
    )


def on_article_saved(sender: type, instance: Article, raw: bool = False, **kwargs: object) -> None:
    if not raw:
        index(instance)


def on_tags_changed(
    sender: type, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: object
) -> None:
    """instance is the Article (forward: article.tags.add) or the Tag (reverse: tag.articles.add)."""
    if reverse and action == "pre_clear":  # tag.articles.clear(): note who had it before it goes
        instance._articles_cleared = list(Article.objects.filter(tags=instance).values_list("pk", flat=True))
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        index(instance)
        return
    changed: Iterable[int] = (pk_set or ()) if action != "post_clear" else getattr(instance, "_articles_cleared", [])
    for article in Article.objects.filter(pk__in=changed).prefetch_related("tags"):
        index(article)


def rebuild() -> int:
    """Index every article from scratch; return how many are searchable."""
    SearchDocument.objects.all().delete()
    for article in Article.objects.prefetch_related("tags").iterator(chunk_size=500):
        index(article)
    return SearchDocument.objects.count()
