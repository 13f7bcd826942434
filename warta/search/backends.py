"""Ranked full-text queries, one per database, over the same analysed text."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection

from warta.articles.models import Article

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


def _sql(terms: list[str], filters: Filters) -> tuple[str, str, list]:
    """Return (FROM ... WHERE clause, ORDER BY clause, params) for this database."""
    where, params = _where(filters, "d")
    if connection.vendor == "postgresql":
        # Terms are [^\W_]+ words from analysis.terms: nothing in them is tsquery syntax.
        query = " & ".join(terms)
        # d.tsv is the stored, GIN-indexed tsvector of migrations/0002.
        source = (
            f"search_searchdocument d {ARTICLES} CROSS JOIN to_tsquery('simple', %s) q WHERE d.tsv @@ q AND {where}"
        )
        order = "ts_rank_cd(d.tsv, q) DESC, d.published_at DESC"
        return source, order, [query, *params]
    # FTS5: every term quoted is a plain token; several are ANDed. Headline weighs 5x the body.
    match = " ".join(f'"{term}"' for term in terms)
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
