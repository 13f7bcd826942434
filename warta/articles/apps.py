import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from warta.caching import keys, memo


class ArticlesConfig(AppConfig):
    name = "warta.articles"
    verbose_name = _("Articles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from warta.articles.models import Article, Byline, SourceAttribution
        from warta.caching import invalidation

        # The page cache: an article's page and every list; a scheduled article's time limits
        # how long any page is kept (it appears without a save).
        invalidation.on_change(Article, lambda a: {keys.ARTICLES, keys.article(a.pk)})
        for part in (Byline, SourceAttribution):
            invalidation.on_change(part, lambda p: {keys.ARTICLES, keys.article(p.article_id)})
        invalidation.on_article_tags(Article.tags.through)
        keys.limit_max_age(seconds_until_next_publication)


def seconds_until_next_publication() -> int | None:
    """Articles marked published but dated in the future appear without any save. Asked by every
    page stored: kept in the process until an article changes or the one due comes."""
    due = _next_due.get(_next_publication)
    return max(1, int(due - time.time())) if due is not None else None


_next_due: memo.Held[float | None] = memo.Held([keys.ARTICLES])  # an article's save purges the lists


def _next_publication() -> tuple[float | None, float]:
    from warta.articles.models import Article

    upcoming = Article.objects.coming().order_by("published_at").values_list("published_at", flat=True).first()
    due = upcoming.timestamp() if upcoming else None
    return due, due if due is not None else time.time() + 300
