from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from warta.articles import body
from warta.authors.models import Author
from warta.lib.text import reading_minutes
from warta.photos.models import Photo
from warta.taxonomy.models import Section, Tag


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        """The one definition of what readers may see: published, and its time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def related_to(self, article: Article, limit: int = 4) -> list[Article]:
        """Up to limit published articles like this one: most tags in common first, then the
        newest of its section. Two index-bound queries, whatever the size of the archive."""
        others = self.published().exclude(pk=article.pk)
        tag_ids = [tag.pk for tag in article.tags.all()]
        related = list(
            others.filter(tags__in=tag_ids)
            .annotate(shared=Count("tags"))
            .order_by("-shared", "-published_at", "-id")
            .for_listing()[:limit]
        ) if tag_ids else []
        if len(related) < limit:
            seen = [a.pk for a in related]
            related += others.filter(section_id=article.section_id).exclude(pk__in=seen).for_listing()[: limit - len(related)]
        return related

    def for_listing(self) -> ArticleQuerySet:
        """Load what a list of articles shows, in a fixed number of queries."""
        return self.select_related("section", "lead_photo").prefetch_related(
            "lead_photo__renditions"
        )

    def for_page(self) -> ArticleQuerySet:
        """Load everything the article page shows, in a fixed number of queries."""
        return self.for_listing().prefetch_related(
            "tags",
            "sources",
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=False)
    dek = models.TextField(
        _("dek"), blank=True, help_text=_("One or two sentences under the headline; also the summary.")
    )
    body = models.JSONField(_("body"), default=list, blank=True)
    dateline_city = models.CharField(
        _("dateline city"), max_length=60, blank=True, help_text=_("Where the story was filed, e.g. Moskow.")
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), through="Byline", related_name="articles"
    )
    lead_photo = models.ForeignKey(
        Photo,
        verbose_name=_("lead photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    comments_open = models.BooleanField(_("comments open"), default=True)
    pinned = models.BooleanField(
        _("lead story"), default=False, help_text=_("Lead the home page (the newest pinned article leads).")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_published_idx"),
            models.Index(fields=["section", "-published_at"], name="article_section_idx"),
        ]

    def __str__(self) -> str:
        return self.headline

    def clean(self) -> None:
        self.body = body.normalize(self.body)

    def save(self, *args, **kwargs) -> None:
        # Sanitise on every save, not only through forms: templates trust the stored body.
        self.body = body.normalize(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str | None:
        """The WordPress-style permalink /YYYY/MM/DD/slug/, dated in the site's time zone."""
        if not self.published_at:
            return None
        day = timezone.localtime(self.published_at)
        return reverse(
            "articles:detail",
            kwargs={
                "year": f"{day.year:04d}",
                "month": f"{day.month:02d}",
                "day": f"{day.day:02d}",
                "slug": self.slug,
            },
        )

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @cached_property
    def word_count(self) -> int:
        return body.words(self.body)

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count, settings.WARTA_READING_WPM)

    @cached_property
    def byline_authors(self) -> list[Author]:
        return [b.author for b in self.bylines.all()]

    def attribution(self) -> str:
        """The closing line's names: source outlets first, then the writers."""
        names = [s.name for s in self.sources.all()] + [a.name for a in self.byline_authors]
        return ", ".join(names)

    def dateline(self) -> str:
        """MOSKOW-KEMPALAN: the city, then the outlet, as newsrooms write it."""
        if not self.dateline_city:
            return ""
        return f"{self.dateline_city.upper()}-{settings.WARTA_SITE_NAME.upper()}:"


class Byline(models.Model):
    """An author of an article, in the order the byline lists them."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="bylines"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="one_byline_per_author")
        ]

    def __str__(self) -> str:
        return self.author.name


class SourceAttribution(models.Model):
    """An outlet or agency a story is based on (Aljazeera, Antara, Reuters, ...)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    name = models.CharField(_("outlet"), max_length=120)
    url = models.URLField(_("address of the original"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name
