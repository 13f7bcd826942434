"""Make the responsive renditions of a photo."""

from __future__ import annotations

import io
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from warta.photos.models import Photo, Rendition

JPEG_QUALITY = 82


def ensure_renditions(sender: type, instance: Photo, **kwargs: object) -> None:
    """Create each missing rendition narrower than the original (never upscale)."""
    if not instance.image or not instance.width:
        return
    have = set(instance.renditions.values_list("width", flat=True))
    wanted = [w for w in settings.WARTA_PHOTO_WIDTHS if w < instance.width and w not in have]
    if not wanted:
        return
    instance.image.open("rb")
    try:
        with Image.open(instance.image) as original:
            original = ImageOps.exif_transpose(original).convert("RGB")
            stem = PurePath(instance.image.name).stem
            for width in wanted:
                height = round(original.height * width / original.width)
                copy = original.resize((width, height), Image.Resampling.LANCZOS)
                buffer = io.BytesIO()
                copy.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
                rendition = Rendition(photo=instance, width=width, height=height)
                rendition.image.save(f"{stem}-{width}w.jpg", ContentFile(buffer.getvalue()), save=False)
                rendition.save()
    finally:
        instance.image.close()
