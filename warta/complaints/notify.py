"""Tell editors that a complaint arrived, and again when its 2 x 24 hours have run out."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from warta.authors.staff import emails_of_staff_who_may
from warta.complaints.models import Complaint
from warta.sitesettings import values


def handlers() -> list[str]:
    """Email addresses of active staff who may handle complaints."""
    return emails_of_staff_who_may("change_complaint")


def _send(subject: str, complaint: Complaint) -> None:
    recipients = handlers()
    if not recipients:
        return
    deadline = timezone.localtime(complaint.deadline).strftime("%d-%m-%Y %H:%M")
    # The reader's email stays in the back office; the message carries what handling needs.
    body = _("%(kind)s about “%(headline)s”:\n\n%(text)s\n\nAnswer by %(deadline)s: %(link)s\n") % {
        "kind": complaint.get_kind_display(),
        "headline": complaint.article.headline,
        "text": complaint.text,
        "deadline": deadline,
        "link": settings.WARTA_SITE_URL + reverse("admin:complaints_complaint_change", args=[complaint.pk]),
    }
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    send_mass_mail(messages, fail_silently=True)


def received(complaint: Complaint) -> None:
    """Email the editors once the complaint is stored, and queue the reminder for its deadline."""
    subject = _("[%(site)s] A reader's complaint: %(headline)s") % {
        "site": settings.WARTA_SITE_NAME,
        "headline": complaint.article.headline,
    }
    transaction.on_commit(lambda: _send(subject, complaint))
    transaction.on_commit(lambda: _queue_reminder(complaint))


def _queue_reminder(complaint: Complaint) -> None:
    from warta.complaints.tasks import remind_overdue

    try:
        remind_overdue.using(run_after=complaint.deadline).enqueue()
    except Exception:  # noqa: BLE001 - the daily run (`warta complaints_overdue`) catches up
        return


def remind_overdue(now: datetime.datetime | None = None) -> int:
    """Email the editors about every complaint past its 2 x 24 hours, once each; how many."""
    now = now or timezone.now()
    count = 0
    for complaint in Complaint.objects.overdue(now).filter(reminded_at__isnull=True).select_related("article"):
        subject = _("[%(site)s] Overdue complaint (2 × 24 hours passed): %(headline)s") % {
            "site": settings.WARTA_SITE_NAME,
            "headline": complaint.article.headline,
        }
        _send(subject, complaint)
        Complaint.objects.filter(pk=complaint.pk).update(reminded_at=now)
        count += 1
    return count


def answered(complaint: Complaint) -> None:
    """Email the newsroom's answer to the reader once the resolution is stored; `replied_at`
    records that it went (a failed send leaves it empty, for the editors to see)."""
    transaction.on_commit(lambda: _send_answer(complaint.pk))


def _send_answer(pk: int) -> None:
    complaint = Complaint.objects.select_related("article").filter(pk=pk).first()
    if complaint is None or not complaint.reply.strip():
        return
    with translation.override(settings.LANGUAGE_CODE):
        site = values.current().site_name
        subject = _("[%(site)s] Answer to your complaint: %(headline)s") % {
            "site": site,
            "headline": complaint.article.headline,
        }
        received = timezone.localtime(complaint.received_at).strftime("%d-%m-%Y %H:%M")
        body = _(
            "%(reply)s\n\nAction taken: %(action)s\n\n"
            "Your complaint about “%(headline)s” (received %(received)s):\n%(text)s\n\n— %(site)s\n"
        ) % {
            "reply": complaint.reply.strip(),
            "action": complaint.get_resolution_display(),
            "headline": complaint.article.headline,
            "received": received,
            "text": complaint.text,
            "site": site,
        }
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [complaint.email])
    except Exception:  # noqa: BLE001 - the complaint stays resolved; replied_at shows it did not go
        return
    Complaint.objects.filter(pk=pk).update(replied_at=timezone.now())
