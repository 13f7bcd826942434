"""Read a WordPress eXtended RSS export (WXR 1.1 and 1.2) as a stream of plain records.

The file is parsed with defusedxml's iterparse: no DTDs, entities or external references
(an XML bomb or an XXE attempt stops the import with a clear message), and every element is
cleared once read, so memory stays flat however large the export.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse

WP_NAMESPACES = ("http://wordpress.org/export/1.2/", "http://wordpress.org/export/1.1/")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


class WXRError(Exception):
    """The file as a whole cannot be read: nothing after this point is imported."""


@dataclass
class Author:
    login: str
    email: str
    display_name: str


@dataclass
class Term:
    kind: str  # "category" or "tag"
    slug: str
    name: str
    parent: str = ""
    description: str = ""


@dataclass
class Comment:
    id: int
    author: str
    email: str
    url: str
    ip: str
    date_gmt: str
    date: str
    content: str
    approved: str
    type: str
    parent: int


@dataclass
class Item:
    id: int
    type: str
    title: str
    link: str
    creator: str
    content: str
    excerpt: str
    date: str
    date_gmt: str
    slug: str
    status: str
    parent: int
    attachment_url: str
    categories: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    tags: list[tuple[str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)


def _local(tag: str) -> tuple[str, str]:
    namespace, _, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    return namespace, name


def _text(element, name: str, wp: str) -> str:
    child = element.find(f"{{{wp}}}{name}")
    return (child.text or "").strip() if child is not None else ""


def _name(element, name: str, wp: str) -> str:
    """Term and author names, which WordPress writes HTML-escaped inside CDATA ("Hukum &amp; Kriminal")."""
    return html.unescape(_text(element, name, wp))


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


def read(path: str) -> Iterator[Author | Term | Item]:
    """Yield the authors, categories, tags and items of the export, in file order."""
    wp = None
    depth = 0
    try:
        for event, element in iterparse(path, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                depth += 1
                if wp is None:
                    namespace, name = _local(element.tag)
                    if namespace in WP_NAMESPACES:
                        wp = namespace
                    elif depth == 1 and name != "rss":
                        raise WXRError(f"this is not an RSS file (its root element is <{name}>)")
                continue
            depth -= 1
            namespace, name = _local(element.tag)
            if namespace == wp and name == "author" and depth == 2:
                yield Author(
                    login=_text(element, "author_login", wp),
                    email=_text(element, "author_email", wp),
                    display_name=_name(element, "author_display_name", wp) or _text(element, "author_login", wp),
                )
                element.clear()
            elif namespace == wp and name == "category" and depth == 2:
                yield Term(
                    "category",
                    _text(element, "category_nicename", wp),
                    _name(element, "cat_name", wp),
                    _text(element, "category_parent", wp),
                    _text(element, "category_description", wp),
                )
                element.clear()
            elif namespace == wp and name == "tag" and depth == 2:
                yield Term("tag", _text(element, "tag_slug", wp), _name(element, "tag_name", wp))
                element.clear()
            elif name == "item" and not namespace:
                if wp is None:
                    raise WXRError("this RSS file is not a WordPress export (it has no wp: elements)")
                yield _item(element, wp)
                element.clear()
            elif name == "channel" and not namespace:
                element.clear()
    except ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        raise WXRError(f"the XML is broken at line {line}, column {column} ({reason})") from None
    except DefusedXmlException as exc:
        raise WXRError(f"the file uses XML features refused for safety: {exc}") from None
    if wp is None:
        raise WXRError("this is not a WordPress export (no wp:wxr_version, no wp: elements)")


def _item(element, wp: str) -> Item:
    def text(name: str) -> str:
        return _text(element, name, wp)

    item = Item(
        id=_int(text("post_id")),
        type=text("post_type"),
        title=(element.findtext("title") or "").strip(),
        link=(element.findtext("link") or "").strip(),
        creator=(element.findtext(DC_CREATOR) or "").strip(),
        content=element.findtext(CONTENT) or "",
        excerpt=_excerpt(element).strip(),
        date=text("post_date"),
        date_gmt=text("post_date_gmt"),
        slug=text("post_name"),
        status=text("status"),
        parent=_int(text("post_parent")),
        attachment_url=text("attachment_url"),
    )
    for category in element.findall("category"):
        pair = (category.get("nicename", ""), html.unescape((category.text or "").strip()))
        if category.get("domain") == "category":
            item.categories.append(pair)
        elif category.get("domain") == "post_tag":
            item.tags.append(pair)
    for meta in element.findall(f"{{{wp}}}postmeta"):
        item.meta[_text(meta, "meta_key", wp)] = _text(meta, "meta_value", wp)
    for comment in element.findall(f"{{{wp}}}comment"):

        def ctext(name: str, comment=comment) -> str:
            return _text(comment, name, wp)

        item.comments.append(
            Comment(
                id=_int(ctext("comment_id")),
                author=ctext("comment_author"),
                email=ctext("comment_author_email"),
                url=ctext("comment_author_url"),
                ip=ctext("comment_author_IP"),
                date_gmt=ctext("comment_date_gmt"),
                date=ctext("comment_date"),
                content=ctext("comment_content"),
                approved=ctext("comment_approved"),
                type=ctext("comment_type") or "comment",
                parent=_int(ctext("comment_parent")),
            )
        )
    return item


def _excerpt(element) -> str:
    for child in element:
        if child.tag.endswith("}encoded") and "excerpt" in child.tag:
            return child.text or ""
    return ""
