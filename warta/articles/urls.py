from django.urls import re_path

from warta.articles import views

app_name = "articles"

urlpatterns = [
    # WordPress's "day and name" permalink, so old links keep working after a move.
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/(?P<slug>[-a-z0-9_]+)/$",
        views.article_detail,
        name="detail",
    ),
]
