from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _forget_synonyms(**kwargs: object) -> None:
    from django.core.cache import cache

    from warta.language.models import SYNONYMS_CACHE_KEY

    cache.delete(SYNONYMS_CACHE_KEY)


class LanguageConfig(AppConfig):
    """The newsroom's language: its own dictionary for the spelling checker, and the abbreviations
    and synonyms search expands (the checker itself is warta.lib.spelling, without Django)."""

    name = "warta.language"
    verbose_name = _("Language")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from warta.language.models import Synonym

        # Search reads the table through the shared cache; an edit shows at the next search.
        post_save.connect(_forget_synonyms, sender=Synonym, dispatch_uid="language.synonyms.save")
        post_delete.connect(_forget_synonyms, sender=Synonym, dispatch_uid="language.synonyms.delete")
