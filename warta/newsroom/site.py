"""The back office's admin site: Django's, with the login form rate-limited per address."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from warta.lib import ratelimit
from warta.lib.http import client_ip


class NewsroomAdminSite(admin.AdminSite):
    login_attempts = 10  # per address in the window below
    login_window = 15 * 60

    def each_context(self, request):
        context = super().each_context(request)
        context["site_header"] = context["site_title"] = settings.WARTA_SITE_NAME
        return context

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        if request.method == "POST" and not ratelimit.allow(
            "login", client_ip(request), self.login_attempts, self.login_window
        ):
            context = {**self.each_context(request), "title": _("Too many attempts")}
            response = TemplateResponse(request, "newsroom/too_many_logins.html", context, status=429)
            response["Retry-After"] = str(self.login_window)
            return response
        return super().login(request, extra_context)


class NewsroomAdminConfig(AdminConfig):
    default_site = "warta.newsroom.site.NewsroomAdminSite"
