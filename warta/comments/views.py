from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from warta.articles.models import Article
from warta.articles.views import render_article
from warta.comments import moderation, notify
from warta.comments.forms import CommentForm
from warta.comments.models import Comment
from warta.comments.thread import comments_closed, remember_pending
from warta.lib import ratelimit
from warta.lib.http import client_ip, same_origin

log = logging.getLogger(__name__)


def _refuse(request: HttpRequest, article: Article, form: CommentForm, message: str, status: int) -> HttpResponse:
    """Show the article again with the reader's words in the form and what to do about it."""
    form.add_error(None, message)
    return render_article(request, article, comment_form=form, status=status)


@csrf_exempt  # checked by origin instead, below: see warta.lib.http.same_origin
@require_http_methods(["GET", "HEAD", "POST"])
def post_comment(request: HttpRequest, article_id: int) -> HttpResponse:
    if request.method != "POST":
        # The address a refused comment leaves in the address bar: opened again (a reload, a
        # bookmark), it leads back to the article's comments, not to an empty 405.
        article = get_object_or_404(Article.objects.published(), pk=article_id)
        return redirect(f"{article.get_absolute_url()}#komentar")
    if not same_origin(request):
        raise PermissionDenied("comment form sent from another site")
    article = get_object_or_404(Article.objects.published().for_page(), pk=article_id)
    form = CommentForm(request.POST)
    if comments_closed(article):
        form.is_valid()
        return _refuse(request, article, form, _("Comments on this article are closed."), 403)
    ip = client_ip(request)
    limit, window = settings.WARTA_COMMENT_RATE, settings.WARTA_COMMENT_RATE_WINDOW
    too_often = _("You are sending comments too often. Wait a minute, then send again.")
    if not ratelimit.allow("comment-ip", ip, limit, window):
        form.is_valid()
        return _refuse(request, article, form, too_often, 429)
    if not form.is_valid():
        return render_article(request, article, comment_form=form, status=400)
    data = form.cleaned_data
    if not ratelimit.allow("comment-email", data["email"], limit, window):
        return _refuse(request, article, form, too_often, 429)

    parent = None
    if data["parent"]:
        parent = Comment.objects.approved().filter(article=article, pk=data["parent"]).first()
        if parent is None:
            return _refuse(request, article, form, _("The comment you are replying to is no longer available."), 400)
        if parent.depth >= settings.WARTA_COMMENT_MAX_DEPTH:
            parent = parent.parent  # past the deepest level, a reply joins its parent's replies

    verdict = moderation.judge(
        name=data["name"],
        email=data["email"],
        website=data["website"],
        text=data["text"],
        ip=ip,
        seconds_taken=data["token"],
        honeypot=data["homepage"],
    )
    comment = Comment(
        article=article,
        parent=parent,
        name=data["name"],
        email=data["email"],
        website=data["website"],
        text=data["text"],
        status=verdict.status,
        spam_reason=verdict.reason if verdict.status != Comment.Status.APPROVED else "",
        ip_address=ip or None,
        user_agent=request.headers.get("User-Agent", "")[:300],
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        return _refuse(request, article, form, _("You have already sent this comment."), 400)
    if comment.status == Comment.Status.PENDING:
        try:
            notify.awaiting_moderation(comment)
        except DatabaseError:
            # The comment is stored: the reader must hear so, not "try again" (a second send would
            # be refused as a duplicate). The moderators still find it waiting in the desk.
            log.warning("comment %s stored; the moderators' email could not be prepared", comment.pk, exc_info=True)

    response = redirect(f"{article.get_absolute_url()}#komentar-{comment.pk}", permanent=False)
    response.status_code = 303  # "see the article", whatever the browser posted
    if comment.status != Comment.Status.APPROVED:
        # Spam is shown to its sender as pending, like any held comment: no hint for bots.
        remember_pending(request, response, comment)
    return response
