from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

admin.site.site_header = admin.site.site_title = settings.WARTA_SITE_NAME

urlpatterns = [
    path("redaksi/", admin.site.urls),
    path("", include("warta.front.urls")),
    path("", include("warta.articles.urls")),
    path("", include("warta.comments.urls")),
]

if settings.DEBUG:
    # In production the HTTP server (granian, see `warta serve`) serves media itself.
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
