from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView
from django.views.static import serve

from warta.articles.sitemaps import SITEMAPS, news_sitemap
from warta.caching import keys
from warta.caching.keys import shows
from warta.front.views import robots_txt

# A database that is away answers 503 with Retry-After, not a 500 (warta/front/errors.py).
handler403 = "warta.front.errors.permission_denied"
handler500 = "warta.front.errors.server_error"

urlpatterns = [
    path("redaksi/", admin.site.urls),
    # WordPress habits: the old back-office addresses lead to ours.
    path("wp-admin/", RedirectView.as_view(url="/redaksi/", permanent=True)),
    path("wp-login.php", RedirectView.as_view(url="/redaksi/login/", permanent=True)),
    path("robots.txt", require_safe(robots_txt), name="robots"),
    path(
        "sitemap.xml",
        require_safe(shows(keys.ARTICLES)(sitemap_views.index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap"},
        name="sitemap-index",
    ),
    path("sitemap-news.xml", require_safe(shows(keys.ARTICLES)(news_sitemap)), name="news-sitemap"),
    path(
        "sitemap-<section>.xml",
        require_safe(shows(keys.ARTICLES)(sitemap_views.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("", include("warta.front.urls")),
    path("", include("warta.articles.urls")),
    path("", include("warta.comments.urls")),
    path("", include("warta.complaints.urls")),
    path("", include("warta.search.urls")),
    path("", include("warta.readership.urls")),
    path("", include("warta.live.urls")),
    path("", include("warta.pages.urls")),  # last: it takes any free /slug/
]

if settings.DEBUG:
    # Uploads are served by the WSGI layer (warta/caching/wsgi.py); this is for runserver.
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
