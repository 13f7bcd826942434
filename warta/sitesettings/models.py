"""One row of site settings (pk 1). Empty means "not set here": the default, or the environment."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

TRUST_CHOICES = [(None, _("Default")), (True, _("Yes")), (False, _("No"))]


class SiteSettings(models.Model):
    site_name = models.CharField(_("outlet name"), max_length=60, blank=True)
    tagline = models.CharField(_("tagline"), max_length=160, blank=True)
    logo = models.ImageField(
        _("logo"), upload_to="situs/", blank=True, help_text=_("A PNG, JPEG or WebP image for the masthead.")
    )
    favicon = models.ImageField(
        _("favicon"), upload_to="situs/", blank=True, help_text=_("A square image, at least 48×48 pixels.")
    )
    facebook = models.URLField(_("Facebook page"), blank=True)
    x = models.URLField(_("X (Twitter) profile"), blank=True)
    instagram = models.URLField(_("Instagram profile"), blank=True)
    youtube = models.URLField(_("YouTube channel"), blank=True)
    tiktok = models.URLField(_("TikTok profile"), blank=True)
    comment_trust_approved = models.BooleanField(
        _("publish at once for commenters with an approved comment"), null=True, blank=True, choices=TRUST_CHOICES
    )
    comment_max_links = models.PositiveSmallIntegerField(
        _("links allowed in a comment before it waits for moderation"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(50)],
    )
    comment_close_after_days = models.PositiveIntegerField(
        _("close comments after (days, 0 = never)"), null=True, blank=True, validators=[MaxValueValidator(36500)]
    )
    comment_max_length = models.PositiveIntegerField(
        _("characters in one comment"),
        null=True,
        blank=True,
        validators=[MinValueValidator(100), MaxValueValidator(50000)],
    )
    reading_wpm = models.PositiveSmallIntegerField(
        _("reading speed (words per minute)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(50), MaxValueValidator(1000)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self) -> str:
        return str(_("Site settings"))
