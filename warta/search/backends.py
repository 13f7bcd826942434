"""Ranked full-text queries, one per database, over the same analysed text.

A query's terms are matched together (AND); each term, or run of terms, that the abbreviation
table knows also matches what it stands for (`korut` finds `korea utara` and the other way
round). suggest() offers "Maksud Anda: ..." from the index's own vocabulary.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection

from warta.articles.models import Article
from warta.language.models import SYNONYMS_CACHE_KEY, Synonym
from warta.lib.spelling import dictionary
from warta.search.analysis import STOP_WORDS, stem
from warta.search.analysis import terms as analyse

# A phrase of at most this many terms is looked up in the abbreviation table.
LONGEST_PHRASE = 6
SUGGEST_WORDS = 12  # as many as a search analyses (search.views.MAX_TERMS)
SYNONYMS_SECONDS = 24 * 3600  # dropped at once when editors change the table (warta.language.apps)
VOCABULARY_KEY = "search:vocabulary:v1"
VOCABULARY_SECONDS = 15 * 60  # "Maksud Anda" may lag new articles by this much

# Search documents are joined to their article so that "published" is the articles' own definition.
ARTICLES = f"JOIN {Article._meta.db_table} ON {Article._meta.db_table}.id = d.article_id"


@dataclass(frozen=True)
class Filters:
    section_id: int | None = None
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None


def _published() -> tuple[str, list]:
    """The WHERE clause of Article.objects.published(), compiled for the articles table."""
    query = Article.objects.published().query
    sql, params = query.get_compiler(connection=connection).compile(query.where)
    return sql, list(params)


def _where(filters: Filters, alias: str) -> tuple[str, list]:
    published, params = _published()
    clauses = [published]
    if filters.section_id:
        clauses.append(f"{alias}.section_id = %s")
        params.append(filters.section_id)
    if filters.since:
        clauses.append(f"{alias}.published_at >= %s")
        params.append(filters.since)
    if filters.until:
        clauses.append(f"{alias}.published_at < %s")
        params.append(filters.until)
    return " AND ".join(clauses), params


def synonyms() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Analysed phrase → the analysed phrases it also means, both ways (korut ↔ korea utara)."""
    table = cache.get(SYNONYMS_CACHE_KEY)
    if table is None:
        table = defaultdict(list)
        for term, meaning in Synonym.objects.values_list("term", "meaning"):
            left, right = tuple(analyse(term)), tuple(analyse(meaning))
            if left and right and left != right:
                table[left].append(right)
                table[right].append(left)
        table = dict(table)
        cache.set(SYNONYMS_CACHE_KEY, table, SYNONYMS_SECONDS)
    return table


def groups(terms: list[str]) -> list[list[tuple[str, ...]]]:
    """The query as groups that must all match; a group matches when any of its phrases does."""
    table = synonyms()
    result: list[list[tuple[str, ...]]] = []
    i = 0
    while i < len(terms):
        for length in range(min(LONGEST_PHRASE, len(terms) - i), 0, -1):
            phrase = tuple(terms[i : i + length])
            if phrase in table or length == 1:
                result.append([phrase, *table.get(phrase, [])])
                i += length
                break
    return result


def _fts5(alternatives: list[tuple[str, ...]]) -> str:
    # Every term is a [^\W_]+ word: quoted, it is a plain token (several quoted, a phrase).
    phrases = [f'"{" ".join(phrase)}"' for phrase in alternatives]
    return phrases[0] if len(phrases) == 1 else f"({' OR '.join(phrases)})"


def _tsquery(alternatives: list[tuple[str, ...]]) -> str:
    # Terms are [^\W_]+ words from analysis.terms: nothing in them is tsquery syntax.
    phrases = [" <-> ".join(phrase) for phrase in alternatives]
    return phrases[0] if len(phrases) == 1 else f"({' | '.join(phrases)})"


def _sql(terms: list[str], filters: Filters) -> tuple[str, str, list]:
    """Return (FROM ... WHERE clause, ORDER BY clause, params) for this database."""
    where, params = _where(filters, "d")
    if connection.vendor == "postgresql":
        query = " & ".join(_tsquery(group) for group in groups(terms))
        # d.tsv is the stored, GIN-indexed tsvector of migrations/0002.
        source = (
            f"search_searchdocument d {ARTICLES} CROSS JOIN to_tsquery('simple', %s) q WHERE d.tsv @@ q AND {where}"
        )
        order = "ts_rank_cd(d.tsv, q) DESC, d.published_at DESC"
        return source, order, [query, *params]
    # FTS5: every group must match. Headline weighs 5x the body.
    match = " AND ".join(_fts5(group) for group in groups(terms))
    source = (
        f"search_fts JOIN search_searchdocument d ON d.article_id = search_fts.rowid {ARTICLES} "
        f"WHERE search_fts MATCH %s AND {where}"
    )
    return source, "bm25(search_fts, 5.0, 1.0), d.published_at DESC", [match, *params]


def count(terms: list[str], filters: Filters) -> int:
    source, _, params = _sql(terms, filters)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {source}", params)  # noqa: S608 - no user text in SQL
        return cursor.fetchone()[0]


def ranked_ids(terms: list[str], filters: Filters, offset: int, limit: int) -> list[int]:
    source, order, params = _sql(terms, filters)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.article_id FROM {source} ORDER BY {order} LIMIT %s OFFSET %s",  # noqa: S608
            [*params, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]


def vocabulary() -> dict[str, int]:
    """Every term of the index with the number of documents holding it (cached a while)."""
    found = cache.get(VOCABULARY_KEY)
    if found is None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT word, ndoc FROM ts_stat('SELECT tsv FROM search_searchdocument')")
            else:  # search_vocab: an fts5vocab table over search_fts (migrations/0003)
                cursor.execute("SELECT term, doc FROM search_vocab")
            found = dict(cursor.fetchall())
        cache.set(VOCABULARY_KEY, found, VOCABULARY_SECONDS)
    return found


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with adjacent swaps counted once, giving up past limit."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _closest(word: str, known: dict[str, int]) -> str | None:
    limit = 1 if len(word) <= 4 else 2
    best: tuple[int, int, str] | None = None
    for term, documents in known.items():
        # A typo rarely hits the first letter; holding it cuts the work twentyfold.
        if term[:1] != word[:1] or abs(len(term) - len(word)) > limit:
            continue
        distance = _distance(word, term, limit)
        if distance <= limit and (best is None or (distance, -documents) < (best[0], -best[1])):
            best = (distance, documents, term)
    return best[2] if best else None


def suggest(query: str) -> str | None:
    """ "Maksud Anda: ..." for a query with a word neither the index nor the dictionary knows
    (`putn` → `putin`), or None. The answer is the reader's query with those words replaced."""
    # As many words as a search takes (the rest is ignored there too), each compared with the
    # whole vocabulary: bounded work for any query.
    words = re.findall(r"[^\W_]+", query.lower())[:SUGGEST_WORDS]
    if not words:
        return None
    known = vocabulary()
    changed = False
    result = []
    for word in words:
        if word in STOP_WORDS or word.isdigit() or stem(word) in known or word in known or dictionary.is_word(word):
            result.append(word)
            continue
        better = _closest(word, known)
        changed = changed or better is not None
        result.append(better or word)
    return " ".join(result) if changed else None
