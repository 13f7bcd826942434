"""Templates get the settings in force: after the front's processor, so `site_name` is the
back office's (or the environment's) and never a stale default."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from warta.sitesettings.values import current

LABELS = {"facebook": "Facebook", "x": "X", "instagram": "Instagram", "youtube": "YouTube", "tiktok": "TikTok"}


def site_settings(request: HttpRequest) -> dict[str, Any]:
    effective = current()
    return {
        "site_name": effective.site_name,
        "site_tagline": effective.tagline,
        "site_logo_url": effective.logo_url,
        "site_favicon_url": effective.favicon_url,
        # In the footer, in this order, under the names the networks give themselves.
        "site_social_links": [(LABELS[name], url) for name, url in effective.social.items()],
    }
