from django.urls import path

from warta.complaints import views

app_name = "complaints"

urlpatterns = [
    path("laporkan/artikel/<int:article_id>/", views.report_article, name="article"),
    path("laporkan/komentar/<int:comment_id>/", views.report_comment, name="comment"),
    path("laporkan/terkirim/", views.sent, name="sent"),
]
