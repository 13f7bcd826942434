from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """Readers' complaints about articles and comments (Pedoman Pemberitaan Media Siber 3e-3f)."""

    name = "warta.complaints"
    verbose_name = _("Reader complaints")
    default_auto_field = "django.db.models.BigAutoField"
