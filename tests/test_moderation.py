"""Editors moderate comments in the back office, through the same HTTP requests a browser sends."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from tests.conftest import SEED_URL
from warta.comments.models import Comment

pytestmark = pytest.mark.django_db
CHANGELIST = "/redaksi/comments/comment/"
Status = Comment.Status


@pytest.fixture
def editor(django_user_model) -> Client:
    user = django_user_model.objects.create_user("editor", "editor@kempalan.test", "rahasia-123", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_comment", "change_comment"]))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def held(seed) -> list[Comment]:
    make = lambda name, status: Comment.objects.create(  # noqa: E731
        article=seed, name=name, email=f"{name.lower()}@pembaca.id", text=f"Teks {name}", status=status
    )
    return [make("Tertahan", Status.PENDING), make("Iklan", Status.SPAM), make("Dibuang", Status.TRASH)]


def act(editor: Client, action: str, *comments: Comment, shown: str = ""):
    """Run a bulk action from the list, as filtered by status (the default hides spam and trash)."""
    url = f"{CHANGELIST}?status={shown}" if shown else CHANGELIST
    return editor.post(url, {"action": action, "_selected_action": [c.pk for c in comments]})


def test_the_list_counts_each_status_and_hides_spam_and_trash(editor, held):
    page = editor.get(CHANGELIST).content.decode()
    for label in ["Menunggu (1)", "Disetujui (4)", "Spam (1)", "Sampah (1)"]:
        assert label in page
    assert "Tertahan" in page and "Iklan" not in page and "Dibuang" not in page
    spam = editor.get(CHANGELIST, {"status": "spam"}).content.decode()
    assert "Iklan" in spam and "Tertahan" not in spam


def test_it_filters_by_article(editor, held, make_article):
    other = make_article(slug="lain")
    Comment.objects.create(article=other, name="Lain", email="l@l.id", text="x", status=Status.PENDING)
    page = editor.get(CHANGELIST, {"article__id__exact": other.pk}).content.decode()
    assert "Lain" in page and "Tertahan" not in page


def test_approving_publishes_the_comment(editor, held):
    pending = held[0]
    assert "Teks Tertahan" not in Client().get(SEED_URL).content.decode()
    assert act(editor, "approve", pending).status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.APPROVED
    assert "Teks Tertahan" in Client().get(SEED_URL).content.decode()
    act(editor, "unapprove", pending)
    assert "Teks Tertahan" not in Client().get(SEED_URL).content.decode()


def test_trash_can_be_undone(editor, held):
    pending, spam, _ = held
    act(editor, "move_to_trash", pending)
    act(editor, "move_to_trash", spam, shown="spam")
    assert set(Comment.objects.filter(pk__in=[pending.pk, spam.pk]).values_list("status", flat=True)) == {Status.TRASH}
    act(editor, "restore", pending, spam, shown="trash")
    pending.refresh_from_db()
    spam.refresh_from_db()
    assert (pending.status, spam.status) == (Status.PENDING, Status.SPAM)


def test_marking_spam(editor, held):
    act(editor, "mark_spam", held[0])
    held[0].refresh_from_db()
    assert held[0].status == Status.SPAM


def test_an_editor_can_edit_a_comment(editor, held):
    pending = held[0]
    response = editor.post(
        f"{CHANGELIST}{pending.pk}/change/",
        {"name": "Tertahan", "email": "tertahan@pembaca.id", "website": "", "text": "Disunting", "status": "approved"},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.text, pending.status) == ("Disunting", Status.APPROVED)


def test_replying_publishes_an_answer_and_approves_the_question(editor, held):
    pending = held[0]
    page = editor.get(f"{CHANGELIST}{pending.pk}/reply/")
    assert page.status_code == 200 and "Teks Tertahan" in page.content.decode()
    response = editor.post(f"{CHANGELIST}{pending.pk}/reply/", {"text": "Terima kasih, sudah kami perbaiki."})
    assert response.status_code == 302
    pending.refresh_from_db()
    answer = pending.replies.get()
    assert (pending.status, answer.status, answer.name) == (Status.APPROVED, Status.APPROVED, "editor")
    assert "Terima kasih, sudah kami perbaiki." in Client().get(SEED_URL).content.decode()


def test_readers_and_staff_without_the_permission_are_kept_out(held, django_user_model):
    assert Client().get(CHANGELIST).status_code == 302  # to the login page
    clerk = django_user_model.objects.create_user("clerk", "", "rahasia-123", is_staff=True)
    client = Client()
    client.force_login(clerk)
    assert client.get(CHANGELIST).status_code == 403
    assert client.post(f"{CHANGELIST}{held[0].pk}/reply/", {"text": "x"}).status_code == 403
    assert client.post(CHANGELIST, {"action": "approve", "_selected_action": [held[0].pk]}).status_code == 403
    held[0].refresh_from_db()
    assert held[0].status == Status.PENDING
