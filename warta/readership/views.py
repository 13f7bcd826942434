from __future__ import annotations

import base64
import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from warta.articles.models import Article
from warta.lib import ratelimit
from warta.lib.http import client_ip
from warta.readership.models import count_view

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
BOTS = re.compile(r"bot|crawl|spider|slurp|preview|monitor|curl|wget|python|headless", re.IGNORECASE)


@csrf_exempt  # carries nothing but an article id; counting is rate-limited per address
@never_cache
@require_http_methods(["GET", "POST"])
def seen(request: HttpRequest, article_id: int) -> HttpResponse:
    """Count a page view: sent by the page itself (a beacon, or a pixel without JavaScript).

    Nothing identifies the reader: one view per address and article per window is counted,
    so reloads do not inflate the list; bots say who they are and are not counted.
    """
    agent = request.headers.get("User-Agent", "")
    key = f"{client_ip(request)}:{article_id}"
    if (
        agent
        and not BOTS.search(agent)
        # An article first: a counter is never made for an address that is no story.
        and Article.objects.published().filter(pk=article_id).exists()
        and ratelimit.allow("seen", key, 1, settings.WARTA_VIEW_WINDOW)
    ):
        count_view(article_id)
    if request.method == "POST":
        return HttpResponse(status=204)
    return HttpResponse(PIXEL, content_type="image/gif")
