"""Requests through warta.wsgi.application, cache layer included, as granian sends them."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from wsgiref.util import setup_testing_defaults

from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()

    @property
    def hit(self) -> bool:
        return self.headers.get("X-Warta-Cache") == "hit"


def request(app, path: str, method: str = "GET", body: bytes = b"", **headers: str) -> Response:
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "CONTENT_LENGTH": str(len(body)),
        **{f"HTTP_{k.upper()}": v for k, v in headers.items()},
    }
    if body:
        environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
    setup_testing_defaults(environ)
    seen: dict = {}

    def start_response(status: str, header_list: list, exc_info=None) -> None:
        seen["status"] = int(status.split()[0])
        seen["headers"] = dict(header_list)

    # As Django's test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        chunks = app(environ, start_response)
        data = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return Response(seen["status"], seen["headers"], data)


def get(path: str, **headers: str) -> Response:
    """A GET to Warta's own WSGI application: the page cache in front of Django."""
    from warta.wsgi import application

    return request(application, path, method="GET", body=b"", **headers)
