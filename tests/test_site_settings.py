"""*Pengaturan situs*: Admins change the outlet's settings in the back office; the environment
still wins for operators; a change purges the cached pages."""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.conftest import SEED_URL
from warta.newsroom.models import AuditEntry
from warta.sitesettings import values
from warta.sitesettings.models import SiteSettings

pytestmark = pytest.mark.django_db
FORM = "/redaksi/sitesettings/sitesettings/1/change/"
# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture(autouse=True)
def _forget_settings():
    values.forget()
    yield
    values.forget()


class StaffClient(Client):
    """A test client signed in as a member of the newsroom, kept at hand as .user."""

    user: Any


def signed_in(django_user_model, username: str, role: str) -> StaffClient:
    user = django_user_model.objects.create_user(username, f"{username}@kempalan.test", "rahasia-123", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client = StaffClient()
    client.force_login(user)
    client.user = user
    return client


def settings_form(**changes) -> dict:
    data = {
        "tagline": "",
        "facebook": "",
        "x": "",
        "instagram": "",
        "youtube": "",
        "tiktok": "",
        "comment_trust_approved": "",
        "comment_max_links": "",
        "comment_close_after_days": "",
        "comment_max_length": "",
        "reading_wpm": "",
    }
    return {**data, **changes}


def test_an_admin_saves_settings_and_they_are_in_force_and_logged(django_user_model):
    admin = signed_in(django_user_model, "kepala", "Admin")
    assert admin.get("/redaksi/sitesettings/sitesettings/")["Location"] == FORM
    response = admin.post(FORM, settings_form(tagline="Tajam dan terpercaya", reading_wpm="250", x="x.com/kabarkota"))
    assert response.status_code == 302
    effective = values.current()
    assert effective.tagline == "Tajam dan terpercaya" and effective.reading_wpm == 250
    assert effective.social == {"x": "https://x.com/kabarkota"}
    entry = AuditEntry.objects.get(kind="settings")
    assert entry.action == "edited" and entry.user == admin.user


def test_the_environment_wins_and_the_form_says_so(django_user_model, monkeypatch):
    SiteSettings.objects.create(pk=1, site_name="Nama dari basis data", comment_max_links=7)
    monkeypatch.setenv("WARTA_COMMENT_MAX_LINKS", "2")
    values.forget()
    effective = values.current()
    # WARTA_SITE_NAME is set by the test settings: the environment beats the database.
    assert effective.site_name == "Kempalan" and effective.comment_max_links == 2
    assert {"site_name", "comment_max_links"} <= effective.locked
    admin = signed_in(django_user_model, "kepala", "Admin")
    page = admin.get(FORM).content.decode()
    assert "Ditetapkan lewat variabel lingkungan WARTA_SITE_NAME" in page
    assert "Ditetapkan lewat variabel lingkungan WARTA_COMMENT_MAX_LINKS" in page


def test_empty_means_the_default():
    SiteSettings.objects.create(pk=1)
    values.forget()
    effective = values.current()
    assert effective.reading_wpm == 200 and effective.comment_max_length == 5000 and effective.tagline == ""


def test_a_bad_value_is_explained_with_what_was_typed_kept(django_user_model):
    admin = signed_in(django_user_model, "kepala", "Admin")
    admin.get("/redaksi/sitesettings/sitesettings/")
    response = admin.post(FORM, settings_form(reading_wpm="5", tagline="Slogan saya"))
    page = response.content.decode()
    assert response.status_code == 200 and "Slogan saya" in page
    assert "Pastikan nilai ini lebih besar dari atau sama dengan 50." in page
    assert values.current().reading_wpm == 200


def test_a_change_purges_the_cached_pages(django_user_model, client, seed, django_capture_on_commit_callbacks):
    from warta.caching.store import current_generations

    before = current_generations(["site"])
    admin = signed_in(django_user_model, "kepala", "Admin")
    admin.get("/redaksi/sitesettings/sitesettings/")
    with django_capture_on_commit_callbacks(execute=True):  # purges follow the commit
        admin.post(FORM, settings_form(tagline="Baru"))
    assert current_generations(["site"]) != before
    assert client.get(SEED_URL).status_code == 200


def test_the_dashboard_links_to_settings_for_admins_only(django_user_model):
    admin = signed_in(django_user_model, "kepala", "Admin")
    assert "Pengaturan situs" in admin.get("/redaksi/").content.decode()
    editor = signed_in(django_user_model, "editor", "Editor")
    assert "/redaksi/sitesettings/" not in editor.get("/redaksi/").content.decode()


@pytest.mark.parametrize("role", ["Penulis", "Editor"])
def test_writers_and_editors_cannot_change_settings(django_user_model, role):
    client = signed_in(django_user_model, "orang", role)
    SiteSettings.objects.create(pk=1)
    assert client.get(FORM).status_code == 403
    assert client.post(FORM, settings_form(tagline="Dibajak")).status_code == 403
    assert client.get("/redaksi/sitesettings/sitesettings/").status_code == 403
    assert SiteSettings.objects.get(pk=1).tagline == ""


def test_templates_get_the_settings_in_force(client, seed):
    SiteSettings.objects.create(pk=1, tagline="Tajam dan terpercaya")
    values.forget()
    response = client.get(SEED_URL)
    assert response.context["site_tagline"] == "Tajam dan terpercaya"
    assert response.context["site_name"] == "Kempalan"


def test_a_field_the_environment_sets_shows_the_value_in_force_and_keeps_the_saved_one(django_user_model):
    SiteSettings.objects.create(pk=1, site_name="Nama dari basis data")
    values.forget()
    admin = signed_in(django_user_model, "kepala", "Admin")
    page = admin.get(FORM).content.decode()
    field = re.search(r'<input[^>]*name="site_name"[^>]*>', page)
    assert field and 'value="Kempalan"' in field[0] and "disabled" in field[0]
    assert admin.post(FORM, settings_form(tagline="Baru")).status_code == 302
    assert SiteSettings.objects.get(pk=1).site_name == "Nama dari basis data"  # not overwritten


def test_the_help_says_in_words_what_empty_means(django_user_model):
    admin = signed_in(django_user_model, "kepala", "Admin")
    admin.get("/redaksi/sitesettings/sitesettings/")
    page = admin.get(FORM).content.decode()
    assert "Kosong: —" not in page
    assert "Biarkan kosong untuk memakai bawaan Warta: 200." in page  # reading speed
    assert "Biarkan kosong bila tidak ada." in page  # tagline, social profiles


def test_an_at_name_becomes_the_profile_address(django_user_model):
    admin = signed_in(django_user_model, "kepala", "Admin")
    admin.get("/redaksi/sitesettings/sitesettings/")
    # A text box: a URL input would have the browser refuse "@kempalan" before it is sent.
    form = admin.get(FORM).content.decode()
    assert re.search(r'<input type="text" name="instagram"', form) and 'type="url" name="instagram"' not in form
    response = admin.post(FORM, settings_form(instagram="@kempalan", x=" @kempalan_id "))
    assert response.status_code == 302
    assert values.current().social == {
        "instagram": "https://www.instagram.com/kempalan/",
        "x": "https://x.com/kempalan_id",
    }


def test_after_an_error_the_form_says_to_choose_the_logo_again(django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin = signed_in(django_user_model, "kepala", "Admin")
    admin.get("/redaksi/sitesettings/sitesettings/")
    logo = SimpleUploadedFile("logo.png", PNG, content_type="image/png")
    response = admin.post(FORM, {**settings_form(reading_wpm="5"), "logo": logo})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Berkas “logo.png” belum tersimpan karena ada kesalahan di formulir: pilih lagi berkas logo." in page
    assert not SiteSettings.objects.get(pk=1).logo


def test_the_breadcrumb_names_the_page_once(django_user_model):
    admin = signed_in(django_user_model, "kepala", "Admin")
    admin.get("/redaksi/sitesettings/sitesettings/")
    page = admin.get(FORM).content.decode()
    crumbs = re.search(r'<div class="breadcrumbs">(.*?)</div>', page, re.S)
    assert crumbs and re.sub(r"<[^>]+>|\s+", " ", crumbs[1]).split() == ["Beranda", "›", "Pengaturan", "situs"]
