from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "warta.caching"
    verbose_name = _("Page cache")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from warta.articles.models import Article, Byline, SourceAttribution
        from warta.authors.models import Author
        from warta.caching import invalidation as purge
        from warta.comments.models import Comment
        from warta.pages.models import Page
        from warta.photos.models import Photo
        from warta.taxonomy.models import Section, Tag

        for signal in (post_save, post_delete):
            signal.connect(purge.article_changed, sender=Article, dispatch_uid=f"cache.article.{signal}")
            signal.connect(purge.comment_changed, sender=Comment, dispatch_uid=f"cache.comment.{signal}")
            for part in (Byline, SourceAttribution):
                signal.connect(purge.article_part_changed, sender=part, dispatch_uid=f"cache.{part.__name__}.{signal}")
            for model in (Section, Tag, Author, Page, Photo):
                signal.connect(purge.site_changed, sender=model, dispatch_uid=f"cache.{model.__name__}.{signal}")
        m2m_changed.connect(purge.tags_changed, sender=Article.tags.through, dispatch_uid="cache.tags")
