from django.contrib import admin
from django.db import models

from warta.articles.models import Article, Byline, SourceAttribution


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]


class SourceInline(admin.TabularInline):
    model = SourceAttribution
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "section", "status", "published_at", "pinned"]
    list_filter = ["status", "section"]
    search_fields = ["headline", "dek"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["tags", "lead_photo"]
    inlines = [BylineInline, SourceInline]
    fields = [
        "headline", "slug", "dek", "section", "tags", "dateline_city",
        "lead_photo", "body", "status", "published_at", "pinned", "comments_open",
    ]
