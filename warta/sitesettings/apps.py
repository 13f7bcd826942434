from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSettingsConfig(AppConfig):
    """The outlet's name, tagline, logo, social profiles, comment rules and reading speed, kept
    in the database and edited by Admins; the environment overrides each for operators."""

    name = "warta.sitesettings"
    label = "sitesettings"
    verbose_name = _("Site settings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core.signals import setting_changed
        from django.db.models.signals import post_delete, post_save

        from warta.sitesettings import values
        from warta.sitesettings.models import SiteSettings

        post_save.connect(values.changed, sender=SiteSettings, dispatch_uid="sitesettings.changed")
        post_delete.connect(values.changed, sender=SiteSettings, dispatch_uid="sitesettings.deleted")
        # A setting changed in a running process (override_settings, a shell): the copies made
        # from the old defaults are stale.
        setting_changed.connect(values.setting_changed, dispatch_uid="sitesettings.setting_changed")
