from django.urls import path

from warta.front import views

app_name = "front"

# WordPress's default archive addresses, so links from before a move keep working.
urlpatterns = [
    path("", views.home, name="home"),
    path("category/<slug:slug>/", views.section, name="section"),
    path("tag/<slug:slug>/", views.tag, name="tag"),
    path("author/<slug:slug>/", views.author, name="author"),
]
