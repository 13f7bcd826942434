"""The bundled Indonesian dictionary: Debian's hunspell-id read by spylls, plus a stemmer on its roots.

Everything here is loaded once per process, on first use (reading the affix rules takes about a
second), and answers are memoised: news text repeats the same few thousand words.
"""

from __future__ import annotations

import functools
import time
from pathlib import Path

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from spylls.hunspell import Dictionary  # type: ignore[import-untyped]

DATA = Path(__file__).resolve().parent / "data"
HUNSPELL = DATA / "id_ID"  # id_ID.aff + id_ID.dic, see data/README.md for origin and licence

# Clitics and particles that hunspell-id does not attach to every word that takes them.
CLITICS = ("nya", "lah", "kah", "pun", "ku", "mu")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@functools.cache
def hunspell() -> Dictionary:
    return Dictionary.from_files(str(HUNSPELL))


@functools.cache
def acronyms() -> dict[str, str]:
    """Acronyms and abbreviations of the news that hunspell-id lacks (data/akronim.tsv): the form
    as it must be written (rutan, dapil; KPU, Bawaslu) → what it stands for."""
    table: dict[str, str] = {}
    for line in (DATA / "akronim.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            form, meaning = line.split("\t")
            table[form] = meaning
    return table


@functools.cache
def supplement() -> frozenset[str]:
    """Current words hunspell-id lacks (data/tambahan.txt) and the lower-case acronyms of the news
    (data/akronim.tsv: rutan, posko), accepted as roots."""
    lines = (DATA / "tambahan.txt").read_text(encoding="utf-8").splitlines()
    words = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    return frozenset(words | {form for form in acronyms() if form.islower()})


@functools.cache
def frequent() -> dict[str, int]:
    """The most frequent words of news prose (data/sering.txt) → their rank, 0 the most frequent.
    Only a tie-breaker between equally close suggestions (merka → mereka before merak)."""
    lines = (DATA / "sering.txt").read_text(encoding="utf-8").splitlines()
    words = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return {word: rank for rank, word in reversed(list(enumerate(words)))}


@functools.lru_cache(maxsize=10_000)
def written_form(word: str) -> str | None:
    """How a lower-case word that is not a word must be written, when only its capitals make it one:
    a name or initialism of data/akronim.tsv (kpu → KPU, bawaslu → Bawaslu) or a name hunspell-id
    knows capitalised (november → November, jakarta → Jakarta)."""
    cased = {form.lower(): form for form in acronyms() if not form.islower()}
    if word in cased:
        return cased[word]
    capitalised = word[:1].upper() + word[1:]
    return capitalised if not lookup(word) and hunspell().lookup(capitalised) else None


@functools.cache
def roots() -> frozenset[str]:
    """The dictionary's root words (lower-case, one-word entries of id_ID.dic).

    This list replaces PySastrawi's bundled Kateglo list (CC BY-NC-SA, non-commercial) as the
    stemmer's dictionary, so search and the checker agree on what a root is.
    """
    words = set()
    with (HUNSPELL.with_suffix(".dic")).open(encoding="latin-1") as dic:
        next(dic)  # the first line is the entry count
        for line in dic:
            word = line.split("/", 1)[0].strip().lower()
            if word and " " not in word and word.isalpha():
                words.add(word)
    return frozenset(words | supplement())


@functools.cache
def stemmer() -> Stemmer:
    """Sastrawi's algorithm (MIT) over our own root list."""
    return Stemmer(ArrayDictionary(sorted(roots())))


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The root of one lower-case word, or the word itself when no root is found."""
    return str(stemmer().stem(word) or word)


@functools.lru_cache(maxsize=200_000)
def lookup(word: str) -> bool:
    """Whether hunspell-id (or our supplement) knows this exact form (affixes included)."""
    return word in supplement() or bool(hunspell().lookup(word))


@functools.lru_cache(maxsize=100_000)
def is_word(word: str) -> bool:
    """Whether a lower-case word is good Indonesian: a dictionary form, that form with a clitic,
    or a root with affixes the dictionary does not list (keberlanjutannya → lanjut)."""
    if lookup(word):
        return True
    for clitic in CLITICS:
        if word.endswith(clitic) and len(word) - len(clitic) >= 3 and lookup(word[: -len(clitic)]):
            return True
    if "-" in word:  # reduplication and compounds: every part must be a word (anak-anak, kerang-kerangan)
        parts = word.split("-")
        return all(part and is_word(part) for part in parts)
    if len(word) >= 6:
        root = stem(word)
        return root != word and root in roots()
    return False


def suggest(word: str, deadline: float) -> list[str]:
    """Dictionary words one edit away from a lower-case word, likeliest first.

    Own candidate generation instead of spylls' suggest(): that one falls back to an n-gram scan
    of the whole dictionary that can take seconds per word; this stops at the deadline
    (a time.monotonic() value) with whatever it has.
    """
    found: list[str] = []
    tier: dict[str, int] = {}  # 0: an edit past the first letter (or a swap), 1: at the first letter, 2: a split

    def consider(candidate: str, stage: int = 0) -> bool:
        if candidate not in found and candidate != word and lookup(candidate):
            found.append(candidate)
            tier[candidate] = stage
        return time.monotonic() < deadline

    def ranked() -> list[str]:
        # Every kind of single slip is as close as another (a missing letter as a swapped one):
        # within a tier, a very frequent word wins (merka → mereka, not merak); otherwise the
        # order of likelihood below stands.
        rank = frequent()
        order = {candidate: i for i, candidate in enumerate(found)}
        return sorted(found, key=lambda c: (tier[c], rank.get(c, len(rank)), order[c]))

    n = len(word)
    # Typing slips in order of likelihood: swapped, doubled or extra, wrong, then missing letters;
    # first everywhere but the first letter, then at the first letter. Writers rarely get the first
    # letter wrong, and a word that only a new first letter turns into another (rutan → hutan,
    # lapas → kapas) is more often a word the dictionary lacks than a slip: such a change must not
    # outrank a closer one (wargo → warga before kargo).
    for i in range(n - 1):
        if word[i] != word[i + 1] and not consider(word[:i] + word[i + 1] + word[i] + word[i + 2 :]):
            return ranked()
    for stage, positions in enumerate((range(1, n + 1), range(1))):
        for i in positions:
            if i < n and not consider(word[:i] + word[i + 1 :], stage):
                return ranked()
        for i in positions:
            for letter in LETTERS if i < n else ():
                if letter != word[i] and not consider(word[:i] + letter + word[i + 1 :], stage):
                    return ranked()
        for i in positions:
            for letter in LETTERS:
                if not consider(word[:i] + letter + word[i:], stage):
                    return ranked()
    # Two words run together: a split into two dictionary words.
    for i in range(2, n - 1):
        left, right = word[:i], word[i:]
        if lookup(left) and lookup(right):
            found.append(f"{left} {right}")
            tier[found[-1]] = 2
        if time.monotonic() >= deadline:
            break
    return ranked()
