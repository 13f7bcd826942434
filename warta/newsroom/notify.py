"""Tell the newsroom when the workflow moves: editors when a story waits for review, its writers
when it goes out (the worker publishes scheduled stories while nobody watches) and when an editor
withdraws it (Cabut), with the reason readers are told."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from warta.articles.models import Article
from warta.authors.models import public_name
from warta.authors.staff import emails_of_staff_who_may
from warta.sitesettings import values as site_values

PUBLISH_CODENAME = "publish_article"


def _send(addresses: list[str], subject: str, body: str) -> None:
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))


def _edit_link(article: Article) -> str:
    return settings.WARTA_SITE_URL + reverse("admin:articles_article_change", args=[article.pk])


def reviewers() -> list[str]:
    """Email addresses of active staff who may publish."""
    return emails_of_staff_who_may(PUBLISH_CODENAME)


def writers(article: Article) -> list[str]:
    """Email addresses of the article's bylined staff and of whoever created it."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    mine = Q(pk=article.created_by_id) | Q(author__bylines__article=article)
    return sorted(set(users.filter(mine).values_list("email", flat=True)))


def on_submitted(sender: type, article: Article, user: Any, **kwargs: object) -> None:
    name = user.get_full_name() or user.get_username() if user else ""
    subject = _("[%(site)s] Waiting for review: %(headline)s") % {
        "site": site_values.current().site_name,
        "headline": article.headline,
    }
    body = _("%(name)s submitted “%(headline)s” for review.\n\nReview it: %(link)s\n") % {
        "name": name,
        "headline": article.headline,
        "link": _edit_link(article),
    }
    _send([a for a in reviewers() if not user or a != user.email], subject, body)


def on_published(sender: type, article: Article, user: Any, **kwargs: object) -> None:
    subject = _("[%(site)s] Published: %(headline)s") % {
        "site": site_values.current().site_name,
        "headline": article.headline,
    }
    body = _("“%(headline)s” is published.\n\nReaders see it at %(link)s\n") % {
        "headline": article.headline,
        "link": settings.WARTA_SITE_URL + (article.get_absolute_url() or "/"),
    }
    _send([a for a in writers(article) if not user or a != user.email], subject, body)


def on_withdrawn(sender: type, article: Article, user: Any, reason: str, **kwargs: object) -> None:
    subject = _("[%(site)s] Withdrawn: %(headline)s") % {
        "site": site_values.current().site_name,
        "headline": article.headline,
    }
    body = _("%(name)s withdrew “%(headline)s”. Readers at its address are told why:\n\n%(reason)s\n\n%(link)s\n") % {
        "name": public_name(user) if user else "",
        "headline": article.headline,
        "reason": reason,
        "link": _edit_link(article),
    }
    _send([a for a in writers(article) if not user or a != user.email], subject, body)
