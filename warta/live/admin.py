"""Back-office screens: live reports (their change page is the live desk) and breaking news."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from warta.live import desk
from warta.live.forms import BreakingForm
from warta.live.models import Breaking, LiveReport


@admin.register(LiveReport)
class LiveReportAdmin(admin.ModelAdmin):
    # Four short columns and the headline, which wraps: the list fits beside the admin's menu and
    # filter at 1366 px (the article itself as a column is a foreign key, which Django keeps on
    # one line, so a long headline pushed the last columns out of sight), and stacks at 360 px.
    list_display = ["headline", "state", "started", "entry_count"]
    list_filter = ["is_open"]
    search_fields = ["article__headline"]
    autocomplete_fields = ["article"]
    fields = ["article", "oldest_first", "coverage_start"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[LiveReport]:
        # Only the reports the user may open (the list, its search and count, the history).
        reports = desk.reports_for(request.user, super().get_queryset(request))
        return reports.select_related("article").annotate(entries_n=Count("entries"))

    @admin.display(description=gettext_lazy("article"), ordering="article__headline")
    def headline(self, report: LiveReport) -> str:
        return report.article.headline

    @admin.display(description=gettext_lazy("status"), ordering="is_open")
    def state(self, report: LiveReport) -> str:
        """Return "Live", or "Closed" with the time coverage ended (so that needs no column of its own)."""
        if report.is_open:
            return format_html('<strong class="live-list__live">{}</strong>', _("Live"))
        if report.coverage_end is None:
            return _("Closed")
        return format_html(
            '{}<span class="live-list__when">{}</span>',
            _("Closed"),
            date_format(timezone.localtime(report.coverage_end), "DATETIME_FORMAT"),
        )

    @admin.display(description=gettext_lazy("started"), ordering="coverage_start")
    def started(self, report: LiveReport) -> datetime.datetime:
        return report.coverage_start

    @admin.display(description=gettext_lazy("entries"))
    def entry_count(self, report: LiveReport) -> int:
        return int(getattr(report, "entries_n", 0))

    class Media:
        css = {"all": ["live/admin_list.css"]}

    # The article permissions the roles already hold decide (see desk.py).
    def has_module_permission(self, request: HttpRequest) -> bool:
        return desk.can_post(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return desk.can_post(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return desk.can_post(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return desk.can_manage(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Readers have seen a report's entries: one with entries is closed, never deleted; only a
        # report started by mistake (no entry yet) may go.
        if obj is not None and obj.entries.exists():
            return False
        return desk.can_manage(request.user) and request.user.has_perm("articles.delete_article")

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # No bulk delete: one click must not erase the published entries of many reports.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None) -> Any:
        report = self._report(object_id)
        if report.entries.exists() and desk.can_manage(request.user):
            messages.error(request, _("A live report with entries cannot be deleted; close it instead."))
            return HttpResponseRedirect(desk.desk_url(report))
        return super().delete_view(request, object_id, extra_context)

    def save_model(self, request: HttpRequest, obj: LiveReport, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            desk._log(request, "created", obj, _("Live report started"))

    def response_post_save_add(self, request: HttpRequest, obj: LiveReport) -> HttpResponseRedirect:
        """A new report opens on its live desk (after Django's "added" message), not on the list;
        the other buttons ("Save and add another", "Save and continue") keep Django's way."""
        return HttpResponseRedirect(desk.desk_url(obj))

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """The live desk replaces the change form: settings are changed with the buttons on it."""
        report = self._report(object_id)
        if request.method == "POST" and "oldest_first" in request.POST:
            if not desk.can_manage(request.user):
                return desk.desk(request, report, self.admin_site.each_context(request))
            report.oldest_first = request.POST["oldest_first"] == "1"
            report.save(update_fields=["oldest_first"])
            messages.success(request, _("Order saved."))
        return desk.desk(request, report, self.admin_site.each_context(request))

    @staticmethod
    def _report(object_id: Any) -> LiveReport:
        if not str(object_id).isdigit():
            raise Http404("no such live report")
        return get_object_or_404(LiveReport.objects.select_related("article"), pk=object_id)

    def get_urls(self) -> list[URLPattern]:
        def wrap(view: Any, **fixed: Any) -> Any:
            def run(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
                report = self._report(pk)
                return view(request, report, **kwargs, **fixed)

            return self.admin_site.admin_view(run)

        def with_site(view: Any) -> Any:
            def run(request: HttpRequest, report: LiveReport, **kwargs: Any) -> HttpResponse:
                return view(request, report, site_context=self.admin_site.each_context(request), **kwargs)

            return run

        return [
            path("<int:pk>/entri/", wrap(with_site(desk.post_entry)), name="live_livereport_post"),
            path("<int:pk>/entri/<int:entry_id>/", wrap(with_site(desk.edit_entry)), name="live_livereport_edit"),
            path(
                "<int:pk>/entri/<int:entry_id>/hapus/",
                wrap(with_site(desk.delete_entry)),
                name="live_livereport_delete",
            ),
            path("<int:pk>/entri/<int:entry_id>/sematkan/", wrap(desk.pin_entry), name="live_livereport_pin"),
            path("<int:pk>/tutup/", wrap(desk.set_open, open_=False), name="live_livereport_close"),
            path("<int:pk>/buka/", wrap(desk.set_open, open_=True), name="live_livereport_open"),
            *super().get_urls(),
        ]


@admin.register(Breaking)
class BreakingAdmin(admin.ModelAdmin):
    form = BreakingForm
    # The bar's text and the headline wrap and share the room; the dates keep to one line each.
    list_display = ["bar_text", "headline", "created_at", "expires_at", "cleared_at", "showing"]
    list_display_links = ["bar_text"]
    autocomplete_fields = ["article"]
    actions = ["clear"]

    class Media:
        css = {"all": ["live/admin_list.css"]}

    @admin.display(description=gettext_lazy("bar text"))
    def bar_text(self, item: Breaking) -> str:
        return item.text

    @admin.display(description=gettext_lazy("article"), ordering="article__headline")
    def headline(self, item: Breaking) -> str:
        return item.article.headline

    @admin.display(description=gettext_lazy("showing now"), boolean=True)
    def showing(self, item: Breaking) -> bool:
        return item.is_showing

    def get_queryset(self, request: HttpRequest) -> QuerySet[Breaking]:
        return super().get_queryset(request).select_related("article")

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        return {"expires_at": timezone.localtime() + datetime.timedelta(hours=2)}

    def _may(self, request: HttpRequest) -> bool:
        return desk.can_manage(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._may(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request)

    def save_model(self, request: HttpRequest, obj: Breaking, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)

    @admin.action(description=gettext_lazy("Clear the bar now"))
    def clear(self, request: HttpRequest, queryset: QuerySet[Breaking]) -> None:
        # One save each (not update()): each purges the pages showing the bar and is logged.
        cleared = 0
        for item in queryset.filter(cleared_at__isnull=True):
            item.cleared_at = timezone.now()
            item.save(update_fields=["cleared_at"])
            self.log_change(request, item, _("Cleared"))
            cleared += 1
        self.message_user(request, _("Cleared: %(n)d.") % {"n": cleared}, messages.SUCCESS)
