from django.urls import path, re_path
from django.views.decorators.http import require_safe

from warta.front import views

app_name = "front"

# WordPress's default archive addresses, so links from before a move keep working. Pages that only
# read: a POST or OPTIONS is answered 405 (with Allow), not with the page.
urlpatterns = [
    path("", require_safe(views.home), name="home"),
    path("indeks/", require_safe(views.latest), name="latest"),
    path("category/<slug:slug>/", require_safe(views.section), name="section"),
    path("tag/<slug:slug>/", require_safe(views.tag), name="tag"),
    path("author/<slug:slug>/", require_safe(views.author), name="author"),
    re_path(r"^(?P<year>[0-9]{4})/$", require_safe(views.date_archive), name="year"),
    re_path(r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", require_safe(views.date_archive), name="month"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$", require_safe(views.date_archive), name="day"
    ),
    path("logo.png", require_safe(views.logo), name="logo"),
    path("favicon.ico", require_safe(views.favicon), name="favicon"),
    re_path(r"^(?P<name>apple-touch-icon\.png|icon-192\.png|icon-512\.png)$", require_safe(views.icon), name="icon"),
    path("site.webmanifest", require_safe(views.manifest), name="manifest"),
]
