"""*Pengaturan situs*: Admins change the outlet's settings in the back office; the environment
still wins for operators; a change purges the cached pages."""

from __future__ import annotations

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
