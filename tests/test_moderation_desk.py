"""The moderation desk as WordPress users know it: pending first and highlighted, one-click row
buttons that work with and without JavaScript, counts per status, everything in the audit log."""

from __future__ import annotations

import datetime
import re
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


def test_a_comment_in_spam_or_the_trash_gets_no_reply(editor, comments):
    """A reply is published at once: under a hidden comment it stood alone on the article."""
    for status in (Status.SPAM, Status.TRASH):
        target = comments["pending"]
        Comment.objects.filter(pk=target.pk).update(status=status)
        url = f"{CHANGELIST}{target.pk}/reply/"
        listing = editor.get(f"{CHANGELIST}?status__exact={status}").content.decode()
        assert url not in listing  # no Balas button on its row
        refused = editor.post(url, {"text": "Terima kasih."}, HTTP_ACCEPT="application/json")
        assert refused.status_code == 400 and "pulihkan dulu" in refused.json()["error"]
        plain = editor.post(url, {"text": "Terima kasih."})
        assert plain.status_code == 302
        assert "pulihkan dulu" in editor.get(plain["Location"]).content.decode()
    assert not Comment.objects.filter(parent=comments["pending"]).exists()


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


def test_the_reply_button_on_a_held_comment_says_that_it_approves(editor, comments):
    """Answering a held comment publishes it: the button says "Setujui dan balas" (as WordPress's
    "Approve and Reply"), the message that it was approved; an approved one keeps plain "Balas"."""
    page = editor.get(CHANGELIST).content.decode()
    pending, approved = comments["pending"], comments["new_approved"]
    assert f'href="{CHANGELIST}{pending.pk}/reply/" aria-keyshortcuts="r">Setujui dan balas</a>' in page
    assert f'href="{CHANGELIST}{approved.pk}/reply/" aria-keyshortcuts="r">Balas</a>' in page
    # The script relabels the button when a row is approved or unapproved in place.
    assert 'data-label-reply="Balas" data-label-approve-reply="Setujui dan balas"' in page

    form = editor.get(f"{CHANGELIST}{pending.pk}/reply/").content.decode()
    assert 'value="Setujui dan terbitkan balasan"' in form and "menyetujui dan menerbitkannya" in form
    url = f"{CHANGELIST}{pending.pk}/reply/"
    answer = editor.post(url, {"text": "Terima kasih."}, HTTP_ACCEPT="application/json").json()
    assert answer["message"] == "Komentar Tertahan disetujui dan balasan Anda sudah terbit."
    assert answer["reply_label"] == "Balas"

    again = editor.post(f"{CHANGELIST}{approved.pk}/reply/", {"text": "Sama-sama."}, follow=True).content.decode()
    assert "Balasan Anda sudah terbit." in again and "disetujui dan balasan" not in again
    assert 'value="Terbitkan balasan"' in editor.get(f"{CHANGELIST}{approved.pk}/reply/").content.decode()


def test_a_reply_from_the_desk_carries_the_newsroom_mark_on_the_article(
    editor, comments, client, fragments_on, committed
):
    """Readers see which answer is the newsroom's: a "Redaksi" mark stored with the comment (the
    thread is a cached fragment, shared by every reader), and no email address anywhere."""
    from tests.conftest import SEED_URL

    question = comments["new_approved"]
    assert "comment__badge" not in client.get(SEED_URL).content.decode()  # the thread now kept
    committed(lambda: editor.post(f"{CHANGELIST}{question.pk}/reply/", {"text": "Sudah kami ralat."}))
    answer = Comment.objects.get(parent=question)
    assert answer.from_newsroom and answer.user == editor.user

    page = Client().get(SEED_URL).content.decode()
    item = page[page.index(f'id="komentar-{answer.pk}"') :]
    item = item[: item.index("</header>")]
    assert '<span class="label comment__badge">Redaksi<span class="visually-hidden"> (jawaban resmi)</span>' in item
    assert page.count("comment__badge") == 1  # the reader's comment carries none
    assert "@" not in "".join(re.findall(r'id="komentar.*?</li>', page, re.S))
    assert editor.user.email not in page and question.email not in page
