"""Editors handle complaints: a 2 x 24-hour clock from receipt, the overdue ones first and marked,
and a resolution that records what was done (Pedoman Pemberitaan Media Siber 3e-3f)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from warta.comments.models import Comment
from warta.complaints.models import Complaint

Resolution = Complaint.Resolution
COMMENT_ACTIONS = {Resolution.COMMENT_EDITED, Resolution.COMMENT_REMOVED}


class ResolveForm(forms.ModelForm):
    class Meta:
        model = Complaint
        fields = ["resolution", "resolution_note"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        resolution, note = data.get("resolution"), (data.get("resolution_note") or "").strip()
        if resolution == Resolution.REJECTED and not note:
            self.add_error("resolution_note", _("Give the reason for rejecting the complaint."))
        if resolution in COMMENT_ACTIONS and not self.instance.comment_id:
            self.add_error("resolution", _("This complaint is about the article, not a comment."))
        return data


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
        "email",
        "resolved_by",
        "resolved_at",
    ]
    fields = [*readonly_fields[:-2], "resolution", "resolution_note", "resolved_by", "resolved_at"]
    list_select_related = ["article", "comment"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Complaint]:
        # The open ones first, the oldest (closest to its deadline) first.
        return super().get_queryset(request).order_by("-status", "received_at", "id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # readers send complaints; editors answer them

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
                complaint.comment.text[:80],
            )
        return format_html(
            '<a href="{}">{}</a>', complaint.article.get_absolute_url() or "", complaint.article.headline
        )

    def save_model(self, request: HttpRequest, obj: Complaint, form: forms.ModelForm, change: bool) -> None:
        if obj.resolution and obj.status == Complaint.Status.OPEN:
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

    def log_change(self, request: HttpRequest, obj: Complaint, message: Any) -> Any:
        """The audit log (mirrored from the admin's log) keeps what was decided and why."""
        if obj.resolution:
            note = f": {obj.resolution_note}" if obj.resolution_note else ""
            message = f"{_('Complaint resolved')} — {obj.get_resolution_display()}{note}"
        return super().log_change(request, obj, message)
