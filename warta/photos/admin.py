from django.contrib import admin

from warta.photos.forms import PhotoForm
from warta.photos.models import Photo


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoForm
    list_display = ["__str__", "credit", "width", "height", "uploaded_at", "uploaded_by"]
    search_fields = ["caption", "credit", "alt_text"]
    readonly_fields = ["width", "height", "source_url"]
    list_filter = ["uploaded_at", "credit"]

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is None:
            return super().has_change_permission(request)
        return obj.changeable_by(request.user)  # someone else's photo: shown, not changed

    def save_model(self, request, obj: Photo, form, change: bool) -> None:
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
