"""What an Admin sets in *Pengaturan situs* reaches every reader: the logo and tagline in the
masthead, the favicon, the profiles elsewhere in the footer, and the outlet in the JSON-LD. Before,
they were saved and offered to the templates, and no page showed them."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tests.conftest import SEED_URL, person
from warta.sitesettings import values

pytestmark = pytest.mark.django_db
FORM = "/redaksi/sitesettings/sitesettings/1/change/"


@pytest.fixture(autouse=True)
def _forget_settings():
    values.forget()
    yield
    values.forget()


def png(name: str, size: tuple[int, int]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def fields(**changes) -> dict:
    blank = ["tagline", "facebook", "x", "instagram", "youtube", "tiktok", "comment_trust_approved"]
    blank += ["comment_max_links", "comment_close_after_days", "comment_max_length", "reading_wpm"]
    return {**dict.fromkeys(blank, ""), **changes}


def graph(page: str) -> list[dict]:
    found = []
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        data = json.loads(block)
        found += data.get("@graph", [data])
    return found


def test_the_outlets_identity_reaches_the_readers_pages(django_user_model, seed, django_capture_on_commit_callbacks):
    admin = person(django_user_model, "kepala", "Admin")
    assert admin.get("/redaksi/sitesettings/sitesettings/")["Location"] == FORM  # the one row, made on first visit
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            FORM,
            fields(
                tagline="Tajam dan terpercaya",
                facebook="https://facebook.com/kempalan",
                instagram="https://instagram.com/kempalan",
                logo=png("logo.png", (400, 80)),
                favicon=png("ikon.png", (64, 64)),
            ),
        )
    assert response.status_code == 302 and response["Location"] != "/redaksi/login/"
    reader = Client()
    home = reader.get("/").content.decode()
    logo = re.search(r'<a class="brand" href="/"><img class="brand__logo" src="([^"]+)" alt="Kempalan"></a>', home)
    assert logo and logo.group(1).startswith("/media/situs/logo")
    assert '<p class="masthead__tagline">Tajam dan terpercaya</p>' in home
    social = re.search(r'<ul class="social-links"[^>]*>(.*?)</ul>', home, re.S)
    assert social and re.findall(r'<a href="([^"]+)" rel="me noopener">(\w+)</a>', social.group(1)) == [
        ("https://facebook.com/kempalan", "Facebook"),
        ("https://instagram.com/kempalan", "Instagram"),
    ]
    icon = re.search(r'<link rel="icon" href="([^"]+)">', home)
    assert icon and icon.group(1).startswith("/media/situs/ikon")
    favicon = reader.get("/favicon.ico")
    assert favicon.status_code == 302 and favicon["Location"] == icon.group(1)

    organization = next(n for n in graph(home) if n.get("@type") == "Organization")
    story = next(n for n in graph(reader.get(SEED_URL).content.decode()) if n.get("@type") == "NewsArticle")
    for outlet in (organization, story["publisher"]):
        assert outlet["name"] == "Kempalan" and outlet["logo"]["url"] == "http://testserver" + logo.group(1)
        assert outlet["sameAs"] == ["https://facebook.com/kempalan", "https://instagram.com/kempalan"]


def test_without_settings_the_site_keeps_its_name_and_drawn_icon(client, seed):
    home = client.get("/").content.decode()
    assert '<a class="brand" href="/">Kempalan</a>' in home
    assert "masthead__tagline" not in home and "social-links" not in home
    assert '<link rel="icon" href="/favicon.ico" sizes="48x48">' in home
    assert client.get("/favicon.ico")["Content-Type"] == "image/x-icon"
