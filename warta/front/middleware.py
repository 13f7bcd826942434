from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed

# Pages load nothing from other origins: no trackers, no third-party fonts or scripts.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:{images}; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# FLoC (interest-cohort) is gone and Chrome reports the unknown name; Topics is its successor.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), browsing-topics=()"
# TRACE echoes the request back (cookies and all, the old cross-site tracing trick) and CONNECT
# asks for a tunnel: no page of this site answers either.
REFUSED_METHODS = {"TRACE", "TRACK", "CONNECT"}
ALLOWED_METHODS = ["GET", "HEAD", "POST", "OPTIONS"]


class SecurityHeadersMiddleware:
    """Add the headers Django's SecurityMiddleware does not set."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        # Photos may live elsewhere: an S3 bucket or CDN, or the old WordPress site after an
        # import without the uploads folder (WARTA_IMAGE_SOURCES).
        extra = " ".join(settings.WARTA_IMAGE_SOURCES)
        self.policy = CONTENT_SECURITY_POLICY.format(images=f" {extra}" if extra else "")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in REFUSED_METHODS:
            response: HttpResponse = HttpResponseNotAllowed(ALLOWED_METHODS)
        else:
            response = self.get_response(request)
        # The admin ships inline scripts and styles of its own; it keeps Django's defaults.
        if not request.path.startswith("/redaksi/"):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
