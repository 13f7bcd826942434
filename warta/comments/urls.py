from django.urls import path

from warta.comments import views

app_name = "comments"

urlpatterns = [
    path("komentar/<int:article_id>/", views.post_comment, name="post"),
]
