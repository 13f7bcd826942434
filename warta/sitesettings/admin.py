"""*Pengaturan situs* for Admins: one form, the fields the environment sets shown but locked,
and a purge of every page once saved (the masthead and footer are on all of them)."""

from __future__ import annotations

import re
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


# A social field takes the profile's address or just "@name", made into the address here.
PROFILE_URLS = {
    "x": "https://x.com/{}",
    "instagram": "https://www.instagram.com/{}/",
    "tiktok": "https://www.tiktok.com/@{}",
    "youtube": "https://www.youtube.com/@{}",
}
HANDLE = re.compile(r"@([A-Za-z0-9_.-]{1,100})")


class ProfileField(forms.URLField):
    def __init__(self, *, profile: str, **kwargs: Any) -> None:
        self.profile = profile
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str | None:
        handle = HANDLE.fullmatch((value or "").strip())
        if handle:
            value = self.profile.format(handle[1])
        return super().to_python(value)


class SiteSettingsForm(forms.ModelForm):
    class Meta:
        model = SiteSettings
        fields = list(values.ENVIRONMENT)
        formfield_callback = _formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        effective = values.current()
        self.locked = [name for name in values.ENVIRONMENT if name in effective.locked and name in self.fields]
        for name, profile in PROFILE_URLS.items():
            old = self.fields.get(name)
            if isinstance(old, forms.URLField):
                self.fields[name] = ProfileField(
                    profile=profile,
                    label=old.label,
                    required=False,
                    max_length=old.max_length,
                    # Text, not a URL input: the browser would refuse "@name" and a phone would
                    # offer the web-address keyboard for a handle.
                    widget=forms.TextInput(attrs={"autocomplete": "url", "spellcheck": "false"}),
                    assume_scheme="https",
                    help_text=_("The profile's address, or @name."),
                )
        for name, (variable, _setting) in values.ENVIRONMENT.items():
            formfield = self.fields.get(name)
            if formfield is None:
                continue
            if name in self.locked:
                formfield.disabled = True
                in_force = values.default(name)
                formfield.help_text = _("Set in the environment by %(variable)s; change it there.") % {
                    "variable": variable
                }
                if name in values.FILES:
                    # A file input cannot show an address: say it.
                    formfield.help_text += " " + _("In force: %(value)s") % {"value": _shown(in_force)}
                else:
                    # Shown (read-only) as the value in force, not the one saved here.
                    self.initial[name] = in_force
            else:
                default = values.default(name)
                if default in (None, ""):
                    words = _("Leave empty for none.")
                else:
                    words = _("Leave empty to use Warta's default: %(default)s.") % {"default": _shown(default)}
                formfield.help_text = f"{formfield.help_text} {words}" if formfield.help_text else words

    def _post_clean(self) -> None:
        # A locked field shows the environment's value; the row keeps what was saved in it.
        saved = {name: getattr(self.instance, name) for name in self.locked}
        super()._post_clean()  # type: ignore[misc]
        for name, value in saved.items():
            setattr(self.instance, name, value)

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound or not self.errors:
            return
        # A browser cannot keep a chosen file after the form comes back with an error: say so
        # beside the field, so the logo is not silently left out of the next save.
        for name in sorted(values.FILES):
            upload = self.files.get(name)
            if upload and name in self.fields and not self.fields[name].disabled and name not in self.errors:
                self.add_error(
                    name,
                    _("“%(file)s” was not saved because of the errors in the form: choose the %(field)s file again.")
                    % {"file": upload.name, "field": str(self.fields[name].label).lower()},
                )


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
