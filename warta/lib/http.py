"""Helpers for reading request input safely."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import User


T = TypeVar("T")


def once_per_request(request: HttpRequest | None, name: str, compute: Callable[[], T]) -> T:
    """compute(), asked once for the whole request (each time without one): what several parts of
    a page need alike, such as a lookup in the shared cache or the database."""
    if request is None:
        return compute()
    memo: dict[str, T] = request.__dict__.setdefault("warta_once", {})
    if name not in memo:
        memo[name] = compute()
    return memo[name]


def date_or_none(year: str, month: str, day: str) -> datetime.date | None:
    """Return the date, or None for an impossible one such as 2022-13-45."""
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def staff_user(request: HttpRequest) -> User:
    """The signed-in user of a back-office request (behind the admin's login check)."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    return request.user


def client_ip(request: HttpRequest) -> str:
    """Return the reader's IP address; behind a proxy, the address the proxy saw."""
    if settings.WARTA_BEHIND_PROXY:
        forwarded = request.headers.get("X-Forwarded-For", "")
        # The right-most entry is the one our own proxy appended; the others are the client's word.
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return str(request.META.get("REMOTE_ADDR", ""))


def same_origin(request: HttpRequest) -> bool:
    """Whether a browser sent this request from one of our own pages.

    Browsers say where a form was submitted from (Sec-Fetch-Site, Origin, Referer); a form on
    another site cannot pretend otherwise. This protects the comment form against cross-site
    posting without a per-reader CSRF token, so article pages stay cacheable for everyone.
    A request that says nothing at all is refused. The origin is compared whole, scheme included
    (as Django's CSRF check does): on an https site, a page served over plain http, which anyone
    on the reader's network can write, is not one of ours.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site in {"same-origin", "none"}
    claimed = request.headers.get("Origin") or request.headers.get("Referer")
    if not claimed or claimed == "null":
        return False
    parts = urlsplit(claimed)
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS
