from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.html import linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

from warta.comments.forms import CommentForm
from warta.comments.thread import build_thread, comments_closed, own_pending_ids

register = template.Library()


@register.filter
def comment_html(text: str) -> SafeString:
    """Plain text to HTML: everything escaped, addresses linked without passing on any trust."""
    linked = urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    # urlize escaped the reader's text, so this attribute can only be one urlize wrote.
    linked = linked.replace(' rel="nofollow"', ' rel="nofollow ugc noopener"')
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308 - escaped above


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context: template.Context) -> dict:
    request, article = context["request"], context["article"]
    thread = build_thread(article, own_pending_ids(request))
    if thread.personal:
        request.warta_personal = True
    form = context.get("comment_form")
    if form is None:
        form = CommentForm(initial={"parent": request.GET.get("balas")})
    try:
        reply_to = thread.by_id.get(int(form["parent"].value() or 0))
    except (TypeError, ValueError):
        reply_to = None
    if reply_to is not None and reply_to.awaiting_moderation:
        reply_to = None
    return {
        "article": article,
        "thread": thread,
        "form": form,
        "reply_to": reply_to,
        "closed": comments_closed(article),
        "max_depth": settings.WARTA_COMMENT_MAX_DEPTH,
    }
