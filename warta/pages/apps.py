from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """Static pages every Indonesian outlet needs: masthead, contact, Pedoman Media Siber."""

    name = "warta.pages"
    verbose_name = _("Static pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from warta.caching import invalidation, keys
        from warta.pages.models import Page

        # The page cache: static pages are linked from every page's footer.
        invalidation.on_change(Page, lambda _: {keys.SITE})
