"""Tell editors that comments wait for them."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from warta.authors.staff import emails_of_staff_who_may
from warta.comments.models import Comment
from warta.sitesettings import values as site_values


def moderators() -> list[str]:
    """Email addresses of active staff who may change comments."""
    return emails_of_staff_who_may("change_comment")


def awaiting_moderation(comment: Comment) -> None:
    """Email the moderators once the comment is safely stored."""
    recipients = moderators()
    if not recipients:
        return
    subject = _("[%(site)s] A comment awaits moderation: %(headline)s") % {
        "site": site_values.current().site_name,
        "headline": comment.article.headline,
    }
    # The commenter's email stays in the back office; the message carries only what moderating needs:
    # for a reply, whom it answers (by the name shown on the site).
    parent = comment.parent
    replying = (_("A reply to %(name)s") % {"name": parent.name} + "\n") if parent is not None else ""
    body = replying + _("%(name)s wrote on “%(headline)s”:\n\n%(text)s\n\nModerate: %(link)s\n") % {
        "name": comment.name,
        "headline": comment.article.headline,
        "text": comment.text,
        "link": settings.WARTA_SITE_URL + reverse("admin:comments_comment_change", args=[comment.pk]),
    }
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
