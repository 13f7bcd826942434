"""Revisions: a snapshot after every save, a comparison of any two, and restoring one."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from django.db.models import Max
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from warta.articles.models import Article
from warta.newsroom import diff
from warta.newsroom.models import Revision
from warta.photos.models import Photo
from warta.taxonomy.models import Section

FIELDS = ["headline", "slug", "dek", "dateline_city", "section_id", "lead_photo_id", "body"]

LINK = re.compile(r"<a\b[^>]*\bhref=\"([^\"]*)\"[^>]*>(.*?)</a>", re.I | re.S)
LINE_BREAK = re.compile(r"<br\s*/?>", re.I)


def snapshot(article: Article) -> dict:
    data = {name: getattr(article, name) for name in FIELDS}
    data["tags"] = sorted(t.name for t in article.tags.all())
    return data


def record(article: Article, user) -> Revision:
    """Keep the article's state after a save; a second record of one version replaces the first."""
    last = Revision.objects.filter(article=article).aggregate(last=Max("number"))["last"] or 0
    return Revision.objects.update_or_create(
        article=article,
        version=article.version,
        defaults={"user": user, "snapshot": snapshot(article)},
        create_defaults={"user": user, "snapshot": snapshot(article), "number": last + 1},
    )[0]


def _inline(value: Any) -> str:
    """Plain text of sanitised inline HTML; a link keeps its address beside its words."""
    if not isinstance(value, str):
        return ""
    text = LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", LINE_BREAK.sub("\n", value))
    return html.unescape(strip_tags(text))


def _plain(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _joined(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _photo(photo: Any) -> str:
    if not isinstance(photo, Mapping):
        return ""
    return _joined(f"#{_plain(photo.get('photo'))}", _plain(photo.get("caption")), _plain(photo.get("credit")))


def _block(block: Any) -> tuple[str, str]:
    """A body block as (label, plain text); blocks of a kind not known here get a short generic line."""
    if not isinstance(block, Mapping):
        return _("Block"), "[?]"
    kind = block.get("type")
    if kind == "paragraph":
        return _("Paragraph"), _inline(block.get("text"))
    if kind == "heading":
        return _("Subheading"), _plain(block.get("text"))
    if kind == "quote":
        cite = _plain(block.get("cite"))
        return _("Quote"), _inline(block.get("text")) + (f"\n— {cite}" if cite else "")
    if kind == "list":
        items = _list(block.get("items"))
        ordered = bool(block.get("ordered"))
        lines = [(f"{n}. " if ordered else "• ") + _inline(item) for n, item in enumerate(items, start=1)]
        return _("List"), "\n".join(lines)
    if kind == "image":
        return _("Photo"), _joined(_("[photo]"), _photo(block))
    if kind == "embed":
        return _("Embed"), _joined(_("[embed]"), _plain(block.get("url")), _plain(block.get("caption")))
    if kind == "gallery":
        photos = _list(block.get("photos"))
        count = ngettext("[gallery: %(count)d photo]", "[gallery: %(count)d photos]", len(photos)) % {
            "count": len(photos)
        }
        return _("Gallery"), "\n".join([count, *(_photo(photo) for photo in photos)])
    if kind == "related":
        return _("Read also"), _("[read also #%(article)s]") % {"article": _plain(block.get("article"))}
    if kind == "divider":
        return _("Divider"), _("[divider]")
    details = [f"{key}: {value}" for key, value in block.items() if key != "type" and isinstance(value, str | int)]
    return _("Block"), _joined(f"[{_plain(kind) or '?'}]", *details)


def readable(
    data: Mapping[str, Any], sections: Mapping[int, str] | None = None, photos: Mapping[int, str] | None = None
) -> list[tuple[str, str]]:
    """The snapshot as (label, plain text) items: the fields, then the body block by block.
    sections and photos: names and captions by id, for the section and the lead photo."""
    section = data.get("section_id")
    photo = data.get("lead_photo_id")
    fields = [
        (_("headline"), _plain(data.get("headline"))),
        (_("slug"), _plain(data.get("slug"))),
        (_("dek"), _plain(data.get("dek"))),
        (_("dateline city"), _plain(data.get("dateline_city"))),
        (_("tags"), ", ".join(map(_plain, data.get("tags") or []))),
        (_("section"), (sections or {}).get(section, f"#{section}") if section else ""),
        (_("lead photo"), _joined((photos or {}).get(photo, ""), f"#{photo}") if photo else ""),
    ]
    return [(capfirst(label), text) for label, text in fields] + [_block(block) for block in _list(data.get("body"))]


def _row(row: diff.Row) -> SafeString:
    if row.kind == "skipped":
        # Fields and blocks alike (the dateline, the tags, a paragraph): "parts", not "paragraphs".
        unchanged = ngettext("… %(count)d part unchanged", "… %(count)d parts unchanged", row.count)
        return format_html('<div class="rev-row rev-skipped">{}</div>', unchanged % {"count": row.count})
    badge = {"added": _("added"), "removed": _("removed")}.get(row.kind)
    return format_html(
        '<div class="rev-row rev-{}"><div class="rev-label">{}{}</div><div class="rev-text">{}</div></div>',
        row.kind,
        row.label,
        format_html(' <span class="rev-badge">{}</span>', badge) if badge else "",
        mark_safe(row.html),  # noqa: S308 - diff.py escapes every piece of text
    )


def compare(older: Revision, newer: Revision) -> str:
    """The changes from older to newer as HTML: changed paragraphs with the words removed and added marked."""
    ids = {r.snapshot.get("section_id") for r in (older, newer)} - {None}
    sections = dict(Section.objects.filter(pk__in=ids).values_list("pk", "name"))
    photo_ids = {r.snapshot.get("lead_photo_id") for r in (older, newer)} - {None}
    photos = dict(Photo.objects.filter(pk__in=photo_ids).values_list("pk", "caption"))
    rows = diff.compare_items(readable(older.snapshot, sections, photos), readable(newer.snapshot, sections, photos))
    heading = format_html(
        '<h2 class="rev-heading">{}</h2>',
        _("Changes from v%(older)d to v%(newer)d") % {"older": older.number, "newer": newer.number},
    )
    if all(row.kind in {"same", "skipped"} for row in rows):
        return heading + format_html('<p class="rev-none">{}</p>', _("The two revisions have the same content."))
    return heading + format_html(
        '<div class="rev-diff">{}</div>', format_html_join("", "{}", ((_row(r),) for r in rows))
    )


def restore(article: Article, revision: Revision) -> None:
    """Put the revision's content back; saving records it as the newest revision."""
    data = revision.snapshot
    for name in FIELDS:
        setattr(article, name, data[name])
    article.save()
    from warta.taxonomy.models import Tag

    article.tags.set(Tag.objects.filter(name__in=data.get("tags", [])))
