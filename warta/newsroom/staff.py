"""Staff in one screen (*Tambah staf*): name, email and role in; the account, its role, its byline
and an invitation out. The invitation carries a one-time link to choose a password (Django's
password-reset token: it dies once a password is set, or after PASSWORD_RESET_TIMEOUT), so no
password ever travels by email. Deactivating keeps the account and its bylines; it only stops
the person signing in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from warta.authors.models import Author
from warta.lib.http import staff_user
from warta.newsroom import audit
from warta.newsroom.models import AuditEntry
from warta.newsroom.roles import ADMIN, EDITOR, WRITER
from warta.sitesettings import values as site_values

User = get_user_model()
ROLE_CHOICES = [(WRITER, gettext_lazy("Writer")), (EDITOR, gettext_lazy("Editor")), (ADMIN, gettext_lazy("Admin"))]
ROLE_NAMES = [name for name, _label in ROLE_CHOICES]


def role_of(user: Any) -> str:
    """The user's role: Admin for superusers, else the first role group they are in ('' for none)."""
    if user.is_superuser:
        return ADMIN
    names = {group.name for group in user.groups.all()}
    return next((name for name in ROLE_NAMES if name in names), "")


def role_label(role: str) -> str:
    return str(dict(ROLE_CHOICES).get(role, _("no role")))


def set_role(user: Any, role: str) -> None:
    """Put the user in exactly one role group. Admins are also superusers: every permission,
    including those of apps installed after the roles were made."""
    user.is_superuser = role == ADMIN
    user.is_staff = True
    user.save(update_fields=["is_superuser", "is_staff"])
    keep = [group for group in user.groups.all() if group.name not in ROLE_NAMES]
    user.groups.set([*keep, Group.objects.get(name=role)])


def _unique_username(email: str) -> str:
    base = slugify(email.split("@", 1)[0]).replace("-", ".")[:140] or "staf"
    name, n = base, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{base}{n}"
    return name


def _unique_author_slug(name: str) -> str:
    base = slugify(name)[:110] or "penulis"
    slug, n = base, 1
    while Author.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class StaffForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Full name"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("Email"))
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=ROLE_CHOICES, widget=forms.RadioSelect, initial=WRITER)
    existing_author = forms.ModelChoiceField(
        label=gettext_lazy("Byline"),
        queryset=Author.objects.filter(user__isnull=True).order_by("name"),
        required=False,
        empty_label=gettext_lazy("A new byline with this name"),
        help_text=gettext_lazy("Or claim a byline without an account, e.g. one imported from WordPress."),
    )

    # Shown only when the name is already a colleague's byline (staff_add.html).
    different_person = forms.BooleanField(
        label=gettext_lazy("Yes, a different person with the same name"), required=False
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Someone on the staff already uses this address."))
        return email

    def clean(self) -> dict[str, Any]:
        """A name that is already a byline: readers must not find two bylines for one person."""
        data = super().clean() or {}
        name = " ".join(str(data.get("name") or "").split())
        if not name or data.get("existing_author") is not None or data.get("different_person"):
            return data
        named = Author.objects.filter(name__iexact=name)
        same = named.filter(user__isnull=False).first()  # a colleague's first: the likelier mix-up
        if same is not None:
            message = _(
                "“%(name)s” is already a colleague's byline; readers would see two bylines with one name. "
                "Add a middle name or an initial, or tick this box if it really is a different person."
            )
        else:
            same = named.first()
            if same is None:
                return data
            message = _(
                "The byline “%(name)s” already exists, without an account: choose it under Byline to give it "
                "to them, or tick this box if it is a different person."
            )
        self.add_error("different_person", message % {"name": same.name})
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=ROLE_CHOICES)


def invitation_link(user: Any) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.WARTA_SITE_URL + reverse("admin:staff_invitation", args=[uid, token])


def send_invitation(user: Any, inviter: Any) -> None:
    """Email the one-time link (after the account is committed, so the link always works)."""
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    site = site_values.current().site_name
    subject = _("[%(site)s] Your newsroom account") % {"site": site}
    body = _(
        "Hello %(name)s,\n\n%(inviter)s added you to the %(site)s newsroom as %(role)s.\n\n"
        "Your username: %(username)s\n\nChoose your password here (the link works once, for %(days)d days):\n"
        "%(link)s\n\nThe newsroom is at %(desk)s\n"
    ) % {
        "name": user.get_full_name() or user.get_username(),
        "inviter": inviter.get_full_name() or inviter.get_username(),
        "site": site,
        "role": role_label(role_of(user)),
        "username": user.get_username(),
        "days": days,
        "link": invitation_link(user),
        "desk": settings.WARTA_SITE_URL + reverse("admin:index"),
    }
    address = user.email
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address]))


def create_staff(data: dict[str, Any], inviter: Any) -> Any:
    """Account, role, byline and audit entry in one transaction; the invitation after commit."""
    with transaction.atomic():
        user = User(username=_unique_username(data["email"]), email=data["email"], first_name=data["name"])
        user.set_unusable_password()
        user.is_staff = True
        user.save()
        set_role(user, data["role"])
        author = data.get("existing_author")
        if author is not None:
            author.user = user
            author.save(update_fields=["user"])
        else:
            Author.objects.create(name=data["name"], slug=_unique_author_slug(data["name"]), user=user)
        role = role_label(data["role"])
        audit.record(inviter, AuditEntry.Action.INVITED, AuditEntry.Kind.STAFF, user.pk, data["name"], role)
        send_invitation(user, inviter)
    return user


def _staff() -> QuerySet:
    return (
        User.objects.filter(is_staff=True)
        .select_related("author")
        .prefetch_related(Prefetch("groups", queryset=Group.objects.only("name")))
        .order_by("-is_active", "first_name", "username")
    )


def _require(request: HttpRequest, permission: str) -> Any:
    user = staff_user(request)
    if not user.has_perm(permission):
        raise PermissionDenied
    return user


def staff_list(request: HttpRequest, site_context: dict[str, Any]) -> HttpResponse:
    user = _require(request, "auth.view_user")
    people = list(_staff())
    for person in people:
        person.role = role_of(person)
        person.role_label = role_label(person.role)
    context = {
        **site_context,
        "title": _("Staff"),
        "people": people,
        "roles": ROLE_CHOICES,
        "can_add": user.has_perm("auth.add_user"),
        "can_change": user.has_perm("auth.change_user"),
        "me": user.pk,
    }
    return TemplateResponse(request, "newsroom/staff_list.html", context)


def staff_add(request: HttpRequest, site_context: dict[str, Any]) -> HttpResponse:
    inviter = _require(request, "auth.add_user")
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["role"] == ADMIN and not inviter.is_superuser:
            raise PermissionDenied  # only an Admin makes an Admin
        user = create_staff(form.cleaned_data, inviter)
        messages.success(
            request,
            _("%(name)s is on the staff as %(role)s. The invitation went to %(email)s.")
            % {"name": form.cleaned_data["name"], "role": role_label(form.cleaned_data["role"]), "email": user.email},
        )
        return redirect("admin:staff")
    context = {**site_context, "title": _("Add staff"), "form": form}
    return TemplateResponse(request, "newsroom/staff_add.html", context, status=400 if form.errors else 200)


def staff_change(request: HttpRequest, pk: int, site_context: dict[str, Any]) -> HttpResponse:
    """The row buttons: role, deactivate, reactivate, send the invitation again (POST only)."""
    actor = _require(request, "auth.change_user")
    if request.method != "POST":
        return redirect("admin:staff")
    person = get_object_or_404(User, pk=pk, is_staff=True)
    name = person.get_full_name() or person.get_username()
    what = request.POST.get("do", "")
    if person.pk == actor.pk and what in {"role", "deactivate"}:
        messages.error(request, _("You cannot change your own role or deactivate yourself; ask another Admin."))
        return redirect("admin:staff")
    if person.is_superuser and not actor.is_superuser:
        raise PermissionDenied
    if what == "role":
        form = RoleForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose one of the roles."))
            return redirect("admin:staff")
        before, after = role_of(person), form.cleaned_data["role"]
        if after == ADMIN and not actor.is_superuser:
            raise PermissionDenied  # only an Admin makes an Admin
        if before != after:
            set_role(person, after)
            detail = f"{role_label(before)} → {role_label(after)}"
            audit.record(actor, AuditEntry.Action.ROLE_CHANGED, AuditEntry.Kind.STAFF, person.pk, name, detail)
            messages.success(request, _("%(name)s is now %(role)s.") % {"name": name, "role": role_label(after)})
    elif what in {"deactivate", "reactivate"}:
        person.is_active = what == "reactivate"
        person.save(update_fields=["is_active"])
        action = AuditEntry.Action.REACTIVATED if person.is_active else AuditEntry.Action.DEACTIVATED
        audit.record(actor, action, AuditEntry.Kind.STAFF, person.pk, name)
        if person.is_active:
            messages.success(request, _("%(name)s can sign in again.") % {"name": name})
        else:
            messages.success(request, _("%(name)s can no longer sign in. Their bylines stay.") % {"name": name})
    elif what == "invite" and person.is_active and person.last_login is None:
        send_invitation(person, actor)
        audit.record(actor, AuditEntry.Action.INVITED, AuditEntry.Kind.STAFF, person.pk, name, _("sent again"))
        messages.success(request, _("The invitation went to %(email)s again.") % {"email": person.email})
    return redirect("admin:staff")


class InvitationView(PasswordResetConfirmView):
    """The invitation's link: choose a password, and be signed in to the newsroom."""

    template_name = "newsroom/invitation.html"
    post_reset_login = True
    success_url = reverse_lazy("admin:index")
    reset_url_token = "kata-sandi"  # noqa: S105 - the placeholder in the address, not a password

    def get_user(self, uidb64: str) -> Any:
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active and user.is_staff else None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Choose your password") if context.get("validlink") else _("This link no longer works")
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is set. Welcome to the newsroom."))
        return response
