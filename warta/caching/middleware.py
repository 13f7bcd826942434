"""Store pages for anonymous readers, and tell browsers and CDNs how long they may keep them."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.handlers.wsgi import get_bytes_from_wsgi
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from warta.caching import keys, store

CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/xml", "text/plain")
# Never cached: the back office, and what answers a reader personally.
UNCACHED_PREFIXES = ("/redaksi/", "/komentar/", "/dibaca/", "/cari/", "/wp-admin", "/wp-login")
PERSONAL_COOKIES = ("warta_pending",)


def is_personal(cookies: dict[str, str]) -> bool:
    """A staff session or the reader's own held comments: the page is theirs alone."""
    return settings.SESSION_COOKIE_NAME in cookies or any(name in cookies for name in PERSONAL_COOKIES)


class ReadTrackingQueryDict(QueryDict):
    """request.GET that remembers which parameters the view looked at.

    The page is stored under those parameters only: ``?utm_source=x`` or ``?cb=123`` on an
    article shares the article's entry, while ``?page=2`` on an archive gets its own. Anything
    that reads the query as a whole (iteration, urlencode, copy) keys the page by all of it.
    """

    read: set[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Filling the dict asks `key in self` for every parameter present: that is not the view
        # reading them (with it, ?utm_source= on a miss made every later ?cb=N a page of its own).
        self.__dict__["read"] = set()

    def _note(self, name: Any) -> None:
        self.__dict__.setdefault("read", set()).add(str(name))

    def __getitem__(self, key: Any) -> Any:
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self._note(key)
        return super().__contains__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._note(key)
        return super().get(key, default)

    def getlist(self, key: Any, default: Any = None) -> Any:
        self._note(key)
        return super().getlist(key, default)

    def _whole(self) -> None:
        self._note(store.ALL)

    def __iter__(self) -> Any:
        self._whole()
        return super().__iter__()

    def __len__(self) -> int:
        self._whole()
        return super().__len__()

    def items(self) -> Any:
        self._whole()
        return super().items()

    def lists(self) -> Any:
        self._whole()
        return super().lists()

    def keys(self) -> Any:
        self._whole()
        return super().keys()

    def values(self) -> Any:
        self._whole()
        return super().values()

    def dict(self) -> Any:
        self._whole()
        return super().dict()

    def urlencode(self, safe: str | None = None) -> str:
        self._whole()
        return super().urlencode(safe)

    def copy(self) -> Any:
        self._whole()
        return super().copy()

    def names_read(self) -> frozenset[str]:
        return frozenset(self.__dict__.get("read", ()))


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in {"GET", "HEAD"}:
            query = get_bytes_from_wsgi(request.META, "QUERY_STRING", "")  # as Django builds request.GET
            request.GET = ReadTrackingQueryDict(query, encoding=request.encoding)  # type: ignore[assignment]
            keys.tag_request(request, keys.SITE)  # before the view reads anything
        response = self.get_response(request)
        if not self._cacheable(request, response):
            if "Cache-Control" not in response:
                patch_cache_control(response, private=True, no_cache=True)
            rendering = request.META.get("warta.rendering")
            if rendering is not None and response.status_code != 200:
                store.forget(rendering)  # unpublished, moved: the stale copy must not answer again
            return response
        seconds = keys.max_age(request)
        generations: dict[str, int] = request.__dict__.get("surrogate_generations", {})
        shown = sorted(generations)
        body = response.content
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        now = time.time()
        response["ETag"] = etag
        response["Last-Modified"] = http_date(now)
        if settings.WARTA_PURGE_URL:
            # Only a CDN purged by tag through the hook uses these; without one they are dead weight
            # on every response (7-8 % of the server's ceiling on the 24 KB article, bench/ceiling.py).
            response["Surrogate-Key"] = " ".join(shown)  # Fastly, Varnish xkey
            response["Cache-Tag"] = ",".join(shown)  # Cloudflare
        # Browsers revalidate after a minute; shared caches keep it as long as we do.
        patch_cache_control(
            response, public=True, max_age=min(60, seconds), s_maxage=seconds, stale_while_revalidate=30
        )
        patch_vary_headers(response, ["Accept-Encoding"])
        params = request.GET.names_read() if isinstance(request.GET, ReadTrackingQueryDict) else frozenset({store.ALL})
        page = store.CachedPage(
            status=response.status_code,
            headers=[(k, v) for k, v in response.items() if k.lower() not in {"content-length", "vary"}],
            body=body,
            etag=etag,
            last_modified=now,
            generations=dict(generations),
            params=params,
        )
        where = (request.scheme or "http", request.META.get("HTTP_HOST", ""), request.META.get("PATH_INFO", ""))
        store.store(where, request.META.get("QUERY_STRING", ""), page, seconds)
        return response

    def _cacheable(self, request: HttpRequest, response: HttpResponse) -> bool:
        return (
            settings.WARTA_PAGE_CACHE_SECONDS > 0
            and request.method in {"GET", "HEAD"}
            and response.status_code == 200
            and not response.streaming
            and not request.__dict__.get("surrogate_unavailable", False)
            and not request.path.startswith(UNCACHED_PREFIXES)
            and not is_personal(request.COOKIES)
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
            and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
        )
