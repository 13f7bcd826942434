"""Show readers why an article matched: a short passage with the matching words marked."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from warta.lib.text import strip_tags
from warta.search.analysis import STOP_WORDS, stem

TOKEN = re.compile(r"([^\W_]+)", re.UNICODE)
WINDOW = 32  # words in a snippet


def _matches(word: str, terms: set[str]) -> bool:
    lower = word.lower()
    return lower not in STOP_WORDS and stem(lower) in terms


def best_passage(passages: list[str], terms: set[str]) -> str:
    """Return the passage with the most matching words (the first passage when none match)."""
    scored = [(sum(_matches(w, terms) for w in TOKEN.findall(p)), -i, p) for i, p in enumerate(passages) if p]
    return max(scored)[2] if scored else ""


def highlight(passage: str, terms: set[str]) -> SafeString:
    """Return about WINDOW words of passage around the first match, matches in <mark>, all escaped."""
    parts = TOKEN.split(passage)  # words at odd indexes, what lies between at even ones
    word_at = [i for i in range(1, len(parts), 2)]
    first = next((n for n, i in enumerate(word_at) if _matches(parts[i], terms)), 0)
    start = max(0, first - WINDOW // 4)
    chosen = word_at[start : start + WINDOW]
    if not chosen:
        return mark_safe("")
    out = ["… " if start > 0 else ""]
    for i in range(chosen[0], chosen[-1] + 1):
        text = escape(parts[i])
        out.append(f"<mark>{text}</mark>" if i % 2 and _matches(parts[i], terms) else text)
    if chosen[-1] < word_at[-1]:
        out.append(" …")
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


def snippet(article, terms: list[str]) -> SafeString:
    passages = [article.dek] + [
        strip_tags(b["text"]) for b in article.body if b["type"] in {"paragraph", "quote", "heading"}
    ]
    wanted = set(terms)
    return highlight(best_passage(passages, wanted), wanted)
