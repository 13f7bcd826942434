from __future__ import annotations

import datetime

from django.db import IntegrityError, models, transaction
from django.db.models import F, Sum
from django.utils import timezone

from warta.articles.models import Article


class HourlyViews(models.Model):
    """Page views of one article in one hour: small rows, enough for "most read in 24 hours"."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField(db_index=True)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "hour"], name="one_row_per_article_hour")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}: {self.views}"


def count_view(article_id: int) -> None:
    """Add one view to this hour's row, safely when many readers arrive at once."""
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    rows = HourlyViews.objects.filter(article_id=article_id, hour=hour)
    if rows.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            HourlyViews.objects.create(article_id=article_id, hour=hour, views=1)
    except IntegrityError:  # another request created the row first
        rows.update(views=F("views") + 1)


def most_read(hours: int = 24, limit: int = 5) -> list[Article]:
    """The published articles read most in the last hours, most read first."""
    since = timezone.now() - datetime.timedelta(hours=hours)
    top = (
        HourlyViews.objects.filter(hour__gte=since, article__in=Article.objects.published())
        .values("article_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "-article_id")[:limit]
    )
    ids = [row["article_id"] for row in top]
    found = Article.objects.for_listing().in_bulk(ids)
    return [found[i] for i in ids if i in found]
