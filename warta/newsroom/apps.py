from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """The back office: roles, the review workflow, scheduling, revisions, the audit log."""

    name = "warta.newsroom"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from warta.newsroom import notify, signals

        signals.article_submitted.connect(notify.on_submitted, dispatch_uid="newsroom.notify.submitted")
        signals.article_published.connect(notify.on_published, dispatch_uid="newsroom.notify.published")
        signals.article_withdrawn.connect(notify.on_withdrawn, dispatch_uid="newsroom.notify.withdrawn")
