"""Word-level comparison of two versions of a text, for the revisions page.

Pure functions over strings, no Django: `word_diff` marks what changed inside one paragraph;
`compare_items` lines up two lists of labelled fields and paragraphs, word-diffs the pairs that
changed and collapses the runs that did not. The HTML they return escapes every piece of text,
so callers may mark it safe.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Literal

# A word keeps its inner hyphens, apostrophes and separators ("anak-anak", "Jum'at", "1.000",
# "12.30", "dan/atau"); runs of white space and single punctuation marks are tokens of their own,
# so joining the tokens gives back the text exactly.
TOKEN = re.compile(r"\w+(?:[-‐'’.,:/@]\w+)*|\s+|[^\w\s]")

# Two paragraphs of a changed stretch are shown as one edited paragraph when at least this share
# of their words is the same; otherwise as one removed and one added.
PAIR_CUTOFF = 0.5
# In a changed stretch of more than FULL_SEARCH candidate pairs (a body edited from top to bottom),
# a paragraph is only weighed against the BAND paragraphs on either side of the same place; beyond
# PAIR_LIMIT none are paired up, to keep the page fast, and they show as removed and added.
FULL_SEARCH = 2_500
BAND = 10
PAIR_LIMIT = 250_000

Item = tuple[str, str]
Kind = Literal["same", "changed", "added", "removed", "skipped"]


@dataclass(frozen=True)
class Row:
    """One line of the comparison: a field or paragraph, or a run of unchanged ones left out.

    `html` is escaped text with <del>/<ins> marks; `count` is the number of items a "skipped" row
    stands for.
    """

    kind: Kind
    label: str = ""
    html: str = ""
    count: int = 0


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def _segments(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """Return (removed, added) pairs of text; a pair with both equal is unchanged text."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    segments: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            text = "".join(old[i1:i2])
            segments.append((text, text))
        else:
            segments.append(("".join(old[i1:i2]), "".join(new[j1:j2])))
    return _merge_small_equalities(segments)


def _is_change(segment: tuple[str, str]) -> bool:
    return segment[0] != segment[1]


def _merge_small_equalities(segments: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Fold short unchanged text lying between two changes into them, to read as one edit.

    "<del>a</del><ins>x</ins> <del>b</del><ins>y</ins>" becomes "<del>a b</del><ins>x y</ins>":
    white space between changes always goes, and so does a stretch no longer than the edits on
    either side of it (the usual semantic clean-up of a diff).
    """
    merged = list(segments)
    changed = True
    while changed:
        changed = False
        for index in range(1, len(merged) - 1):
            before, middle, after = merged[index - 1], merged[index], merged[index + 1]
            if _is_change(middle) or not (_is_change(before) and _is_change(after)):
                continue
            equal = middle[0]
            if equal.strip() and (len(equal) > max(map(len, before)) or len(equal) > max(map(len, after))):
                continue
            merged[index - 1 : index + 2] = [(before[0] + equal + after[0], before[1] + equal + after[1])]
            changed = True
            break
    return merged


def _mark(tag: str, text: str) -> str:
    return f"<{tag}>{escape(text, quote=False)}</{tag}>" if text else ""


def word_diff(old: str, new: str) -> str:
    """Return new as HTML with the words removed since old in <del> and those added in <ins>.

    Whole words are compared, never parts of them; white space and punctuation are kept as they
    are. All text is escaped.
    """
    parts: list[str] = []
    for removed, added in _segments(tokens(old), tokens(new)):
        if removed == added:
            parts.append(escape(removed, quote=False))
        else:
            parts.append(_mark("del", removed) + _mark("ins", added))
    return "".join(parts)


def _words(text: str) -> Counter[str]:
    return Counter(token for token in tokens(text) if not token.isspace())


def _overlap(old: Counter[str], new: Counter[str]) -> float:
    """The share of words (and punctuation marks) two texts have in common, 0 to 1, order aside."""
    total = old.total() + new.total()
    return 2 * (old & new).total() / total if total else 1.0


def _pair(old: Sequence[Item], new: Sequence[Item]) -> list[tuple[int | None, int | None]]:
    """Pair up the items of a changed stretch, in order: (old index, new index), None for a gap.

    Items pair when they have the same label and at least PAIR_CUTOFF of their words in common;
    of all the ways to pair them in order, the one with the most in common wins. An item whose
    label is found once on each side (a field such as the headline) pairs however much it changed.
    In a long stretch an item is only weighed against those near the same place on the other side.
    """
    n, m = len(old), len(new)
    if n == 1 and m == 1 and old[0][0] == new[0][0]:
        return [(0, 0)]
    if n * m > PAIR_LIMIT:
        return [(i, None) for i in range(n)] + [(None, j) for j in range(m)]
    old_labels = Counter(label for label, _ in old)
    new_labels = Counter(label for label, _ in new)
    old_words = [_words(text) for _, text in old]
    new_words = [_words(text) for _, text in new]
    band = n * m > FULL_SEARCH

    def score(i: int, j: int) -> float:
        label = old[i][0]
        if label != new[j][0] or (band and abs(j - i * m / n) > BAND):
            return 0.0
        if (ratio := _overlap(old_words[i], new_words[j])) >= PAIR_CUTOFF:
            return ratio
        return 0.001 if old_labels[label] == new_labels[label] == 1 else 0.0

    # best[i][j]: the most in common pairing old[:i] with new[:j] can reach.
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    scores: dict[tuple[int, int], float] = {}
    for i in range(n):
        for j in range(m):
            found = scores[i, j] = score(i, j)
            best[i + 1][j + 1] = max(best[i][j + 1], best[i + 1][j], best[i][j] + found if found else 0.0)
    pairs: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i and j:
        found = scores[i - 1, j - 1]
        if found and best[i][j] == best[i - 1][j - 1] + found:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i][j - 1]:
            pairs.append((None, j - 1))
            j -= 1
        else:
            pairs.append((i - 1, None))
            i -= 1
    pairs.extend((None, b) for b in reversed(range(j)))
    pairs.extend((a, None) for a in reversed(range(i)))
    pairs.reverse()
    return _removed_before_added(pairs)


def _removed_before_added(pairs: list[tuple[int | None, int | None]]) -> list[tuple[int | None, int | None]]:
    """Between two pairs, list what was removed before what was added."""
    ordered: list[tuple[int | None, int | None]] = []
    gap: list[tuple[int | None, int | None]] = []
    for pair in pairs:
        if pair[0] is None or pair[1] is None:
            gap.append(pair)
        else:
            ordered += [*sorted(gap, key=lambda p: p[0] is None), pair]
            gap = []
    return ordered + sorted(gap, key=lambda p: p[0] is None)


def _rows(old: Sequence[Item], new: Sequence[Item]) -> list[Row]:
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    rows: list[Row] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(Row("same", label, escape(text, quote=False)) for label, text in new[j1:j2])
            continue
        for i, j in _pair(old[i1:i2], new[j1:j2]):
            if i is not None and j is not None:
                (label, before), (_, after) = old[i1 + i], new[j1 + j]
                rows.append(Row("changed", label, word_diff(before, after)))
            elif i is not None:
                label, text = old[i1 + i]
                rows.append(Row("removed", label, _mark("del", text)))
            elif j is not None:
                label, text = new[j1 + j]
                rows.append(Row("added", label, _mark("ins", text)))
    return rows


def compare_items(old: Sequence[Item], new: Sequence[Item], context: int = 1) -> list[Row]:
    """Compare two lists of (label, text): fields first, then the body paragraph by paragraph.

    Paragraphs are lined up first, so inserting one leaves those after it unchanged; the pairs
    that differ are word-diffed. Unchanged items show only within `context` items of a change;
    each run of the others becomes one "skipped" row counting them.
    """
    rows = _rows(old, new)
    changes = [index for index, row in enumerate(rows) if row.kind != "same"]
    shown = {near for index in changes for near in range(index - context, index + context + 1) if 0 <= near < len(rows)}
    collapsed: list[Row] = []
    hidden = 0
    for index, row in enumerate(rows):
        if index in shown:
            if hidden:
                collapsed.append(Row("skipped", count=hidden))
                hidden = 0
            collapsed.append(row)
        else:
            hidden += 1
    if hidden:
        collapsed.append(Row("skipped", count=hidden))
    return collapsed
