from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Section(models.Model):
    """A desk of the newsroom and a rubric of the site: Internasional, Ekonomi, ..."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent section"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in the site navigation, smallest first.")
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("front:section", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        # As readers and writers read a list: "banjir, Kenjeran, rob", not capitals first.
        ordering = [Lower("name"), "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("front:tag", kwargs={"slug": self.slug})
