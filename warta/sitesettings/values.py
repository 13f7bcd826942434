"""The settings in force: what the environment says, else what an Admin saved, else the default.

Precedence, field by field (an operator's environment always wins, so a deployment can pin a
value the back office cannot change):

1. the WARTA_* variable, when it is set in the environment;
2. the value saved in the back office (*Pengaturan situs*), when not empty;
3. the built-in default (the same as Warta's settings without any variable).

The saved row is read once and kept in the shared cache; each process keeps its copy for a
couple of seconds at most, so a change reaches every server at once in practice.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache

CACHE_KEY = "sitesettings:v1"
LOCAL_SECONDS = 2.0

# field -> (environment variable, Django setting holding its parsed value or None)
ENVIRONMENT: dict[str, tuple[str, str | None]] = {
    "site_name": ("WARTA_SITE_NAME", "WARTA_SITE_NAME"),
    "tagline": ("WARTA_SITE_TAGLINE", None),
    "logo": ("WARTA_SITE_LOGO_URL", None),
    "favicon": ("WARTA_SITE_FAVICON_URL", None),
    "facebook": ("WARTA_SOCIAL_FACEBOOK", None),
    "x": ("WARTA_SOCIAL_X", None),
    "instagram": ("WARTA_SOCIAL_INSTAGRAM", None),
    "youtube": ("WARTA_SOCIAL_YOUTUBE", None),
    "tiktok": ("WARTA_SOCIAL_TIKTOK", None),
    "comment_trust_approved": ("WARTA_COMMENT_TRUST_APPROVED", "WARTA_COMMENT_TRUST_APPROVED"),
    "comment_max_links": ("WARTA_COMMENT_MAX_LINKS", "WARTA_COMMENT_MAX_LINKS"),
    "comment_close_after_days": ("WARTA_COMMENT_CLOSE_AFTER_DAYS", "WARTA_COMMENT_CLOSE_AFTER_DAYS"),
    "comment_max_length": ("WARTA_COMMENT_MAX_LENGTH", "WARTA_COMMENT_MAX_LENGTH"),
    "reading_wpm": ("WARTA_READING_WPM", "WARTA_READING_WPM"),
}
SOCIAL = ["facebook", "x", "instagram", "youtube", "tiktok"]
# The pages a change shows on: the masthead and footer are on every page.
FILES = {"logo", "favicon"}


@dataclass(frozen=True)
class Effective:
    site_name: str
    tagline: str
    logo_url: str
    favicon_url: str
    social: dict[str, str]
    comment_trust_approved: bool
    comment_max_links: int
    comment_close_after_days: int
    comment_max_length: int
    reading_wpm: int
    locked: frozenset[str] = field(default_factory=frozenset)  # fields the environment sets


_local: dict[str, Any] = {}


def from_environment(name: str) -> bool:
    return bool(os.environ.get(ENVIRONMENT[name][0], "").strip())


def default(name: str) -> Any:
    variable, setting = ENVIRONMENT[name]
    if setting is not None:
        return getattr(settings, setting)
    return os.environ.get(variable, "").strip()


def _saved() -> dict[str, Any]:
    """The saved row as plain values (file fields as URLs), from the shared cache."""
    stored = cache.get(CACHE_KEY)
    if stored is None:
        from warta.sitesettings.models import SiteSettings

        row = SiteSettings.objects.filter(pk=1).first()
        stored = {}
        if row is not None:
            for name in ENVIRONMENT:
                value = getattr(row, name)
                if name in FILES:
                    value = value.url if value else ""
                stored[name] = value
        cache.set(CACHE_KEY, stored, timeout=None)
    return stored


def current() -> Effective:
    now = time.monotonic()
    if _local.get("until", 0) > now:
        return _local["value"]
    saved = _saved()
    values: dict[str, Any] = {}
    locked = set()
    for name in ENVIRONMENT:
        if from_environment(name):
            values[name] = default(name)
            locked.add(name)
        elif saved.get(name) not in (None, ""):
            values[name] = saved[name]
        else:
            values[name] = default(name)
    effective = Effective(
        site_name=values["site_name"],
        tagline=values["tagline"],
        logo_url=values["logo"],
        favicon_url=values["favicon"],
        social={name: values[name] for name in SOCIAL if values[name]},
        comment_trust_approved=bool(values["comment_trust_approved"]),
        comment_max_links=int(values["comment_max_links"]),
        comment_close_after_days=int(values["comment_close_after_days"]),
        comment_max_length=int(values["comment_max_length"]),
        reading_wpm=int(values["reading_wpm"]),
        locked=frozenset(locked),
    )
    _local.update(value=effective, until=now + LOCAL_SECONDS)
    return effective


def forget() -> None:
    """Drop the cached copies (this process's and the shared one)."""
    _local.clear()
    cache.delete(CACHE_KEY)


def changed(sender: type, **kwargs: object) -> None:
    forget()


def setting_changed(sender: type, setting: str, **kwargs: object) -> None:
    if setting.startswith("WARTA_"):
        _local.clear()
