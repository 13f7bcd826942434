from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhotosConfig(AppConfig):
    name = "warta.photos"
    verbose_name = _("Photo library")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_save, pre_save

        from warta.photos.models import Photo
        from warta.photos.renditions import ensure_renditions, note_replaced_file

        # Renditions are made once, when the photo is saved, never while a reader waits; all of
        # them again when its file is replaced.
        pre_save.connect(note_replaced_file, sender=Photo, dispatch_uid="photos.replaced")
        post_save.connect(ensure_renditions, sender=Photo, dispatch_uid="photos.renditions")

        from warta.caching import invalidation, keys

        # The page cache: an edited photo (caption, credit) may show anywhere; a new one nowhere yet.
        invalidation.on_change(Photo, lambda _: {keys.SITE}, new_ones_too=False)
