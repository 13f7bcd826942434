from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """The back office: roles, the review workflow, scheduling, revisions, the audit log."""

    name = "warta.newsroom"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"
