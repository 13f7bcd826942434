"""{% fragment %}: a piece of a template kept under surrogate keys (see warta/caching/fragments.py).

    {% load fragments %}
    {% fragment "card" article.pk shows article.pk|article_key "site" %}
      ... the card ...
    {% endfragment %}

Everything before ``shows`` names the fragment (a literal first, then any values it varies by);
everything after it is a surrogate key, or a list of keys. Each fragment also varies by the
active language.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from warta.caching import fragments, keys

register = template.Library()


@register.filter
def article_key(article_id: int) -> str:
    """The surrogate key of one article: {{ article.pk|article_key }}."""
    return keys.article(article_id)


class FragmentNode(template.Node):
    def __init__(self, nodelist: NodeList, name: list[FilterExpression], shows: list[FilterExpression]) -> None:
        self.nodelist, self.name, self.shows = nodelist, name, shows

    def render(self, context: template.Context) -> SafeString:
        parts: list[Any] = [get_language(), *(part.resolve(context) for part in self.name)]
        shown: list[str] = []
        for expression in self.shows:
            value = expression.resolve(context)
            shown.extend([value] if isinstance(value, str) else [str(v) for v in value])
        request = context.get("request")
        return mark_safe(fragments.cached(request, parts, shown, lambda: self.nodelist.render(context)))  # noqa: S308 - the template's own output


@register.tag("fragment")
def do_fragment(parser: Parser, token: Token) -> FragmentNode:
    bits = token.split_contents()[1:]
    if "shows" not in bits or bits.index("shows") == 0 or bits[-1] == "shows":
        raise template.TemplateSyntaxError('{% fragment "name" [values ...] shows key [key ...] %}')
    split = bits.index("shows")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist,
        [parser.compile_filter(bit) for bit in bits[:split]],
        [parser.compile_filter(bit) for bit in bits[split + 1 :]],
    )
