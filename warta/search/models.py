from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from warta.articles.models import Article
from warta.taxonomy.models import Section


class SearchDocument(models.Model):
    """The analysed (stemmed, stop words out) text of one published article.

    The full-text index over it is the database's own: an FTS5 table kept in step by triggers on
    SQLite, a stored weighted tsvector with a GIN index on PostgreSQL (see migrations/0002).
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="+")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="+")
    published_at = models.DateTimeField(db_index=True)
    headline = models.TextField()
    body = models.TextField()

    class Meta:
        # Named so where people see it: deleting an article lists its entry in the search index.
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")

    def __str__(self) -> str:
        # The article's headline as written: the document's own is analysed ("banjir rob genang").
        return self.article.headline
