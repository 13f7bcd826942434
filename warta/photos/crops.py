"""Where to cut a photo for a fixed aspect ratio, keeping its focal point in the picture.

crop_box and crop_size are pure arithmetic on sizes; set_focal_point moves the point and has the
crops cut again (the pixels are cut in warta.photos.renditions).
"""

from __future__ import annotations

import math
from typing import Final, NamedTuple

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.db import transaction
from django.utils.translation import gettext as _

from warta.photos.models import Photo, Rendition

# The aspect ratios search engines ask for (Google's article markup: 16x9, 4x3 and 1x1), widest first.
RATIOS: Final[dict[str, tuple[int, int]]] = {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}
# Crops are made this wide when the original allows it (Google asks for at least 1200 px). Never upscaled.
CROP_WIDTH: Final = 1200


class Box(NamedTuple):
    """A rectangle in pixels, as PIL's Image.crop takes it: right and bottom are exclusive."""

    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top


def _round(value: float) -> int:
    """Round half up, not to even: the same focal point always gives the same box."""
    return math.floor(value + 0.5)


def _place(length: int, span: int, focal: float) -> int:
    """Start of a span of `span` pixels centred on `focal` (0..1 of `length`), kept inside 0..length."""
    return min(max(_round(focal * length - span / 2), 0), length - span)


def crop_box(width: int, height: int, ratio: tuple[int, int], focal_x: float = 0.5, focal_y: float = 0.5) -> Box:
    """The largest box of `ratio` (w, h) inside a width×height image, centred on the focal point
    (fractions of the width and height, 0..1) and moved back inside the image where it would cross an edge."""
    ratio_w, ratio_h = ratio
    if width < 1 or height < 1 or ratio_w < 1 or ratio_h < 1:
        raise ValueError(f"sizes must be positive: {width}x{height}, ratio {ratio_w}:{ratio_h}")
    if not (0.0 <= focal_x <= 1.0 and 0.0 <= focal_y <= 1.0):
        raise ValueError(f"focal point outside the image: ({focal_x}, {focal_y})")
    if width * ratio_h >= height * ratio_w:  # wider than the ratio: full height, cut the sides
        box_h = height
        box_w = min(width, max(1, _round(height * ratio_w / ratio_h)))
    else:  # taller: full width, cut top and bottom
        box_w = width
        box_h = min(height, max(1, _round(width * ratio_h / ratio_w)))
    left = _place(width, box_w, focal_x)
    top = _place(height, box_h, focal_y)
    return Box(left, top, left + box_w, top + box_h)


def crop_size(
    box: Box, ratio: tuple[int, int], max_width: int = CROP_WIDTH, fill_width: bool = False
) -> tuple[int, int]:
    """The size to scale a crop to: `max_width` wide at most, never wider than the box itself;
    with fill_width, exactly `max_width` wide (search engines want 1200 px in every ratio, and a
    photo that is 1200 px wide gives a 675 px square before scaling)."""
    ratio_w, ratio_h = ratio
    if box.width <= max_width and not fill_width:
        return box.width, box.height
    return max_width, max(1, _round(max_width * ratio_h / ratio_w))


def _fraction(value: float) -> float:
    """A number from 0 to 1; ValueError for anything else (text, a bool, NaN, infinity, out of range)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(value)
    number = float(value)
    if not (math.isfinite(number) and 0.0 <= number <= 1.0):
        raise ValueError(value)
    return number


def delete_files(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        storage.delete(name)


def set_focal_point(photo: Photo, x: float, y: float) -> Photo:
    """Move the photo's focal point to (x, y), fractions of its width and height from the top left,
    and cut its crops again around it. Raises ValidationError unless both are numbers from 0 to 1.

    The photo is updated in place (and returned). The old crops' rows go at once, their files once
    the transaction commits: a rollback keeps them, and a page cached before the purge still finds them
    until then."""
    from warta.photos.renditions import make_crops  # renditions imports this module

    try:
        focal_x, focal_y = _fraction(x), _fraction(y)
    except ValueError:
        raise ValidationError(
            _("The focal point must be two numbers from 0 to 1 (from the left edge and from the top edge)."),
            code="focal_point",
        ) from None
    with transaction.atomic():
        # Locked: two editors clicking at once would otherwise cut the same crops twice. Reloading
        # also drops a prefetched list of renditions, which would still hold the old crops.
        photo.refresh_from_db(from_queryset=Photo.objects.select_for_update())
        photo.focal_x, photo.focal_y = focal_x, focal_y
        stale = list(photo.renditions.exclude(crop=Rendition.Crop.ORIGINAL))
        Rendition.objects.filter(pk__in=[r.pk for r in stale]).delete()
        make_crops(photo, list(RATIOS))
        # Saved after the new crops exist: saving purges the cached pages, which must not be rebuilt
        # in between without them. (post_save's ensure_renditions then finds nothing missing.)
        photo.save(update_fields=["focal_x", "focal_y"])
        files = [(r.image.storage, r.image.name) for r in stale if r.image.name]
        transaction.on_commit(lambda: delete_files(files))
    return photo
