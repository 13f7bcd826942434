"""*Laporkan* (Pedoman Pemberitaan Media Siber 3e-3f): readers report an article or a comment;
editors see each complaint with its 2 x 24-hour clock, are emailed when one runs out, and
record what they did."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from tests.conftest import must_search, permalink
from warta.comments.models import Comment
from warta.complaints import notify
from warta.complaints.models import Complaint
from warta.newsroom.models import AuditEntry

pytestmark = pytest.mark.django_db
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}
REPORT = {
    "kind": "tidak_akurat",
    "text": "Angka korban dalam berita ini keliru.",
    "name": "Dewi",
    "email": "Dewi@Contoh.id",
}


@pytest.fixture
def editor(django_user_model) -> Client:
    user = django_user_model.objects.create_user("redaktur", "redaktur@kempalan.test", "rahasia-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client = Client()
    client.force_login(user)
    client.user = user  # type: ignore[attr-defined]
    return client


@pytest.fixture
def comment(seed) -> Comment:
    return Comment.objects.create(
        article=seed, name="Budi", email="budi@contoh.id", text="Komentar kasar.", status="approved"
    )


def test_every_article_and_comment_has_a_report_link(client, seed, comment):
    page = client.get(permalink(seed)).content.decode()
    assert f'<a rel="nofollow" href="/laporkan/artikel/{seed.pk}/">Laporkan artikel ini</a>' in page
    assert f'href="/laporkan/komentar/{comment.pk}/">Laporkan</a>' in page


def test_a_report_is_stored_privately_and_the_editors_are_told(
    client, seed, editor, django_capture_on_commit_callbacks
):
    form = client.get(f"/laporkan/artikel/{seed.pk}/")
    assert form.status_code == 200 and "2 × 24 jam" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/laporkan/artikel/{seed.pk}/", REPORT, **ORIGIN)
    assert response.status_code == 303 and response["Location"] == "/laporkan/terkirim/"
    complaint = Complaint.objects.get()
    assert (complaint.article, complaint.kind, complaint.email) == (seed, "tidak_akurat", "dewi@contoh.id")
    assert complaint.status == "open" and complaint.deadline == complaint.received_at + datetime.timedelta(hours=48)
    assert "Laporan diterima" in client.get("/laporkan/terkirim/").content.decode()
    assert [m.to for m in mail.outbox] == [["redaktur@kempalan.test"]]
    assert "Pengaduan pembaca" in mail.outbox[0].subject and "dewi@contoh.id" not in mail.outbox[0].body
    # The reminder is queued for the deadline, for `warta worker` to run.
    from django_tasks_db.models import DBTaskResult

    reminder = DBTaskResult.objects.get(task_path="warta.complaints.tasks.remind_overdue")
    assert reminder.run_after == complaint.deadline


def test_the_readers_address_cannot_be_probed_through_the_list_filters(client, seed, editor):
    client.post(f"/laporkan/artikel/{seed.pk}/", REPORT, **ORIGIN)
    listing = "/redaksi/complaints/complaint/"
    assert editor.get(listing).status_code == 200
    for probe in ("email__startswith=dewi", "email=dewi@contoh.id", "email__contains=contoh"):
        response = editor.get(f"{listing}?{probe}")
        assert response.status_code == 400 and "dewi@contoh.id" not in response.content.decode(), probe


def test_a_report_about_a_comment_names_the_comment(client, comment):
    client.post(f"/laporkan/komentar/{comment.pk}/", {**REPORT, "kind": "sara"}, **ORIGIN)
    complaint = Complaint.objects.get()
    assert complaint.comment == comment and complaint.article == comment.article


def test_errors_keep_the_words_but_never_write_the_email_back(client, seed):
    response = client.post(f"/laporkan/artikel/{seed.pk}/", {**REPORT, "text": "pendek"}, **ORIGIN)
    assert response.status_code == 400
    page = response.content.decode()
    assert "paling sedikit 10 karakter" in page and "pendek" in page
    assert "Dewi@Contoh.id" not in page and "dewi@contoh.id" not in page
    assert not Complaint.objects.exists()


def test_the_reader_chooses_what_is_wrong_and_the_trap_is_out_of_the_keyboards_way(client, seed):
    page = client.get(f"/laporkan/artikel/{seed.pk}/").content.decode()
    kinds = re.findall(r'<input type="radio" name="kind"[^>]*>', page)
    assert kinds and not any('value=""' in kind or "checked" in kind for kind in kinds)
    assert "---------" not in page
    trap = must_search(r'<input type="text" name="homepage"[^>]*>', page).group(0)
    assert 'tabindex="-1"' in trap and 'autocomplete="off"' in trap
    response = client.post(f"/laporkan/artikel/{seed.pk}/", {**REPORT, "kind": ""}, **ORIGIN)
    assert response.status_code == 400 and "Pilih apa yang salah." in response.content.decode()


def test_reports_from_another_site_are_refused(client, seed):
    response = client.post(f"/laporkan/artikel/{seed.pk}/", REPORT, HTTP_ORIGIN="https://penipu.example")
    assert response.status_code == 403 and not Complaint.objects.exists()


@override_settings(WARTA_COMMENT_RATE=2, WARTA_COMMENT_RATE_WINDOW=60)
def test_reports_are_rate_limited_like_comments(client, seed):
    for i in range(2):
        ok = client.post(f"/laporkan/artikel/{seed.pk}/", {**REPORT, "text": f"Keluhan nomor {i} panjang."}, **ORIGIN)
        assert ok.status_code == 303
    refused = client.post(f"/laporkan/artikel/{seed.pk}/", REPORT, **ORIGIN)
    assert refused.status_code == 429 and "terlalu sering" in refused.content.decode()
    assert Complaint.objects.count() == 2


def test_a_hidden_comment_or_unpublished_article_cannot_be_reported(client, seed, make_article):
    held = Comment.objects.create(article=seed, name="X", email="x@contoh.id", text="Tertahan.", status="pending")
    draft = make_article(slug="draf", status="draft")
    assert client.get(f"/laporkan/komentar/{held.pk}/").status_code == 404
    assert client.get(f"/laporkan/artikel/{draft.pk}/").status_code == 404


def test_the_dashboard_shows_the_clock_and_highlights_overdue_complaints(editor, seed):
    now = timezone.now()
    Complaint.objects.create(article=seed, kind="fitnah", text="Baru.", email="a@contoh.id", received_at=now)
    old = Complaint.objects.create(
        article=seed, kind="sara", text="Lama.", email="b@contoh.id", received_at=now - datetime.timedelta(hours=50)
    )
    page = editor.get("/redaksi/").content.decode()
    panel = page[page.index('id="panel-complaints"') :]
    panel = panel[: panel.index("</section>")]
    assert "Pengaduan pembaca" in panel and "1 lewat tenggat" in panel
    assert f'<li class="complaint-overdue"><a href="/redaksi/complaints/complaint/{old.pk}/change/">' in panel
    assert "Lewat tenggat sejak" in panel and "Tindak lanjuti sebelum" in panel


def test_with_the_clock_moved_past_2x24_hours_the_editors_are_emailed_once(editor, seed):
    received = timezone.now()
    complaint = Complaint.objects.create(
        article=seed, kind="privasi", text="Alamat rumah.", email="c@contoh.id", received_at=received
    )
    assert notify.remind_overdue(now=received + datetime.timedelta(hours=47, minutes=59)) == 0
    assert not complaint.is_overdue(received + datetime.timedelta(hours=47, minutes=59))
    later = received + datetime.timedelta(hours=48, minutes=1)
    assert complaint.is_overdue(later)
    assert notify.remind_overdue(now=later) == 1
    assert [m.to for m in mail.outbox] == [["redaktur@kempalan.test"]]
    assert "lewat tenggat" in mail.outbox[0].subject and "c@contoh.id" not in mail.outbox[0].body
    assert notify.remind_overdue(now=later + datetime.timedelta(hours=1)) == 0  # once


def test_resolving_records_the_action_and_removing_a_comment_trashes_it(editor, comment):
    complaint = Complaint.objects.create(
        article=comment.article, comment=comment, kind="sara", text="Kasar.", email="d@contoh.id"
    )
    url = f"/redaksi/complaints/complaint/{complaint.pk}/change/"
    refused = editor.post(url, {"resolution": "rejected", "resolution_note": ""})
    assert refused.status_code == 200 and "Tuliskan alasan menolak pengaduan." in refused.content.decode()

    form = {"resolution": "comment_removed", "resolution_note": "Melanggar SARA.", "reply": "Komentar itu kami hapus."}
    assert editor.post(url, form).status_code == 302
    complaint.refresh_from_db()
    comment.refresh_from_db()
    assert (complaint.status, complaint.resolution, complaint.resolved_by) == (
        "resolved",
        "comment_removed",
        editor.user,
    )
    assert comment.status == "trash"
    entry = AuditEntry.objects.filter(kind="other").latest("when")
    assert "Komentar dihapus" in entry.detail and "Melanggar SARA." in entry.detail


def test_comment_edited_is_accepted_only_once_the_comment_was_edited(editor, comment):
    complaint = Complaint.objects.create(
        article=comment.article, comment=comment, kind="sara", text="Kasar.", email="d@contoh.id"
    )
    url = f"/redaksi/complaints/complaint/{complaint.pk}/change/"
    form = {"resolution": "comment_edited", "resolution_note": "Kata kasar dihapus.", "reply": "Sudah kami sunting."}
    refused = editor.post(url, form)
    assert refused.status_code == 200 and "belum disunting sejak pengaduan diterima" in refused.content.decode()
    edit = {"name": comment.name, "email": comment.email, "website": "", "text": "Komentar.", "status": "approved"}
    assert editor.post(f"/redaksi/comments/comment/{comment.pk}/change/", edit).status_code == 302
    assert editor.post(url, form).status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.resolution) == ("resolved", "comment_edited")


def test_writers_do_not_handle_complaints(django_user_model, seed):
    user = django_user_model.objects.create_user("tulis", "t@kempalan.test", "rahasia-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Penulis"))
    client = Client()
    client.force_login(user)
    complaint = Complaint.objects.create(article=seed, kind="lain", text="Apa saja.", email="e@contoh.id")
    assert client.get(f"/redaksi/complaints/complaint/{complaint.pk}/change/").status_code == 403
    assert "panel-complaints" not in client.get("/redaksi/").content.decode()


def _resolve(editor, complaint, **form):
    data = {"resolution": "", "resolution_note": "", "reply": "Terima kasih, sudah kami tindak lanjuti.", **form}
    return editor.post(f"/redaksi/complaints/complaint/{complaint.pk}/change/", data)


def test_a_correction_is_claimed_only_when_one_was_published_after_the_complaint(
    editor, seed, django_capture_on_commit_callbacks
):
    from warta.articles.models import Correction

    received = timezone.now() - datetime.timedelta(hours=2)
    Correction.objects.create(article=seed, text="Ralat lama.", created_at=received - datetime.timedelta(days=3))
    Correction.objects.create(article=seed, kind="pembaruan", text="Pembaruan.", created_at=received)
    complaint = Complaint.objects.create(
        article=seed, kind="tidak_akurat", text="Angka keliru.", email="f@contoh.id", received_at=received
    )
    refused = _resolve(editor, complaint, resolution="correction")
    assert refused.status_code == 200
    assert "Artikel ini tidak punya ralat yang dibuat setelah pengaduan diterima." in refused.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == "open"

    Correction.objects.create(article=seed, text="Angka korban yang benar 12 orang.")
    with django_capture_on_commit_callbacks(execute=True):
        assert _resolve(editor, complaint, resolution="correction").status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.resolution) == ("resolved", "correction")


def test_the_other_outcomes_are_checked_against_the_article(editor, seed):
    from warta.articles.models import Correction

    complaint = Complaint.objects.create(article=seed, kind="fitnah", text="Fitnah.", email="g@contoh.id")
    page = _resolve(editor, complaint, resolution="right_of_reply").content.decode()
    assert "Artikel ini tidak punya hak jawab yang dibuat setelah pengaduan diterima." in page
    page = _resolve(editor, complaint, resolution="withdrawn").content.decode()
    assert "Artikel ini tidak dicabut." in page
    page = _resolve(editor, complaint, resolution="article_fixed").content.decode()
    assert "Artikel ini belum direvisi sejak pengaduan diterima." in page
    assert "Sebutkan apa yang diperbaiki pada judul atau isi." in page
    complaint.refresh_from_db()
    assert complaint.status == "open"

    Correction.objects.create(article=seed, kind="hak_jawab", text="Hak jawab Pak Budi.")
    assert _resolve(editor, complaint, resolution="right_of_reply").status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.get_resolution_display()) == ("resolved", "Hak jawab dimuat")


def test_an_article_complaint_is_not_offered_the_comment_actions(editor, seed, comment):
    about_article = Complaint.objects.create(article=seed, kind="lain", text="Judul.", email="h@contoh.id")
    page = editor.get(f"/redaksi/complaints/complaint/{about_article.pk}/change/").content.decode()
    assert 'value="correction"' in page and 'value="withdrawn"' in page
    assert 'value="comment_removed"' not in page and 'value="comment_edited"' not in page
    about_comment = Complaint.objects.create(
        article=seed, comment=comment, kind="sara", text="Kasar.", email="i@contoh.id"
    )
    page = editor.get(f"/redaksi/complaints/complaint/{about_comment.pk}/change/").content.decode()
    assert 'value="comment_removed"' in page


def test_resolving_emails_the_answer_to_the_reader_whose_address_stays_hidden(
    editor, seed, django_capture_on_commit_callbacks
):
    complaint = Complaint.objects.create(
        article=seed, kind="lain", text="Foto keliru. " * 10, email="pelapor@contoh.id"
    )
    url = f"/redaksi/complaints/complaint/{complaint.pk}/change/"
    page = editor.get(url).content.decode()
    assert "pelapor@contoh.id" not in page and "Jawaban untuk pelapor" in page
    missing = _resolve(editor, complaint, resolution="rejected", resolution_note="Foto sudah benar.", reply="")
    assert "Tuliskan jawaban untuk pelapor" in missing.content.decode()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _resolve(
            editor, complaint, resolution="rejected", resolution_note="Foto sudah benar.", reply="Foto itu benar."
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["pelapor@contoh.id"]]
    answer = mail.outbox[0]
    assert "Jawaban atas pengaduan Anda" in answer.subject and seed.headline in answer.subject
    assert "Foto itu benar." in answer.body and "Ditolak, dengan alasan" in answer.body
    complaint.refresh_from_db()
    assert complaint.replied_at is not None
    page = editor.get(url).content.decode()
    assert "pelapor@contoh.id" not in page and "Foto itu benar." in page

    # Decided and answered: saving again changes nothing and sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        _resolve(editor, complaint, resolution="correction", reply="Lain.")
    complaint.refresh_from_db()
    assert (complaint.resolution, complaint.reply, len(mail.outbox)) == ("rejected", "Foto itu benar.", 1)


def test_a_long_complaint_is_shortened_with_an_ellipsis():
    complaint = Complaint(kind="lain", text="Kata " * 30)
    shown = str(complaint).split(": ", 1)[1]
    assert shown.endswith("…") and len(shown) <= 60
