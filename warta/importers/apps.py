from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportersConfig(AppConfig):
    """Moving from WordPress: `warta import-wxr`, and the old addresses that keep working."""

    name = "warta.importers"
    verbose_name = _("Imports")
    default_auto_field = "django.db.models.BigAutoField"
