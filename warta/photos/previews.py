"""Small pictures of library photos for the back office: the list's thumbnail column and the
preview beside a chosen photo. Always a rendition, never the full-size original."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from warta.photos.models import Photo, Rendition

BOX = 80  # CSS pixels: the longer side of a thumbnail as the page lays it out


def fitted(width: int, height: int, box: int = BOX) -> tuple[int, int]:
    """The size of a width × height picture scaled to fit a box × box square, at least 1 × 1."""
    if width <= 0 or height <= 0:
        return box, box
    if width >= height:
        return box, max(1, round(box * height / width))
    return max(1, round(box * width / height)), box


def thumbnail_html(photo: Photo, box: int = BOX) -> SafeString:
    """A lazily loaded <img> of the photo's smallest rendition (with the WebP of the same width as a
    <source> where there is one), sized to fit box × box; a few words where it has none. Reads
    photo.renditions.all(): prefetch them for a list."""
    small = photo.thumbnail()
    if small is None:
        return format_html('<span class="photo-thumb photo-thumb--none">{}</span>', _("No preview"))
    width, height = fitted(small.width, small.height, box)
    webp = next(
        (
            r
            for r in photo.renditions.all()
            if not r.crop and r.width == small.width and r.format == Rendition.Format.WEBP and r.pk != small.pk
        ),
        None,
    )
    source = format_html('<source type="image/webp" srcset="{}">', webp.image.url) if webp else ""
    return format_html(
        '<picture class="photo-thumb">{}<img src="{}" width="{}" height="{}" alt="{}" loading="lazy" '
        'decoding="async"></picture>',
        source,
        small.image.url,
        width,
        height,
        photo.alt_text,
    )
