"""Read a WordPress eXtended RSS export (WXR 1.0, 1.1 and 1.2) as a stream of plain records.

The file is parsed with defusedxml's iterparse: no DTDs, entities or external references
(an XML bomb or an XXE attempt stops the import with a clear message), and every element is
cleared once read, so memory stays flat however large the export.

What counts as an export is what WordPress's own importer accepts: an RSS file whose `wp:`
prefix is bound to an export namespace (WordPress has written http://wordpress.org/export/1.0/,
/1.1/ and /1.2/; copies passed through other tools carry https or lose the last slash) and a
`wp:wxr_version` that is a version number. Anything else is refused whole.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.parsers.expat import errors as expat

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import ParseError, iterparse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

WP_NAMESPACE = re.compile(r"^https?://(?:www\.)?wordpress\.(?:org|com)/export/\d+\.\d+/?$")
WXR_VERSION = re.compile(r"^\d+\.\d+$")  # WordPress's importer refuses anything else
NEWEST_VERSION = (1, 2)
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"

# Issue 14, item 9: one text node can be any size in XML. These bound what one record may bring
# in; a larger one is cut off (titles, comments) or left out (bodies), and reported by name.
MAX_BODY = 2_000_000  # characters of post content: about 300,000 words
MAX_EXCERPT = 20_000
MAX_COMMENT = 100_000
MAX_FIELD = 2_000  # titles, slugs, names, addresses, meta values


# What the XML parser (expat) says went wrong, in words the report can translate. A reason not
# listed here is left out of the message: the line and column still say where.
BROKEN = {
    expat.codes[expat.XML_ERROR_SYNTAX]: gettext_noop("syntax error"),
    expat.codes[expat.XML_ERROR_NO_ELEMENTS]: gettext_noop("no element found"),
    expat.codes[expat.XML_ERROR_INVALID_TOKEN]: gettext_noop("an invalid character or token"),
    expat.codes[expat.XML_ERROR_UNCLOSED_TOKEN]: gettext_noop("unclosed token"),
    expat.codes[expat.XML_ERROR_TAG_MISMATCH]: gettext_noop("mismatched tag"),
    expat.codes[expat.XML_ERROR_JUNK_AFTER_DOC_ELEMENT]: gettext_noop("text after the end of the document"),
    expat.codes[expat.XML_ERROR_UNDEFINED_ENTITY]: gettext_noop("undefined entity"),
    expat.codes[expat.XML_ERROR_UNCLOSED_CDATA_SECTION]: gettext_noop("unclosed CDATA section"),
}


class WXRError(Exception):
    """The file as a whole cannot be read: nothing after this point is imported. Its message is
    in the interface language, made when it is raised."""


def _grouped(n: int) -> str:
    """2,000,000 in English, 2.000.000 in Indonesian."""
    return number_format(n, force_grouping=True)


def _broken(exc: ParseError) -> WXRError:
    line, column = exc.position
    column += 1  # the parser counts columns from 0, editors (and people) from 1, as lines
    reason = BROKEN.get(getattr(exc, "code", 0))
    if reason is None:
        return WXRError(_("the XML is broken at line %(line)s, column %(column)s") % {"line": line, "column": column})
    return WXRError(
        _("the XML is broken at line %(line)s, column %(column)s (%(reason)s)")
        % {"line": line, "column": column, "reason": _(reason)}
    )


def _unsafe(exc: DefusedXmlException) -> WXRError:
    """Say in words what was refused (the exception's own text is a Python repr)."""
    if isinstance(exc, DTDForbidden):
        return WXRError(_("the file uses XML features refused for safety: a DTD (document type declaration)"))
    if isinstance(exc, EntitiesForbidden):
        return WXRError(_("the file uses XML features refused for safety: an entity declaration"))
    if isinstance(exc, ExternalReferenceForbidden):
        return WXRError(_("the file uses XML features refused for safety: a reference to an outside file"))
    return WXRError(_("the file uses XML features refused for safety"))


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
    guid: str = ""
    password: str = ""
    sticky: bool = False
    post_format: str = ""  # "video", "quote", ... from the post_format taxonomy
    menu_order: int = 0  # an attachment's place in its post's gallery
    oversize: list[str] = field(default_factory=list)  # what the size limits cut off or left out


@dataclass
class Export:
    """Facts about the file as a whole, filled in while it is read."""

    version: str = ""
    namespace: str = ""


def _local(tag: str) -> tuple[str, str]:
    namespace, _, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    return namespace, name


def _text(element: Element, name: str, wp: str, limit: int = MAX_FIELD) -> str:
    child = element.find(f"{{{wp}}}{name}")
    return (child.text or "")[:limit].strip() if child is not None else ""


def _name(element: Element, name: str, wp: str) -> str:
    """Term and author names, which WordPress writes HTML-escaped inside CDATA ("Hukum &amp; Kriminal")."""
    return html.unescape(_text(element, name, wp))


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


def read(path: str, export: Export | None = None) -> Iterator[Author | Term | Item]:
    """Yield the authors, categories, tags and items of the export, in file order.

    The checks on the file as a whole (a WXR version, well-formed to the end) can only finish at
    its end: callers read the whole stream once before writing anything.
    """
    export = export if export is not None else Export()
    wp: str | None = None
    depth = 0
    try:
        for event, element in iterparse(path, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                depth += 1
                if wp is None:
                    namespace, name = _local(element.tag)
                    if WP_NAMESPACE.match(namespace):
                        wp = export.namespace = namespace
                    elif depth == 1 and name != "rss":
                        raise WXRError(_("this is not an RSS file (its root element is <%(name)s>)") % {"name": name})
                continue
            depth -= 1
            namespace, name = _local(element.tag)
            if namespace == wp and name == "wxr_version" and depth == 2:
                export.version = (element.text or "").strip()[:20]
            elif namespace == wp and name == "author" and depth == 2:
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
                    raise WXRError(_("this RSS file is not a WordPress export (it has no wp: elements)"))
                yield _item(element, wp)
                element.clear()
            elif name == "channel" and not namespace:
                element.clear()
    except ParseError as exc:
        raise _broken(exc) from None
    except DefusedXmlException as exc:
        raise _unsafe(exc) from None
    if wp is None:
        raise WXRError(_("this is not a WordPress export (no wp:wxr_version, no wp: elements)"))
    check_version(export.version)


def check_version(version: str) -> None:
    """Refuse what WordPress's importer refuses: no WXR version, or one that is not a number."""
    if not version:
        raise WXRError(_("this is not a WordPress export: it has no wp:wxr_version (WordPress refuses it too)"))
    if not WXR_VERSION.match(version):
        raise WXRError(
            _("its WXR version “%(version)s” is not a version number (WordPress refuses it too)") % {"version": version}
        )


def newer_than_known(version: str) -> bool:
    major, minor = (int(part) for part in version.split("."))
    return (major, minor) > NEWEST_VERSION


def _plain(element: Element, path: str, limit: int = MAX_FIELD) -> str:
    return (element.findtext(path) or "")[:limit].strip()


def _item(element: Element, wp: str) -> Item:
    def text(name: str) -> str:
        return _text(element, name, wp)

    content = element.findtext(CONTENT) or ""
    excerpt = _excerpt(element)
    title = element.findtext("title") or ""
    oversize = []
    if len(content) > MAX_BODY:
        oversize.append(
            _("its body (%(length)s characters) is longer than the %(limit)s an article may hold")
            % {"length": _grouped(len(content)), "limit": _grouped(MAX_BODY)}
        )
    if len(excerpt) > MAX_EXCERPT:
        oversize.append(_("its excerpt was cut at %(limit)s characters") % {"limit": _grouped(MAX_EXCERPT)})
    if len(title) > MAX_FIELD:
        oversize.append(_("its title was cut at %(limit)s characters") % {"limit": _grouped(MAX_FIELD)})
    item = Item(
        id=_int(text("post_id")),
        type=text("post_type"),
        title=html.unescape(title[:MAX_FIELD]).strip(),  # WordPress keeps “&amp;” in titles it filtered
        link=_plain(element, "link"),
        creator=_plain(element, DC_CREATOR),
        content=content if len(content) <= MAX_BODY else "",
        excerpt=excerpt[:MAX_EXCERPT].strip(),
        date=text("post_date"),
        date_gmt=text("post_date_gmt"),
        slug=text("post_name"),
        status=text("status"),
        parent=_int(text("post_parent")),
        attachment_url=text("attachment_url"),
        guid=_plain(element, "guid"),
        password=text("post_password"),
        sticky=text("is_sticky") == "1",
        menu_order=_int(text("menu_order")),
        oversize=oversize,
    )
    bare: list[tuple[str, str]] = []
    for category in element.findall("category"):
        pair = (category.get("nicename", "")[:MAX_FIELD], html.unescape(_plain(category, ".")))
        domain = category.get("domain")
        if domain is None:  # WXR 1.0 also wrote each category bare, by name only
            bare.append(("", pair[1]))
        elif domain == "category":
            item.categories.append(pair)
        elif domain in {"post_tag", "tag"}:  # WXR 1.0 wrote domain="tag"
            item.tags.append(pair)
        elif domain == "post_format":
            item.post_format = pair[0].removeprefix("post-format-")
    if not item.categories:
        item.categories = [pair for pair in bare if pair[1]]
    for meta in element.findall(f"{{{wp}}}postmeta"):
        item.meta[_text(meta, "meta_key", wp)] = _text(meta, "meta_value", wp)
    for comment in element.findall(f"{{{wp}}}comment"):

        def ctext(name: str, comment: Element = comment, limit: int = MAX_FIELD) -> str:
            return _text(comment, name, wp, limit)

        body = ctext("comment_content", limit=MAX_COMMENT + 1)
        if len(body) > MAX_COMMENT:
            item.oversize.append(
                _("comment %(id)s was cut at %(limit)s characters")
                % {"id": ctext("comment_id"), "limit": _grouped(MAX_COMMENT)}
            )
            body = body[:MAX_COMMENT]
        item.comments.append(
            Comment(
                id=_int(ctext("comment_id")),
                author=ctext("comment_author"),
                email=ctext("comment_author_email"),
                url=ctext("comment_author_url"),
                ip=ctext("comment_author_IP"),
                date_gmt=ctext("comment_date_gmt"),
                date=ctext("comment_date"),
                content=body,
                approved=ctext("comment_approved"),
                type=ctext("comment_type") or "comment",
                parent=_int(ctext("comment_parent")),
            )
        )
    return item


def _excerpt(element: Element) -> str:
    # The excerpt namespace follows the export's version (…/export/1.0/excerpt/); WXR files
    # older than that carry no excerpt at all.
    for child in element:
        if isinstance(child.tag, str) and child.tag.endswith("}encoded") and "excerpt" in child.tag:
            return child.text or ""
    return ""
