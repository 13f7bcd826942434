"""The last resort for an error no view answered: a database that is away is a 503 with a time to
try again (the request can be answered, just not now), anything else the plain 500 page; and a
form refused by Django's CSRF check, in the site's language and look; a refusal inside the back
office, in the back office's look."""

from __future__ import annotations

import sys

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults

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


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403: staff refused something in the back office stay in the back office (its menu,
    a way back to its front page), not on the readers' page with the site's masthead."""
    user = getattr(request, "user", None)  # a refusal before the session was read has none
    if request.path.startswith(reverse("admin:index")) and user is not None and user.is_staff:
        context = {**admin.site.each_context(request), "title": _("Access denied")}
        return TemplateResponse(request, "admin/403.html", context, status=403).render()
    return defaults.permission_denied(request, exception or PermissionDenied())
