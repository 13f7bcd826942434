from django.urls import path, re_path

from warta.front import views

app_name = "front"

# WordPress's default archive addresses, so links from before a move keep working.
urlpatterns = [
    path("", views.home, name="home"),
    path("indeks/", views.latest, name="latest"),
    path("category/<slug:slug>/", views.section, name="section"),
    path("tag/<slug:slug>/", views.tag, name="tag"),
    path("author/<slug:slug>/", views.author, name="author"),
    re_path(r"^(?P<year>[0-9]{4})/$", views.date_archive, name="year"),
    re_path(r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", views.date_archive, name="month"),
    re_path(r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$", views.date_archive, name="day"),
    path("logo.png", views.logo, name="logo"),
    path("favicon.ico", views.favicon, name="favicon"),
    re_path(r"^(?P<name>apple-touch-icon\.png|icon-192\.png|icon-512\.png)$", views.icon, name="icon"),
    path("site.webmanifest", views.manifest, name="manifest"),
]
