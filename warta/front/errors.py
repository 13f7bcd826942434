"""The last resort for an error no view answered: a database that is away is a 503 with a time to
try again (the request can be answered, just not now), anything else the plain 500 page; and a
form refused by Django's CSRF check, in the site's language and look."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

RETRY_AFTER_SECONDS = 5


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this inside its except clause: the exception is still at hand.
    failure = sys.exc_info()[1]
    if isinstance(failure, OperationalError | InterfaceError):
        page = loader.get_template("503.html").render()
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: Django's own page is in English and speaks of DEBUG; a newsroom's form
    that sat open too long (or a forged one) gets a page that says what to do."""
    page = loader.get_template("403_csrf.html").render(request=request)
    return HttpResponse(page, status=403)
