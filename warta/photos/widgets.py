"""The photo chosen in a form of the back office, shown as a small picture beside its caption.

PhotoChoice is Django's autocomplete select (the desk's lead photo) with a preview of the chosen
photo: rendered with the page for the saved value, and replaced by photos/photo_choice.js when
another photo is chosen (from the list, or added with "+"), from PhotoAdmin's preview address.
No inline script: the admin's own jQuery carries the change event Django and select2 send.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import ForeignKey
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from warta.photos.models import Photo
from warta.photos.previews import thumbnail_html

PREVIEW_BOX = 120


class PhotoChoice(AutocompleteSelect):
    def build_attrs(self, base_attrs: dict[str, Any], extra_attrs: dict[str, Any] | None = None) -> dict[str, Any]:
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["class"] += " photo-choice"
        return attrs

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        select = super().render(name, value, attrs, renderer)
        chosen = str(value) if value not in (None, "") else ""
        photo = Photo.objects.prefetch_related("renditions").filter(pk=chosen).first() if chosen.isdigit() else None
        element_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        return format_html(
            '{}<span class="photo-choice__preview" id="{}_preview" data-photo="{}" data-url="{}" data-none="{}" '
            'aria-live="polite">{}</span>',
            select,
            element_id,
            photo.pk if photo else "",
            reverse(f"{self.admin_site.name}:photos_photo_preview"),
            _("No preview"),
            thumbnail_html(photo, PREVIEW_BOX) if photo else "",
        )

    @property
    def media(self) -> forms.Media:
        return super().media + forms.Media(js=["photos/photo_choice.js"], css={"all": ["photos/photo_choice.css"]})


class PhotoChoiceAdmin(admin.ModelAdmin):
    """For a ModelAdmin whose photo foreign keys are in autocomplete_fields (the article desk's lead
    photo): put it first among the bases, `class ArticleAdmin(PhotoChoiceAdmin, admin.ModelAdmin)`."""

    def formfield_for_foreignkey(self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any) -> Any:
        if (
            "widget" not in kwargs
            and db_field.related_model is Photo
            and db_field.name in self.get_autocomplete_fields(request)
        ):
            kwargs["widget"] = PhotoChoice(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
