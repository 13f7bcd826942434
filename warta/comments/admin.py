"""Moderation in the back office, as editors know it from WordPress: pending comments first and
highlighted, one-click *Setujui*, *Spam*, *Sampah* and *Balas* on every row (plain form buttons,
so they work without JavaScript; with it they act in place, with keyboard shortcuts), counts per
status, bulk actions, a trash that can be undone. Every action is announced by the `moderated`
signal; the newsroom's audit log listens (this app sits below the newsroom and never imports it)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from warta.authors.models import public_name
from warta.comments.models import BlockedTerm, Comment
from warta.lib.http import staff_user

Status = Comment.Status
# Like WordPress, the list opens on what still matters: no spam, no trash.
HIDDEN_BY_DEFAULT = [Status.SPAM, Status.TRASH]

# Sent after comments change status or get an answer: sender=Comment, user, action (one of
# "approved", "unapproved", "spam", "trashed", "untrashed", "replied"), comments (the list).
moderated = Signal()
ACTIONS: dict[str, str] = {
    Status.APPROVED: "approved",
    Status.PENDING: "unapproved",
    Status.SPAM: "spam",
    Status.TRASH: "trashed",
}
# The row buttons: what each asks for (None: back from the trash).
ROW_ACTIONS: dict[str, str | None] = {
    "approve": Status.APPROVED,
    "unapprove": Status.PENDING,
    "spam": Status.SPAM,
    "trash": Status.TRASH,
    "restore": None,
}


def status_counts(request: HttpRequest | None = None) -> dict[str, int]:
    """Comments per status in one grouped query, kept on the request for the filter and the tabs."""
    cached = getattr(request, "_comment_counts", None)
    if cached is not None:
        return cached
    counts = dict(Comment.objects.order_by().values_list("status").annotate(n=Count("id")))
    if request is not None:
        request._comment_counts = counts  # type: ignore[attr-defined]
    return counts


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        counts = status_counts(request)
        return [(value, f"{label} ({counts.get(value, 0)})") for value, label in Status.choices]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(status=self.value())
        return queryset.exclude(status__in=HIDDEN_BY_DEFAULT)


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 6, "cols": 80}))


def change_status(user: Any, comments: Any, status: str) -> list[Comment]:
    """Move comments to a status (one save each: the page cache and the thread follow), and
    announce it. Comments already there are left alone."""
    changed = []
    for comment in comments:
        if comment.status == status:
            continue
        if status == Status.TRASH:
            comment.status_before_trash = comment.status
        comment.status = status
        comment.save(update_fields=["status", "status_before_trash"])
        changed.append(comment)
    if changed:
        moderated.send(sender=Comment, user=user, action=ACTIONS[status], comments=changed)
    return changed


def restore_from_trash(user: Any, comments: Any) -> list[Comment]:
    restored = []
    for comment in comments:
        if comment.status != Status.TRASH:
            continue
        comment.status = comment.status_before_trash or Status.PENDING
        comment.status_before_trash = ""
        comment.save(update_fields=["status", "status_before_trash"])
        restored.append(comment)
    if restored:
        moderated.send(sender=Comment, user=user, action="untrashed", comments=restored)
    return restored


def _set_status(request: HttpRequest, queryset: QuerySet, status: str) -> None:
    count = len(change_status(request.user, queryset.select_related("article"), status))
    messages.success(request, ngettext("%(n)d comment changed.", "%(n)d comments changed.", count) % {"n": count})


# What an editor may answer: a reply is published, under a comment readers see (or will, once approved).
REPLIABLE = {Status.PENDING, Status.APPROVED}


def reply_label(comment: Comment) -> str:
    """Answering a held comment publishes it too: the button says so, as WordPress's does."""
    return str(_("Approve and reply") if comment.status == Status.PENDING else _("Reply"))


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["name", "excerpt", "article_link", "status_badge", "created_at", "row_actions"]
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
        "from_newsroom",
        "spam_reason",
        "created_at",
        "ip_address",
        "user_agent",
    ]
    readonly_fields = ["article", "parent", "from_newsroom", "spam_reason", "created_at", "ip_address", "user_agent"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    change_list_template = "admin/comments/comment/change_list.html"
    list_per_page = 50

    class Media:
        js = ["comments/admin/moderation.js"]
        css = {"all": ["comments/admin/moderation.css"]}

    def get_ordering(self, request: HttpRequest) -> tuple[Any, ...]:
        # Pending first, then the newest: what waits is what an editor opened the page for.
        pending_first = Case(When(status=Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField())
        return (pending_first.asc(), "-created_at", "-id")

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        counts = status_counts(request)
        current = request.GET.get("status", "")
        tabs = [("", _("All"), sum(n for s, n in counts.items() if s not in HIDDEN_BY_DEFAULT))]
        tabs += [(value, label, counts.get(value, 0)) for value, label in Status.choices]
        context = {"status_tabs": tabs, "current_status": current, **(extra_context or {})}
        return super().changelist_view(request, context)

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, comment: Comment) -> str:
        return format_html(
            '<span class="cm-status cm-{}" data-status="{}">{}</span>',
            comment.status,
            comment.status,
            comment.get_status_display(),
        )

    @admin.display(description=_("moderate"))
    def row_actions(self, comment: Comment) -> str:
        """Buttons that submit the list's own form to the row's address (forms cannot nest)."""
        url = reverse("admin:comments_comment_moderate", args=[comment.pk])
        buttons = []
        if comment.status == Status.TRASH:
            wanted = [("restore", _("Restore"), "")]
        else:
            wanted = [
                (
                    "approve" if comment.status != Status.APPROVED else "unapprove",
                    _("Approve") if comment.status != Status.APPROVED else _("Unapprove"),
                    "a" if comment.status != Status.APPROVED else "u",
                ),
                ("spam", _("Spam"), "s"),
                ("trash", _("Trash"), "d"),
            ]
        for do, label, key in wanted:
            buttons.append(
                format_html(
                    '<button type="submit" class="button cm-do" formaction="{}" formmethod="post" name="do" '
                    'value="{}" data-do="{}" aria-keyshortcuts="{}">{}</button>',
                    url,
                    do,
                    do,
                    key,
                    label,
                )
            )
        if comment.status in REPLIABLE:
            reply = reverse("admin:comments_comment_reply", args=[comment.pk])
            buttons.append(
                format_html(
                    '<a class="button cm-reply" href="{}" aria-keyshortcuts="r">{}</a>', reply, reply_label(comment)
                )
            )
        return format_html(
            '<span class="cm-actions" data-id="{}" data-label-approve="{}" data-label-unapprove="{}" '
            'data-label-reply="{}" data-label-approve-reply="{}">{}</span>',
            comment.pk,
            _("Approve"),
            _("Unapprove"),
            _("Reply"),
            _("Approve and reply"),
            mark_safe("".join(buttons)),  # noqa: S308 - each part escaped by format_html
        )

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
        restore_from_trash(request.user, queryset.select_related("article"))
        messages.success(request, _("Restored."))

    def get_urls(self):
        reply = self.admin_site.admin_view(self.reply_view)
        moderate = self.admin_site.admin_view(self.moderate_view)
        return [
            path("<int:pk>/reply/", reply, name="comments_comment_reply"),
            path("<int:pk>/moderate/", moderate, name="comments_comment_moderate"),
            *super().get_urls(),
        ]

    def moderate_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """One row's button: approve, unapprove, spam, trash or restore one comment. Answers JSON
        to the page's script, or goes back to the list it came from."""
        if request.method != "POST":
            return HttpResponse(status=405, headers={"Allow": "POST"})
        if not self.has_change_permission(request):
            raise PermissionDenied
        comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
        do = request.POST.get("do", "")
        if do not in ROW_ACTIONS:
            if _wants_json(request):
                return JsonResponse({"error": gettext("Unknown action.")}, status=400)
            messages.error(request, gettext("Unknown action."))
            return self._back_to_list(request)
        status = ROW_ACTIONS[do]
        if status is None:
            restore_from_trash(request.user, [comment])
        else:
            change_status(request.user, [comment], status)
        done = gettext("Comment by %(name)s: %(status)s.") % {
            "name": comment.name,
            "status": comment.get_status_display(),
        }
        if _wants_json(request):
            return JsonResponse(
                {
                    "id": comment.pk,
                    "status": comment.status,
                    "label": str(comment.get_status_display()),
                    "message": done,
                    "counts": status_counts(),
                }
            )
        messages.success(request, done)
        return self._back_to_list(request)

    def _back_to_list(self, request: HttpRequest) -> HttpResponse:
        """To the list the editor was on (its filters and page kept), never to another site."""
        back = request.headers.get("Referer", "")
        changelist = reverse("admin:comments_comment_changelist")
        if back and url_has_allowed_host_and_scheme(back, {request.get_host()}) and changelist in back:
            return HttpResponseRedirect(back)
        return redirect("admin:comments_comment_changelist")

    def reply_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """An editor answers a reader; the answer is published at once under the editor's name."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
        if comment.status not in REPLIABLE:
            # A reply is published at once: under a hidden comment it would stand alone on the page.
            refusal = gettext("A comment in spam or in the trash gets no reply: restore it first.")
            if _wants_json(request):
                return JsonResponse({"error": refusal}, status=400)
            messages.error(request, refusal)
            return self._back_to_list(request)
        form = ReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            user = staff_user(request)
            # Answering a held comment approves it (the button said so: "Approve and reply").
            approved = comment.status == Status.PENDING and bool(change_status(user, [comment], Status.APPROVED))
            answer = Comment.objects.create(
                article=comment.article,
                parent=comment,
                name=public_name(user),
                email=user.email or f"{user.get_username()}@staff.invalid",
                text=form.cleaned_data["text"],
                status=Status.APPROVED,
                user=user,
                from_newsroom=True,
            )
            moderated.send(sender=Comment, user=user, action="replied", comments=[answer])
            done = (
                gettext("The comment by %(name)s is approved and your reply is published.") % {"name": comment.name}
                if approved
                else gettext("Your reply is published.")
            )
            if _wants_json(request):
                return JsonResponse(
                    {
                        "id": comment.pk,
                        "status": comment.status,
                        "label": str(comment.get_status_display()),
                        "message": done,
                        "reply_label": reply_label(comment),
                        "counts": status_counts(),
                    }
                )
            messages.success(request, done)
            return redirect("admin:comments_comment_changelist")
        if request.method == "POST" and _wants_json(request):
            return JsonResponse({"error": gettext("Write a reply first.")}, status=400)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Reply to %(name)s") % {"name": comment.name},
            "comment": comment,
            "form": form,
            "submit_label": _("Approve and publish reply") if comment.status == Status.PENDING else _("Publish reply"),
        }
        return TemplateResponse(request, "admin/comments/reply.html", context)


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value"]
