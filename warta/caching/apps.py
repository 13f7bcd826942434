from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    """The page cache. It imports none of the apps it serves: each app connects its own models'
    purges (invalidation.on_change) and names what its views show (keys.tag_request)."""

    name = "warta.caching"
    verbose_name = _("Page cache")
