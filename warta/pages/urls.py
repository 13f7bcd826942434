from django.urls import path
from django.views.decorators.http import require_safe

from warta.pages import views

app_name = "pages"

# Last in the site's URLs: /slug/ is whatever address no one else claimed.
urlpatterns = [path("<slug:slug>/", require_safe(views.page), name="page")]
