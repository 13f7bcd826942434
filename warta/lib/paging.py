"""Pagination shared by every list of articles."""

from __future__ import annotations

from typing import Any

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404

PER_PAGE = 20


def paginate(items: Any, number: str | None, strict: bool = True) -> Page[Any]:
    """Return the page, with .elided (page numbers to show, … for gaps) for the template.

    items: anything Paginator takes (a QuerySet, a list, an object with len() and slicing).
    strict: an unknown page number is a 404 (archives); otherwise the nearest page (search).
    """
    paginator = Paginator(items, PER_PAGE)
    if strict:
        try:
            page = paginator.page(number or 1)
        except InvalidPage:
            raise Http404("no such page") from None
    else:
        page = paginator.get_page(number)
    page.elided = list(  # type: ignore[attr-defined]  # read by the pager template
        paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page
