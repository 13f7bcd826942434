"""The live desk in the back office: post, edit, pin and delete a live report's entries, open
and close the report. Several staff post into the same report at once: every entry is its own
row, so two posts never overwrite each other; an edit based on an older version is refused.

Who may do what (the newsroom's roles, through the article permissions they already hold):
- post an entry: anyone who may change articles (writers, editors);
- edit or delete an entry: its author, or anyone who may edit any article (editors);
- pin an entry, open or close the report: anyone who may publish (editors).
Every change is written to the audit log, against the report's article.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from warta.authors.models import Author, public_name
from warta.lib.http import staff_user
from warta.live.forms import EntryForm
from warta.live.models import LiveEntry, LiveReport
from warta.live.page import prepare_entries
from warta.newsroom import audit, editor, workflow
from warta.newsroom.models import AuditEntry

Action, Kind = AuditEntry.Action, AuditEntry.Kind


def can_post(user: Any) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm("articles.change_article"))


def can_post_to(user: Any, report: LiveReport) -> bool:
    """Editors post to every live report; writers to the reports of their own articles (created
    by them or bylined to them), like everything else a writer may open (reports_for() as a query)."""
    if not can_post(user):
        return False
    return bool(user.has_perm("articles.edit_any_article") or workflow.can_view(user, report.article))


def reports_for(user: Any, reports: QuerySet[LiveReport]) -> QuerySet[LiveReport]:
    """The reports among `reports` that can_post_to() lets the user open, in one query."""
    if not can_post(user):
        return reports.none()
    if user.has_perm("articles.edit_any_article"):
        return reports
    return reports.filter(article__in=workflow.viewable(user))


def limit_authors(form: EntryForm, user: Any) -> EntryForm:
    """A writer posts under their own byline; editors may credit anyone."""
    if not user.has_perm("articles.edit_any_article"):
        form.fields["author"].queryset = Author.objects.filter(user=user)  # type: ignore[attr-defined]
    return form


def can_manage(user: Any) -> bool:
    return bool(can_post(user) and user.has_perm("articles.publish_article"))


def can_change_entry(user: Any, entry: LiveEntry) -> bool:
    if not can_post(user):
        return False
    return bool(user.has_perm("articles.edit_any_article") or (entry.created_by_id and entry.created_by_id == user.pk))


def desk_url(report: LiveReport) -> str:
    return reverse("admin:live_livereport_change", args=[report.pk])


def _log(request: HttpRequest, action: str, report: LiveReport, detail: str) -> None:
    article = report.article
    audit.record(staff_user(request), action, Kind.ARTICLE, article.pk, article.headline, detail, article_id=article.pk)


def _entry_detail(entry: LiveEntry, what: str) -> str:
    return f"{what} #{entry.pk}: {entry.title or entry.excerpt(120)}"


def _editor_context(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    """What the block editor reads when it opens (the article desk's endpoints, without autosave)."""
    photos, articles = editor._maps(blocks)
    base = "admin:articles_article_"
    return {
        "editor_blocks": blocks,
        "editor_photos": photos,
        "editor_articles": articles,
        "editor_urls": {
            "photo_search": reverse(base + "editor_photos"),
            "photo_upload": reverse(base + "editor_upload"),
            "article_search": reverse(base + "editor_articles"),
            "spelling": reverse("admin:language_check"),
        },
    }


def _bound_blocks(form: EntryForm) -> list[dict[str, Any]]:
    """After a refused save the editor shows what was sent, never what is stored."""
    raw = form.data.get("body_json") or ""
    if raw:
        try:
            return editor.for_editing(json.loads(raw))
        except ValueError:
            return []
    return form.cleaned_blocks or []


def _render(
    request: HttpRequest, site_context: dict[str, Any], template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    response = TemplateResponse(request, template, {**site_context, **context}, status=status)
    add_never_cache_headers(response)
    return response


def desk(
    request: HttpRequest, report: LiveReport, site_context: dict[str, Any], form: EntryForm | None = None
) -> HttpResponse:
    """The report's entries as readers see them, each with its tools, and the form for the next."""
    user = staff_user(request)
    if not can_post_to(user, report):
        raise PermissionDenied
    if form is None:
        default_author = Author.objects.filter(user=user).first()
        form = limit_authors(EntryForm(initial={"author": default_author.pk if default_author else None}), user)
    blocks = _bound_blocks(form) if form.is_bound else []
    entries = prepare_entries(report.stream().select_related("created_by__author"))
    for item in entries:
        item["can_change"] = can_change_entry(user, item["entry"])
        poster, byline = item["entry"].created_by, item["entry"].author
        # "By X" above says it already when the entry carries the poster's own byline.
        own = poster is not None and byline is not None and byline.user_id == poster.pk
        item["posted_by"] = public_name(poster) if poster and not own else ""
    context = {
        "title": _("Live desk: %(headline)s") % {"headline": report.article.headline},
        "report": report,
        "article": report.article,
        "form": form,
        "entries": entries,
        "can_manage": can_manage(user),
        "opts": LiveReport._meta,
        **_editor_context(blocks),
    }
    return _render(request, site_context, "live/desk.html", context, status=400 if form.is_bound else 200)


def post_entry(request: HttpRequest, report: LiveReport, site_context: dict[str, Any]) -> HttpResponse:
    user = staff_user(request)
    if not can_post_to(user, report):
        raise PermissionDenied
    if request.method != "POST":
        return redirect(desk_url(report))
    form = limit_authors(EntryForm(request.POST), user)
    if not report.is_open:
        form.is_valid()
        form.add_error(None, _("This live report is closed. Reopen it to post; your text is kept below."))
        return desk(request, report, site_context, form)
    if not form.is_valid():
        return desk(request, report, site_context, form)
    with transaction.atomic():
        entry = LiveEntry.objects.create(
            report=report,
            title=form.cleaned_data["title"],
            body=form.cleaned_blocks,
            author=form.cleaned_data["author"],
            key_event=form.cleaned_data["key_event"],
            posted_at=form.cleaned_data["posted_at"] or timezone.now(),
            created_by=user,
        )
        _log(request, Action.CREATED, report, _entry_detail(entry, _("Live entry")))
    messages.success(request, _("Entry posted: readers see it within seconds."))
    return redirect(desk_url(report) + "#entri-baru")


def _entry(report: LiveReport, entry_id: int) -> LiveEntry:
    return get_object_or_404(LiveEntry.objects.select_related("author"), pk=entry_id, report=report)


def edit_entry(request: HttpRequest, report: LiveReport, entry_id: int, site_context: dict[str, Any]) -> HttpResponse:
    user = staff_user(request)
    entry = _entry(report, entry_id)
    if not can_change_entry(user, entry):
        raise PermissionDenied
    form = EntryForm(request.POST, entry=entry) if request.method == "POST" else EntryForm(entry=entry)
    limit_authors(form, user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            locked = LiveEntry.objects.select_for_update().get(pk=entry.pk)
            if locked.version != form.cleaned_data.get("base_version"):
                form.add_error(None, _("Someone changed this entry after you opened it. Your text is below."))
            else:
                locked.title = form.cleaned_data["title"]
                locked.body = form.cleaned_blocks
                locked.author = form.cleaned_data["author"]
                locked.key_event = form.cleaned_data["key_event"]
                locked.posted_at = form.cleaned_data["posted_at"] or locked.posted_at
                locked.version += 1
                locked.save()
                _log(request, Action.EDITED, report, _entry_detail(locked, _("Live entry")))
                messages.success(request, _("Entry saved."))
                return redirect(desk_url(report) + f"#{locked.anchor()}")
    blocks = _bound_blocks(form) if form.is_bound else entry.body
    context = {
        "title": _("Edit live entry"),
        "report": report,
        "article": report.article,
        "entry": entry,
        "form": form,
        "opts": LiveReport._meta,
        **_editor_context(blocks),
    }
    return _render(request, site_context, "live/entry_form.html", context, status=400 if form.is_bound else 200)


def delete_entry(request: HttpRequest, report: LiveReport, entry_id: int, site_context: dict[str, Any]) -> HttpResponse:
    user = staff_user(request)
    entry = _entry(report, entry_id)
    if not can_change_entry(user, entry):
        raise PermissionDenied
    if request.method == "POST":
        with transaction.atomic():
            _log(request, Action.DELETED, report, _entry_detail(entry, _("Live entry")))
            entry.delete()
        messages.success(request, _("Entry deleted."))
        return redirect(desk_url(report))
    context = {
        "title": _("Delete live entry"),
        "report": report,
        "entry": entry,
        "item": prepare_entries([entry])[0],
        "opts": LiveReport._meta,
    }
    return _render(request, site_context, "live/entry_delete.html", context)


def pin_entry(request: HttpRequest, report: LiveReport, entry_id: int) -> HttpResponse:
    """Pin the entry on top of the report (unpinning any other), or unpin it."""
    user = staff_user(request)
    if not can_manage(user) or request.method != "POST":
        raise PermissionDenied
    entry = _entry(report, entry_id)
    pin = not entry.pinned
    try:
        with transaction.atomic():
            LiveReport.objects.select_for_update().get(pk=report.pk)  # two editors pinning at once queue here
            for other in report.entries.filter(pinned=True).exclude(pk=entry.pk):
                other.pinned = False
                other.version += 1
                other.save(update_fields=["pinned", "version", "updated_at"])
            entry.pinned = pin
            entry.version += 1
            entry.save(update_fields=["pinned", "version", "updated_at"])
            _log(request, Action.EDITED, report, _entry_detail(entry, _("Pinned") if pin else _("Unpinned")))
    except IntegrityError:
        messages.error(request, _("Another entry was pinned at the same moment; try again."))
        return redirect(desk_url(report))
    messages.success(request, _("Entry pinned on top.") if pin else _("Entry unpinned."))
    return redirect(desk_url(report) + f"#{entry.anchor()}")


def set_open(request: HttpRequest, report: LiveReport, open_: bool) -> HttpResponse:
    """Close the report (the page becomes an ordinary article, entries kept), or reopen it."""
    user = staff_user(request)
    if not can_manage(user) or request.method != "POST":
        raise PermissionDenied
    with transaction.atomic():
        report = LiveReport.objects.select_for_update().get(pk=report.pk)
        if open_:
            report.reopen()
        else:
            report.close()
        report.save()
        _log(request, Action.EDITED, report, _("Live report reopened") if open_ else _("Live report closed"))
    messages.success(
        request, _("The live report is open again.") if open_ else _("The live report is closed; its entries stay.")
    )
    return HttpResponseRedirect(desk_url(report))
