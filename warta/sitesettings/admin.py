"""*Pengaturan situs* for Admins: one form, the fields the environment sets shown but locked,
and a purge of every page once saved (the masthead and footer are on all of them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from warta.sitesettings import values
from warta.sitesettings.models import SiteSettings


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value) if value not in (None, "") else "—"


def _formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class SiteSettingsForm(forms.ModelForm):
    class Meta:
        model = SiteSettings
        fields = list(values.ENVIRONMENT)
        formfield_callback = _formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        effective = values.current()
        for name, (variable, _setting) in values.ENVIRONMENT.items():
            formfield = self.fields.get(name)
            if formfield is None:
                continue
            if name in effective.locked:
                formfield.disabled = True
                formfield.help_text = _("Set in the environment by %(variable)s; change it there.") % {
                    "variable": variable
                }
            elif not formfield.help_text:
                formfield.help_text = _("Empty: %(default)s") % {"default": _shown(values.default(name))}


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    form = SiteSettingsForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["site_name", "tagline", "logo", "favicon"]}),
        (gettext_lazy("Social profiles"), {"fields": tuple(values.SOCIAL)}),
        (
            gettext_lazy("Comments"),
            {
                "fields": [
                    "comment_trust_approved",
                    "comment_max_links",
                    "comment_close_after_days",
                    "comment_max_length",
                ]
            },
        ),
        (gettext_lazy("Articles"), {"fields": ["reading_wpm"]}),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # there is one, made on first visit

    def has_delete_permission(self, request: HttpRequest, obj: SiteSettings | None = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        """No list of one: straight to the form."""
        if not self.has_view_or_change_permission(request):
            return super().changelist_view(request, extra_context)  # Django's 403
        SiteSettings.objects.get_or_create(pk=1)
        return HttpResponseRedirect(reverse("admin:sitesettings_sitesettings_change", args=[1]))

    def response_change(self, request: HttpRequest, obj: SiteSettings) -> HttpResponse:
        response = super().response_change(request, obj)
        if "_continue" not in request.POST and isinstance(response, HttpResponseRedirect):
            return HttpResponseRedirect(reverse("admin:sitesettings_sitesettings_change", args=[1]))
        return response

    def save_model(self, request: HttpRequest, obj: SiteSettings, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Every page shows the masthead, the footer or the comment rules: purge them all. The
        # back office sits above the page cache (see the layering in README), so it may call it.
        from warta.caching import keys
        from warta.caching.invalidation import purge

        purge({keys.SITE, keys.ARTICLES})
