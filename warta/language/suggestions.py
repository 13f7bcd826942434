"""Words the published articles use often that the checker does not know: candidates for the
newsroom dictionary (a name, a term of the beat), offered to editors in the back office."""

from __future__ import annotations

from collections import Counter

from warta.articles.models import Article
from warta.lib.spelling import dictionary
from warta.lib.spelling.checker import WORD
from warta.lib.text import strip_tags

MIN_ARTICLES = 3  # a word in this many articles is probably the newsroom's, not a slip
RECENT = 500  # the latest published articles are enough to see the newsroom's vocabulary


def _text(article: Article) -> str:
    parts = [article.headline, article.dek]
    for block in article.body:
        parts.extend(block.get("items", []))
        parts.append(block.get("text", ""))
    return strip_tags("\n".join(str(part) for part in parts if part))


def frequent_unknown_words(known: set[str], limit: int = 50) -> list[tuple[str, int]]:
    """(word, number of articles) for words unknown to the checker, most used first."""
    counts: Counter[str] = Counter()
    lowered = {word.lower() for word in known}
    for article in Article.objects.published().order_by("-published_at")[:RECENT]:
        seen = set()
        for match in WORD.finditer(_text(article)):
            word = match.group()
            if word.lower() in lowered or word in seen:
                continue
            seen.add(word)
            # Capitalised words (names, acronyms) are never flagged, so only lower-case ones matter.
            if word.islower() and not dictionary.is_word(word):
                counts[word] += 1
    return [(word, n) for word, n in counts.most_common() if n >= MIN_ARTICLES][:limit]
