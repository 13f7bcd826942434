from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from warta.articles.models import Article
from warta.authors.models import public_name


class AuditEntry(models.Model):
    """Who did what to which object, and when: workflow steps, edits, staff and role changes,
    sections, settings and comment moderation. Rows are only ever added."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        SCHEDULED = "scheduled", _("Scheduled")
        UNPUBLISHED = "unpublished", _("Unpublished")
        # Pedoman 5a-5c: taken down for a reason readers are told, not a quiet undo (Tarik).
        WITHDRAWN = "withdrawn", _("Withdrawn")
        RESTORED = "restored", _("Revision restored")
        DELETED = "deleted", _("Deleted")
        CREATED = "created", _("Created")
        EDITED = "edited", _("Edited")
        INVITED = "invited", _("Staff invited")
        ROLE_CHANGED = "role", _("Role changed")
        DEACTIVATED = "deactivated", _("Deactivated")
        REACTIVATED = "reactivated", _("Reactivated")
        APPROVED = "approved", _("Comment approved")
        UNAPPROVED = "unapproved", _("Comment unapproved")
        SPAM = "spam", _("Marked as spam")
        TRASHED = "trashed", _("Moved to trash")
        UNTRASHED = "untrashed", _("Restored from trash")
        REPLIED = "replied", _("Replied")

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        COMMENT = "comment", _("Comment")
        STAFF = "staff", _("Staff")
        SECTION = "section", _("Section")
        TAG = "tag", _("Tag")
        AUTHOR = "author", _("Author")
        PAGE = "page", _("Static page")
        PHOTO = "photo", _("Photo")
        SETTINGS = "settings", _("Site settings")
        OTHER = "other", _("Other")

    when = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.SET_NULL, null=True, blank=True
    )
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    # What the entry is about: a kind and the object's primary key (an article also has the
    # foreign key below, kept for the workflow's entries and nulled when the article goes).
    kind = models.CharField(_("object type"), max_length=10, choices=Kind.choices, default=Kind.ARTICLE)
    object_id = models.CharField(_("object ID"), max_length=40, blank=True)
    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.SET_NULL, null=True, blank=True)
    headline = models.CharField(_("object"), max_length=200)  # the object's name, kept after a deletion
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-when", "-id"]
        indexes = [
            models.Index(fields=["kind", "object_id", "-when"], name="audit_object_idx"),
            models.Index(fields=["user", "-when"], name="audit_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.when:%Y-%m-%d %H:%M} {self.user or 'worker'} {self.action} {self.headline}"


class Revision(models.Model):
    """The state of an article after one save: who saved it, when, and everything they saved."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    # What the desk calls it: 1, 2, 3 in the order they were saved. The article's version also
    # counts saves that keep no revision (sent for review, published), so it goes 1, 3, 5.
    number = models.PositiveIntegerField(default=0)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    snapshot = models.JSONField()

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["article", "version"], name="one_revision_per_version")]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"


class Autosave(models.Model):
    """What someone typed in the editor and has not saved yet: one per person and article (no
    article: a new one), replaced by each autosave, removed by a real save. Never a revision."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # The article's version the writer was editing: restoring keeps the stale-save rule.
    base_version = models.PositiveIntegerField(default=0)
    fields = models.JSONField()
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], condition=models.Q(article__isnull=False), name="one_autosave_per_article"
            ),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(article__isnull=True), name="one_autosave_per_new_article"
            ),
        ]

    def __str__(self) -> str:
        """Whose and when, after the model's name on the delete confirmation: "Simpanan otomatis:
        Rina, 30 November 2026 19.01" (local time; not a user id and a UTC hour)."""
        when = date_format(timezone.localtime(self.saved_at), "j F Y H.i") if self.saved_at else ""
        return f"{public_name(self.user)}, {when}"
