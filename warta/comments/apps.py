from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "warta.comments"
    verbose_name = _("Reader comments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from warta.caching import invalidation, keys
        from warta.comments.models import Comment

        # The page cache: a comment shows on its article's page only.
        invalidation.on_change(Comment, lambda c: {keys.article(c.article_id)})
