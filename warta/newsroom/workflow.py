"""The review workflow as named actions: Draft → In review → Scheduled or Published → Unpublished.

Every action checks the user's role on the server, changes the article, writes the audit log
and sends its signal. Views and the worker call these; nothing else changes an article's status.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from warta.articles.models import Article, Byline
from warta.newsroom import signals
from warta.newsroom.models import AuditEntry
from warta.newsroom.tasks import publish_scheduled

Status = Article.Status
PUBLISH = "articles.publish_article"
EDIT_ANY = "articles.edit_any_article"  # editors: every article, whoever wrote it


def can_edit(user, article: Article) -> bool:
    """Editors edit everything; writers their own articles while no one has published them."""
    if user.has_perm(EDIT_ANY):
        return True
    own = article.created_by_id == user.pk or article.bylines.filter(author__user=user).exists()
    return user.has_perm("articles.change_article") and own and article.status in {Status.DRAFT, Status.IN_REVIEW}


def can_view(user, article: Article) -> bool:
    """Editors open everything; writers their own articles (those they created or are bylined on).
    viewable() is the same rule as a query."""
    if user.has_perm(EDIT_ANY):
        return True
    own = article.created_by_id == user.pk or article.bylines.filter(author__user=user).exists()
    return user.has_perm("articles.view_article") and own


def own_articles(user) -> Q:
    """The articles someone created or is bylined on (any role), as a filter on articles. A
    subquery, not a join on the bylines: no duplicate rows, so counts stay right."""
    return Q(created_by=user) | Q(pk__in=Byline.objects.filter(author__user=user).values("article_id"))


def viewable(user) -> QuerySet[Article]:
    """The articles can_view() lets the user open."""
    if user.has_perm(EDIT_ANY):
        return Article.objects.all()
    if not user.has_perm("articles.view_article"):
        return Article.objects.none()
    return Article.objects.filter(own_articles(user))


def _log(article: Article, user, action: str, detail: str = "") -> None:
    AuditEntry.objects.create(article=article, headline=article.headline, user=user, action=action, detail=detail)


def submit(article: Article, user) -> None:
    if not can_edit(user, article):
        raise PermissionDenied
    if article.status not in {Status.DRAFT, Status.UNPUBLISHED}:
        raise ValidationError(_("Only a draft can be submitted for review."))
    with transaction.atomic():
        article.status = Status.IN_REVIEW
        article.save(update_fields=["status"])
        _log(article, user, AuditEntry.Action.SUBMITTED)
    signals.article_submitted.send(sender=Article, article=article, user=user)


class ChildConfirmationNeeded(ValidationError):
    """Pedoman Pemberitaan Ramah Anak: an article involving a child is published (or scheduled)
    only once an editor confirms that the child cannot be identified."""


def _check_child(article: Article, child_protected: bool) -> str:
    """The audit detail recording the editor's confirmation, or refuse without it."""
    if not article.involves_child:
        return ""
    if not child_protected:
        raise ChildConfirmationNeeded(
            _(
                "This article involves a child. Confirm that the child's identity is protected (name, face, "
                "school, home, parents) before it goes out."
            )
        )
    return _("child's identity protected: confirmed")


def publish(article: Article, user, *, child_protected: bool = False) -> None:
    """Publish now; an article published before keeps its original time."""
    if not user.has_perm(PUBLISH):
        raise PermissionDenied
    detail = _check_child(article, child_protected)
    with transaction.atomic():
        if article.status != Status.PUBLISHED:
            article.published_at = article.first_published_at or timezone.now()
        article.status = Status.PUBLISHED
        article.save(update_fields=["status", "published_at"])
        _log(article, user, AuditEntry.Action.PUBLISHED, detail=detail)
    signals.article_published.send(sender=Article, article=article, user=user)


def schedule(article: Article, user, when: datetime.datetime, *, child_protected: bool = False) -> None:
    if not user.has_perm(PUBLISH):
        raise PermissionDenied
    if when <= timezone.now():
        raise ValidationError(_("Choose a time in the future."))
    child = _check_child(article, child_protected)
    with transaction.atomic():
        article.status = Status.SCHEDULED
        article.published_at = when  # the time readers will see
        article.save(update_fields=["status", "published_at"])
        detail = timezone.localtime(when).isoformat() + (f"; {child}" if child else "")
        _log(article, user, AuditEntry.Action.SCHEDULED, detail=detail)
        _queue_publication(when)


def _queue_publication(when: datetime.datetime) -> None:
    # The worker runs this at the scheduled time, even if nobody visits the site then.
    transaction.on_commit(lambda: publish_scheduled.using(run_after=when).enqueue())


def place_imported(article: Article, status: str) -> None:
    """Give an imported article the status it had on the old site (no role check: the operator
    runs the import). A scheduled one gets its publication queued like any scheduled article."""
    article.status = status
    article.save()
    if status == Status.SCHEDULED and article.published_at:
        _queue_publication(article.published_at)


def unpublish(article: Article, user) -> None:
    """*Tarik*: take back a mistake (published too early, the wrong draft). The address answers 404
    as if it had never been; the article can be edited and published again."""
    if not user.has_perm(PUBLISH):
        raise PermissionDenied
    with transaction.atomic():
        article.status = Status.UNPUBLISHED
        article.save(update_fields=["status"])
        _log(article, user, AuditEntry.Action.UNPUBLISHED)


def withdraw(article: Article, user, reason: str) -> None:
    """*Cabut* (Pedoman Pemberitaan Media Siber 5a-5c): withdraw a published story for a reason
    readers are told. Its address then answers 410 with a notice and the reason; the status takes
    it out of every list, feed, sitemap and search result at once (see `released()`), and the
    post_save purges the cached pages. The audit log keeps who and why."""
    if not user.has_perm(PUBLISH):
        raise PermissionDenied
    reason = " ".join(reason.split())
    if len(reason) < 10:
        raise ValidationError(_("Give the reason for the withdrawal (at least 10 characters): readers will see it."))
    if article.status != Status.PUBLISHED or article.published_at is None:
        raise ValidationError(_("Only a published article can be withdrawn; use Unpublish for anything else."))
    with transaction.atomic():
        article.status = Status.WITHDRAWN
        article.withdrawn_at = timezone.now()
        article.withdrawal_reason = reason
        article.save(update_fields=["status", "withdrawn_at", "withdrawal_reason"])
        _log(article, user, AuditEntry.Action.WITHDRAWN, detail=Truncator(reason).chars(300))
    signals.article_withdrawn.send(sender=Article, article=article, user=user, reason=reason)


def publish_due(now: datetime.datetime | None = None) -> list[Article]:
    """Publish every scheduled article whose time has come (run by `warta worker`)."""
    now = now or timezone.now()
    published = []
    with transaction.atomic():
        # skip_locked: two workers never publish the same article twice.
        due = Article.objects.select_for_update(skip_locked=True).filter(status=Status.SCHEDULED, published_at__lte=now)
        for article in due:
            article.status = Status.PUBLISHED
            article.save(update_fields=["status"])
            _log(article, None, AuditEntry.Action.PUBLISHED, detail=_("scheduled"))
            published.append(article)
    for article in published:
        signals.article_published.send(sender=Article, article=article, user=None)
    return published
