from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy

from warta.photos.forms import PhotoForm
from warta.photos.models import Photo, Rendition
from warta.photos.previews import thumbnail_html

# What a thumbnail is chosen from (Photo.thumbnail): the renditions at the original's ratio, a
# page of photos in one query, never one per row.
SMALL_RENDITIONS = Prefetch("renditions", queryset=Rendition.objects.filter(crop=Rendition.Crop.ORIGINAL))


class PhotoChangeList(ChangeList):
    def get_queryset(self, request: HttpRequest, exclude_parameters: Any = None) -> QuerySet[Photo]:
        return super().get_queryset(request, exclude_parameters).prefetch_related(SMALL_RENDITIONS)


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoForm
    # The picture first, as WordPress's media library shows it. The caption wraps; a phone keeps
    # the picture, the caption and the credit across (photos/photo_list.css).
    # Who uploaded it goes under when, not in a column of its own: beside the admin's menu and
    # filter at 1366 px, seven columns pushed the last one out of sight.
    list_display = ["thumbnail", "__str__", "credit", "size", "uploaded"]
    list_display_links = ["__str__"]
    list_select_related = ["uploaded_by"]  # nullable: Django's automatic select_related leaves it out
    search_fields = ["caption", "credit", "alt_text"]
    readonly_fields = ["width", "height", "source_url"]
    list_filter = ["uploaded_at", "credit"]

    class Media:
        css = {"all": ["photos/photo_list.css"]}

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return PhotoChangeList

    @admin.display(description=gettext_lazy("preview"))
    def thumbnail(self, photo: Photo) -> SafeString:
        return thumbnail_html(photo)

    @admin.display(description=gettext_lazy("uploaded"), ordering="uploaded_at")
    def uploaded(self, photo: Photo) -> str:
        when = date_format(timezone.localtime(photo.uploaded_at), "DATETIME_FORMAT")
        if photo.uploaded_by is None:
            return when
        who = photo.uploaded_by.get_full_name() or photo.uploaded_by.get_username()
        return format_html('{}<span class="photo-list__by">{}</span>', when, who)

    @admin.display(description=gettext_lazy("size"), ordering="width")
    def size(self, photo: Photo) -> str:
        return f"{photo.width} × {photo.height}" if photo.width else "–"

    def get_fields(self, request: HttpRequest, obj: Photo | None = None) -> Any:
        """Width, height and original address only where they say something: a photo being added
        has none yet (they come from its file), an uploaded one no original address."""
        fields = list(super().get_fields(request, obj))
        empty = set()
        if obj is None or not obj.width:
            empty |= {"width", "height"}
        if obj is None or not obj.source_url:
            empty.add("source_url")
        return [field for field in fields if field not in empty]

    def get_urls(self) -> list[URLPattern]:
        preview = path(
            "preview/",
            self.admin_site.admin_view(self.preview_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_preview",
        )
        return [preview, *super().get_urls()]

    def preview_view(self, request: HttpRequest) -> JsonResponse:
        """The thumbnail of photo ?id=N, for the preview beside a chosen photo (widgets.PhotoChoice)."""
        if not self.has_view_permission(request):
            return JsonResponse({}, status=403)
        ident = request.GET.get("id", "")
        photo = Photo.objects.prefetch_related(SMALL_RENDITIONS).filter(pk=ident).first() if ident.isdigit() else None
        if photo is None:
            return JsonResponse({}, status=404)
        small = photo.thumbnail()
        if small is None:
            return JsonResponse({"id": photo.pk, "src": ""})
        webp = [r for r in photo.renditions.all() if r.width == small.width and r.format == Rendition.Format.WEBP]
        return JsonResponse(
            {
                "id": photo.pk,
                "src": small.image.url,
                "webp": webp[0].image.url if webp and webp[0].pk != small.pk else "",
                "width": small.width,
                "height": small.height,
                "alt": photo.alt_text,
            }
        )

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is None:
            return super().has_change_permission(request)
        return obj.changeable_by(request.user)  # someone else's photo: shown, not changed

    def save_model(self, request, obj: Photo, form, change: bool) -> None:
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
