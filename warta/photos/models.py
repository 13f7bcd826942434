from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from warta.lib.text import plain_credit

# A point of a picture as fractions of its width and height: (0, 0) top left, (1, 1) bottom right.
FRACTION = [MinValueValidator(0.0), MaxValueValidator(1.0)]


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
    # Peraturan Dewan Pers 1/2025: a picture made or altered with AI says so under it.
    ai_disclosure = models.CharField(
        _("use of AI"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Ilustrasi dibuat dengan AI. Shown with the caption; empty: no AI."),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # Whose photo it is: a writer changes her own only (changeable_by), as on WordPress.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # What the crops for search engines keep in the picture; set with crops.set_focal_point.
    focal_x = models.FloatField(
        _("focal point, across"), default=0.5, validators=FRACTION, help_text=_("0 is the left edge, 1 the right.")
    )
    focal_y = models.FloatField(
        _("focal point, down"), default=0.5, validators=FRACTION, help_text=_("0 is the top edge, 1 the bottom.")
    )

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-uploaded_at"]
        permissions = [("change_any_photo", _("Can change photos uploaded by anyone"))]

    def __str__(self) -> str:
        return self.caption or self.alt_text or self.image.name or self.source_url

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Stored as "Detik", never "Foto: Detik": pages add "Foto:" once, feeds and the JSON-LD
        # carry the name alone, and the library's credit filter lists each photographer once.
        self.credit = plain_credit(self.credit or "")
        super().save(*args, **kwargs)

    def changeable_by(self, user: Any) -> bool:
        """A caption, credit, file or focal point changed shows at once wherever the photo is
        used, published articles included: editors change any photo, writers their own."""
        if user.has_perm("photos.change_any_photo"):
            return True
        return bool(user.has_perm("photos.change_photo") and self.uploaded_by_id and self.uploaded_by_id == user.pk)

    @property
    def url(self) -> str:
        return self.image.url if self.image else self.source_url

    def _responsive(self, kind: str) -> list[Rendition]:
        """The renditions at the original's ratio in one format (crops are for search engines only).
        Filtered in Python, not in the database, so that a prefetch of renditions is used."""
        return [r for r in self.renditions.all() if r.crop == Rendition.Crop.ORIGINAL and r.format == kind]

    def thumbnail(self) -> Rendition | None:
        """The smallest rendition at the original's ratio (JPEG before WebP at the same width), for
        the back office's lists and pickers; None for a photo without renditions (no file, or not yet
        made), which shows no picture there rather than its full-size original. Uses a prefetch."""
        found = [r for r in self.renditions.all() if r.crop == Rendition.Crop.ORIGINAL]
        return min(found, key=lambda r: (r.width, r.format != Rendition.Format.JPEG), default=None)

    def srcset(self) -> str:
        """Return the srcset attribute: every JPEG rendition, then the original at its own width."""
        if not self.image:
            return ""
        candidates = [(r.width, r.image.url) for r in self._responsive(Rendition.Format.JPEG)]
        candidates.append((self.width, self.image.url))
        return ", ".join(f"{url} {width}w" for width, url in sorted(set(candidates)))

    def webp_srcset(self) -> str:
        """The same widths in WebP, about a third lighter, for the browsers that take it."""
        candidates = [(r.width, r.image.url) for r in self._responsive(Rendition.Format.WEBP)]
        return ", ".join(f"{url} {width}w" for width, url in sorted(candidates))

    def crop_urls(self) -> dict[str, tuple[str, int, int]]:
        """The crops for search engines, ratio ("16x9", "4x3", "1x1") → (url, width, height), widest ratio
        first; empty for a photo without them (no file, or not yet made). Uses a prefetch of renditions."""
        ratios = [crop for crop in Rendition.Crop if crop != Rendition.Crop.ORIGINAL]  # in the order declared
        found: dict[str, Rendition] = {}
        for r in self.renditions.all():
            if r.crop in ratios and r.format == Rendition.Format.JPEG:
                if r.crop not in found or r.width > found[r.crop].width:
                    found[r.crop] = r
        return {
            str(ratio): (found[ratio].image.url, found[ratio].width, found[ratio].height)
            for ratio in ratios
            if ratio in found
        }


class Rendition(models.Model):
    """A smaller or lighter copy of a photo, for phones on slow connections."""

    class Format(models.TextChoices):
        JPEG = "jpeg"
        WEBP = "webp"

    class Crop(models.TextChoices):
        """The original's own ratio (responsive renditions), or a crop around the focal point
        (the same ratios as warta.photos.crops.RATIOS, widest first)."""

        ORIGINAL = "", _("original ratio")
        WIDE = "16x9", "16:9"
        STANDARD = "4x3", "4:3"
        SQUARE = "1x1", "1:1"

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")
    crop = models.CharField(max_length=4, choices=Crop.choices, default=Crop.ORIGINAL, blank=True)
    format = models.CharField(max_length=4, choices=Format.choices, default=Format.JPEG)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    image = models.ImageField(upload_to="renditions/%Y/%m/")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "crop", "width", "format"], name="one_rendition_per_crop_and_width"
            )
        ]
        ordering = ["width"]

    def __str__(self) -> str:
        crop = f"[{self.crop}]" if self.crop else ""
        return f"{self.photo_id}{crop}@{self.width}w.{self.format}"
