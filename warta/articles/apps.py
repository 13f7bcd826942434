from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "warta.articles"
    verbose_name = _("Articles")
    default_auto_field = "django.db.models.BigAutoField"
