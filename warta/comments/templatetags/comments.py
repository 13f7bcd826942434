from __future__ import annotations

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.html import Urlizer, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from warta.articles.models import Article
from warta.caching import fragments, keys
from warta.comments.forms import CommentForm
from warta.comments.thread import build_thread, comments_closed, own_pending_ids

register = template.Library()


class _Urlizer(Urlizer):
    def trim_punctuation(self, word: str) -> tuple[str, str, str]:
        lead, middle, trail = super().trim_punctuation(word)
        # Django 5.2 forgets what it trimmed first when it then trims a closing bracket: a reader's
        # "(https://contoh.id/x)." lost its full stop. What follows the address is the trail.
        return lead, middle, word[len(lead) + len(middle) :]


urlize = _Urlizer()


@register.filter
def comment_html(text: str) -> SafeString:
    """Plain text to HTML: everything escaped, addresses linked without passing on any trust."""
    linked = urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    # urlize escaped the reader's text, so this attribute can only be one urlize wrote.
    linked = linked.replace(' rel="nofollow"', ' rel="nofollow ugc noopener"')
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def comment_section(context: template.Context) -> SafeString:
    """The thread and the form. The same for every reader, and kept as a fragment under the
    article's comments key, unless it answers someone: their own held comments, their refused
    form, the comment they reply to."""
    request, article = context["request"], context["article"]
    pending, form, replying = own_pending_ids(request), context.get("comment_form"), request.GET.get("balas")
    closed = comments_closed(article)

    def render() -> str:
        return render_to_string("comments/section.html", _section(request, article, pending, form, replying, closed))

    if pending or form is not None or replying:
        keys.tag_request(request, keys.comments(article.pk))
        return mark_safe(render())  # noqa: S308 - our template's output
    parts = ("comments", get_language(), article.pk, closed)
    return mark_safe(fragments.cached(request, parts, [keys.comments(article.pk), keys.SITE], render))  # noqa: S308


def _section(
    request: HttpRequest,
    article: Article,
    pending: list[int],
    form: CommentForm | None,
    replying: str | None,
    closed: bool,
) -> dict:
    thread = build_thread(article, pending)
    if thread.personal:
        request.warta_personal = True  # type: ignore[attr-defined]
    if form is None:
        form = CommentForm(initial={"parent": replying})
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
        "closed": closed,
        "max_depth": settings.WARTA_COMMENT_MAX_DEPTH,
    }
