"""The last-resort error pages: a database that is away is a 503 that says when to try again."""

from __future__ import annotations

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
