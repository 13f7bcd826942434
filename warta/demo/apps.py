from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo content: the seed article and a dozen more, so a new site looks real."""

    name = "warta.demo"
    verbose_name = _("Demo content")
