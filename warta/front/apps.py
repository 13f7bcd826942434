from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontConfig(AppConfig):
    """The pages readers browse: home, archives, error pages, the shared layout and styles."""

    name = "warta.front"
    verbose_name = _("Public site")
