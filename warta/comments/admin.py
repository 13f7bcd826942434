"""Moderation in the back office: filters with counts, bulk actions, a trash that can be undone."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from warta.comments.models import BlockedTerm, Comment
from warta.lib.http import staff_user

Status = Comment.Status
# Like WordPress, the list opens on what still matters: no spam, no trash.
HIDDEN_BY_DEFAULT = [Status.SPAM, Status.TRASH]


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        counts = dict(Comment.objects.values_list("status").annotate(n=Count("id")))
        return [(value, f"{label} ({counts.get(value, 0)})") for value, label in Status.choices]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(status=self.value())
        return queryset.exclude(status__in=HIDDEN_BY_DEFAULT)


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 6, "cols": 80}))


def _set_status(request: HttpRequest, queryset: QuerySet, status: str) -> None:
    count = 0
    for comment in queryset:
        if status == Status.TRASH and comment.status != Status.TRASH:
            comment.status_before_trash = comment.status
        comment.status = status
        comment.save(update_fields=["status", "status_before_trash"])
        count += 1
    messages.success(request, ngettext("%(n)d comment changed.", "%(n)d comments changed.", count) % {"n": count})


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["name", "excerpt", "article_link", "status", "created_at", "reply_link"]
    list_filter = [StatusFilter, "created_at", ("article", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "email", "text"]
    list_select_related = ["article"]
    date_hierarchy = "created_at"
    actions = ["approve", "unapprove", "mark_spam", "move_to_trash", "restore"]
    fields = [
        "article",
        "parent",
        "name",
        "email",
        "website",
        "text",
        "status",
        "spam_reason",
        "created_at",
        "ip_address",
        "user_agent",
    ]
    readonly_fields = ["article", "parent", "spam_reason", "created_at", "ip_address", "user_agent"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # comments come from readers; editors answer with "reply"

    @admin.display(description=_("comment"))
    def excerpt(self, comment: Comment) -> str:
        return Truncator(comment.text).chars(80)

    @admin.display(description=_("article"), ordering="article__headline")
    def article_link(self, comment: Comment) -> str:
        url = comment.article.get_absolute_url()
        if not url:
            return comment.article.headline
        return format_html('<a href="{}#komentar-{}">{}</a>', url, comment.pk, comment.article.headline)

    @admin.display(description="")
    def reply_link(self, comment: Comment) -> str:
        url = reverse("admin:comments_comment_reply", args=[comment.pk])
        return format_html('<a href="{}">{}</a>', url, _("Reply"))

    @admin.action(description=_("Approve"), permissions=["change"])
    def approve(self, request, queryset):
        _set_status(request, queryset, Status.APPROVED)

    @admin.action(description=_("Unapprove"), permissions=["change"])
    def unapprove(self, request, queryset):
        _set_status(request, queryset, Status.PENDING)

    @admin.action(description=_("Mark as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        _set_status(request, queryset, Status.SPAM)

    @admin.action(description=_("Move to trash"), permissions=["change"])
    def move_to_trash(self, request, queryset):
        _set_status(request, queryset, Status.TRASH)

    @admin.action(description=_("Restore from trash"), permissions=["change"])
    def restore(self, request, queryset):
        for comment in queryset.filter(status=Status.TRASH):
            comment.status = comment.status_before_trash or Status.PENDING
            comment.status_before_trash = ""
            comment.save(update_fields=["status", "status_before_trash"])
        messages.success(request, _("Restored."))

    def get_urls(self):
        reply = self.admin_site.admin_view(self.reply_view)
        return [path("<int:pk>/reply/", reply, name="comments_comment_reply"), *super().get_urls()]

    def reply_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """An editor answers a reader; the answer is published at once under the editor's name."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
        form = ReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            user = staff_user(request)
            if comment.status == Status.PENDING:
                comment.status = Status.APPROVED  # answering a comment approves it
                comment.save(update_fields=["status"])
            Comment.objects.create(
                article=comment.article,
                parent=comment,
                name=getattr(getattr(user, "author", None), "name", "") or user.get_full_name() or user.get_username(),
                email=user.email or f"{user.get_username()}@staff.invalid",
                text=form.cleaned_data["text"],
                status=Status.APPROVED,
                user=user,
            )
            messages.success(request, _("Your reply is published."))
            return redirect("admin:comments_comment_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Reply to %(name)s") % {"name": comment.name},
            "comment": comment,
            "form": form,
        }
        return TemplateResponse(request, "admin/comments/reply.html", context)


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value"]
