"""Store pages for anonymous readers, and tell browsers and CDNs how long they may keep them."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from warta.caching import keys, store

CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/xml", "text/plain")
# Never cached: the back office, and what answers a reader personally.
UNCACHED_PREFIXES = ("/redaksi/", "/komentar/", "/dibaca/", "/cari/", "/wp-admin", "/wp-login")
PERSONAL_COOKIES = ("warta_pending",)


def address(environ: dict) -> tuple[str, str, str]:
    """The cache address of a request: host, path and query exactly as the server passed them."""
    return environ.get("HTTP_HOST", ""), environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")


def is_personal(cookies: dict) -> bool:
    """A staff session or the reader's own held comments: the page is theirs alone."""
    return settings.SESSION_COOKIE_NAME in cookies or any(name in cookies for name in PERSONAL_COOKIES)


def _seconds_until_next_publication() -> int | None:
    """Articles already marked published but dated in the future appear without any save:
    no listing may be cached past that moment."""
    from warta.articles.models import Article

    upcoming = Article.objects.coming().order_by("published_at").values_list("published_at", flat=True).first()
    return max(1, int((upcoming - timezone.now()).total_seconds())) if upcoming else None


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in {"GET", "HEAD"}:
            keys.tag_request(request, keys.SITE)  # before the view reads anything
        response = self.get_response(request)
        if not self._cacheable(request, response):
            if "Cache-Control" not in response:
                patch_cache_control(response, private=True, no_cache=True)
            return response
        seconds = settings.WARTA_PAGE_CACHE_SECONDS
        upcoming = _seconds_until_next_publication()
        if upcoming is not None:
            seconds = min(seconds, upcoming)
        generations = getattr(request, "surrogate_generations", {})
        shown = sorted(generations)
        body = response.content
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        now = time.time()
        response["ETag"] = etag
        response["Last-Modified"] = http_date(now)
        response["Surrogate-Key"] = " ".join(shown)  # Fastly, Varnish xkey
        response["Cache-Tag"] = ",".join(shown)  # Cloudflare
        # Browsers revalidate after a minute; shared caches keep it as long as we do.
        patch_cache_control(
            response, public=True, max_age=min(60, seconds), s_maxage=seconds, stale_while_revalidate=30
        )
        patch_vary_headers(response, ["Accept-Encoding"])
        page = store.CachedPage(
            status=response.status_code,
            headers=[(k, v) for k, v in response.items() if k.lower() not in {"content-length", "vary"}],
            body=body,
            etag=etag,
            last_modified=now,
            generations=generations,
        )
        store.store(address(request.META), page, seconds)
        return response

    def _cacheable(self, request: HttpRequest, response: HttpResponse) -> bool:
        return (
            settings.WARTA_PAGE_CACHE_SECONDS > 0
            and request.method in {"GET", "HEAD"}
            and response.status_code == 200
            and not response.streaming
            and not request.path.startswith(UNCACHED_PREFIXES)
            and not is_personal(request.COOKIES)
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
            and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
        )
