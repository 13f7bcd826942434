from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "warta.taxonomy"
    verbose_name = _("Sections and tags")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from warta.caching import invalidation, keys
        from warta.taxonomy.models import Section, Tag

        # The page cache: sections and tags are named in the navigation and on every article.
        for model in (Section, Tag):
            invalidation.on_change(model, lambda _: {keys.SITE})
