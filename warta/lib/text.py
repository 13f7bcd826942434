"""Pure text helpers: no ORM, no request."""

from __future__ import annotations

import math
import re
from html import unescape

import nh3

_TAG = re.compile(r"<[^>]*>")

# Inline markup a writer may use inside a paragraph, quotation or list item.
INLINE_TAGS = {"a", "b", "strong", "i", "em", "u", "s", "sub", "sup", "br", "code", "mark", "small"}
INLINE_ATTRIBUTES = {"a": {"href", "title"}}


def sanitize_inline(html: str) -> str:
    """Return html with only inline formatting and safe links left (scripts, styles, events gone)."""
    return nh3.clean(
        html,
        tags=INLINE_TAGS,
        attributes=INLINE_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    ).strip()


# Block markup allowed in static pages (masthead, contact, guidelines).
BLOCK_TAGS = INLINE_TAGS | {"p", "h2", "h3", "ul", "ol", "li", "blockquote", "hr", "address"}


def sanitize_html(html: str) -> str:
    """Return html with paragraphs, headings, lists and inline formatting only."""
    return nh3.clean(
        html,
        tags=BLOCK_TAGS,
        attributes=INLINE_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener",
    ).strip()


# "Foto: Detik", "FOTO : Detik", "Foto/Detik", "Photo: AP": the page says "Foto:" itself.
# Repeated too ("Foto: Foto: Detik", a credit pasted over one already prefixed): all of it goes.
_CREDIT_PREFIX = re.compile(r"^(?:\s*(?:foto|photo|dok(?:umentasi)?|doc)\s*[:/]\s*)+", re.IGNORECASE)


def plain_credit(credit: str) -> str:
    """Return a photo credit without the "Foto:" a writer typed the WordPress way."""
    return _CREDIT_PREFIX.sub("", credit).strip()


def strip_tags(html: str) -> str:
    return _TAG.sub(" ", html)


def plain_text(markup: str) -> str:
    """Return the words of markup as plain text on one line: tags dropped (a script or style with
    its content), entities decoded, runs of white space made one space. For fields shown as plain
    text, such as a headline: "<b>Gempa</b> &amp; tsunami" becomes "Gempa & tsunami"."""
    return " ".join(unescape(nh3.clean(markup, tags=set())).split())


def word_count(text: str) -> int:
    """Count the words of a text, ignoring any markup in it."""
    return len(strip_tags(text).split())


def reading_minutes(words: int, words_per_minute: int) -> int:
    """Return the reading time in whole minutes: ceil(words / rate), never less than 1."""
    return max(1, math.ceil(words / words_per_minute))
