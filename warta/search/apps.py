from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "warta.search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_save

        from warta.articles.models import Article
        from warta.search import indexer

        # The index follows every save at once: publish, edit, unpublish, retag.
        post_save.connect(indexer.on_article_saved, sender=Article, dispatch_uid="search.index")
        m2m_changed.connect(indexer.on_tags_changed, sender=Article.tags.through, dispatch_uid="search.tags")
