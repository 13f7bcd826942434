from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadershipConfig(AppConfig):
    """Most-read lists, counted on our own server: no cookies, no third parties."""

    name = "warta.readership"
    verbose_name = _("Readership")
    default_auto_field = "django.db.models.BigAutoField"
