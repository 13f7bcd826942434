"""The back office for articles: the workflow buttons, preview, revisions, the audit log."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin

from warta.articles import body
from warta.articles.models import Article, Byline, Correction, SourceAttribution
from warta.articles.views import prepared_body
from warta.authors.models import Author, public_name
from warta.lib.http import staff_user
from warta.newsroom import autosave, editor, panels, revisions, workflow
from warta.newsroom.forms import ArticleForm, ScheduleForm
from warta.newsroom.models import AuditEntry, Revision
from warta.photos.widgets import PhotoChoiceAdmin
from warta.sitesettings import values as site_values

EDIT_LOCK_SECONDS = 300


def _editing_key(article: Article) -> str:
    """Who opened the article to edit it last, for EDIT_LOCK_SECONDS: the next one is warned."""
    return f"newsroom:editing:{article.pk}"


def _stop_editing(request: HttpRequest, article: Article) -> None:
    """Handed over (sent for review): a colleague opening it now is not told she is at work on it."""
    holder = cache.get(_editing_key(article))
    if holder and holder["user"] == request.user.pk:
        cache.delete(_editing_key(article))


WORKFLOW_ACTIONS = ("submit", "publish", "schedule", "unpublish", "withdraw")
# The fields whose change readers are told of ("Diperbarui"); the placement (section, tags, lead
# story, comments) is not a change of the story.
REVISED_BY = {"headline", "dek", "body_text", "dateline_city", "lead_photo"}


# Stacked, each field with its label: the desk's side column is some 24rem wide, where a table of
# author, role, order and delete ran off the edge with the role unreadable (1366x768 laptops).
class BylineInline(admin.StackedInline):
    model = Byline
    extra = 0
    autocomplete_fields = ["author"]


class SourceInline(admin.StackedInline):
    model = SourceAttribution
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class CorrectionInline(admin.StackedInline):
    """Ralat, koreksi, hak jawab, klarifikasi, pembaruan (Pedoman 4a-4d): typed and timestamped.

    A public record: stamped by the server when saved (a time typed on the desk was the page's
    opening time, and could be backdated), and never deleted from the desk."""

    model = Correction
    fk_name = "article"
    extra = 0
    can_delete = False
    fields = ["kind", "text", "stamped", "linked_article"]
    readonly_fields = ["stamped"]
    autocomplete_fields = ["linked_article"]

    @admin.display(description=gettext_lazy("date"))
    def stamped(self, correction: Correction) -> str:
        if correction.pk is None:
            return _("Stamped when saved")
        return date_format(timezone.localtime(correction.created_at), "j F Y H:i T")


@admin.register(Article)
class ArticleAdmin(PhotoChoiceAdmin, admin.ModelAdmin):
    form = ArticleForm
    list_display = ["headline", "section", "status", "published_at", "pinned"]
    list_filter = ["status", "section"]
    search_fields = ["headline", "dek"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["lead_photo", "verifies"]
    inlines = [BylineInline, SourceInline, CorrectionInline]
    change_form_template = "newsroom/article_change_form.html"
    fieldsets = [
        (None, {"fields": ["headline", "dek", "body_text", "body_json", "base_version"]}),
        (
            gettext_lazy("Placement"),
            {
                "fields": ["section", "tags_text", "dateline_city", "lead_photo", "slug", "pinned", "comments_open"],
            },
        ),
        # The newsroom's duties under the Pedoman Pemberitaan Media Siber (README: "Pedoman").
        (
            gettext_lazy("Pedoman Media Siber"),
            {"fields": ["kind", "needs_verification", "verifies", "involves_child", "ai_disclosure"]},
        ),
    ]

    class Media:
        # The block editor (built from frontend/, see `make editor`); without JavaScript the
        # text-mark textarea works alone.
        js = ["newsroom/editor/editor.js"]
        css = {"all": ["newsroom/editor/editor.css", "newsroom/desk.css"]}

    def get_queryset(self, request):
        articles = super().get_queryset(request).select_related("section")
        if request.user.has_perm(workflow.EDIT_ANY):
            return articles
        return articles.filter(workflow.own_articles(request.user))

    def get_inlines(self, request, obj):
        if request.user.has_perm("articles.add_correction"):
            return self.inlines
        return [BylineInline, SourceInline]

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return workflow.can_edit(request.user, obj)

    def get_fieldsets(self, request, obj=None):
        # Leading the home page is the editors' call: a writer's box would go out with her story.
        hidden = set() if request.user.has_perm(workflow.PUBLISH) else {"pinned"}
        if obj is not None and not self.has_change_permission(request, obj):
            # Shown, not changed (a writer's article once the editors have it): the editor's own
            # fields (the blocks it sends, the version it started from) mean nothing to a reader.
            hidden |= {"body_json", "base_version"}
        if not hidden:
            return super().get_fieldsets(request, obj)
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in super().get_fieldsets(request, obj)
        ]

    # How the read-only page shows the desk's two form-only fields (the form shows them itself).
    @admin.display(description=gettext_lazy("Body"))
    def body_text(self, article: Article) -> str:
        """The text as readers get it (its blocks through the article page's own templates)."""
        blocks, _linked = prepared_body(article)
        html = render_to_string("articles/body.html", {"blocks": blocks, "article": article})
        return format_html('<div class="desk-readonly-body">{}</div>', mark_safe(html))  # noqa: S308 - our templates

    @admin.display(description=gettext_lazy("Tags"))
    def tags_text(self, article: Article) -> str:
        return ", ".join(tag.name for tag in article.tags.all()) or "—"

    def save_model(self, request, obj: Article, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        elif obj.first_published_at and set(form.changed_data) & REVISED_BY:
            obj.revised_at = timezone.now()  # "Diperbarui" for readers: their text changed, not its placement
        with transaction.atomic():
            if change:  # the version guard again, under a row lock: no save is ever lost silently
                current = Article.objects.select_for_update().get(pk=obj.pk).version
                if current != form.cleaned_data.get("base_version"):
                    raise PermissionDenied(_("This article changed while you were saving it."))
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        article = form.instance
        form.save_tags(article)
        # What was autosaved is in the article now.
        autosave.discard(staff_user(request), article)
        if not change:
            autosave.discard(staff_user(request), None)
        if not article.bylines.exists():
            author = Author.objects.filter(user=request.user).first()
            if author:
                Byline.objects.create(article=article, author=author)
        if change and not form.changed_data and not any(formset.has_changed() for formset in formsets):
            return  # a publish-box press on unchanged text: the last revision already holds it
        revisions.record(article, request.user)

    def has_delete_permission(self, request, obj=None):
        """Only what readers never saw: an article once published is withdrawn (Cabut) or
        unpublished (Tarik), and keeps its corrections, revisions and address."""
        return super().has_delete_permission(request, obj) and (obj is None or obj.first_published_at is None)

    def delete_view(self, request, object_id, extra_context=None):
        article = Article.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if article is not None and article.first_published_at and workflow.can_view(staff_user(request), article):
            messages.error(
                request,
                _("An article readers have seen cannot be deleted: unpublish it (Tarik) or withdraw it (Cabut)."),
            )
            return self._back(article)
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one by one, each through the check above
        return actions

    def log_change(self, request, obj, message):
        if not message and (request.POST.get("_workflow") or "_submit_review" in request.POST):
            return None  # a publish-box press on unchanged text: the workflow logs what it did
        return super().log_change(request, obj, message)

    def delete_model(self, request, obj: Article) -> None:
        AuditEntry.objects.create(user=request.user, action=AuditEntry.Action.DELETED, headline=obj.headline)
        super().delete_model(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if request.POST.get("_workflow") == "publish":  # a breaking story, published from its first save
            self._transition(request, obj, "publish")
            return self._back(obj)
        self._submit_if_asked(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        action = request.POST.get("_workflow")
        if action in WORKFLOW_ACTIONS:
            # A workflow button of the desk sends the article's form: what was typed is saved
            # first (a form with errors comes back with them, and nothing is published).
            try:
                self._transition(request, obj, action)
            except PermissionDenied:  # what was typed is kept; the step is an editor's to take
                messages.error(request, _("Saved, but this step is not yours to take: ask an editor."))
            return self._back(obj)
        self._submit_if_asked(request, obj)
        return super().response_change(request, obj)

    @staticmethod
    def _submit_if_asked(request: HttpRequest, article: Article) -> None:
        """*Save and submit for review*, from the very first save."""
        if "_submit_review" not in request.POST:
            return
        try:
            workflow.submit(article, staff_user(request))
            _stop_editing(request, article)
            messages.success(request, _("Submitted for review."))
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))

    def _editor_context(self, request: HttpRequest, article: Article | None) -> dict:
        bound = request.POST.get("body_json", "") if request.method == "POST" else None
        return {
            **editor.context(request, article, bound),
            "reading_wpm": site_values.current().reading_wpm,
            "can_publish": request.user.has_perm(workflow.PUBLISH),
            "is_nav_sidebar_enabled": False,  # the whole width is the writer's
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = Article.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if article is not None and not workflow.can_view(staff_user(request), article):
            return self._not_yours(request, article)
        if article is not None and request.method == "GET" and workflow.can_edit(request.user, article):
            self._warn_if_someone_else_is_editing(request, article)  # only those who could save
        extra = {
            **(extra_context or {}),
            **self._editor_context(request, article),
            "schedule_form": self._schedule_form(request, article),
            "article": article,
            # The picker changes the photo wherever it is used: only for those who may change it.
            "can_set_focal": bool(article and article.lead_photo and article.lead_photo.changeable_by(request.user)),
            # A form that comes back with errors brings the publish box's words back too.
            "withdraw_reason": request.POST.get("reason") or request.session.pop("newsroom:withdraw_reason", ""),
            # What the apps above the newsroom add beside the text (live coverage).
            "desk_panels": panels.render(request, article) if article is not None else "",
        }
        return super().change_view(request, object_id, form_url, extra)

    def _schedule_form(self, request: HttpRequest, article: Article | None) -> ScheduleForm:
        when = request.POST.get("when") or request.session.pop("newsroom:schedule_when", None)
        form = ScheduleForm(initial={"when": when}, use_required_attribute=False)
        if article is not None and self.has_change_permission(request, article):
            form.fields["when"].widget.attrs["form"] = "article_form"  # sent with the article (the desk's buttons)
        return form

    def history_view(self, request, object_id, extra_context=None):
        article = Article.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if article is not None and not workflow.can_view(staff_user(request), article):
            return self._not_yours(request, article)  # not Django's "may have been deleted"
        return super().history_view(request, object_id, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        return super().add_view(request, form_url, {**(extra_context or {}), **self._editor_context(request, None)})

    def _not_yours(self, request: HttpRequest, article: Article) -> HttpResponse:
        """A colleague's article: say so plainly (not "may have been deleted")."""
        context = {
            **self.admin_site.each_context(request),
            "title": _("This article belongs to a colleague"),
        }
        return TemplateResponse(request, "newsroom/not_yours.html", context, status=403)

    @staticmethod
    def _warn_if_someone_else_is_editing(request: HttpRequest, article: Article) -> None:
        key = _editing_key(article)
        holder = cache.get(key)
        if holder and holder["user"] != request.user.pk:
            messages.warning(
                request,
                _(
                    "%(name)s opened this article for editing at %(time)s. Agree on who edits first: "
                    "a save based on an older version is refused."
                )
                % {"name": holder["name"], "time": holder["time"]},
            )
        if article.status == Article.Status.IN_REVIEW and not request.user.has_perm(workflow.EDIT_ANY):
            return  # a writer reading back what she handed over is not at work on it
        cache.set(
            key,
            {
                "user": staff_user(request).pk,
                "name": public_name(staff_user(request)),
                "time": timezone.localtime().strftime("%H.%M"),  # as the autosave and the dashboard write it
            },
            EDIT_LOCK_SECONDS,
        )

    def get_urls(self):
        own = self.admin_site.admin_view
        return [
            path("<int:pk>/workflow/<str:action>/", own(self.workflow_view), name="articles_article_workflow"),
            path("<int:pk>/autosave/", own(editor.save_draft), name="articles_article_autosave"),
            path("autosave/", own(editor.save_draft), name="articles_article_autosave_new"),
            path("editor/photos/", own(editor.photos), name="articles_article_editor_photos"),
            path("editor/photos/upload/", own(editor.upload), name="articles_article_editor_upload"),
            path("editor/photos/<int:pk>/focal/", own(editor.focal), name="articles_article_editor_focal"),
            path("editor/articles/", own(editor.articles), name="articles_article_editor_articles"),
            path("editor/tags/", own(editor.tags), name="articles_article_editor_tags"),
            # Same-origin frames only: the desk shows it beside the text as a phone would (Pratinjau ponsel).
            path(
                "<int:pk>/preview/", own(xframe_options_sameorigin(self.preview_view)), name="articles_article_preview"
            ),
            path("<int:pk>/revisions/", own(self.revisions_view), name="articles_article_revisions"),
            path("<int:pk>/revisions/<int:version>/restore/", own(self.restore_view), name="articles_article_restore"),
            *super().get_urls(),
        ]

    def _article(self, request: HttpRequest, pk: int) -> Article:
        article = get_object_or_404(Article, pk=pk)
        if not workflow.can_view(staff_user(request), article):
            raise PermissionDenied
        return article

    @staticmethod
    def _back(article: Article):
        return redirect("admin:articles_article_change", article.pk)

    def workflow_view(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        """A workflow button on a page that cannot be edited (nothing typed to keep)."""
        if request.method != "POST":
            return HttpResponse(status=405)
        article = self._article(request, pk)
        if action not in WORKFLOW_ACTIONS:
            return HttpResponse(status=404)
        self._transition(request, article, action)
        return self._back(article)

    def _transition(self, request: HttpRequest, article: Article, action: str) -> None:
        """Move the article through the workflow; what went wrong is said in a message."""
        try:
            if action == "submit":
                workflow.submit(article, request.user)
                _stop_editing(request, article)
                messages.success(request, _("Submitted for review."))
            elif action == "publish":
                workflow.publish(article, request.user, child_protected=bool(request.POST.get("child_protected")))
                messages.success(request, _("Published."))
            elif action == "unpublish":
                workflow.unpublish(article, request.user)
                messages.success(request, _("Unpublished: readers no longer see it."))
            elif action == "withdraw":
                reason = request.POST.get("reason", "")
                request.session["newsroom:withdraw_reason"] = reason  # kept for the form if refused
                workflow.withdraw(article, request.user, reason)
                request.session.pop("newsroom:withdraw_reason", None)
                messages.success(request, _("Withdrawn: its address now tells readers why."))
            elif action == "schedule":
                if not request.user.has_perm(workflow.PUBLISH):  # before anything is said of the form
                    raise PermissionDenied
                form = ScheduleForm(request.POST)
                request.session["newsroom:schedule_when"] = request.POST.get("when", "")[:40]  # kept if refused
                if not form.is_valid():
                    raise ValidationError(_("Give the date and time to publish at."))
                workflow.schedule(
                    article,
                    request.user,
                    form.cleaned_data["when"],
                    child_protected=bool(request.POST.get("child_protected")),
                )
                request.session.pop("newsroom:schedule_when", None)
                messages.success(
                    request,
                    _("Scheduled for %(when)s.")
                    % {"when": date_format(timezone.localtime(form.cleaned_data["when"]), "j F Y H:i T")},
                )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The article exactly as readers will see it, drafts included; never public, never cached."""
        from warta.articles.views import render_article

        article = get_object_or_404(Article.objects.for_page(), pk=pk)
        user = staff_user(request)
        if not workflow.can_view(user, article):
            raise PermissionDenied
        saved = autosave.pending(user, article) if request.GET.get("autosave") else None
        if saved is not None:  # the phone preview beside the editor shows what is being typed
            try:
                article.body = body.normalize(saved.fields["body"]) or article.body
                article.headline = saved.fields.get("headline") or article.headline
                article.dek = saved.fields.get("dek", article.dek)
            except ValidationError:
                messages.warning(request, _("The preview shows the last save: the text being typed is not complete."))
        if article.published_at is None:
            article.published_at = timezone.now()  # a draft shows the time it would have now
        response = render_article(request, article, preview=True)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def revisions_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        article = self._article(request, pk)
        history = list(article.revisions.select_related("user__author"))
        for revision in history:
            revision.by = public_name(revision.user) if revision.user else ""  # type: ignore[attr-defined]
        diff = ""
        chosen = [request.GET.get("a", ""), request.GET.get("b", "")]
        if all(chosen):
            found = {r.version: r for r in history}
            try:
                older, newer = sorted((found[int(v)] for v in chosen), key=lambda r: r.version)
                diff = mark_safe(revisions.compare(older, newer))  # noqa: S308 - difflib escapes the text
            except (KeyError, ValueError):
                messages.error(request, _("Choose two revisions of this article."))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "article": article,
            "history": history,
            "diff": diff,
            "title": _("Revisions of “%(headline)s”") % {"headline": article.headline},
            "can_restore": workflow.can_edit(request.user, article),
        }
        return TemplateResponse(request, "newsroom/revisions.html", context)

    def restore_view(self, request: HttpRequest, pk: int, version: int) -> HttpResponse:
        """GET: what restoring would change, and a button to do it (on a published article,
        readers see the restored text at once); POST: restore."""
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponse(status=405)
        article = self._article(request, pk)
        if not workflow.can_edit(request.user, article):
            raise PermissionDenied
        revision = get_object_or_404(Revision, article=article, version=version)
        if request.method != "POST":
            current = article.revisions.first()  # newest first
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "article": article,
                "revision": revision,
                "diff": mark_safe(revisions.compare(current, revision)) if current else "",  # noqa: S308 - escaped
                "title": _("Restore version %(version)d?") % {"version": revision.number},
            }
            return TemplateResponse(request, "newsroom/restore_confirm.html", context)
        if request.POST.get("base_version") != str(article.version):  # saved since the question was asked
            messages.error(
                request, _("The article changed since you opened this page: check again what restoring does.")
            )
            return redirect(request.path)
        revisions.restore(article, revision)
        revisions.record(article, request.user)
        AuditEntry.objects.create(
            user=staff_user(request),
            article=article,
            headline=article.headline,
            action=AuditEntry.Action.RESTORED,
            detail=f"v{revision.number}",
        )
        messages.success(request, _("Version %(version)d restored.") % {"version": revision.number})
        return self._back(article)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["when", "user", "action", "headline", "detail"]
    list_filter = ["action", "kind", "user", "when"]
    search_fields = ["headline", "detail", "object_id", "user__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
