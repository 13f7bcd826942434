from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Author(models.Model):
    """The public byline of a writer; a staff account is optional (guest writers have none)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    bio = models.TextField(_("short biography"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
    )

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("front:author", kwargs={"slug": self.slug})


def public_name(user: Any) -> str:
    """How the newsroom names a staff member in front of others: their byline, else their full
    name, else their login."""
    author = getattr(user, "author", None)  # None when the account has no byline
    return (author.name if author else "") or user.get_full_name() or user.get_username()
