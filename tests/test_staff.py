"""*Tambah staf*: one screen makes the account, its role and byline, and emails a one-time link."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client, override_settings

from tests.conftest import must_search
from warta.articles.models import Byline
from warta.authors.models import Author
from warta.newsroom.models import AuditEntry

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Pena-Tajam-2024"  # noqa: S105 - what the invited writer chooses, in a test


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


@pytest.fixture
def admin(django_user_model) -> StaffClient:
    return signed_in(django_user_model, "kepala", "Admin")


def add(client: Client, **fields) -> Any:
    # different_person: the demo has a byline "Rina Wulandari" without an account; a new one is wanted.
    data = {"name": "Rina Wulandari", "email": "Rina@Kempalan.test", "role": "Penulis", "different_person": "on"}
    data.update(fields)
    return client.post("/redaksi/staf/tambah/", data, HTTP_HOST="127.0.0.1")


@override_settings(WARTA_SITE_URL="https://kabarkota.id")
def test_one_screen_makes_account_role_byline_and_sends_a_one_time_link(
    admin, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = add(admin)
    assert response.status_code == 302 and response["Location"] == "/redaksi/staf/"
    rina = django_user_model.objects.get(email="rina@kempalan.test")
    assert rina.username == "rina" and rina.is_staff and rina.is_active and not rina.has_usable_password()
    assert [g.name for g in rina.groups.all()] == ["Penulis"]
    assert Author.objects.get(user=rina).name == "Rina Wulandari"
    (message,) = mail.outbox
    assert message.to == ["rina@kempalan.test"] and "Nama pengguna Anda: rina" in message.body
    assert "rahasia" not in message.body and "password" not in message.body.lower()  # no password in an email
    link = must_search(r"https://kabarkota\.id(/redaksi/undangan/\S+/)", str(message.body)).group(1)
    entry = AuditEntry.objects.get(action="invited")
    assert entry.user == admin.user and entry.kind == "staff" and entry.object_id == str(rina.pk)

    invited = Client()
    form = invited.get(link, follow=True)
    assert "Buat kata sandi Anda" in form.content.decode() and "rina" in form.content.decode()
    done = invited.post(
        form.redirect_chain[-1][0], {"new_password1": "Pena-Tajam-2024", "new_password2": "Pena-Tajam-2024"}
    )
    assert done.status_code == 302 and done["Location"] == "/redaksi/"
    assert invited.get("/redaksi/").status_code == 200  # signed in
    again = Client().get(link, follow=True)
    assert "Tautan ini tidak berlaku lagi" in again.content.decode()  # one time only
    assert Client().login(username="rina", password=NEW_PASSWORD)


def test_nobody_types_an_id_an_existing_byline_is_claimed_by_name(admin, django_user_model):
    imported = Author.objects.create(name="Budi Santoso", slug="budi-santoso")
    page = admin.get("/redaksi/staf/tambah/").content.decode()
    assert 'type="number"' not in page and "Budi Santoso" in page and "Tambahkan dan kirim undangan" in page
    add(admin, name="Budi Santoso", email="budi@kempalan.test", existing_author=imported.pk, role="Editor")
    budi = django_user_model.objects.get(email="budi@kempalan.test")
    imported.refresh_from_db()
    assert imported.user == budi and Author.objects.filter(name="Budi Santoso").count() == 1
    assert budi.has_perm("articles.publish_article")


def test_a_mistake_is_explained_and_what_was_typed_is_kept(admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        add(admin)
        response = add(admin, name="Rina Kedua")
    page = response.content.decode()
    assert response.status_code == 400 and "sudah dipakai anggota staf lain" in page
    assert 'value="Rina Kedua"' in page and len(mail.outbox) == 1


def test_a_name_that_is_already_a_byline_is_not_made_a_second_one_silently(admin, django_user_model):
    imported = Author.objects.create(name="Budi Santoso", slug="budi-santoso")  # from WordPress, no account
    page = add(admin, name="budi  santoso", email="budi@kempalan.test", different_person="").content.decode()
    assert "Nama penulis “Budi Santoso” sudah ada, tanpa akun" in page
    assert not django_user_model.objects.filter(email="budi@kempalan.test").exists()

    add(admin)  # Rina Wulandari, with her byline
    asked = add(admin, email="rina.lain@kempalan.test", different_person="")
    page = asked.content.decode()
    assert asked.status_code == 400 and "sudah menjadi nama penulis rekan Anda" in page
    assert 'name="different_person"' in page and Author.objects.filter(name="Rina Wulandari").count() == 2
    assert 'name="different_person"' not in admin.get("/redaksi/staf/tambah/").content.decode()  # asked only then
    assert add(admin, email="rina.lain@kempalan.test", different_person="on").status_code == 302
    assert Author.objects.filter(name="Rina Wulandari").count() == 3  # the demo's, hers, the other Rina's
    assert imported.user is None


def test_deactivating_keeps_the_bylines_and_stops_the_sign_in(admin, django_user_model, seed):
    add(admin)
    rina = django_user_model.objects.get(email="rina@kempalan.test")
    Byline.objects.create(article=seed, author=rina.author)
    rina.set_password("Pena-Tajam-2024")
    rina.save()
    response = admin.post(f"/redaksi/staf/{rina.pk}/", {"do": "deactivate"})
    assert response.status_code == 302
    rina.refresh_from_db()
    assert not rina.is_active and seed.bylines.filter(author__user=rina).exists()
    assert not Client().login(username="rina", password=NEW_PASSWORD)
    assert AuditEntry.objects.filter(action="deactivated", object_id=str(rina.pk), user=admin.user).exists()
    admin.post(f"/redaksi/staf/{rina.pk}/", {"do": "reactivate"})
    rina.refresh_from_db()
    assert rina.is_active


def test_a_role_change_is_logged_and_nobody_demotes_themselves(admin, django_user_model):
    add(admin)
    rina = django_user_model.objects.get(email="rina@kempalan.test")
    admin.post(f"/redaksi/staf/{rina.pk}/", {"do": "role", "role": "Editor"})
    assert [g.name for g in rina.groups.all()] == ["Editor"]
    assert AuditEntry.objects.get(action="role").detail == "Penulis → Editor"
    admin.post(f"/redaksi/staf/{admin.user.pk}/", {"do": "role", "role": "Penulis"})
    assert [g.name for g in admin.user.groups.all()] == ["Admin"]


@pytest.mark.parametrize("role", ["Penulis", "Editor"])
def test_writers_and_editors_cannot_manage_staff(django_user_model, role):
    client = signed_in(django_user_model, "orang", role)
    assert client.get("/redaksi/staf/").status_code == 403
    assert client.get("/redaksi/staf/tambah/").status_code == 403
    assert add(client).status_code == 403
    assert client.post(f"/redaksi/staf/{client.user.pk}/", {"do": "deactivate"}).status_code == 403
    assert not django_user_model.objects.filter(email="rina@kempalan.test").exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get("/redaksi/staf/")["Location"].startswith("/redaksi/login/")


def test_a_broken_invitation_link_says_so_without_an_error(client):
    response = client.get("/redaksi/undangan/Mg/bukan-token/")
    assert response.status_code == 200 and "Tautan ini tidak berlaku lagi" in response.content.decode()


def test_login_counts_failures_per_account_across_addresses(django_user_model):
    django_user_model.objects.create_user("redaktur", "", "rahasia-123", is_staff=True)
    statuses = [
        Client(REMOTE_ADDR=f"10.0.0.{i % 4}")
        .post("/redaksi/login/", {"username": "redaktur", "password": "x"})
        .status_code
        for i in range(12)
    ]
    assert statuses[:10] == [200] * 10 and statuses[10:] == [429, 429]  # four addresses, one account


def test_good_logins_from_one_address_never_lock_a_newsroom_out(django_user_model):
    for i in range(15):
        django_user_model.objects.create_user(f"staf{i}", "", "rahasia-123", is_staff=True)
    for i in range(15):
        response = Client().post("/redaksi/login/", {"username": f"staf{i}", "password": "rahasia-123"})
        assert response.status_code == 302


def test_a_refused_next_lands_on_the_dashboard(django_user_model):
    django_user_model.objects.create_user("redaktur", "", "rahasia-123", is_staff=True)
    response = Client().post(
        "/redaksi/login/?next=https://jahat.example/",
        {"username": "redaktur", "password": "rahasia-123", "next": "https://jahat.example/"},
    )
    assert response.status_code == 302 and response["Location"] == "/redaksi/"
    assert re.fullmatch(r"/redaksi/", response["Location"])
