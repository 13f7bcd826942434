"""A reader's complaint about an article or a comment, and what the newsroom did about it.

Pedoman Pemberitaan Media Siber 3e-3f: the newsroom acts on a complaint about user content within
2 x 24 hours of receiving it. The clock starts at `received_at`; `deadline` is when it runs out.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from warta.articles.models import Article
from warta.comments.models import Comment

# Pedoman 3f: two times twenty-four hours from receipt.
ANSWER_WITHIN = datetime.timedelta(hours=48)


class ComplaintQuerySet(models.QuerySet["Complaint"]):
    def open(self) -> ComplaintQuerySet:
        return self.filter(status=Complaint.Status.OPEN)

    def overdue(self, now: datetime.datetime | None = None) -> ComplaintQuerySet:
        """Open complaints whose 2 x 24 hours have run out."""
        return self.open().filter(received_at__lte=(now or timezone.now()) - ANSWER_WITHIN)


class Complaint(models.Model):
    class Kind(models.TextChoices):
        INACCURATE = "tidak_akurat", _("Inaccurate or misleading")
        DEFAMATION = "fitnah", _("Slander or defamation")
        SARA = "sara", _("Hatred on ethnicity, religion, race or group (SARA)")
        OBSCENE = "cabul", _("Obscene, sadistic or violent")
        PRIVACY = "privasi", _("Invades someone's privacy")
        CHILD = "anak", _("Identifies a child")
        OTHER = "lain", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    class Resolution(models.TextChoices):
        COMMENT_EDITED = "comment_edited", _("Comment edited")
        COMMENT_REMOVED = "comment_removed", _("Comment removed")
        CORRECTION = "correction", _("Correction published")
        RIGHT_OF_REPLY = "right_of_reply", _("Right of reply published")
        ARTICLE_FIXED = "article_fixed", _("Headline or text fixed")
        WITHDRAWN = "withdrawn", _("Article withdrawn")
        REJECTED = "rejected", _("Rejected, with reason")

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="complaints")
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    kind = models.CharField(_("what is wrong"), max_length=14, choices=Kind.choices)
    text = models.TextField(_("complaint"))
    name = models.CharField(_("name"), max_length=80, blank=True)
    # For the newsroom's answer only: never shown on a page, never written back into the form.
    email = models.EmailField(_("email"), max_length=254)
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.CharField(_("action taken"), max_length=16, choices=Resolution.choices, blank=True)
    resolution_note = models.TextField(
        _("note"), blank=True, help_text=_("What was done, or why the complaint is rejected (required to reject).")
    )
    # Emailed to the reader when the complaint is resolved (the form promises an answer by email).
    reply = models.TextField(
        _("answer to the reader"),
        blank=True,
        help_text=_("Emailed to the reader when the complaint is resolved; their address is not shown."),
    )
    replied_at = models.DateTimeField(_("answer sent at"), null=True, blank=True, editable=False)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # When the editors were told the complaint is overdue (once).
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["received_at", "id"]
        indexes = [models.Index(fields=["status", "received_at"], name="complaint_queue_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {Truncator(self.text).chars(60)}"

    @property
    def deadline(self) -> datetime.datetime:
        return self.received_at + ANSWER_WITHIN

    def is_overdue(self, now: datetime.datetime | None = None) -> bool:
        return self.status == self.Status.OPEN and (now or timezone.now()) >= self.deadline

    def time_left(self, now: datetime.datetime | None = None) -> datetime.timedelta:
        return self.deadline - (now or timezone.now())
