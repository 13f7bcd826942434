"""Uploading to the photo library: the file is checked by what it is, not by its name."""

from __future__ import annotations

import io
import warnings
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from warta.photos.models import Photo

FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
MAX_PIXELS = 50_000_000  # a 50-megapixel photo; a "decompression bomb" claims far more
# What an encoder may carry over from the uploaded file: how pixels are drawn, nothing said about
# them. Pillow writes a JPEG's comment segment (GPS notes, an HTML payload) back by default.
KEEP_INFO = {"transparency"}


class PhotoForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["image", "caption", "credit", "alt_text"]
        # Checked below by opening it ourselves, with a pixel limit: Django's own image check
        # would turn a decompression bomb into a generic message.
        field_classes = {"image": forms.FileField}

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload is None or not hasattr(upload, "content_type"):
            return upload  # unchanged file on an existing photo
        limit = settings.WARTA_PHOTO_MAX_MB * 1024 * 1024
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)d MB."),
                # 17,0 in Indonesian, 17.0 in English: the site's own decimal mark.
                params={"size": number_format(upload.size / 2**20, 1), "limit": settings.WARTA_PHOTO_MAX_MB},
            )
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                Image.MAX_IMAGE_PIXELS = MAX_PIXELS
                upload.seek(0)
                with Image.open(upload) as probe:
                    kind = probe.format
                    probe.verify()
                upload.seek(0)
                with Image.open(upload) as image:
                    if kind not in FORMATS:
                        raise forms.ValidationError(_("Upload a JPEG, PNG or WebP photo."))
                    # Re-encoded without its metadata: GPS positions and camera serials stay home.
                    image.load()
                    clean = ImageOps.exif_transpose(image)
                    buffer = io.BytesIO()
                    options = {"quality": 90} if kind in {"JPEG", "WEBP"} else {}
                    if kind == "JPEG" and clean.mode not in {"RGB", "L"}:
                        clean = clean.convert("RGB")
                    icc = image.info.get("icc_profile")
                    if icc:
                        options["icc_profile"] = icc  # colours, not metadata: kept
                    clean.info = {key: value for key, value in clean.info.items() if key in KEEP_INFO}
                    clean.save(buffer, kind, **options)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise forms.ValidationError(_("The picture is too large to be a photo (over 50 megapixels).")) from None
        except (UnidentifiedImageError, OSError, SyntaxError):
            raise forms.ValidationError(
                _("This file is not a photo Warta can read. Upload a JPEG, PNG or WebP.")
            ) from None
        extension, content_type = FORMATS[kind]
        name = f"{PurePath(upload.name).stem[:80] or 'foto'}.{extension}"
        return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
