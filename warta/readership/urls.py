from django.urls import path

from warta.readership import views

app_name = "readership"

urlpatterns = [path("dibaca/<int:article_id>/", views.seen, name="seen")]
