from django.urls import path

from warta.live import views

app_name = "live"

urlpatterns = [
    path("langsung/<int:article_id>/terbaru/", views.fragment, name="fragment"),
    path("langsung/<int:article_id>/feed/", views.EntriesFeed(), name="feed"),
]
