from django.urls import path

from warta.pages import views

app_name = "pages"

# Last in the site's URLs: /slug/ is whatever address no one else claimed.
urlpatterns = [path("<slug:slug>/", views.page, name="page")]
