"""What the comment section under an article shows: the thread, the count, the form."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from warta.articles.models import Article
from warta.comments.models import Comment
from warta.sitesettings import values as site_values

# The signed cookie listing a reader's own comments that wait for moderation: they see them,
# nobody else does. It holds comment ids only, never an email address.
PENDING_COOKIE = "warta_pending"
PENDING_SALT = "warta.comments.pending"
PENDING_KEEP = 20
HIDDEN_FIELDS = ("email", "ip_address", "user_agent", "fingerprint")


def comments_closed(article: Article) -> bool:
    if not article.comments_open:
        return True
    days = site_values.current().comment_close_after_days
    if days and article.published_at:
        return timezone.now() - article.published_at > datetime.timedelta(days=days)
    return False


def own_pending_ids(request: HttpRequest) -> list[int]:
    raw = request.COOKIES.get(PENDING_COOKIE)
    if not raw:
        return []
    try:
        ids = signing.loads(raw, salt=PENDING_SALT)
    except signing.BadSignature:
        return []
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


def remember_pending(request: HttpRequest, response: HttpResponse, comment: Comment) -> None:
    ids = [*own_pending_ids(request), comment.pk][-PENDING_KEEP:]
    response.set_cookie(
        PENDING_COOKIE,
        signing.dumps(ids, salt=PENDING_SALT),
        max_age=30 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


@dataclass
class Thread:
    roots: list[Comment]  # top-level comments; replies hang off .children
    by_id: dict[int, Comment]
    approved: int
    personal: bool  # shows the reader their own held comments


def build_thread(article: Article, pending_ids: list[int]) -> Thread:
    """Return the comments under an article as a tree.

    One query, whatever the size of the thread. Emails, IPs and user agents are not even
    loaded, so no template can show them.
    """
    shown = Q(status=Comment.Status.APPROVED)
    if pending_ids:
        shown |= Q(pk__in=pending_ids, status__in=[Comment.Status.PENDING, Comment.Status.SPAM])
    comments = list(Comment.objects.filter(shown, article=article).defer(*HIDDEN_FIELDS))
    by_id = {c.pk: c for c in comments}
    roots: list[Comment] = []
    for comment in comments:
        comment.children = []
        comment.awaiting_moderation = comment.status != Comment.Status.APPROVED
    for comment in comments:
        parent = by_id.get(comment.parent_id) if comment.parent_id else None
        (parent.children if parent else roots).append(comment)
    approved = sum(1 for c in comments if not c.awaiting_moderation)
    return Thread(roots, by_id, approved, personal=approved < len(comments))
