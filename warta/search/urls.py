from django.urls import path
from django.views.decorators.http import require_safe

from warta.search import views

app_name = "search"

urlpatterns = [path("cari/", require_safe(views.search), name="search")]
