from django.contrib import admin

from warta.photos.forms import PhotoForm
from warta.photos.models import Photo


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoForm
    list_display = ["__str__", "credit", "width", "height", "uploaded_at"]
    search_fields = ["caption", "credit", "alt_text"]
    readonly_fields = ["width", "height", "source_url"]
    list_filter = ["uploaded_at", "credit"]
