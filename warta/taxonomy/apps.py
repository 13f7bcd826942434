from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "warta.taxonomy"
    verbose_name = _("Sections and tags")
    default_auto_field = "django.db.models.BigAutoField"
