"""Make the responsive renditions of a photo."""

from __future__ import annotations

import io
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from warta.photos.models import Photo, Rendition

JPEG_QUALITY = 82
WEBP_QUALITY = 78


def ensure_renditions(sender: type, instance: Photo, **kwargs: object) -> None:
    """Create each missing rendition: JPEGs narrower than the original (never upscaled), and
    WebP at those widths and the original's."""
    if not instance.image or not instance.width:
        return
    have = set(instance.renditions.values_list("width", "format"))
    widths = [w for w in settings.WARTA_PHOTO_WIDTHS if w < instance.width]
    wanted = [(w, Rendition.Format.JPEG) for w in widths] + [
        (w, Rendition.Format.WEBP) for w in [*widths, instance.width]
    ]
    wanted = [(w, f) for w, f in wanted if (w, f) not in have]
    if not wanted:
        return
    instance.image.open("rb")
    try:
        with Image.open(instance.image) as opened:
            original = ImageOps.exif_transpose(opened).convert("RGB")
            stem = PurePath(instance.image.name or "photo").stem
            for width, kind in wanted:
                height = round(original.height * width / original.width)
                copy = (
                    original if width == original.width else original.resize((width, height), Image.Resampling.LANCZOS)
                )
                buffer = io.BytesIO()
                if kind == Rendition.Format.WEBP:
                    copy.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
                else:
                    copy.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
                rendition = Rendition(photo=instance, width=width, height=height, format=kind)
                suffix = "webp" if kind == Rendition.Format.WEBP else "jpg"
                rendition.image.save(f"{stem}-{width}w.{suffix}", ContentFile(buffer.getvalue()), save=False)
                rendition.save()
    finally:
        instance.image.close()
