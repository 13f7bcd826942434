"""The last-resort error pages: a database that is away is a 503 that says when to try again."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import OperationalError

from warta import urls
from warta.front.errors import server_error


def test_the_site_uses_warta_s_error_handler():
    assert urls.handler500 == "warta.front.errors.server_error"


def test_a_database_that_is_away_answers_503_with_a_time_to_retry(rf):
    try:
        raise OperationalError("terminating connection due to administrator command")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "Sebentar lagi" in page and "teks Anda masih ada di formulir" in page


def test_any_other_failure_is_the_plain_500_page(rf):
    try:
        raise ZeroDivisionError
    except ZeroDivisionError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500 and "Terjadi kesalahan" in response.content.decode()


def test_a_form_refused_by_the_csrf_check_says_so_in_indonesian(seed):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/redaksi/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formulir ini sudah kedaluwarsa" in page and "muat ulang halaman" in page
    assert 'lang="id"' in page and "DEBUG" not in page


def test_staff_refused_in_the_back_office_stay_in_the_back_office(client, django_user_model, seed):
    """A writer asking for what only editors may do (starting a live report) gets the back
    office's own page, with a way back to it; a reader's 403 keeps the site's page."""
    writer = django_user_model.objects.create_user("penulis", "p@kempalan.test", "rahasia-123", is_staff=True)
    writer.groups.add(Group.objects.get(name="Penulis"))
    client.force_login(writer)
    response = client.get("/redaksi/live/livereport/add/")
    assert response.status_code == 403
    page = response.content.decode()
    assert 'id="site-name"' in page or 'id="header"' in page  # the admin's layout
    assert "Anda tidak diizinkan membuka halaman ini." in page
    assert '<a href="/redaksi/">Kembali ke halaman Redaksi</a>' in page
    assert 'class="sections"' not in page  # not the readers' masthead and menu
