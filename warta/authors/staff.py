"""Who in the newsroom should hear about something: active staff holding a permission."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q


def emails_of_staff_who_may(codename: str) -> list[str]:
    """Email addresses of active staff with the permission `codename` (by group, by their own
    grant, or as superusers), each once, sorted."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    allowed = Q(is_superuser=True) | Q(user_permissions__codename=codename) | Q(groups__permissions__codename=codename)
    return sorted(set(users.filter(allowed).values_list("email", flat=True)))
