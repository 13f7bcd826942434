"""Filters for the article page."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Exists, OuterRef, QuerySet

from warta.articles.models import Article, Correction
from warta.lib.text import plain_credit as _plain_credit

register = template.Library()


@register.filter
def plain_credit(credit: str) -> str:
    """A credit without a typed "Foto:", so the page shows "Foto: X" exactly once."""
    return _plain_credit(credit or "")


@register.simple_tag
def pedoman_links(article: Article) -> dict[str, Any]:
    """What links this article to others under the Pedoman (2c-2d, 4a-4d), published ones only:
    its verified follow-ups, the report it verifies, and the articles it is a right of reply to.
    One query, whatever the article."""
    answered = Correction.objects.filter(article=OuterRef("pk"), linked_article=article.pk)
    # The candidates' ids in one subquery of index lookups: an OR of conditions on the article
    # table would make the database read every article.
    others: list[QuerySet[Any, Any]] = [
        Correction.objects.filter(linked_article=article.pk).values("article_id").order_by()
    ]
    if article.verifies_id:
        others.append(Article.objects.filter(pk=article.verifies_id).values("pk").order_by())
    linked = Article.objects.filter(verifies=article.pk).values("pk").order_by().union(*others)
    found = list(
        Article.objects.published()
        .exclude(pk=article.pk)
        .filter(pk__in=linked)
        .annotate(is_answered=Exists(answered))
        .only("headline", "slug", "published_at", "verifies_id")
        .order_by("published_at", "id")
    )
    return {
        "follow_ups": [a for a in found if a.verifies_id == article.pk],
        "verifies": next((a for a in found if a.pk == article.verifies_id), None),
        "answers": [a for a in found if a.is_answered],
    }
