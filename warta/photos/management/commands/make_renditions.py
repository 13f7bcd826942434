"""Make every photo's missing renditions and crops, e.g. after an upgrade adds a new kind."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from warta.photos.models import Photo
from warta.photos.renditions import ensure_renditions


class Command(BaseCommand):
    help = "Make the missing renditions (responsive sizes and crops for search engines) of every photo."

    def handle(self, *args: Any, **options: Any) -> None:
        photos = Photo.objects.exclude(image="").order_by("pk")
        done = failed = 0
        for photo in photos.iterator(chunk_size=200):
            try:
                ensure_renditions(Photo, photo)
            except OSError as exc:  # a missing or unreadable file: report it, carry on with the others
                failed += 1
                self.stderr.write(f"Photo {photo.pk} ({photo.image.name}): {exc}")
            else:
                done += 1
        self.stdout.write(f"Renditions checked for {done} photos; {failed} could not be read.")
