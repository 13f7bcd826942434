"""Answer anonymous readers from the page cache before Django starts on the request.

A cache hit is a dictionary lookup and a check of the page's generations in memory, with no
Django request cycle: this is what lets a page come out about as fast as nginx serves a file
(see bench/run). Everything else, and every miss, goes to Django, whose PageCacheMiddleware
stores what may be stored. A stale page is rendered again by one request while the others get
the stale copy (X-Warta-Cache: stale).

Static files (hashed names from collectstatic) are served from memory here too, compressed
once with gzip and brotli. Uploaded photos (MEDIA_URL on this server) are streamed from disk with
`nosniff`, which granian's own file server cannot add.
"""

from __future__ import annotations

import gzip
import mimetypes
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import brotli
from django.conf import settings
from django.core.handlers.wsgi import get_path_info
from django.utils.http import http_date, parse_http_date_safe

from warta.caching import store
from warta.caching.middleware import PERSONAL_COOKIES

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


def _encoding(environ: dict) -> str:
    accepted = environ.get("HTTP_ACCEPT_ENCODING")
    if not accepted:
        return ""
    if "br" in accepted:
        return "br"
    return "gzip" if "gzip" in accepted else ""


def _inside(root: Path, name: str) -> Path | None:
    """The file `name` under `root`, or None: outside it, missing, or a name no file can have
    (`photo.jpg/` or `photo.jpg/.` is not the photo: resolving the path would drop what follows)."""
    if {"", ".", ".."} & set(name.split("/")):
        return None
    try:
        path = (root / name).resolve()
        return path if path.is_relative_to(root) and path.is_file() else None
    except (ValueError, OSError):  # a NUL byte, a name longer than the system allows
        return None


def _send_upload(
    path: Path, environ: dict[str, Any], start_response: Callable[..., Any], method: str
) -> Iterable[bytes]:
    """An uploaded photo: never overwritten (new uploads get new names), so browsers keep it a year."""
    stat = path.stat()
    headers = [
        ("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream"),
        ("Cache-Control", "public, max-age=31536000, immutable"),
        ("Last-Modified", http_date(stat.st_mtime)),
        # Uploads were re-encoded on the way in; still, a browser must never guess another type.
        ("X-Content-Type-Options", "nosniff"),
    ]
    since = parse_http_date_safe(environ.get("HTTP_IF_MODIFIED_SINCE", ""))
    if since is not None and int(stat.st_mtime) <= since:
        start_response("304 Not Modified", headers)
        return [b""]
    start_response("200 OK", [*headers, ("Content-Length", str(stat.st_size))])
    if method == "HEAD":
        return [b""]
    wrapper = environ.get("wsgi.file_wrapper")
    if wrapper:  # the server sends the file itself and closes it
        return wrapper(path.open("rb"), 64 * 1024)
    return _chunks(path)


def _chunks(path: Path) -> Iterable[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(64 * 1024):
            yield chunk


class StaticFile:
    def __init__(self, path: Path, immutable: bool) -> None:
        self.body = path.read_bytes()
        self.type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if self.type.startswith("text/") or self.type == "application/javascript":
            self.type += "; charset=utf-8"
        compressible = self.type.startswith(COMPRESSIBLE)
        self.gzip = gzip.compress(self.body, mtime=0) if compressible else b""
        self.br = brotli.compress(self.body) if compressible else b""
        self.cache_control = "public, max-age=31536000, immutable" if immutable else "public, max-age=3600"


class CachedPages:
    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self.personal = tuple(f"{name}=" for name in (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES))
        self.static_url = settings.STATIC_URL
        self.static_root = Path(settings.STATIC_ROOT).resolve()
        self.static: dict[str, StaticFile | None] = {}
        self.proxy_header: tuple[str, str] | None = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
        # Uploads served here unless they live elsewhere (an S3 bucket's own address).
        self.media_url = settings.MEDIA_URL if settings.MEDIA_URL.startswith("/") else None
        self.media_root = Path(settings.MEDIA_ROOT).resolve()
        # Off (0 seconds): pages stored before it was switched off are not served either.
        self.pages_on = settings.WARTA_PAGE_CACHE_SECONDS > 0

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        if method in ("GET", "HEAD"):
            path = environ.get("PATH_INFO", "")
            if path.startswith(self.static_url):
                found = self._static(get_path_info(environ)[len(self.static_url) :])
                if found is not None:
                    return self._send_static(found, environ, start_response, method)
            elif self.media_url and path.startswith(self.media_url):
                upload = _inside(self.media_root, get_path_info(environ)[len(self.media_url) :])
                if upload is not None:
                    return _send_upload(upload, environ, start_response, method)
            elif self.pages_on and not self._personal(environ.get("HTTP_COOKIE")):
                query = environ.get("QUERY_STRING", "")
                where = store.address(
                    store.scheme(environ, self.proxy_header), environ.get("HTTP_HOST", ""), path, query
                )
                page = store.lookup(where, query) if where is not None else None
                if page is not None:
                    if page.fresh():
                        return self._send_page(page, environ, start_response, method, "hit")
                    if page.servable_stale():
                        return self._revalidate(page, where, environ, start_response, method)  # type: ignore[arg-type]
        return self.app(environ, start_response)

    def _revalidate(
        self,
        page: store.CachedPage,
        where: store.Address,
        environ: dict[str, Any],
        start_response: Callable[..., Any],
        method: str,
    ) -> Iterable[bytes]:
        """One request renders the page again; the others meanwhile get the stale copy."""
        if not store.claim(where):
            return self._send_page(page, environ, start_response, method, "stale")
        # Claimed just after another request finished rendering it: its page is the fresh one.
        done = store.lookup(where, environ.get("QUERY_STRING", ""), recheck=True)
        if done is not None and done.fresh():
            store.release(where)
            return self._send_page(done, environ, start_response, method, "hit")
        environ["warta.rendering"] = where
        try:
            chunks = self.app(environ, start_response)
            # Cached pages are never streamed: the body is complete when the app returns.
            return chunks
        finally:
            store.release(where)

    def _personal(self, cookie: str | None) -> bool:
        if not cookie:
            return False
        for name in self.personal:
            if name in cookie:
                return True
        return False

    def _send_page(
        self, page: store.CachedPage, environ: dict[str, Any], start_response: Callable[..., Any], method: str, how: str
    ) -> Iterable[bytes]:
        if self._not_modified(page, environ):
            headers = [h for h in page.variants[""][1] if h[0] not in ("Content-Type", "Content-Length")]
            start_response("304 Not Modified", headers)
            return [b""]
        body, headers = page.variants[_encoding(environ)]
        if how != "hit":
            headers = [(k, how if k == "X-Warta-Cache" else v) for k, v in headers]
        start_response("200 OK", headers)
        return [b"" if method == "HEAD" else body]

    @staticmethod
    def _not_modified(page: store.CachedPage, environ: dict) -> bool:
        if "HTTP_IF_NONE_MATCH" in environ:
            return page.etag in environ["HTTP_IF_NONE_MATCH"]
        if "HTTP_IF_MODIFIED_SINCE" not in environ:
            return False
        since = parse_http_date_safe(environ["HTTP_IF_MODIFIED_SINCE"])
        return since is not None and int(page.last_modified) <= since

    def _static(self, name: str) -> StaticFile | None:
        if name not in self.static:
            path = _inside(self.static_root, name)
            if path is None:
                return None  # Django answers with its 404 page
            # collectstatic's hashed copies (site.3f2a9c.css) never change: browsers keep them.
            immutable = len(path.suffixes) >= 2 and len(path.suffixes[-2]) == 13
            self.static[name] = StaticFile(path, immutable)
        return self.static[name]

    def _send_static(self, found: StaticFile, environ: dict, start_response: Callable, method: str):
        encoding = _encoding(environ)
        body = {"br": found.br, "gzip": found.gzip}.get(encoding) or found.body
        headers = [
            ("Content-Type", found.type),
            ("Cache-Control", found.cache_control),
            ("Vary", "Accept-Encoding"),
            ("X-Content-Type-Options", "nosniff"),  # as every page and upload: never a guessed type
        ]
        if body is not found.body:
            headers.append(("Content-Encoding", encoding))
        headers.append(("Content-Length", str(len(body))))
        start_response("200 OK", headers)
        return [b"" if method == "HEAD" else body]
