"""Crops for search engines: 16:9, 4:3 and 1:1 around a photo's focal point, listed in the JSON-LD."""

from __future__ import annotations

import io
import json
import math
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from PIL import Image, ImageChops

from tests.conftest import SEED_URL, must_search
from warta.photos.crops import RATIOS, Box, crop_box, crop_size, set_focal_point
from warta.photos.models import Photo, Rendition

RED, BLUE = (220, 20, 20), (20, 20, 220)


def jpeg(width: int, height: int, colour: str | tuple[int, int, int] = "seagreen") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def red_and_blue(width: int = 1600, height: int = 1200) -> bytes:
    """The left half red, the right half blue."""
    image = Image.new("RGB", (width, height), RED)
    image.paste(BLUE, (width // 2, 0, width, height))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def stored_photo(data: bytes, name: str = "uji.jpg") -> Photo:
    # Its renditions are made on post_save.
    return Photo.objects.create(alt_text="Foto uji", caption="Uji", image=ContentFile(data, name=name))


def crops(photo: Photo) -> dict[str, Rendition]:
    return {r.crop: r for r in Rendition.objects.filter(photo=photo).exclude(crop="")}


def pixels(rendition: Rendition) -> Image.Image:
    with rendition.image.open("rb") as handle, Image.open(handle) as image:
        return image.convert("RGB")


def red_share(image: Image.Image) -> float:
    """How much of the picture is red (JPEG blurs the border a little, so by the dominant channel)."""
    red, _green, blue = image.split()
    bluer = ImageChops.subtract(red, blue).histogram()[0]  # where red - blue, clipped at 0, is 0
    return 1 - bluer / (image.width * image.height)


# The arithmetic ---------------------------------------------------------------------------------


def test_the_default_focal_point_centres_the_largest_box():
    assert crop_box(1600, 1200, (16, 9)) == Box(0, 150, 1600, 1050)
    assert crop_box(1600, 1200, (4, 3)) == Box(0, 0, 1600, 1200)
    assert crop_box(1600, 1200, (1, 1)) == Box(200, 0, 1400, 1200)
    assert crop_box(900, 1600, (16, 9)) == Box(0, 547, 900, 1053)  # a portrait: full width, a band in the middle


@pytest.mark.parametrize(
    ("focal", "square", "wide"),
    [
        ((0.0, 0.0), Box(0, 0, 1200, 1200), Box(0, 0, 1600, 900)),
        ((1.0, 1.0), Box(400, 0, 1600, 1200), Box(0, 300, 1600, 1200)),
        ((0.1, 0.95), Box(0, 0, 1200, 1200), Box(0, 300, 1600, 1200)),
        ((0.9, 0.05), Box(400, 0, 1600, 1200), Box(0, 0, 1600, 900)),
        ((0.6, 0.4), Box(360, 0, 1560, 1200), Box(0, 30, 1600, 930)),  # room enough: centred on the point
    ],
)
def test_a_focal_point_near_an_edge_is_clamped_inside_the_image(focal, square, wide):
    assert crop_box(1600, 1200, (1, 1), *focal) == square
    assert crop_box(1600, 1200, (16, 9), *focal) == wide


@pytest.mark.parametrize("size", [(1600, 1200), (1200, 675), (1201, 677), (333, 1000), (4000, 3), (7, 5), (1, 1)])
@pytest.mark.parametrize("focal", [(0.5, 0.5), (0.0, 1.0), (0.13, 0.77), (1.0, 0.0)])
@pytest.mark.parametrize("ratio", list(RATIOS.values()))
def test_every_box_is_the_largest_of_its_ratio_within_a_pixel(size, focal, ratio):
    width, height = size
    box = crop_box(width, height, ratio, *focal)
    assert 0 <= box.left < box.right <= width and 0 <= box.top < box.bottom <= height
    assert box.width == width or box.height == height  # nothing bigger of that ratio would fit
    ratio_w, ratio_h = ratio
    assert abs(box.width - box.height * ratio_w / ratio_h) <= 1 or abs(box.height - box.width * ratio_h / ratio_w) <= 1
    # The focal point is at the centre, unless an edge is in the way.
    for start, span, length, point in ((box.left, box.width, width, focal[0]), (box.top, box.height, height, focal[1])):
        if start not in (0, length - span):
            assert abs(start + span / 2 - point * length) <= 1
    out_w, out_h = crop_size(box, ratio)
    assert out_w == min(1200, box.width) and abs(out_h - out_w * ratio_h / ratio_w) <= 1


def test_the_crop_ratios_are_the_renditions_crop_choices():
    assert list(RATIOS) == [crop for crop in Rendition.Crop if crop != Rendition.Crop.ORIGINAL]
    assert all(f"{w}x{h}" == name for name, (w, h) in RATIOS.items())


def test_nonsense_sizes_and_points_are_refused():
    with pytest.raises(ValueError, match="positive"):
        crop_box(0, 100, (1, 1))
    with pytest.raises(ValueError, match="outside"):
        crop_box(100, 100, (1, 1), 1.2, 0.5)


# Crops on upload --------------------------------------------------------------------------------


@pytest.fixture
def writer(django_user_model) -> Client:
    user = django_user_model.objects.create_user("penulis", "penulis@kempalan.test", "rahasia-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Penulis"))
    client = Client()
    client.force_login(user)
    return client


def test_an_upload_gets_three_crops_1200_wide_beside_its_responsive_renditions(writer, seed):
    response = writer.post(
        "/redaksi/photos/photo/add/",
        {
            "image": SimpleUploadedFile("pantai.jpg", jpeg(1600, 1200)),
            "caption": "Pantai",
            "credit": "Kempalan",
            "alt_text": "Pasir dan ombak",
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get(caption="Pantai")
    assert (photo.focal_x, photo.focal_y) == (0.5, 0.5)
    made = crops(photo)
    assert {ratio: (r.width, r.height, r.format) for ratio, r in made.items()} == {
        "16x9": (1200, 675, "jpeg"),
        "4x3": (1200, 900, "jpeg"),
        "1x1": (1200, 1200, "jpeg"),
    }
    for rendition in made.values():
        assert pixels(rendition).size == (rendition.width, rendition.height)
    # The responsive renditions are as before, and the crops stay out of the srcsets.
    assert sorted((r.format, r.width) for r in photo.renditions.filter(crop="")) == [
        ("jpeg", 480),
        ("jpeg", 800),
        ("jpeg", 1200),
        ("webp", 480),
        ("webp", 800),
        ("webp", 1200),
        ("webp", 1600),
    ]
    jpegs = [entry.split()[1] for entry in photo.srcset().split(", ")]
    webps = [entry.split()[1] for entry in photo.webp_srcset().split(", ")]
    assert jpegs == webps == ["480w", "800w", "1200w", "1600w"]
    assert not any(r.image.url in photo.srcset() + photo.webp_srcset() for r in made.values())
    assert photo.crop_urls() == {ratio: (r.image.url, r.width, r.height) for ratio, r in made.items()}
    assert list(photo.crop_urls()) == ["16x9", "4x3", "1x1"]


def test_a_photo_as_wide_as_the_crops_gives_every_ratio_at_1200_px(db):
    photo = stored_photo(jpeg(1200, 675))  # the seed's size: its square would be 675 px
    assert {ratio: (r.width, r.height) for ratio, r in crops(photo).items()} == {
        "16x9": (1200, 675),
        "4x3": (1200, 900),
        "1x1": (1200, 1200),
    }


def test_a_small_original_gives_smaller_crops_never_upscaled(db):
    photo = stored_photo(jpeg(800, 600))
    assert {ratio: (r.width, r.height) for ratio, r in crops(photo).items()} == {
        "16x9": (800, 450),
        "4x3": (800, 600),
        "1x1": (600, 600),
    }
    portrait = stored_photo(jpeg(600, 1000))
    assert {ratio: (r.width, r.height) for ratio, r in crops(portrait).items()} == {
        "16x9": (600, 338),
        "4x3": (600, 450),
        "1x1": (600, 600),
    }


# Moving the focal point -------------------------------------------------------------------------


def test_moving_the_focal_point_cuts_the_crops_again(db, django_capture_on_commit_callbacks):
    photo = stored_photo(red_and_blue())
    centred = crops(photo)
    assert red_share(pixels(centred["1x1"])) == pytest.approx(0.5, abs=0.02)
    responsive = set(photo.renditions.filter(crop="").values_list("pk", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        set_focal_point(photo, 0.1, 0.5)
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (0.1, 0.5)
    left = crops(photo)
    assert set(left) == set(RATIOS) and not {r.pk for r in left.values()} & {r.pk for r in centred.values()}
    assert red_share(pixels(left["1x1"])) == pytest.approx(2 / 3, abs=0.02)  # x 0..1200 of 1600: two thirds red
    assert red_share(pixels(left["16x9"])) == pytest.approx(0.5, abs=0.02)  # full width: the point moves nothing
    assert (left["1x1"].width, left["1x1"].height) == (1200, 1200)
    # The old crops' files are gone, the responsive renditions untouched.
    assert not any(default_storage.exists(str(r.image.name)) for r in centred.values())
    assert set(photo.renditions.filter(crop="").values_list("pk", flat=True)) == responsive

    set_focal_point(photo, 0.9, 1)
    right = crops(photo)
    assert red_share(pixels(right["1x1"])) == pytest.approx(1 / 3, abs=0.02)
    assert Rendition.objects.filter(photo=photo).count() == len(responsive) + 3


@pytest.mark.parametrize(
    ("x", "y"), [(1.5, 0.5), (0.5, -0.01), (math.nan, 0.5), (0.5, math.inf), ("0.5", 0.5), (True, 0.5), (None, 0)]
)
def test_a_focal_point_outside_the_photo_is_refused_and_changes_nothing(db, x, y):
    photo = stored_photo(jpeg(1000, 800))
    before = {r.pk for r in crops(photo).values()}
    with pytest.raises(ValidationError) as refused:
        set_focal_point(photo, x, y)
    assert refused.value.code == "focal_point" and "dari 0 sampai 1" in refused.value.messages[0]  # in Indonesian
    with translation.override("en"), pytest.raises(ValidationError, match="two numbers from 0 to 1"):
        set_focal_point(photo, x, y)
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (0.5, 0.5)
    assert {r.pk for r in crops(photo).values()} == before


def test_a_photo_without_a_file_keeps_its_focal_point_and_has_no_crops(db):
    photo = Photo.objects.create(source_url="https://kempalan.test/foto.jpg", alt_text="Dari WordPress")
    set_focal_point(photo, 0.25, 0.75)
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (0.25, 0.75) and photo.crop_urls() == {}


def test_the_command_makes_the_crops_photos_lack(seed, capsys):
    photo = seed.lead_photo
    assert photo is not None
    photo.renditions.exclude(crop="").delete()
    call_command("make_renditions")
    assert "; 0 could not be read." in capsys.readouterr().out
    assert {ratio: (r.width, r.height) for ratio, r in crops(photo).items()} == {
        "16x9": (1200, 675),
        "4x3": (1200, 900),
        "1x1": (1200, 1200),
    }


# What search engines read -----------------------------------------------------------------------


def json_ld(client: Client, url: str = SEED_URL) -> dict:
    page = client.get(url).content.decode()
    return json.loads(must_search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))


def test_the_json_ld_lists_the_three_crops_at_1200_px(client, seed):
    photo = seed.lead_photo
    assert photo is not None
    images = json_ld(client)["image"]
    expected = [(f"http://testserver{url}", width, height) for url, width, height in photo.crop_urls().values()]
    assert [(i["url"], i["width"], i["height"]) for i in images] == expected
    assert [(i["width"], i["height"]) for i in images] == [(1200, 675), (1200, 900), (1200, 1200)]
    assert all(i["@type"] == "ImageObject" and i["creditText"] == "Detik" for i in images)
    assert len({i["url"] for i in images}) == 3 and photo.image.url not in {i["url"] for i in images}
    for url, width, height in photo.crop_urls().values():
        name = url.removeprefix(settings.MEDIA_URL)
        with default_storage.open(name) as handle, Image.open(handle) as image:
            assert image.size == (width, height) and image.format == "JPEG"


def test_the_json_ld_follows_a_new_focal_point(client, seed):
    photo = seed.lead_photo
    assert photo is not None
    before = [i["url"] for i in json_ld(client)["image"]]
    set_focal_point(photo, 0.0, 0.0)  # the cached page is purged when the photo is saved
    after = [i["url"] for i in json_ld(client)["image"]]
    assert len(after) == 3 and not set(before) & set(after)
    assert after == [f"http://testserver{url}" for url, _w, _h in photo.crop_urls().values()]


def test_the_json_ld_falls_back_to_the_original_without_crops(client, seed):
    photo = seed.lead_photo
    assert photo is not None
    photo.renditions.exclude(crop="").delete()  # as for a photo stored before crops existed
    images = json_ld(client)["image"]
    assert [(i["url"], i["width"], i["height"]) for i in images] == [(f"http://testserver{photo.image.url}", 1200, 675)]
