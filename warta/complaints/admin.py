"""Editors handle complaints: a 2 x 24-hour clock from receipt, the overdue ones first and marked,
and a resolution that records what was done (Pedoman Pemberitaan Media Siber 3e-3f)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from warta.articles.models import Article, Correction
from warta.comments.models import Comment
from warta.complaints import notify
from warta.complaints.models import Complaint

Resolution = Complaint.Resolution
COMMENT_ACTIONS = {Resolution.COMMENT_EDITED, Resolution.COMMENT_REMOVED}
# What "Correction published" may point to (a right of reply and an update are not corrections).
CORRECTION_KINDS = sorted(Correction.CORRECTING - {Correction.Kind.RIGHT_OF_REPLY})


class ResolveForm(forms.ModelForm):
    class Meta:
        model = Complaint
        fields = ["resolution", "resolution_note", "reply"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("resolution")
        if isinstance(field, forms.ChoiceField) and not self.instance.comment_id:
            # About the article itself: nothing to do to a comment.
            field.choices = [("", "---------")] + [
                (value, label) for value, label in Resolution.choices if value not in COMMENT_ACTIONS
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "resolution" not in self.fields:
            return data  # resolved already: the record is kept as decided
        resolution, note = data.get("resolution"), (data.get("resolution_note") or "").strip()
        reply = (data.get("reply") or "").strip()
        if resolution == Resolution.REJECTED and not note:
            self.add_error("resolution_note", _("Give the reason for rejecting the complaint."))
        if resolution in COMMENT_ACTIONS and not self.instance.comment_id:
            self.add_error("resolution", _("This complaint is about the article, not a comment."))
        if resolution:
            problem = _unfounded(self.instance, resolution)
            if problem:
                self.add_error("resolution", problem)
            if resolution == Resolution.ARTICLE_FIXED and not note:
                self.add_error("resolution_note", _("Say what was fixed in the headline or the text."))
            if not reply:
                self.add_error("reply", _("Write the answer to the reader: they were told to expect one by email."))
        return data


def _unfounded(complaint: Complaint, resolution: str) -> str:
    """Why the action claimed did not happen (empty when it did): the record must not claim a
    correction, a right of reply, a fix or a withdrawal the article does not show."""
    article = complaint.article
    since = complaint.received_at
    corrections = Correction.objects.filter(article=article, created_at__gte=since, created_at__lte=timezone.now())
    if resolution == Resolution.CORRECTION:
        if not corrections.filter(kind__in=CORRECTION_KINDS).exists():
            return _(
                "The article has no correction made after the complaint was received. "
                "Publish the correction on the article first, then mark the complaint."
            )
    elif resolution == Resolution.RIGHT_OF_REPLY:
        if not corrections.filter(kind=Correction.Kind.RIGHT_OF_REPLY).exists():
            return _(
                "The article has no right of reply made after the complaint was received. "
                "Publish the right of reply on the article first, then mark the complaint."
            )
    elif resolution == Resolution.WITHDRAWN:
        if article.status != Article.Status.WITHDRAWN:
            return _("The article is not withdrawn. Withdraw it first (with the reason readers see).")
    elif resolution == Resolution.ARTICLE_FIXED:
        if article.revised_at is None or article.revised_at < since:
            return _("The article has not been revised since the complaint was received.")
    elif resolution == Resolution.COMMENT_EDITED and complaint.comment_id:
        # The back office keeps every edit of a comment (Django's admin log).
        edited = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Comment),
            object_id=str(complaint.comment_id),
            action_flag=CHANGE,
            action_time__gte=since,
        )
        if not edited.exists():
            return _("The comment has not been edited since the complaint was received. Edit it first.")
    return ""


class OverdueFilter(admin.SimpleListFilter):
    title = gettext_lazy("deadline")
    parameter_name = "tenggat"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("lewat", _("Overdue"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Complaint]) -> QuerySet[Complaint]:
        return queryset.overdue() if self.value() == "lewat" else queryset  # type: ignore[attr-defined]


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    form = ResolveForm

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest) -> bool:
        # The reader's address is never shown, and may not be probed either: ?email__startswith=b
        # would tell, letter by letter, whether it matches.
        if lookup.split("__")[0] == "email":
            return False
        return super().lookup_allowed(lookup, value, request)

    list_display = ["received_at", "clock", "kind", "about", "status", "resolution"]
    list_filter = ["status", OverdueFilter, "kind", "resolution"]
    search_fields = ["text", "article__headline"]
    readonly_fields = [
        "received_at",
        "deadline_at",
        "kind",
        "about",
        "text",
        "name",
        "resolved_by",
        "resolved_at",
        "replied_at",
    ]
    # The reader's email address is not shown: the answer is sent to it from here.
    fields = [
        *readonly_fields[:-3],
        "resolution",
        "resolution_note",
        "reply",
        "resolved_by",
        "resolved_at",
        "replied_at",
    ]
    list_select_related = ["article", "comment"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Complaint]:
        # The open ones first, the oldest (closest to its deadline) first.
        return super().get_queryset(request).order_by("-status", "received_at", "id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # readers send complaints; editors answer them

    def get_readonly_fields(self, request: HttpRequest, obj: Complaint | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status == Complaint.Status.RESOLVED:
            # Decided and answered: the record stays as it was when the reader was told.
            fields += ["resolution", "resolution_note", "reply"]
        return fields

    @admin.display(description=gettext_lazy("deadline"))
    def deadline_at(self, complaint: Complaint) -> str:
        return timezone.localtime(complaint.deadline).strftime("%d-%m-%Y %H:%M %Z")

    @admin.display(description=gettext_lazy("2 × 24 hours"))
    def clock(self, complaint: Complaint) -> str:
        if complaint.status != Complaint.Status.OPEN:
            return "—"
        left = complaint.time_left()
        if left.total_seconds() <= 0:
            hours = int(-left.total_seconds() // 3600)
            return format_html('<strong class="complaint-overdue">{}</strong>', _("overdue by %(h)d h") % {"h": hours})
        return _("%(h)d h left") % {"h": int(left.total_seconds() // 3600)}

    @admin.display(description=gettext_lazy("about"))
    def about(self, complaint: Complaint) -> str:
        if complaint.comment_id and complaint.comment:
            return format_html(
                '{}: <a href="{}">{}</a>',
                _("Comment"),
                f"../../comments/comment/{complaint.comment_id}/change/",
                Truncator(complaint.comment.text).chars(80),
            )
        return format_html(
            '<a href="{}">{}</a>', complaint.article.get_absolute_url() or "", complaint.article.headline
        )

    def save_model(self, request: HttpRequest, obj: Complaint, form: forms.ModelForm, change: bool) -> None:
        answer = False
        if obj.resolution and obj.status == Complaint.Status.OPEN:
            answer = bool(obj.reply.strip())
            obj.status = Complaint.Status.RESOLVED
            obj.resolved_at = timezone.now()
            obj.resolved_by = request.user  # type: ignore[assignment]
            if obj.resolution == Resolution.COMMENT_REMOVED and obj.comment_id:
                # Removing is moving to the trash: restorable, and kept out of every page.
                comment = Comment.objects.get(pk=obj.comment_id)
                if comment.status != Comment.Status.TRASH:
                    comment.status_before_trash, comment.status = comment.status, Comment.Status.TRASH
                    comment.save(update_fields=["status", "status_before_trash"])
        super().save_model(request, obj, form, change)
        if answer:
            notify.answered(obj)

    def log_change(self, request: HttpRequest, obj: Complaint, message: Any) -> Any:
        """The audit log (mirrored from the admin's log) keeps what was decided and why."""
        if obj.resolution:
            note = f": {obj.resolution_note}" if obj.resolution_note else ""
            message = f"{_('Complaint resolved')} — {obj.get_resolution_display()}{note}"
        return super().log_change(request, obj, message)
