from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Photo(models.Model):
    """A picture in the newsroom's library, reusable across articles."""

    image = models.ImageField(
        _("image file"), upload_to="photos/%Y/%m/", width_field="width", height_field="height", blank=True
    )
    # A photo imported without its file (from WordPress, say) keeps pointing at the original.
    source_url = models.URLField(_("original address"), max_length=500, blank=True)
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=120, blank=True, help_text=_("Photographer or agency, e.g. Detik.")
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.caption or self.alt_text or self.image.name or self.source_url

    @property
    def url(self) -> str:
        return self.image.url if self.image else self.source_url

    def srcset(self) -> str:
        """Return the srcset attribute: every JPEG rendition, then the original at its own width."""
        if not self.image:
            return ""
        candidates = [(r.width, r.image.url) for r in self.renditions.all() if r.format == Rendition.Format.JPEG]
        candidates.append((self.width, self.image.url))
        return ", ".join(f"{url} {width}w" for width, url in sorted(set(candidates)))

    def webp_srcset(self) -> str:
        """The same widths in WebP, about a third lighter, for the browsers that take it."""
        candidates = [(r.width, r.image.url) for r in self.renditions.all() if r.format == Rendition.Format.WEBP]
        return ", ".join(f"{url} {width}w" for width, url in sorted(candidates))


class Rendition(models.Model):
    """A smaller or lighter copy of a photo, for phones on slow connections."""

    class Format(models.TextChoices):
        JPEG = "jpeg"
        WEBP = "webp"

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")
    format = models.CharField(max_length=4, choices=Format.choices, default=Format.JPEG)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    image = models.ImageField(upload_to="renditions/%Y/%m/")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["photo", "width", "format"], name="one_rendition_per_width")]
        ordering = ["width"]

    def __str__(self) -> str:
        return f"{self.photo_id}@{self.width}w.{self.format}"
