"""Turn a WordPress post body (block editor or classic HTML with shortcodes) into Warta's blocks.

WordPress stores a post as HTML: the block editor wraps it in `<!-- wp:name {...} -->` comments,
the classic editor leaves it as text with blank lines for paragraphs and [shortcodes]. Both come
down to one HTML tree here, walked into Warta's blocks (see warta.articles.body):

    Gutenberg                      classic                          Warta
    paragraph, heading, list       <p>, <h2>, <ul>, text + blank    paragraph, heading, list
    image                          [caption], <img>                 image (caption and credit)
    gallery                        [gallery ids=...]                gallery
                                   [gallery] (no ids)               gallery of the images attached
                                                                    to the post, as WordPress shows
    quote, pullquote               <blockquote>                     quote
    embed (core-embed/*)           [embed], [video], [audio], URL   embed (YouTube, X, Instagram)
                                                                    or a paragraph with the link
    table                          <table>                          list, one item per row
    separator, nextpage            <hr>, <!--nextpage-->            divider
    more                           <!--more-->                      (dropped: no teaser here)

Anything else keeps its text; unknown shortcodes and blocks are counted for the report.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from typing import Union
from urllib.parse import parse_qs, urlsplit

from django.utils.translation import gettext as _

from warta.articles.body import EMBED_HOSTS
from warta.lib.text import sanitize_inline, strip_tags

PhotoFor = Callable[[int | None, str], int | None]
# The images attached to a post (None: the post being converted), in WordPress's gallery order.
AttachedTo = Callable[[int | None], list[int]]

BLOCK_OPENER = re.compile(r"<!--\s*wp:([a-z0-9_/-]+)", re.I)
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?/?-->", re.S)
MORE = re.compile(r"<!--more(?:\s[^>]*)?-->|<!--noteaser-->")
NEXTPAGE = re.compile(r"<!--nextpage-->")
CAPTION = re.compile(r"\[(caption|wp_caption)([^\]]*)\](.*?)\[/\1\]", re.S)
GALLERY = re.compile(r"\[gallery([^\]]*)\]")
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S)
MEDIA = re.compile(r"\[(video|audio)([^\]]*)\](?:(.*?)\[/\1\])?", re.S)
MEDIA_SOURCE = re.compile(r'\b(?:src|mp4|m4v|webm|ogv|wmv|flv|mp3|ogg|wav|m4a)\s*=\s*["\']([^"\']+)["\']')
SHORTCODE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*)([^\]]*)\]", re.I)
BARE_URL = re.compile(r"https?://[^\s<>\"]+")
IMG = re.compile(r"<img[^>]*>", re.I)
ATTACHMENT_ID = re.compile(r"(?:wp-image-|attachment_)(\d+)")
# The blocks WordPress ships that become something here; the containers among them only hold
# other blocks. Any other block name (a plugin's) is reported, its text kept.
KNOWN_BLOCKS = {
    "paragraph",
    "heading",
    "list",
    "list-item",
    "image",
    "gallery",
    "quote",
    "pullquote",
    "embed",
    "table",
    "separator",
    "more",
    "nextpage",
    "html",
    "freeform",
    "classic",
    "preformatted",
    "code",
    "verse",
    "spacer",
    "columns",
    "column",
    "group",
    "video",
    "audio",
}
CONTAINERS = {"div", "section", "article", "main", "aside", "header", "footer", "center", "li", "td", "root"}
BLOCK_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "figure",
    "img",
    "div",
    "pre",
    "table",
    "hr",
    "iframe",
}
VOID = {"img", "br", "hr", "input", "meta", "link", "source", "wbr"}
# "Putin dan Kim Jong Un-Detik" and "Foto: ... (Kempalan/Dewi Anggraini)": a credit at the end.
CREDIT_IN_PARENS = re.compile(r"^(.*\S)\s*\(([^()]{2,60})\)\s*$", re.S)
CREDIT_AFTER_HYPHEN = re.compile(r"^(.*\s.*\S)-([A-Z][\w.]{1,30})$", re.S)  # one word after the hyphen


def split_credit(caption: str) -> tuple[str, str]:
    """Return (caption, credit) from a WordPress caption that ends with its credit."""
    caption = caption.strip()
    for pattern in (CREDIT_IN_PARENS, CREDIT_AFTER_HYPHEN):
        found = pattern.match(caption)
        if found:
            return found.group(1).strip(), found.group(2).strip()
    return caption, ""


Child = Union[str, "Node"]


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Child] = field(default_factory=list)

    def inner_html(self) -> str:
        return "".join(_html(child) for child in self.children)

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def find(self, tag: str) -> Node | None:
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag:
                    return child
                found = child.find(tag)
                if found is not None:
                    return found
        return None

    def find_all(self, tag: str) -> list[Node]:
        found: list[Node] = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag:
                    found.append(child)
                found.extend(child.find_all(tag))
        return found

    def has_class(self, name: str) -> bool:
        return name in (self.attrs.get("class") or "").split()


def _html(node: Child) -> str:
    if isinstance(node, str):
        return escape(node, quote=False)
    attrs = "".join(f' {k}="{escape(v or "")}"' for k, v in node.attrs.items())
    if node.tag in VOID:
        return f"<{node.tag}{attrs}>"
    return f"<{node.tag}{attrs}>{node.inner_html()}</{node.tag}>"


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass
class Converted:
    blocks: list[dict]
    unknown_shortcodes: Counter[str]
    missing_images: list[str]
    unknown_blocks: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)  # what changed shape (a table, an embed as a link)


def embed_url(url: str) -> str | None:
    """The address an embed block takes (https on YouTube, X, Instagram), or None."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or (parts.hostname or "") not in EMBED_HOSTS:
        return None
    if parts.path.startswith("/embed/") and "youtube" in (parts.hostname or ""):  # an <iframe>'s address
        return f"https://www.youtube.com/watch?v={parts.path.removeprefix('/embed/').split('/')[0]}"
    if parts.hostname == "www.youtube.com" and parts.path == "/watch" and not parse_qs(parts.query).get("v"):
        return None
    return "https://" + url.split("://", 1)[1]


def autop(text: str) -> str:
    """WordPress's wpautop, in short: blank-line separated text becomes paragraphs; a link alone
    on its line is an embed, as WordPress's oEmbed makes it."""
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    out = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        first = re.match(r"<\s*([a-z0-9]+)", chunk, re.I)
        if first and first.group(1).lower() in BLOCK_TAGS:
            out.append(chunk)
        elif BARE_URL.fullmatch(chunk) and embed_url(chunk):
            out.append(f'<figure class="wp-block-embed"><div>{escape(chunk)}</div></figure>')
        else:
            out.append("<p>" + chunk.replace("\n", "<br>") + "</p>")
    return "\n".join(out)


def _has_words(html: str) -> bool:
    return bool(strip_tags(html).replace("&nbsp;", " ").strip())


def _shortcodes(text: str) -> str:
    """Classic shortcodes WordPress ships, as the HTML the tree walk below understands."""

    def caption_figure(match: re.Match[str]) -> str:
        attributes, inner = match.group(2), match.group(3)
        image = IMG.search(inner)
        words = IMG.sub("", inner).strip()
        words = re.sub(r"^\s*</?a[^>]*>\s*|\s*</?a[^>]*>\s*$", "", words)  # the link around the image
        found = ATTACHMENT_ID.search(attributes)
        extra = f' data-attachment="{found.group(1)}"' if found else ""
        return f"<figure{extra}>{image.group(0) if image else ''}<figcaption>{words}</figcaption></figure>"

    def gallery(match: re.Match[str]) -> str:
        attributes = match.group(1)
        ids = re.search(r'\b(?:ids|include)=["\']?([\d,\s]+)', attributes)
        if ids:
            return f'\n\n<figure class="wp-block-gallery" data-ids="{_id_list(ids.group(1))}"></figure>\n\n'
        # No list: WordPress shows the images attached to the post (or to the post id="N"), in
        # their menu order, less any exclude="...".
        parent = re.search(r'\bid=["\']?(\d+)', attributes)
        exclude = re.search(r'\bexclude=["\']?([\d,\s]+)', attributes)
        order = "desc" if re.search(r'\border=["\']?desc\b', attributes, re.I) else "asc"
        return (
            f'\n\n<figure class="wp-block-gallery" data-attached="{parent.group(1) if parent else ""}" '
            f'data-exclude="{_id_list(exclude.group(1)) if exclude else ""}" data-order="{order}"></figure>\n\n'
        )

    def embed(match: re.Match[str]) -> str:
        return f'\n\n<figure class="wp-block-embed"><div>{escape(match.group(1).strip())}</div></figure>\n\n'

    def media(match: re.Match[str]) -> str:
        found = MEDIA_SOURCE.search(match.group(2)) or BARE_URL.search(match.group(3) or "")
        url = found.group(1) if found and found.groups() else (found.group(0) if found else "")
        if not url:
            return ""
        kind = match.group(1)
        return f'\n\n<figure class="wp-block-embed" data-media="{kind}"><div>{escape(url)}</div></figure>\n\n'

    text = CAPTION.sub(caption_figure, text)
    text = GALLERY.sub(gallery, text)
    text = EMBED.sub(embed, text)
    return MEDIA.sub(media, text)


def _id_list(value: str) -> str:
    return ",".join(i.strip() for i in value.split(",") if i.strip())


def convert(html: str, photo_for: PhotoFor, attached: AttachedTo | None = None) -> Converted:
    """Convert a post body. photo_for(attachment_id, src) returns a photo id or None;
    attached(post_id) the attachments of a post, for a [gallery] that lists none."""
    unknown: Counter[str] = Counter()
    unknown_blocks: Counter[str] = Counter()
    missing: list[str] = []
    notes: list[str] = []
    for name in BLOCK_OPENER.findall(html):
        name = name.lower().removeprefix("core/")
        if name not in KNOWN_BLOCKS and not name.startswith("core-embed/"):
            unknown_blocks[name] += 1
    text = BLOCK_COMMENT.sub("", html)
    text = MORE.sub("", text)
    text = NEXTPAGE.sub("\n\n<hr>\n\n", text)
    text = _shortcodes(text)
    for found in SHORTCODE.finditer(text):
        if not found.group(1):
            unknown[found.group(2)] += 1
    blocks: list[dict] = []

    def paragraph(inner: str) -> None:
        clean = sanitize_inline(inner.strip())
        if _has_words(clean):
            blocks.append({"type": "paragraph", "text": clean})

    def photo(node: Node, caption: str = "") -> dict | None:
        img = node if node.tag == "img" else node.find("img")
        attachment = node.attrs.get("data-attachment") or ""
        if not attachment and img is not None:
            found = ATTACHMENT_ID.search(img.attrs.get("class", ""))
            attachment = found.group(1) if found else ""
        src = img.attrs.get("src", "") if img is not None else ""
        photo_id = photo_for(int(attachment) if attachment else None, src)
        if photo_id is None:
            missing.append(src or _("attachment %(id)s") % {"id": attachment})
            return None
        text_caption, credit = split_credit(caption)
        return {"photo": photo_id, "caption": text_caption, "credit": credit}

    def gallery(node: Node) -> None:
        photos: list[dict] = []
        listed = list(filter(None, node.attrs.get("data-ids", "").split(",")))
        if "data-attached" in node.attrs:
            parent = node.attrs["data-attached"]
            excluded = set(node.attrs.get("data-exclude", "").split(","))
            children = attached(int(parent) if parent else None) if attached else []
            listed = [str(i) for i in children if str(i) not in excluded]
            if node.attrs.get("data-order") == "desc":
                listed.reverse()
            if not listed:
                notes.append(_("a [gallery] without ids was left out: no images are attached to the post"))
        for attachment in listed:
            found = photo(Node("figure", {"data-attachment": attachment}))
            if found:
                photos.append(found)
        figures = node.find_all("figure")  # the block editor: one figure (and caption) per photo
        for holder in figures or node.find_all("img"):
            caption = holder.find("figcaption")
            found = photo(holder, caption.text() if caption is not None else "")
            if found:
                photos.append(found)
        if len(photos) == 1:
            blocks.append({"type": "image", **photos[0]})
        elif photos:
            blocks.append({"type": "gallery", "photos": photos})

    def embed(url: str, caption: str, kind: str = "") -> None:
        target = embed_url(url)
        if target:
            blocks.append({"type": "embed", "url": target, "caption": caption.strip()})
        elif url.startswith(("http://", "https://")):
            label = {"video": "Video", "audio": "Audio"}.get(kind, "Tautan")
            link = escape(url, quote=True)
            paragraph(f'{label}: <a href="{link}">{escape(url)}</a>' + (f" ({escape(caption)})" if caption else ""))
            kept = {
                "video": _("video %(url)s kept as a link (only YouTube, X and Instagram embed here)"),
                "audio": _("audio %(url)s kept as a link (only YouTube, X and Instagram embed here)"),
            }.get(kind, _("embed %(url)s kept as a link (only YouTube, X and Instagram embed here)"))
            notes.append(kept % {"url": url})

    def table(node: Node) -> None:
        rows = []
        for row in node.find_all("tr"):
            cells = [
                sanitize_inline(c.inner_html()) for c in row.children if isinstance(c, Node) and c.tag in {"td", "th"}
            ]
            cells = [c for c in cells if _has_words(c)]
            if cells:
                rows.append(" – ".join(cells))
        if rows:
            blocks.append({"type": "list", "ordered": False, "items": rows})
            notes.append(_("a table became a list, one item per row"))

    def quote(node: Node) -> None:
        inner = node.find("blockquote") or node
        parts = [c for c in inner.children if not (isinstance(c, str) and not c.strip())]
        cite = inner.find("cite") or node.find("cite")
        paragraphs = [c.inner_html() if isinstance(c, Node) and c.tag == "p" else _html(c) for c in parts]
        said = sanitize_inline("<br>".join(p.strip() for p in paragraphs if p.strip()))
        if cite is not None:
            said = sanitize_inline(said.replace(sanitize_inline(_html(cite)), ""))
        said = re.sub(r"(<br>\s*)+$", "", said)
        if _has_words(said):
            blocks.append({"type": "quote", "text": said, "cite": " ".join(cite.text().split()) if cite else ""})

    def figure(node: Node) -> None:
        if node.has_class("wp-block-gallery") or node.has_class("gallery") or len(node.find_all("img")) > 1:
            gallery(node)
        elif node.has_class("wp-block-pullquote") or node.find("blockquote") is not None:
            quote(node)
        elif node.has_class("wp-block-embed") or node.attrs.get("data-media"):
            caption = node.find("figcaption")
            wrapper = node.find("div")
            url = (wrapper.text() if wrapper is not None else node.text()).strip().split()
            embed(
                url[0] if url else "", caption.text() if caption is not None else "", node.attrs.get("data-media", "")
            )
        elif node.find("table") is not None:
            table(node)
        else:
            caption = node.find("figcaption")
            found = photo(node, caption.text() if caption is not None else "")
            if found:
                blocks.append({"type": "image", **found})

    def walk(parent: Node) -> None:
        for node in parent.children:
            if isinstance(node, str):
                if node.strip():
                    paragraph(escape(node.strip(), quote=False))
                continue
            tag = node.tag
            if tag == "p":
                if node.find("img") is not None and not node.text().strip():
                    found = photo(node)
                    if found:
                        blocks.append({"type": "image", **found})
                else:
                    paragraph(node.inner_html())
            elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and node.text().strip():
                blocks.append({"type": "heading", "text": " ".join(node.text().split())})
            elif tag == "blockquote":
                quote(node)
            elif tag in {"ul", "ol"}:
                items = [
                    sanitize_inline(li.inner_html()) for li in node.children if isinstance(li, Node) and li.tag == "li"
                ]
                items = [i for i in items if _has_words(i)]
                if items:
                    blocks.append({"type": "list", "ordered": tag == "ol", "items": items})
            elif tag == "figure":
                figure(node)
            elif tag == "img":
                found = photo(node)
                if found:
                    blocks.append({"type": "image", **found})
            elif tag == "hr":
                if not blocks or blocks[-1]["type"] != "divider":
                    blocks.append({"type": "divider"})
            elif tag == "table":
                table(node)
            elif tag == "iframe":
                embed(node.attrs.get("src", ""), "")
            elif tag in CONTAINERS and any(isinstance(c, Node) and c.tag in BLOCK_TAGS for c in node.children):
                walk(node)  # columns, groups: their blocks in reading order
            elif node.text().strip():
                paragraph(node.inner_html())

    # The block editor's markup is complete HTML (WordPress skips wpautop for it); a blank line
    # inside a list there is not a paragraph break.
    walk(parse(text if BLOCK_OPENER.search(html) else autop(text)))
    while blocks and blocks[0]["type"] == "divider":
        blocks.pop(0)
    while blocks and blocks[-1]["type"] == "divider":
        blocks.pop()
    return Converted(blocks, unknown, missing, unknown_blocks, notes)
