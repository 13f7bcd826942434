"""Spelling and style findings for Indonesian text (PUEBI / EYD V).

Pure Python, no Django: the editor's endpoint and `warta periksa-ejaan` both call check().
Each finding has its place (line, column and character offsets), the word as written, the
suggestions (the right one first) and the rule that found it.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from warta.lib.spelling import dictionary

# Rule names, in Indonesian: they are what editors read in the command's output and the editor.
SPELLING = "ejaan"  # not a word of the dictionary
STANDARD = "baku"  # a non-standard form with a standard one (silahkan → silakan)
PREPOSITION = "kata-depan"  # di/ke as a preposition is written apart (disana → di sana)
BOUND = "bentuk-terikat"  # pasca, antar, non... are written attached (pascakekalahan, pasca-Perang)
DOUBLED = "kata-ganda"  # the same word twice (yang yang)
CAPITAL = "huruf-kapital"  # a sentence starts with a capital letter

# A word: letters, with inner hyphens (anak-anak) or apostrophes (Jum'at). Not glued to digits (2019an, ke-3).
WORD = re.compile(r"(?<![\w'’-])[^\W\d_]+(?:[-'’][^\W\d_]+)*(?![\w-])")
# Addresses and e-mails are not prose.
NOT_PROSE = re.compile(r"\S*(?:://|www\.|@)\S*|\S+\.(?:com|id|net|org|co)\b\S*", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+$")
# Words a full stop follows without ending the sentence: abbreviations and titles.
ABBREVIATIONS = frozenset(
    """
    a.n al bpk dkk dll dr drs dsb dst dts hlm hj h ir jl jln kab kec kel mr mrs ms no nn pt prof
    rp sbb sdr sdri st tbk tgl tsb u.p vs yth ny no nomor kol brigjen irjen kombes akbp
    """.split()
)
# di/ke + one of these is a preposition before a place or direction, never a prefix.
PLACES = frozenset(
    """
    atas bawah sana sini situ mana dalam depan belakang samping tengah antara antaranya sekitar
    sebelah seberang pinggir dekat rumah kantor sekolah jalan kota desa kampung pasar gedung
    istana lapangan masjid gereja pulau luar
    """.split()
)
# ke + luar is the verb keluar (to go out); di + luar is always the preposition.
NOT_PREPOSITION = frozenset({"keluar", "kedalaman", "kesamping"})
# Words that are never meant twice; other doubled words are probably reduplication (anak-anak).
FUNCTION_WORDS = frozenset(
    """
    yang dan di ke dari untuk dengan pada itu ini akan tidak juga dalam oleh adalah karena atau
    bahwa sudah telah saat para serta sebagai kepada ia dia mereka kami kita
    """.split()
)
# Bound forms (PUEBI I.F.1): attached to the next word, with a hyphen before a capital letter.
BOUND_FORMS = frozenset("pasca pra antar non multi ekstra semi swa tuna purna".split())
# Time spent looking for suggestions, per word and per check; past it a word is still reported.
WORD_BUDGET = 0.4
CHECK_BUDGET = 3.0


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based
    col: int  # 1-based, in characters
    start: int  # character offsets into the checked text
    end: int
    word: str
    suggestions: tuple[str, ...]
    rule: str

    def __str__(self) -> str:
        return f"{self.line}:{self.col} {self.word} → {self.suggestions[0] if self.suggestions else '?'} ({self.rule})"


@dataclass
class _Budget:
    until: float = field(default_factory=lambda: time.monotonic() + CHECK_BUDGET)

    def word_deadline(self) -> float:
        return min(self.until, time.monotonic() + WORD_BUDGET)


@functools.cache
def standard_forms() -> dict[str, tuple[str, ...]]:
    """The non-standard → standard table (data/baku.tsv); keys may be two words (anti korupsi)."""
    table: dict[str, tuple[str, ...]] = {}
    for line in (dictionary.DATA / "baku.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            wrong, right = line.split("\t")
            table[wrong] = tuple(right.split("|"))
    return table


def joined_compounds() -> dict[str, tuple[str, ...]]:
    """Compounds written as one word that are two (kerjasama → kerja, sama), for search."""
    return {
        wrong: tuple(right[0].split())
        for wrong, right in standard_forms().items()
        if " " not in wrong and " " in right[0] and wrong == right[0].replace(" ", "")
    }


def _like(original: str, suggestion: str) -> str:
    """The suggestion in the original's case (Silahkan → Silakan)."""
    if original[:1].isupper() and not suggestion[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _positions(text: str) -> list[int]:
    """Offsets at which each line starts."""
    starts = [0]
    starts.extend(match.end() for match in re.finditer(r"\n", text))
    return starts


def _ends_sentence(before: str) -> bool:
    if not SENTENCE_END.search(before) or before.rstrip().endswith(".."):
        return False
    previous = re.search(r"([^\s\"“‘(]+)[.!?][\"”’')\]]*\s+$", before)
    if previous is None:
        return False
    word = previous.group(1).lower()
    return not (word in ABBREVIATIONS or len(word) == 1 or any(ch.isdigit() for ch in word) or "." in word)


def _in(word: str, extra: frozenset[str]) -> bool:
    """Whether the newsroom's dictionary has this word: as written there, capitalised (a sentence
    start, a headline), or with a clitic (polresnya, Bonek-nya). An entry with capitals (DPR,
    Bonek) does not make its lower-case spelling right."""
    forms = [word]
    for clitic in dictionary.CLITICS:
        if word.lower().endswith(clitic) and len(word) - len(clitic) >= 2:
            forms.append(word[: -len(clitic)].removesuffix("-"))
    return any(form in extra or (form != form.lower() and form.lower() in extra) for form in forms)


def _word_findings(
    word: str, extra: frozenset[str], cased: dict[str, str], budget: _Budget
) -> tuple[str, tuple[str, ...]] | None:
    """(rule, suggestions) for one word, or None when it is good."""
    lower = word.lower()
    if _in(word, extra) or lower in ABBREVIATIONS:
        return None
    if lower in standard_forms():
        return STANDARD, tuple(_like(word, s) for s in standard_forms()[lower])
    if lower[:2] in {"di", "ke"} and lower not in NOT_PREPOSITION:
        rest = lower[2:]
        if rest in PLACES or (rest.endswith("nya") and rest[:-3] in PLACES):
            return PREPOSITION, (_like(word, f"{lower[:2]} {rest}"),)
    # Capitalised words are names, acronyms or sentence starts: only the tables above judge them.
    if word != lower or len(lower) < 2 or dictionary.is_word(lower):
        return None
    suggestions = dictionary.suggest(lower, budget.word_deadline())
    written = cased.get(lower) or dictionary.written_form(lower)
    if written is not None:  # kpu → KPU, november → November: the capitals are the mistake
        suggestions = [written, *(s for s in suggestions if s != written)]
    if suggestions and " " in suggestions[0] and suggestions[0].split()[0] in {"di", "ke"}:
        return PREPOSITION, tuple(suggestions)
    return SPELLING, tuple(suggestions[:5])


def _tokens(text: str) -> Iterator[re.Match[str]]:
    skip = [match.span() for match in NOT_PROSE.finditer(text)]
    for match in WORD.finditer(text):
        if not any(start <= match.start() < end for start, end in skip):
            yield match


def check(text: str, extra_words: Iterable[str] = ()) -> list[Finding]:
    """Every finding in text, in reading order. extra_words: the newsroom's own dictionary."""
    extra = frozenset(extra_words)
    cased = {w.lower(): w for w in extra if not w.islower()}  # the newsroom's names: bonek → Bonek
    line_starts = _positions(text)
    budget = _Budget()
    findings: list[Finding] = []

    def add(start: int, end: int, rule: str, suggestions: tuple[str, ...]) -> None:
        line = next(i for i in range(len(line_starts) - 1, -1, -1) if line_starts[i] <= start)
        findings.append(
            Finding(line + 1, start - line_starts[line] + 1, start, end, text[start:end], suggestions, rule)
        )

    tokens = list(_tokens(text))
    paired: set[int] = set()
    for i, token in enumerate(tokens):
        word = token.group()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        gap = text[token.end() : nxt.start()] if nxt else ""
        if nxt and gap.strip(" ") == "" and "\n" not in gap:
            pair = f"{word.lower()} {nxt.group().lower()}"
            if word.lower() in BOUND_FORMS and nxt.group()[:1].isalpha():
                joiner = "-" if nxt.group()[:1].isupper() else ""
                add(token.start(), nxt.end(), BOUND, (f"{word}{joiner}{nxt.group()}",))
                paired.add(i + 1)
                continue
            if pair in standard_forms():
                add(token.start(), nxt.end(), STANDARD, tuple(_like(word, s) for s in standard_forms()[pair]))
                paired.add(i + 1)
                continue
            if word.lower() == nxt.group().lower() and i not in paired:
                single = nxt.group()
                doubled = f"{word}-{nxt.group()}"
                options = (single, doubled) if word.lower() in FUNCTION_WORDS else (doubled, single)
                add(token.start(), nxt.end(), DOUBLED, options)
                paired.add(i + 1)
                continue
        if i in paired:
            continue
        result = _word_findings(word, extra, cased, budget)
        if result is not None:
            add(token.start(), token.end(), *result)
        elif word[:1].islower() and word.islower() and _ends_sentence(text[: token.start()]):
            add(token.start(), token.end(), CAPITAL, (word[:1].upper() + word[1:],))
    return findings
