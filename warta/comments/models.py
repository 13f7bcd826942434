from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from warta.articles.models import Article


def fingerprint(email: str, text: str) -> str:
    """Identify a comment's words regardless of case and spacing."""
    words = " ".join(text.lower().split())
    return hashlib.sha256(f"{email.strip().lower()}\n{words}".encode()).hexdigest()


class CommentQuerySet(models.QuerySet):
    def approved(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)


class Comment(models.Model):
    """A reader's comment. The email, IP address and user agent are for moderation only."""

    # Set on the comments of a thread when it is built (warta.comments.thread), not stored.
    children: list[Comment]
    awaiting_moderation: bool

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        TRASH = "trash", _("Trash")

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=1, editable=False)
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("email"), max_length=254)
    website = models.URLField(_("website"), max_length=200, blank=True)
    text = models.TextField(_("comment"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    # Where a trashed comment goes back to when restored.
    status_before_trash = models.CharField(max_length=10, choices=Status.choices, blank=True)
    spam_reason = models.CharField(_("why it was held"), max_length=120, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # An answer from the newsroom, written at the moderation desk: shown with a "Redaksi" mark. Kept
    # on the comment itself (the account above may be deleted one day; the answer stays official),
    # set only by the desk's reply, never by a form a reader can post.
    from_newsroom = models.BooleanField(_("from the newsroom"), default=False, editable=False)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    # Same commenter, same words, same article: the database refuses the second copy,
    # even when both arrive at the same moment.
    fingerprint = models.CharField(max_length=64, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["email", "status"], name="comment_author_idx"),
            # The moderation desk and the dashboard: counts per status, pending first, newest first.
            models.Index(fields=["status", "-created_at"], name="comment_status_idx"),
        ]
        constraints = [models.UniqueConstraint(fields=["article", "fingerprint"], name="no_duplicate_comment")]

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:60]}"

    def save(self, *args, **kwargs) -> None:
        self.email = self.email.strip().lower()
        if not self.fingerprint:
            self.fingerprint = fingerprint(self.email, self.text)
        self.depth = self.parent.depth + 1 if self.parent is not None else 1
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#komentar-{self.pk}"


class BlockedTerm(models.Model):
    """A word, email address or IP address whose comments go straight to spam."""

    class Kind(models.TextChoices):
        WORD = "word", _("Word or phrase")
        EMAIL = "email", _("Email address")
        IP = "ip", _("IP address")

    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("blocked term")
        verbose_name_plural = _("blocklist")
        ordering = ["kind", "value"]
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="unique_blocked_term")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    def save(self, *args, **kwargs) -> None:
        self.value = self.value.strip().lower()
        super().save(*args, **kwargs)
