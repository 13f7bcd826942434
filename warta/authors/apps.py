from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthorsConfig(AppConfig):
    name = "warta.authors"
    verbose_name = _("Authors")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from warta.authors.models import Author
        from warta.caching import invalidation, keys

        # The page cache: bylines show all over the site.
        invalidation.on_change(Author, lambda _: {keys.SITE})
