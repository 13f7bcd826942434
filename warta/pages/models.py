from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from warta.lib.text import sanitize_html

# First path segments the site already uses: a page there would never be reached.
RESERVED_SLUGS = frozenset(
    "author cari category feed komentar laporkan logo media ralat redaksi robots sitemap static tag wp-admin "
    "wp-content wp-login".split()
)


def not_reserved(slug: str) -> None:
    if slug in RESERVED_SLUGS or slug.isdigit():
        raise ValidationError(
            _("“%(slug)s” is already used by the site; choose another address."), params={"slug": slug}
        )


class Page(models.Model):
    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(_("address"), max_length=80, unique=True, validators=[not_reserved])
    body = models.TextField(_("text"), help_text=_("Paragraphs, headings, lists and links."))
    in_footer = models.BooleanField(_("link in the footer"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("static page")
        verbose_name_plural = _("static pages")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("pages:page", kwargs={"slug": self.slug})
