from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from warta.pages.models import Page


def page(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "pages/page.html", {"page": get_object_or_404(Page, slug=slug)})
