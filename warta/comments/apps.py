from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "warta.comments"
    verbose_name = _("Reader comments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from warta.caching import invalidation, keys
        from warta.comments.models import Comment

        # The page cache: a comment shows in its article's comment thread only (the article's
        # own fragments stay: the next reader's page is put together, not rendered afresh).
        invalidation.on_change(Comment, lambda c: {keys.comments(c.article_id)})
