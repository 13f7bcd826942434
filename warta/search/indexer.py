"""Keep the search index in step with the articles."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import DatabaseError, transaction

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


# The articles saved while indexing is deferred (see deferred()); None when it is not.
_pending: contextvars.ContextVar[set[int] | None] = contextvars.ContextVar("search_pending", default=None)
BULK = 500  # articles read and indexed per round in index_many()


def _document(article: Article) -> SearchDocument | None:
    """The search document of a released article; None for one that must not be found."""
    if not article.is_released or article.published_at is None:
        return None
    return SearchDocument(
        article_id=article.pk,
        section_id=article.section_id,
        published_at=article.published_at,
        headline=" ".join(terms(article.headline)),
        body=" ".join(terms(article_text(article))),
    )


def index(article: Article) -> None:
    """Index a released article (the query keeps it out of results until its time comes, see
    backends); take anything else out of the index."""
    pending = _pending.get()
    if pending is not None:
        pending.add(article.pk)
        return
    document = _document(article)
    if document is None:
        SearchDocument.objects.filter(article_id=article.pk).delete()
        return
    SearchDocument.objects.update_or_create(
        article_id=article.pk,
        defaults={
            "section_id": document.section_id,
            "published_at": document.published_at,
            "headline": document.headline,
            "body": document.body,
        },
    )


def index_many(article_ids: Iterable[int]) -> None:
    """index() for many articles at once, as they are in the database now: a few queries per
    BULK articles instead of two per article. An id whose article is gone leaves the index."""
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), BULK):
        chunk = ids[start : start + BULK]
        documents = [
            document
            for article in Article.objects.filter(pk__in=chunk).prefetch_related("tags")
            if (document := _document(article)) is not None
        ]
        with transaction.atomic():
            SearchDocument.objects.filter(article_id__in=chunk).delete()
            SearchDocument.objects.bulk_create(documents)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Collect the articles saved inside the block and index them together when it ends (the
    WordPress import: thousands of saves). Inside a transaction, the index is written in that
    same transaction, so whatever commits is searchable. A nested block joins the outer one."""
    if _pending.get() is not None:
        yield
        return
    pending: set[int] = set()
    token = _pending.set(pending)
    try:
        yield
    except BaseException:
        _pending.reset(token)
        # The saves may have stuck (no transaction, or one the caller still commits): index
        # them if the database lets us, without hiding the error under way.
        if pending and not transaction.get_connection().needs_rollback:
            with contextlib.suppress(DatabaseError):
                index_many(pending)
        raise
    _pending.reset(token)
    if pending:
        index_many(pending)


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
    pending = _pending.get()
    if pending is not None:
        pending.update(changed)
        return
    for article in Article.objects.filter(pk__in=changed).prefetch_related("tags"):
        index(article)


def rebuild() -> int:
    """Index every article from scratch; return how many are searchable."""
    SearchDocument.objects.all().delete()
    for article in Article.objects.prefetch_related("tags").iterator(chunk_size=500):
        index(article)
    return SearchDocument.objects.count()
