"""Hostile input that was accepted or echoed: markup in feeds, notes hidden in photos, a body
of nothing but forbidden markup, TRACE."""

from __future__ import annotations

import io

import feedparser  # type: ignore[import-untyped]  # ships no type information
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from warta.articles.models import Article
from warta.authors.models import Author
from warta.photos.models import Photo

pytestmark = pytest.mark.django_db

PAYLOAD = b"GPS 7.2575 S 112.7521 E <script>alert(1)</script>"


# RSS -------------------------------------------------------------------------------------------


def test_a_dek_with_markup_reaches_feed_readers_as_words_not_markup(client, make_article):
    make_article(slug="markup", headline="Dek berbahaya", dek='Harga <b>naik</b> <img src=x onerror="alert(1)">')
    xml = client.get("/feed/").content.decode()
    # Readers take <description> as HTML once the XML is read: it must hold escaped text.
    assert "&amp;lt;img src=x" in xml and "&lt;img src=x" not in xml.replace("&amp;lt;", "")
    entry = next(e for e in feedparser.parse(xml).entries if e.title == "Dek berbahaya")
    assert "<img" not in entry.summary and "&lt;img" in entry.summary  # shown as text, never run


# Photos ----------------------------------------------------------------------------------------


def jpeg_with_comment() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1300, 800), "darkolivegreen").save(buffer, "JPEG", comment=PAYLOAD)
    return buffer.getvalue()


@pytest.fixture
def writer(django_user_model) -> Client:
    user = django_user_model.objects.create_user("juru", "juru@kempalan.test", "rahasia-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Penulis"))
    Author.objects.create(name="Juru", slug="juru", user=user)
    client = Client()
    client.force_login(user)
    return client


def test_a_jpeg_comment_is_kept_out_of_the_stored_photo_and_every_rendition(writer):
    assert PAYLOAD in jpeg_with_comment()  # the upload carries it
    response = writer.post(
        "/redaksi/photos/photo/add/",
        {
            "image": SimpleUploadedFile("pasar.jpg", jpeg_with_comment()),
            "caption": "Pasar",
            "credit": "Kempalan",
            "alt_text": "Pedagang sayur",
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get(caption="Pasar")
    files = [photo.image, *(r.image for r in photo.renditions.all())]
    assert len(files) >= 7  # the original, JPEG and WebP widths, three crops
    for stored in files:
        with stored.open("rb") as handle:
            data = handle.read()
        assert b"GPS 7.2575" not in data and b"<script>" not in data, stored.name
        with Image.open(io.BytesIO(data)) as image:
            assert "comment" not in image.info and "exif" not in image.info


def test_renditions_of_a_photo_stored_with_a_comment_leave_it_out(db):
    """Originals stored before uploads were cleaned: `warta make_renditions` must not spread it."""
    from django.core.files.base import ContentFile

    photo = Photo.objects.create(image=ContentFile(jpeg_with_comment(), name="lama.jpg"), caption="Lama")
    with photo.image.open("rb") as handle:
        assert b"GPS 7.2575" in handle.read()  # stored as it came, as before uploads were cleaned
    assert photo.renditions.exists()
    for rendition in photo.renditions.all():
        with rendition.image.open("rb") as handle:
            assert b"GPS 7.2575" not in handle.read(), rendition.image.name


# The writing desk: a body of nothing but forbidden markup (item 4, verified) ---------------------


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "- <svg onload=alert(1)>", '<img src=x onerror="alert(1)">'],
)
def test_a_body_of_only_forbidden_markup_is_refused_in_the_form_with_the_text_kept(writer, seed, text):
    form = {
        "headline": "Serangan",
        "slug": "serangan",
        "dek": "",
        "body_text": text,
        "section": seed.section_id,
        "dateline_city": "Surabaya",
        **{
            f"{name}-{kind}_FORMS": "0"
            for name in ("bylines", "sources", "corrections")
            for kind in ("TOTAL", "INITIAL")
        },
    }
    response = writer.post("/redaksi/articles/article/add/", form)
    assert response.status_code == 200  # the form again, never a 500
    page = response.content.decode()
    assert "errorlist" in page and not Article.objects.filter(slug="serangan").exists()
    assert "alert(1)" in page  # what the writer typed is still in the textarea (escaped)


# Methods ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/feed/", "/redaksi/login/"])
def test_trace_is_refused(client, seed, path):
    response = client.generic("TRACE", path)
    assert response.status_code == 405 and "TRACE" not in response["Allow"]
    assert b"Cookie" not in response.content
