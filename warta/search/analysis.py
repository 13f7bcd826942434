"""Turn Indonesian text into search terms: lower-case words, stop words out, stemmed with Sastrawi.

The same analysis runs on articles when they are indexed and on the reader's query, so
`perluas` finds `memperluas` and `bekerja sama` finds `kerja sama` on every database, and a
compound written as one word is split as the standard spelling writes it (`kerjasama` finds
`kerja sama` and the other way round).

The stemmer is Sastrawi's algorithm (MIT) over the root words of the bundled hunspell-id
dictionary (LGPL-3), not PySastrawi's own Kateglo list, whose licence (CC BY-NC-SA) forbids
commercial use.
"""

from __future__ import annotations

import functools
import re

from warta.lib.spelling import dictionary, joined_compounds

WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Function words only. Sastrawi's own list (809 words) also drops words that carry news,
# such as "kerja", "sama", "baru" and "akhir", which would make "kerja sama" unsearchable.
STOP_WORDS = frozenset(
    """
    ada adalah agar akan aku anda antara apa apakah atau bagai bagaimana bagi bahkan bahwa
    banyak beberapa begitu belum berbagai bila bisa dalam dan dapat dari demikian dengan di
    dia ialah ini itu jadi jika juga justru kah kala kalau kami kamu karena ke kepada kini
    kita lagi lah lalu maka masih melainkan mereka meski namun nya oleh pada padahal para
    per pula pun saat saja salah sambil sang saya se sebab sebagai sebelum secara sedang
    sehingga sejak seperti serta sesudah setelah si sudah supaya tak tanpa tapi telah
    tentang terhadap tersebut tetapi tidak toh untuk walau yaitu yakni yang
    """.split()
)

CLITICS = ("nya", "lah", "kah", "pun")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem one lower-case word (news vocabulary repeats, so results are memoised)."""
    return dictionary.stem(word)


@functools.cache
def _compounds() -> dict[str, tuple[str, ...]]:
    return joined_compounds()


def _split(word: str) -> tuple[str, ...]:
    """A compound written as one word, as its words (kerjasama, kerjasamanya → kerja sama)."""
    compounds = _compounds()
    if word in compounds:
        return compounds[word]
    for clitic in CLITICS:
        if word.endswith(clitic) and word[: -len(clitic)] in compounds:
            return compounds[word[: -len(clitic)]]
    return (word,)


def words(text: str) -> list[str]:
    """Return the lower-case words of text, in order, stop words included, compounds split."""
    return [part for word in WORD.findall(text.lower()) for part in _split(word)]


def terms(text: str) -> list[str]:
    """Return the stemmed search terms of text, stop words removed, in order."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]
