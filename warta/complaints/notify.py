"""Tell editors that a complaint arrived, and again when its 2 x 24 hours have run out."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from warta.authors.staff import emails_of_staff_who_may
from warta.complaints.models import Complaint


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
