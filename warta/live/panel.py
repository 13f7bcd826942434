"""The live coverage panel on an article's writing desk (registered into
warta.newsroom.panels.desk_panels by LiveConfig.ready()): a link to the article's live desk, or
one to start a live report for it, for whoever may do either (see desk.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from warta.articles.models import Article
from warta.lib.http import staff_user
from warta.live import desk
from warta.live.models import LiveReport


def article_panel(request: HttpRequest, article: Article) -> str:
    user = staff_user(request)
    if not desk.can_post(user):
        return ""
    report = LiveReport.objects.filter(article=article).first()
    if report is not None:
        report.article = article  # as loaded by the desk: can_post_to() reads its bylines, not its row again
        if not desk.can_post_to(user, report):
            return ""
        context = {"report": report, "desk_url": desk.desk_url(report)}
    elif desk.can_manage(user):
        # The admin's add view takes its initial values from the query string.
        context = {"start_url": reverse("admin:live_livereport_add") + "?" + urlencode({"article": article.pk})}
    else:
        return ""
    return render_to_string("live/article_panel.html", context, request=request)
