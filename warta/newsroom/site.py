"""The back office's admin site: Django's, opening on the newsroom's dashboard, with the staff
screen and the invitation link, and a login that slows down password guessing.

Login limits count *failed* attempts only, per account and per address separately: guessing one
account from many addresses stops at the account's limit, and a newsroom behind one NAT address
is never locked out by its own good logins.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from warta.lib.http import client_ip

LOGIN_WINDOW = 15 * 60
FAILURES_PER_ACCOUNT = 10  # wrong passwords for one username in the window
FAILURES_PER_ADDRESS = 30  # wrong passwords from one address, whatever the usernames
# Apps whose verbose_name is a plain English string upstream.
APP_NAMES = {"django_tasks_db": gettext_lazy("Background tasks")}


def _counter(scope: str, key: str) -> str:
    # Hashed: a username or an address has no business in cache key names.
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"loginfail:{scope}:{digest}:{int(time.time() // LOGIN_WINDOW)}"


def _username(value: object) -> str:
    return str(value or "").strip().lower()


def _failures(scope: str, key: str) -> int:
    return int(cache.get(_counter(scope, key), 0))


def _count_failure(scope: str, key: str) -> None:
    name = _counter(scope, key)
    cache.add(name, 0, timeout=LOGIN_WINDOW + 1)
    try:
        cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=LOGIN_WINDOW + 1)


def login_failed(sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any) -> None:
    """Count a wrong password against the username and the address it came from."""
    if request is None:
        return
    _count_failure("address", client_ip(request))
    username = _username(credentials.get("username"))
    if username:
        _count_failure("account", username)


def logged_in(sender: object, request: HttpRequest | None, user: Any, **kw: Any) -> None:
    """The right password ends the account's run of mistakes (the address's count stays)."""
    cache.delete(_counter("account", _username(user.get_username())))


def login_blocked(request: HttpRequest) -> bool:
    username = _username(request.POST.get("username"))
    if username and _failures("account", username) >= FAILURES_PER_ACCOUNT:
        return True
    return _failures("address", client_ip(request)) >= FAILURES_PER_ADDRESS


class NewsroomAdminSite(admin.AdminSite):
    index_title = gettext_lazy("Newsroom")

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        from warta.sitesettings.values import current

        context = super().each_context(request)
        context["site_header"] = context["site_title"] = current().site_name
        return context

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict[str, Any]]:
        """Name the dependencies' apps in the newsroom's language (their names are not translatable)."""
        apps = super().get_app_list(request, app_label)
        for app in apps:
            if app["app_label"] in APP_NAMES:
                app["name"] = str(APP_NAMES[app["app_label"]])
        return apps

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        if request.method == "POST" and login_blocked(request):
            context = {**self.each_context(request), "title": _("Too many attempts")}
            response = TemplateResponse(request, "newsroom/too_many_logins.html", context, status=429)
            response["Retry-After"] = str(LOGIN_WINDOW)
            return response
        self._keep_next_safe(request)
        return super().login(request, extra_context)

    def _keep_next_safe(self, request: HttpRequest) -> None:
        """A next= pointing elsewhere (another host, a scheme) is replaced by the dashboard, so
        a refused redirect lands on /redaksi/ rather than Django's /accounts/profile/ (a 404)."""
        for params in ("GET", "POST"):
            query = getattr(request, params)
            target = query.get(REDIRECT_FIELD_NAME)
            if target is None:
                continue
            safe = url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            )
            if not safe or not target:
                query = query.copy()
                query[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
                setattr(request, params, query)

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> TemplateResponse:
        """The newsroom's day, panel by panel for the user's role (see dashboard.py)."""
        from warta.newsroom.dashboard import main_lists, panels_for, today

        user = request.user
        app_list = self.get_app_list(request)
        context = {
            **self.each_context(request),
            "title": self.index_title,
            "subtitle": None,
            "today": today(),
            "panels": panels_for(user),
            "app_list": app_list,
            "main_lists": main_lists(app_list),
            "can_add_staff": user.has_perm("auth.add_user"),
            "can_view_staff": user.has_perm("auth.view_user"),
            "can_audit": user.has_perm("newsroom.view_auditentry"),
            "can_settings": user.has_perm("sitesettings.change_sitesettings"),
            **(extra_context or {}),
        }
        request.current_app = self.name
        return TemplateResponse(request, "newsroom/dashboard.html", context)

    def get_urls(self) -> list[URLResolver | URLPattern]:
        from warta.newsroom import staff

        def with_context(view: Any) -> Any:
            def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
                return view(request, *args, site_context=self.each_context(request), **kwargs)

            return wrapped

        def invitation(request: HttpRequest, uidb64: str, token: str) -> HttpResponseBase:
            view = staff.InvitationView.as_view(extra_context=self.each_context(request))
            return view(request, uidb64=uidb64, token=token)

        return [
            path("staf/", self.admin_view(with_context(staff.staff_list)), name="staff"),
            path("staf/tambah/", self.admin_view(with_context(staff.staff_add)), name="staff_add"),
            path("staf/<int:pk>/", self.admin_view(with_context(staff.staff_change)), name="staff_change"),
            # Public: the invited person has no password yet.
            path("undangan/<uidb64>/<token>/", invitation, name="staff_invitation"),
            *super().get_urls(),
        ]


class NewsroomAdminConfig(AdminConfig):
    default_site = "warta.newsroom.site.NewsroomAdminSite"

    def ready(self) -> None:
        super().ready()
        from warta.newsroom import audit

        user_login_failed.connect(login_failed, dispatch_uid="newsroom.site.login_failed")
        user_logged_in.connect(logged_in, dispatch_uid="newsroom.site.logged_in")
        audit.connect()
