"""*Laporkan*: a reader reports an article or a comment (Pedoman Pemberitaan Media Siber 3e-3f).

The form works without JavaScript, carries no per-reader token (checked by origin, like the
comment form, so the page can be cached), is rate-limited like comments, and never writes the
reader's email address back into a page.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from warta.articles.models import Article
from warta.caching import keys
from warta.comments.models import Comment
from warta.complaints import notify
from warta.complaints.forms import ComplaintForm
from warta.complaints.models import ANSWER_WITHIN
from warta.lib import ratelimit
from warta.lib.http import client_ip, same_origin


@csrf_exempt  # checked by origin instead: see warta.lib.http.same_origin
def report_article(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.published().select_related("section"), pk=article_id)
    return _report(request, article, None)


@csrf_exempt  # checked by origin instead: see warta.lib.http.same_origin
def report_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(
        Comment.objects.approved().filter(article__in=Article.objects.published()).select_related("article"),
        pk=comment_id,
    )
    return _report(request, comment.article, comment)


def sent(request: HttpRequest) -> HttpResponse:
    hours = int(ANSWER_WITHIN.total_seconds() // 3600)
    return render(request, "complaints/sent.html", {"hours": hours})


def _report(request: HttpRequest, article: Article, comment: Comment | None) -> HttpResponse:
    keys.tag_request(request, keys.article(article.pk))  # the form goes when the article goes
    if request.method not in {"GET", "HEAD", "POST"}:
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    if request.method != "POST":
        return _page(request, article, comment, ComplaintForm())
    if not same_origin(request):
        raise PermissionDenied("complaint form sent from another site")
    form = ComplaintForm(request.POST)
    limit, window = settings.WARTA_COMMENT_RATE, settings.WARTA_COMMENT_RATE_WINDOW
    too_often = _("You are sending reports too often. Wait a minute, then send again.")
    if not ratelimit.allow("complaint-ip", client_ip(request), limit, window):
        form.is_valid()
        form.add_error(None, too_often)
        return _page(request, article, comment, form, status=429)
    if not form.is_valid():
        return _page(request, article, comment, form, status=400)
    if not ratelimit.allow("complaint-email", form.cleaned_data["email"].lower(), limit, window):
        form.add_error(None, too_often)
        return _page(request, article, comment, form, status=429)
    if form.cleaned_data.get("homepage"):
        return _sent()  # a bot: thank it like anyone, keep nothing
    complaint = form.save(commit=False)
    complaint.article, complaint.comment = article, comment
    complaint.email = complaint.email.strip().lower()
    complaint.save()
    notify.received(complaint)
    return _sent()


def _sent() -> HttpResponse:
    response = redirect("complaints:sent")
    response.status_code = 303
    return response


def _page(
    request: HttpRequest, article: Article, comment: Comment | None, form: ComplaintForm, status: int = 200
) -> HttpResponse:
    if form.is_bound:
        data = dict(form.data.items())
        data["email"] = ""  # privacy: the address is never written back into a page
        form.data = data
    context = {"article": article, "comment": comment, "form": form}
    response = render(request, "complaints/form.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response
