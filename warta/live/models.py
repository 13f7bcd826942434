"""Live coverage: a live report (an article whose body is a stream of timestamped entries) and
breaking news (a bar across every page, until it expires or is cleared).

A live report is attached to an ordinary Article, so it has everything an article has (address,
section, byline, workflow, comments); its entries are rows of their own, so several staff post
at once without ever overwriting each other. Closing it keeps the entries: the page reads as an
ordinary article with its timeline.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from warta.articles.models import Article
from warta.authors.models import Author
from warta.lib.text import plain_text, strip_tags

# Readers' pages ask for new entries this often (seconds): about half of it is the median wait
# between a save and its appearance, and 10,000 readers cost 10,000 / POLL_SECONDS cache hits a second.
POLL_SECONDS = 8
# The polled fragment carries the newest entries only: a reader further behind reloads.
FRAGMENT_ENTRIES = 20


class LiveReport(models.Model):
    article = models.OneToOneField(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="live")
    is_open = models.BooleanField(
        _("live now"), default=True, help_text=_("Closed: no new entries, and the page stops looking for them.")
    )
    oldest_first = models.BooleanField(
        _("oldest entry first"), default=False, help_text=_("For a timeline read from the start, e.g. a match.")
    )
    coverage_start = models.DateTimeField(_("coverage started"), default=timezone.now)
    coverage_end = models.DateTimeField(_("coverage ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("live report")
        verbose_name_plural = _("live reports")
        ordering = ["-coverage_start"]

    def __str__(self) -> str:
        return self.article.headline

    def close(self) -> None:
        self.is_open = False
        self.coverage_end = self.coverage_end or timezone.now()

    def reopen(self) -> None:
        self.is_open = True
        self.coverage_end = None

    def stream(self) -> models.QuerySet[LiveEntry]:
        """The entries in reading order (the pinned one is shown on top besides)."""
        order = ["posted_at", "id"] if self.oldest_first else ["-posted_at", "-id"]
        return self.entries.select_related("author").order_by(*order)


class LiveEntry(models.Model):
    report = models.ForeignKey(
        LiveReport, verbose_name=_("live report"), on_delete=models.CASCADE, related_name="entries"
    )
    posted_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Optional; key events are listed by it.")
    )
    # The same JSON blocks as an article's body (warta.articles.body.normalize): text, a photo, an embed.
    body = models.JSONField(_("body"), default=list)
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    key_event = models.BooleanField(_("key event"), default=False)
    pinned = models.BooleanField(_("pinned"), default=False)
    # Bumped on every save: an edit based on an older version is refused, never lost silently.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("live entry")
        verbose_name_plural = _("live entries")
        ordering = ["-posted_at", "-id"]
        constraints = [
            # One pinned entry per report, enforced by the database even when two editors pin at once.
            models.UniqueConstraint(fields=["report"], condition=Q(pinned=True), name="live_one_pinned_entry"),
        ]

    def __str__(self) -> str:
        return self.title or self.excerpt()

    def excerpt(self, chars: int = 80) -> str:
        text = " ".join(strip_tags(str(b.get("text", ""))) for b in self.body if isinstance(b, dict)).strip()
        return text[:chars] + ("…" if len(text) > chars else "")

    def anchor(self) -> str:
        return f"entri-{self.pk}"


class BreakingQuerySet(models.QuerySet["Breaking"]):
    def showing(self, now: datetime.datetime | None = None) -> BreakingQuerySet:
        """What the bar shows now: not cleared, not expired, linked to an article readers may see."""
        now = now or timezone.now()
        return self.filter(
            cleared_at__isnull=True,
            expires_at__gt=now,
            article__in=Article.objects.published(),
        ).order_by("-created_at", "-id")


class Breaking(models.Model):
    """An article marked *Breaking*: a bar across every page links to it until it expires."""

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+")
    label = models.CharField(
        _("bar text"),
        max_length=160,
        blank=True,
        help_text=_("What the bar says, in plain text (tags are removed); empty: the article's headline."),
    )
    created_at = models.DateTimeField(_("marked"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    cleared_at = models.DateTimeField(_("cleared"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = BreakingQuerySet.as_manager()

    class Meta:
        verbose_name = _("breaking news")
        verbose_name_plural = _("breaking news")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["cleared_at", "expires_at"], name="breaking_showing_idx")]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        # Plain text, escaped where shown. The desk saves it so (BreakingForm); reading it so too
        # keeps a label set any other way (or before) from showing its tags as words.
        return plain_text(self.label) or self.article.headline

    @property
    def is_showing(self) -> bool:
        return self.cleared_at is None and self.expires_at > timezone.now() and self.article.is_public
