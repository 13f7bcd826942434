from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from warta.articles import body
from warta.authors.models import Author
from warta.lib.text import reading_minutes
from warta.photos.models import Photo
from warta.taxonomy.models import Section, Tag


def released() -> Q:
    """Released by the newsroom: status published with a publication time. Readers see such an
    article once that time has come (`published`); until then it is `coming`.

    A withdrawn article (*Cabut*, Pedoman Pemberitaan Media Siber 5a-5c) has its own status, so
    it leaves every list, feed, sitemap, search result and cached page through this one test."""
    return Q(status=Article.Status.PUBLISHED, published_at__isnull=False)


LISTING_LEAVES_OUT = ("body",)  # what for_listing() does not load


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self) -> ArticleQuerySet:
        """The one definition of what readers may see: released, and its time has come."""
        return self.filter(released(), published_at__lte=timezone.now())

    def coming(self) -> ArticleQuerySet:
        """Released articles dated in the future: they appear without any save when their time comes."""
        return self.filter(released(), published_at__gt=timezone.now())

    def related_to(self, article: Article, limit: int = 4) -> list[Article]:
        """Up to limit published articles like this one: most tags in common first, then the
        newest of its section. Two index-bound queries, whatever the size of the archive."""
        others = self.published().exclude(pk=article.pk)
        tag_ids = [tag.pk for tag in article.tags.all()]
        related = (
            list(
                others.filter(tags__in=tag_ids)
                .annotate(shared=Count("tags"))
                .order_by("-shared", "-published_at", "-id")
                .for_listing()[:limit]
            )
            if tag_ids
            else []
        )
        if len(related) < limit:
            seen = [a.pk for a in related]
            related += (
                others.filter(section_id=article.section_id).exclude(pk__in=seen).for_listing()[: limit - len(related)]
            )
        return related

    def for_cards(self) -> ArticleQuerySet:
        """A list shown as cards ({% card %}): the rows' address fields only, and whether there is a
        photo (the home page lays out a lead without one differently); a card that is not kept as a
        fragment loads the rest for its whole list at once."""
        return self.only("id", "headline", "slug", "published_at", "section_id", "status", "pinned", "lead_photo")

    def for_listing(self) -> ArticleQuerySet:
        """Load what a list of articles shows, in one query; the photos' renditions are loaded
        for the whole list by the first card that is not kept as a fragment ({% card %}). Not the
        body: a card never shows it, and decoding a story's blocks costs more than the card."""
        return self.select_related("section", "lead_photo").defer(*LISTING_LEAVES_OUT)

    def for_page(self) -> ArticleQuerySet:
        """Load everything the article page shows, in a fixed number of queries."""
        return self.select_related("section", "lead_photo").prefetch_related(*page_prefetches())

    def withdrawn(self) -> ArticleQuerySet:
        """Withdrawn by the newsroom (*Cabut*): their addresses answer 410 with the reason."""
        return self.filter(status=Article.Status.WITHDRAWN, published_at__isnull=False)


def page_prefetches() -> list[str | Prefetch]:
    """What the article page shows besides the row: for_page(), or prefetch_related_objects()
    on an article loaded alone when its page turns out to need them."""
    return [
        "lead_photo__renditions",
        "tags",
        "sources",
        Prefetch("corrections", queryset=Correction.objects.select_related("linked_article")),
        Prefetch("bylines", queryset=Byline.objects.select_related("author")),
    ]


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")
        # Pedoman 5a-5c: taken down for a reason readers are told; not a mistake quietly undone.
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Kind(models.TextChoices):
        NEWS = "berita", _("News")
        # Pedoman 6a-6b: paid content is labelled wherever it appears.
        ADVERTORIAL = "advertorial", _("Advertorial")

    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=False)
    dek = models.TextField(
        _("dek"), blank=True, help_text=_("One or two sentences under the headline; also the summary.")
    )
    body = models.JSONField(_("body"), default=list, blank=True)
    dateline_city = models.CharField(
        _("dateline city"), max_length=60, blank=True, help_text=_("Where the story was filed, e.g. Moskow.")
    )
    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles")
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    authors = models.ManyToManyField(Author, verbose_name=_("authors"), through="Byline", related_name="articles")
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
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=Kind.choices,
        default=Kind.NEWS,
        help_text=_("An advertorial is labelled as such everywhere and kept out of Google News."),
    )
    # Pedoman 2c-2d: a story published before it could be fully verified says so at its end,
    # and the verified follow-up names it (`verifies`); each then links to the other.
    needs_verification = models.BooleanField(
        _("still needs verification"),
        default=False,
        help_text=_("Readers see: Berita ini masih memerlukan verifikasi lebih lanjut."),
    )
    verifies = models.ForeignKey(
        "self",
        verbose_name=_("verified follow-up of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        help_text=_("This article is the verified follow-up of that one: each will link to the other."),
    )
    # Pedoman Pemberitaan Ramah Anak: publishing asks the editor to confirm the child is not identifiable.
    involves_child = models.BooleanField(
        _("involves a child"),
        default=False,
        help_text=_("Publishing will ask you to confirm that the child's identity is protected."),
    )
    # Peraturan Dewan Pers 1/2025: readers are told how artificial intelligence was used.
    ai_disclosure = models.CharField(
        _("use of AI"),
        max_length=300,
        blank=True,
        help_text=_("How artificial intelligence helped make this article, shown to readers. Empty: not used."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    first_published_at = models.DateTimeField(_("first published at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Incremented by every save: a save based on an older version is refused (see newsroom).
    version = models.PositiveIntegerField(default=1, editable=False)
    # When the newsroom last changed a published article (shown as "updated"); not bumped by
    # comment settings or imports.
    revised_at = models.DateTimeField(_("revised at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish, schedule and unpublish articles")),
            ("edit_any_article", _("Can edit articles by anyone")),
        ]
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_published_idx"),
            models.Index(fields=["section", "-published_at"], name="article_section_idx"),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs) -> None:
        # Sanitise on every save, not only through forms: templates trust the stored body.
        self.body = body.normalize(self.body)
        if self.status == self.Status.PUBLISHED and not self.first_published_at:
            self.first_published_at = self.published_at or timezone.now()
        previous_slug = None
        if self.pk:
            self.version += 1
            previous_slug = Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version", "first_published_at"}
        super().save(*args, **kwargs)
        if previous_slug and previous_slug != self.slug and self.first_published_at:
            # Readers and search engines know the old address: it keeps answering, with a 301.
            SlugRedirect.objects.update_or_create(old_slug=previous_slug, defaults={"article": self})
        SlugRedirect.objects.filter(old_slug=self.slug).delete()

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

    def clean(self) -> None:
        self.body = body.normalize(self.body)

    @property
    def is_released(self) -> bool:
        """`released()` for one article in memory."""
        return self.status == self.Status.PUBLISHED and self.published_at is not None

    @property
    def is_public(self) -> bool:
        """`published()` for one article in memory."""
        return self.is_released and self.published_at is not None and self.published_at <= timezone.now()

    @cached_property
    def word_count(self) -> int:
        return body.words(self.body)

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count, settings.WARTA_READING_WPM)

    @cached_property
    def byline_authors(self) -> list[Author]:
        """The writers (and reporters): the people the story is by, not its editors."""
        return [b.author for b in self.bylines.all() if b.role in Byline.AUTHORS]

    @cached_property
    def credits(self) -> list[tuple[str, list[Author]]]:
        """The credit line as Indonesian outlets print it: `Penulis: X | Editor: Y`, role by role."""
        by_role: dict[str, list[Author]] = {}
        for byline in self.bylines.all():
            by_role.setdefault(byline.role, []).append(byline.author)
        return [(str(label), by_role[role]) for role, label in Byline.Role.choices if role in by_role]

    @property
    def is_advertorial(self) -> bool:
        return self.kind == self.Kind.ADVERTORIAL

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    def attribution(self) -> str:
        """The closing line's names: source outlets first, then the writers."""
        names = [s.name for s in self.sources.all()] + [a.name for a in self.byline_authors]
        return ", ".join(names)

    @property
    def shows_revision(self) -> bool:
        return bool(
            self.revised_at
            and self.published_at
            and self.revised_at - self.published_at > datetime.timedelta(minutes=1)
        )

    def dateline(self) -> str:
        """MOSKOW-KEMPALAN: the city, then the outlet, as newsrooms write it."""
        if not self.dateline_city:
            return ""
        return f"{self.dateline_city.upper()}-{settings.WARTA_SITE_NAME.upper()}:"


class Byline(models.Model):
    """A person credited on an article, with their role, in the order the credits list them."""

    class Role(models.TextChoices):
        WRITER = "penulis", _("Writer")
        REPORTER = "reporter", _("Reporter")
        EDITOR = "editor", _("Editor")
        PHOTOGRAPHER = "fotografer", _("Photographer")
        TRANSLATOR = "penerjemah", _("Translator")

    # Whom the story is "by" (feeds' author, the closing attribution, schema.org author).
    AUTHORS = frozenset({Role.WRITER, Role.REPORTER})

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="bylines")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.WRITER)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="one_byline_per_author")]

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


# What Pedoman Pemberitaan Media Siber 4a-4d calls each kind (Correction.Kind values).
PEDOMAN_TERMS = {
    "ralat": "Ralat",
    "koreksi": "Koreksi",
    "hak_jawab": "Hak jawab",
    "klarifikasi": "Klarifikasi",
    "pembaruan": "Pembaruan",
}


class CorrectionQuerySet(models.QuerySet["Correction"]):
    def public(self) -> CorrectionQuerySet:
        """Entries readers see: on a published article, their time come (the archive at /ralat/)."""
        return self.filter(article__in=Article.objects.published(), created_at__lte=timezone.now())


class Correction(models.Model):
    """A typed, timestamped entry at the end of an article (Pedoman Pemberitaan Media Siber 4a-4d):
    ralat, koreksi, hak jawab, klarifikasi or pembaruan, linked from the top of the original. A hak
    jawab published as an article of its own points to it (`linked_article`): each links to the other."""

    class Kind(models.TextChoices):
        CORRECTION = "ralat", _("Correction")
        AMENDMENT = "koreksi", _("Amendment")
        RIGHT_OF_REPLY = "hak_jawab", _("Right of reply")
        CLARIFICATION = "klarifikasi", _("Clarification")
        UPDATE = "pembaruan", _("Update")

    # Kinds that correct the story (schema.org `correction`); an update only adds to it.
    CORRECTING = frozenset({Kind.CORRECTION, Kind.AMENDMENT, Kind.RIGHT_OF_REPLY, Kind.CLARIFICATION})

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(_("text"))
    linked_article = models.ForeignKey(
        Article,
        verbose_name=_("published as the article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        help_text=_("A right of reply published as a separate article: each links to the other."),
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        # The Pedoman's own terms, whatever the language: the audit log stores this name with
        # translations off (Django's admin), where the kind's label would be English ("Correction").
        return f"{PEDOMAN_TERMS[self.kind]}: {self.text[:60]}"

    @property
    def anchor(self) -> str:
        return f"{self.kind.replace('_', '-')}-{self.pk}"

    @property
    def corrects(self) -> bool:
        return self.kind in self.CORRECTING


class SlugRedirect(models.Model):
    """An address a published article had before its slug changed: it answers 301 to the new one."""

    old_slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.article_id}"
