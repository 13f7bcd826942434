"""Revisions: a snapshot after every save, a comparison of any two, and restoring one."""

from __future__ import annotations

import difflib

from django.utils.html import strip_tags

from warta.articles.models import Article
from warta.newsroom import bodytext
from warta.newsroom.models import Revision

FIELDS = ["headline", "slug", "dek", "dateline_city", "section_id", "lead_photo_id", "body"]


def snapshot(article: Article) -> dict:
    data = {name: getattr(article, name) for name in FIELDS}
    data["tags"] = sorted(t.name for t in article.tags.all())
    return data


def record(article: Article, user) -> Revision:
    return Revision.objects.update_or_create(
        article=article, version=article.version, defaults={"user": user, "snapshot": snapshot(article)}
    )[0]


def readable(data: dict) -> list[str]:
    lines = [
        f"Judul: {data['headline']}",
        f"Slug: {data['slug']}",
        f"Ringkasan: {data['dek']}",
        f"Kota: {data['dateline_city']}",
        f"Tag: {', '.join(data.get('tags', []))}",
        "",
    ]
    return lines + strip_tags(bodytext.to_text(data["body"])).split("\n")


def compare(older: Revision, newer: Revision) -> str:
    return difflib.HtmlDiff(wrapcolumn=70).make_table(
        readable(older.snapshot),
        readable(newer.snapshot),
        f"v{older.version}",
        f"v{newer.version}",
        context=True,
        numlines=2,
    )


def restore(article: Article, revision: Revision) -> None:
    """Put the revision's content back; saving records it as the newest revision."""
    data = revision.snapshot
    for name in FIELDS:
        setattr(article, name, data[name])
    article.save()
    from warta.taxonomy.models import Tag

    article.tags.set(Tag.objects.filter(name__in=data.get("tags", [])))
