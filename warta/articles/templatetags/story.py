"""Filters for the article page."""

from __future__ import annotations

from django import template

from warta.lib.text import plain_credit as _plain_credit

register = template.Library()


@register.filter
def plain_credit(credit: str) -> str:
    """A credit without a typed "Foto:", so the page shows "Foto: X" exactly once."""
    return _plain_credit(credit or "")
