"""Helpers for reading request input safely."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import HttpRequest


def date_or_none(year: str, month: str, day: str) -> datetime.date | None:
    """Return the date, or None for an impossible one such as 2022-13-45."""
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """Return the reader's IP address; behind a proxy, the address the proxy saw."""
    if settings.WARTA_BEHIND_PROXY:
        forwarded = request.headers.get("X-Forwarded-For", "")
        # The right-most entry is the one our own proxy appended; the others are the client's word.
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")
