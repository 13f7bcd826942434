"""Filters for the article page."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Exists, OuterRef, Q

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
    wanted = Q(verifies=article.pk) | Q(Exists(answered))
    if article.verifies_id:
        wanted |= Q(pk=article.verifies_id)
    found = list(
        Article.objects.published()
        .exclude(pk=article.pk)
        .filter(wanted)
        .annotate(is_answered=Exists(answered))
        .only("headline", "slug", "published_at", "verifies_id")
        .order_by("published_at", "id")
    )
    return {
        "follow_ups": [a for a in found if a.verifies_id == article.pk],
        "verifies": next((a for a in found if a.pk == article.verifies_id), None),
        "answers": [a for a in found if a.is_answered],
    }
