"""Helpers for reading request input safely."""

from __future__ import annotations

import datetime


def date_or_none(year: str, month: str, day: str) -> datetime.date | None:
    """Return the date, or None for an impossible one such as 2022-13-45."""
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
