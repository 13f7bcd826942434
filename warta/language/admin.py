from __future__ import annotations

import json
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.http import require_POST

from warta.language.models import NewsroomWord, Synonym, newsroom_words
from warta.language.suggestions import frequent_unknown_words
from warta.lib.spelling import check

MAX_CHECK_CHARS = 200_000  # a long feature is 30,000 characters; more is not an article
MAX_BLOCKS = 1000

RULE_NAMES = {
    "ejaan": gettext_noop("Spelling"),
    "baku": gettext_noop("Non-standard form"),
    "kata-depan": gettext_noop("Preposition written apart"),
    "bentuk-terikat": gettext_noop("Bound form written attached"),
    "kata-ganda": gettext_noop("Word written twice"),
    "huruf-kapital": gettext_noop("Capital letter at the start of a sentence"),
}


def _utf16(text: str, offset: int) -> int:
    """A Python character offset as JavaScript counts it (emoji are two there)."""
    return len(text[:offset].encode("utf-16-le")) // 2


@require_POST
def check_view(request: HttpRequest) -> JsonResponse:
    """The editor's findings: POST {"texts": [block text, ...]} → {"findings": [...]} per block.

    Anyone who may write articles may ask; nothing is stored."""
    user = request.user
    if not (user.has_perm("articles.add_article") or user.has_perm("articles.change_article")):
        raise PermissionDenied
    if len(request.body) > MAX_CHECK_CHARS * 2:
        return JsonResponse({"error": _("The text is too long to check.")}, status=413)
    try:
        texts = json.loads(request.body or b"{}").get("texts")
        if not isinstance(texts, list) or len(texts) > MAX_BLOCKS or not all(isinstance(t, str) for t in texts):
            raise ValueError
    except (ValueError, AttributeError):
        return JsonResponse({"error": _("Send the texts to check as a JSON list.")}, status=400)
    extra = newsroom_words()
    findings = []
    for block, text in enumerate(texts):
        for finding in check(text, extra):
            findings.append(
                {
                    "block": block,
                    "from": _utf16(text, finding.start),
                    "to": _utf16(text, finding.end),
                    "word": finding.word,
                    "suggestions": list(finding.suggestions),
                    "rule": finding.rule,
                    "message": _(RULE_NAMES.get(finding.rule, finding.rule)),
                }
            )
    return JsonResponse({"findings": findings})


@admin.register(NewsroomWord)
class NewsroomWordAdmin(admin.ModelAdmin):
    list_display = ["word", "note", "added_by", "added_at"]
    search_fields = ["word", "note"]
    fields = ["word", "note"]
    change_list_template = "admin/language/newsroomword/change_list.html"

    def save_model(self, request: HttpRequest, obj: NewsroomWord, form: Any, change: bool) -> None:
        if not change:
            obj.added_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)

    def get_urls(self) -> list[URLPattern]:
        own = self.admin_site.admin_view
        return [
            path("periksa/", own(check_view), name="language_check"),
            path("saran/", own(self.suggestions_view), name="language_newsroomword_suggestions"),
            *super().get_urls(),
        ]

    def suggestions_view(self, request: HttpRequest) -> HttpResponse:
        """Words many published articles use that the checker does not know; tick to add."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            words = [w.strip()[:64] for w in request.POST.getlist("word") if w.strip()]
            added = [
                w
                for w in words
                if NewsroomWord.objects.get_or_create(word=w, defaults={"added_by_id": request.user.pk})[1]
            ]
            messages.success(
                request,
                ngettext(
                    "%(count)d word added to the newsroom dictionary.",
                    "%(count)d words added to the newsroom dictionary.",
                    len(added),
                )
                % {"count": len(added)},
            )
            return HttpResponseRedirect(reverse("admin:language_newsroomword_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Words the articles use often"),
            "candidates": frequent_unknown_words(set(newsroom_words())),
        }
        return TemplateResponse(request, "admin/language/newsroomword/suggestions.html", context)


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["term", "meaning", "added_at"]
    search_fields = ["term", "meaning"]
    fields = ["term", "meaning"]
