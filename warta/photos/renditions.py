"""Make the responsive renditions of a photo, and its crops for search engines."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps

from warta.photos.crops import CROP_WIDTH, RATIOS, crop_box, crop_size, delete_files
from warta.photos.models import Photo, Rendition

JPEG_QUALITY = 82
WEBP_QUALITY = 78


def note_replaced_file(sender: type, instance: Photo, **kwargs: object) -> None:
    """pre_save: a new file for a photo already stored makes every rendition of the old one wrong
    (a page's srcset would mix both pictures, the old one at some screen widths), and its focal
    point was chosen on another picture: back to the middle, unless one was set with the file."""
    update_fields = kwargs.get("update_fields")
    if not instance.pk or (isinstance(update_fields, frozenset) and "image" not in update_fields):  # set_focal_point
        return
    before = Photo.objects.filter(pk=instance.pk).values_list("image", "focal_x", "focal_y").first()
    replaced = before is not None and before[0] != instance.image.name
    instance._file_replaced = replaced  # type: ignore[attr-defined]
    if replaced and before is not None and (instance.focal_x, instance.focal_y) == (before[1], before[2]):
        instance.focal_x = instance.focal_y = 0.5


def ensure_renditions(sender: type, instance: Photo, **kwargs: object) -> None:
    """Create each missing rendition: JPEGs narrower than the original (never upscaled), WebP at
    those widths and the original's, and a JPEG crop for each ratio in RATIOS around the focal point."""
    if getattr(instance, "_file_replaced", False):
        # The old rows go now, their files once the transaction commits (as set_focal_point does):
        # a rollback keeps the old photo with its renditions whole.
        stale = list(instance.renditions.all())
        Rendition.objects.filter(pk__in=[r.pk for r in stale]).delete()
        files = [(r.image.storage, r.image.name) for r in stale if r.image.name]
        transaction.on_commit(lambda: delete_files(files))
        instance._file_replaced = False  # type: ignore[attr-defined]
    if not instance.image or not instance.width:
        return
    have = set(instance.renditions.values_list("crop", "width", "format"))
    widths = [w for w in settings.WARTA_PHOTO_WIDTHS if w < instance.width]
    wanted = [(w, Rendition.Format.JPEG) for w in widths] + [
        (w, Rendition.Format.WEBP) for w in [*widths, instance.width]
    ]
    wanted = [(w, f) for w, f in wanted if (Rendition.Crop.ORIGINAL, w, f) not in have]
    cropped = {crop for crop, _width, _format in have}
    crops = [ratio for ratio in RATIOS if ratio not in cropped]
    if wanted or crops:
        _render(instance, wanted, crops)


def make_crops(photo: Photo, ratios: Sequence[str]) -> None:
    """Cut the photo's crops at these ratios (keys of RATIOS) around its focal point, from its file."""
    if photo.image and photo.width and ratios:
        _render(photo, [], ratios)


def _render(photo: Photo, wanted: Sequence[tuple[int, str]], crops: Sequence[str]) -> None:
    photo.image.open("rb")
    try:
        with Image.open(photo.image) as opened:
            original = ImageOps.exif_transpose(opened).convert("RGB")
    finally:
        photo.image.close()
    # Nothing from the file but its pixels: Pillow would copy a JPEG comment into every rendition
    # (originals stored before uploads were cleaned may still carry one).
    original.info = {}
    stem = PurePath(photo.image.name or "photo").stem
    for width, kind in wanted:
        height = round(original.height * width / original.width)
        copy = original if width == original.width else original.resize((width, height), Image.Resampling.LANCZOS)
        suffix = "webp" if kind == Rendition.Format.WEBP else "jpg"
        _store(Rendition(photo=photo, width=width, height=height, format=kind), copy, f"{stem}-{width}w.{suffix}")
    for ratio in crops:
        box = crop_box(original.width, original.height, RATIOS[ratio], photo.focal_x, photo.focal_y)
        # A photo at least as large as the crops' width gives every ratio at that width; a smaller
        # one is never blown up.
        size = crop_size(box, RATIOS[ratio], fill_width=max(original.size) >= CROP_WIDTH)
        copy = original.crop(box)
        if copy.size != size:
            copy = copy.resize(size, Image.Resampling.LANCZOS)
        rendition = Rendition(photo=photo, crop=ratio, width=size[0], height=size[1], format=Rendition.Format.JPEG)
        _store(rendition, copy, f"{stem}-{ratio}-{size[0]}w.jpg")


def _store(rendition: Rendition, picture: Image.Image, name: str) -> None:
    buffer = io.BytesIO()
    if rendition.format == Rendition.Format.WEBP:
        picture.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    else:
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    rendition.image.save(name, ContentFile(buffer.getvalue()), save=False)
    rendition.save()
