"""The moderation desk as WordPress users know it: pending first and highlighted, one-click row
buttons that work with and without JavaScript, counts per status, everything in the audit log."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from warta.comments.models import Comment
from warta.newsroom.models import AuditEntry

pytestmark = pytest.mark.django_db
CHANGELIST = "/redaksi/comments/comment/"
Status = Comment.Status


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
def editor(django_user_model) -> StaffClient:
    return signed_in(django_user_model, "editor", "Editor")


@pytest.fixture
def comments(seed) -> dict[str, Comment]:
    now = timezone.now()

    def make(name: str, status: str, minutes_ago: int) -> Comment:
        return Comment.objects.create(
            article=seed,
            name=name,
            email=f"{name.lower()}@pembaca.id",
            text=f"Teks {name}",
            status=status,
            created_at=now - datetime.timedelta(minutes=minutes_ago),
        )

    return {
        "old_pending": make("Lama", Status.PENDING, 300),
        "new_approved": make("Baru", Status.APPROVED, 1),
        "pending": make("Tertahan", Status.PENDING, 10),
        "spam": make("Iklan", Status.SPAM, 5),
    }


def row_order(page: str, names: list[str]) -> list[str]:
    return sorted(names, key=lambda name: page.index(f"Teks {name}"))


def test_pending_comments_come_first_then_the_newest(editor, comments):
    page = editor.get(CHANGELIST).content.decode()
    assert row_order(page, ["Lama", "Baru", "Tertahan"]) == ["Tertahan", "Lama", "Baru"]
    assert page.count('class="cm-status cm-pending"') == 2  # highlighted by the stylesheet, no script needed
    assert "moderation.js" in page and "moderation.css" in page


def test_tabs_count_each_status(editor, comments):
    page = editor.get(CHANGELIST).content.decode()
    approved = Comment.objects.filter(status=Status.APPROVED).count()  # the demo's, and "Baru"
    assert f'data-status-tab="all">Semua <span class="cm-count">{approved + 2}</span>' in page
    assert 'data-status-tab="pending">Menunggu <span class="cm-count">2</span>' in page
    assert 'data-status-tab="spam">Spam <span class="cm-count">1</span>' in page


def test_each_row_has_one_click_buttons_inside_the_list_form(editor, comments):
    page = editor.get(CHANGELIST).content.decode()
    pk = comments["pending"].pk
    assert f'formaction="/redaksi/comments/comment/{pk}/moderate/"' in page
    for label in ("Setujui", "Spam", "Sampah", "Balas"):
        assert f">{label}</" in page
    assert 'aria-keyshortcuts="a"' in page and "j berikutnya, k sebelumnya" in page


def test_a_row_button_without_javascript_goes_back_to_the_same_list(editor, comments):
    target = comments["pending"]
    back = f"http://testserver{CHANGELIST}?status=pending"
    response = editor.post(f"{CHANGELIST}{target.pk}/moderate/", {"do": "approve"}, HTTP_REFERER=back)
    assert response.status_code == 302 and response["Location"] == back
    target.refresh_from_db()
    assert target.status == Status.APPROVED
    entry = AuditEntry.objects.get(kind="comment", object_id=str(target.pk))
    assert entry.action == "approved" and entry.user == editor.user and entry.headline.startswith("Tertahan: ")


def test_a_row_button_with_javascript_answers_json_with_the_new_counts(editor, comments):
    target = comments["pending"]
    response = editor.post(f"{CHANGELIST}{target.pk}/moderate/", {"do": "spam"}, HTTP_ACCEPT="application/json")
    answer = response.json()
    assert answer["status"] == "spam" and answer["label"] == "Spam"
    approved = Comment.objects.filter(status=Status.APPROVED).count()
    assert answer["counts"] == {"pending": 1, "approved": approved, "spam": 2}
    response = editor.post(f"{CHANGELIST}{target.pk}/moderate/", {"do": "trash"}, HTTP_ACCEPT="application/json")
    response = editor.post(f"{CHANGELIST}{target.pk}/moderate/", {"do": "restore"}, HTTP_ACCEPT="application/json")
    assert response.json()["status"] == "spam"  # back where it was before the trash
    actions = list(AuditEntry.objects.filter(kind="comment").order_by("id").values_list("action", flat=True))
    assert actions == ["spam", "trashed", "untrashed"]


def test_an_unknown_action_or_a_get_changes_nothing(editor, comments):
    target = comments["pending"]
    assert editor.get(f"{CHANGELIST}{target.pk}/moderate/").status_code == 405
    response = editor.post(f"{CHANGELIST}{target.pk}/moderate/", {"do": "hapus"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and response.json()["error"] == "Tindakan tidak dikenal."
    target.refresh_from_db()
    assert target.status == Status.PENDING


def test_an_inline_reply_approves_and_answers(editor, comments):
    target = comments["pending"]
    url = f"{CHANGELIST}{target.pk}/reply/"
    empty = editor.post(url, {"text": ""}, HTTP_ACCEPT="application/json")
    assert empty.status_code == 400
    response = editor.post(url, {"text": "Terima kasih, sudah kami perbaiki."}, HTTP_ACCEPT="application/json")
    assert response.json()["status"] == "approved"
    assert Comment.objects.filter(parent=target, status=Status.APPROVED, user=editor.user).exists()
    actions = set(AuditEntry.objects.filter(kind="comment").values_list("action", flat=True))
    assert actions == {"approved", "replied"}


def test_bulk_actions_are_kept_and_logged(editor, comments):
    chosen = [comments["pending"].pk, comments["old_pending"].pk]
    editor.post(CHANGELIST, {"action": "approve", "_selected_action": chosen})
    assert set(Comment.objects.filter(pk__in=chosen).values_list("status", flat=True)) == {Status.APPROVED}
    assert AuditEntry.objects.filter(kind="comment", action="approved").count() == 2


def test_editing_a_comment_is_in_the_audit_log(editor, comments):
    target = comments["pending"]
    form = {"name": target.name, "email": target.email, "website": "", "text": "Diperbaiki", "status": "approved"}
    assert editor.post(f"{CHANGELIST}{target.pk}/change/", form).status_code == 302
    entry = AuditEntry.objects.get(kind="comment", action="edited")
    assert entry.user == editor.user and entry.object_id == str(target.pk)


@pytest.mark.parametrize("role", ["Penulis"])
def test_writers_cannot_moderate(django_user_model, comments, role):
    writer = signed_in(django_user_model, "penulis", role)
    target = comments["pending"]
    assert writer.get(CHANGELIST).status_code == 403
    assert writer.post(f"{CHANGELIST}{target.pk}/moderate/", {"do": "approve"}).status_code == 403
    assert writer.post(f"{CHANGELIST}{target.pk}/reply/", {"text": "x"}).status_code == 403
    target.refresh_from_db()
    assert target.status == Status.PENDING
