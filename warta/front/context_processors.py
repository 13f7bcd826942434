from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from warta.pages.models import Page
from warta.taxonomy.models import Section


def site(request: HttpRequest) -> dict:
    # The queryset is lazy: pages that do not show the navigation never query it.
    return {
        "site_name": settings.WARTA_SITE_NAME,
        "nav_sections": Section.objects.all(),
        "footer_pages": Page.objects.filter(in_footer=True).only("title", "slug"),
    }
