"""Answers, not 500s, for input a stranger or a curious colleague can send; and what a colleague's
draft does not reveal."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from tests import wsgi_client
from tests.conftest import SEED_URL, person
from warta.articles.models import Article
from warta.wsgi import application

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/9999/", "/9999/12/", "/9999/12/31/", "/0001/"])
def test_a_date_archive_at_the_end_of_the_calendar_is_a_404(client, path):
    assert client.get(path).status_code == 404


def test_a_search_until_the_last_day_of_the_calendar_is_answered(client, seed):
    response = client.get("/cari/", {"q": "putin", "sampai": "9999-12-31"})
    assert response.status_code == 200 and "Gawat, Putin-Kim Jong Un" in response.content.decode()


def test_a_search_suggestion_considers_a_bounded_number_of_words(client, seed):
    response = client.get("/cari/", {"q": " ".join(["zzqx"] * 100)})
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/static/a%00b.css", "/static/" + "x" * 5000 + ".css"])
def test_a_static_name_the_file_system_cannot_hold_is_a_404(path):
    assert wsgi_client.request(application, path).status == 404


@pytest.mark.parametrize("path", ["terbaru", "feed"])
def test_a_live_report_number_too_large_for_the_database_is_a_404(client, path):
    assert client.get(f"/langsung/{2**70}/{path}/").status_code == 404


def test_a_colleagues_draft_shows_not_even_its_headline(django_user_model, seed):
    writer = person(django_user_model, "penulis", "Penulis")
    draft = Article.objects.create(
        headline="Embargo: menteri mundur besok",
        slug="embargo-menteri-mundur",
        section=seed.section,
        body=[{"type": "paragraph", "text": "Rahasia."}],
    )
    response = writer.get(f"/redaksi/articles/article/{draft.pk}/change/")
    assert response.status_code == 403
    assert "Embargo" not in response.content.decode() and "milik rekan Anda" in response.content.decode()


@pytest.mark.parametrize("version", ["1e400", "-1", "99999999999"])
def test_an_autosave_with_an_impossible_version_is_refused(django_user_model, version):
    writer = person(django_user_model, "penulis", "Penulis")
    body = '{"base_version": %s, "fields": {"headline": "x", "body": []}}' % version  # noqa: UP031 - raw JSON number
    response = writer.post("/redaksi/articles/article/autosave/", body, "application/json")
    assert response.status_code == 400 and json.loads(response.content)["errors"]


def test_a_live_desk_address_that_is_no_number_is_a_404(django_user_model):
    editor = person(django_user_model, "editor", "Editor")
    assert editor.get("/redaksi/live/livereport/abc/change/").status_code == 404


def test_only_an_admin_makes_an_admin(django_user_model):
    manager = django_user_model.objects.create_user("pengelola", "p@kempalan.test", "rahasia-123", is_staff=True)
    manager.user_permissions.add(*Permission.objects.filter(codename__in=["add_user", "change_user", "view_user"]))
    client = Client()
    client.force_login(manager)
    form = {"name": "Orang Baru", "email": "baru@kempalan.test", "role": "Admin", "existing_author": ""}
    assert client.post("/redaksi/staf/tambah/", form).status_code == 403
    assert not django_user_model.objects.filter(email="baru@kempalan.test").exists()


def test_an_upload_is_served_with_nosniff_and_kept_a_year(seed):
    photo = seed.lead_photo
    assert photo is not None and photo.image
    answer = wsgi_client.request(application, photo.image.url)
    assert answer.status == 200 and answer.headers["Content-Type"] == "image/jpeg"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert answer.body == photo.image.read()
    again = wsgi_client.request(application, photo.image.url, IF_MODIFIED_SINCE=answer.headers["Last-Modified"])
    assert again.status == 304
    for not_the_photo in ("/", "/.", "/./", "//"):
        assert wsgi_client.request(application, photo.image.url + not_the_photo).status == 404


@pytest.mark.parametrize("path", ["/media/../secret_key", "/media/%2e%2e/secret_key", "/media/photos/nope.jpg"])
def test_nothing_outside_the_uploads_is_served_as_one(path):
    answer = wsgi_client.request(application, path)
    assert answer.status == 404 and b"BEGIN" not in answer.body


@pytest.mark.parametrize(
    "path", ["/", SEED_URL, "/feed/", "/sitemap.xml", "/cari/?q=putin", "/indeks/", "/robots.txt", "/ralat/"]
)
def test_pages_that_only_read_answer_other_methods_405(seed, path):
    """A POST that passes the CSRF check, or an OPTIONS, is not answered with the whole page."""
    client = Client()
    assert client.get(path).status_code == 200 and client.head(path).status_code == 200
    refused = client.options(path)
    assert refused.status_code == 405 and refused["Allow"] == "GET, HEAD" and refused.content == b""
    assert client.post(path, {"a": "b"}).status_code == 405  # the test client skips CSRF, as a valid token would
