from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "warta.articles"
    verbose_name = _("Articles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from warta.articles.models import Article, Byline, SourceAttribution
        from warta.caching import invalidation, keys

        # The page cache: an article's page and every list; a scheduled article's time limits
        # how long any page is kept (it appears without a save).
        invalidation.on_change(Article, lambda a: {keys.ARTICLES, keys.article(a.pk)})
        for part in (Byline, SourceAttribution):
            invalidation.on_change(part, lambda p: {keys.ARTICLES, keys.article(p.article_id)})
        invalidation.on_article_tags(Article.tags.through)
        keys.limit_max_age(seconds_until_next_publication)


def seconds_until_next_publication() -> int | None:
    """Articles marked published but dated in the future appear without any save."""
    from django.utils import timezone

    from warta.articles.models import Article

    upcoming = Article.objects.coming().order_by("published_at").values_list("published_at", flat=True).first()
    return max(1, int((upcoming - timezone.now()).total_seconds())) if upcoming else None
