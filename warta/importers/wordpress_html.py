"""Turn a WordPress post body (block editor or classic HTML with shortcodes) into Warta's blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from warta.lib.text import sanitize_inline

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*-->")
CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S)
GALLERY = re.compile(r"\[gallery([^\]]*)\]")
SHORTCODE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*)([^\]]*)\]", re.I)
IMG = re.compile(r"<img[^>]*>", re.I)
ATTACHMENT_ID = re.compile(r"(?:wp-image-|attachment_)(\d+)")
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
}
VOID = {"img", "br", "hr", "input", "meta", "link", "source"}
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


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)

    def inner_html(self) -> str:
        return "".join(_html(child) for child in self.children)

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def find(self, tag: str):
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag:
                    return child
                found = child.find(tag)
                if found is not None:
                    return found
        return None


def _html(node) -> str:
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

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass
class Converted:
    blocks: list[dict]
    unknown_shortcodes: list[str]
    missing_images: list[str]


def autop(text: str) -> str:
    """WordPress's wpautop, in short: blank-line separated text becomes paragraphs."""
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    out = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        first = re.match(r"<\s*([a-z0-9]+)", chunk, re.I)
        if first and first.group(1).lower() in BLOCK_TAGS:
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>") + "</p>")
    return "\n".join(out)


def convert(html: str, photo_for) -> Converted:
    """Convert a post body. photo_for(attachment_id, src) returns a photo id or None."""
    unknown: list[str] = []
    missing: list[str] = []
    text = BLOCK_COMMENT.sub("", html)

    def caption_figure(match: re.Match) -> str:
        attributes, inner = match.group(1), match.group(2)
        image = IMG.search(inner)
        words = IMG.sub("", inner).strip()
        found = ATTACHMENT_ID.search(attributes)
        extra = f' data-attachment="{found.group(1)}"' if found else ""
        return f"<figure{extra}>{image.group(0) if image else ''}<figcaption>{words}</figcaption></figure>"

    def gallery(match: re.Match) -> str:
        ids = re.search(r'ids="([\d,\s]+)"', match.group(1))
        return "".join(
            f'<figure data-attachment="{i.strip()}"></figure>' for i in (ids.group(1).split(",") if ids else [])
        )

    text = CAPTION.sub(caption_figure, text)
    text = GALLERY.sub(gallery, text)
    for found in SHORTCODE.finditer(text):
        if not found.group(1):
            unknown.append(found.group(2))
    text = autop(text)
    blocks: list[dict] = []

    def image_block(node: Node, caption: str = "") -> None:
        img = node if node.tag == "img" else node.find("img")
        attachment = node.attrs.get("data-attachment") or ""
        if not attachment and img is not None:
            found = ATTACHMENT_ID.search(img.attrs.get("class", ""))
            attachment = found.group(1) if found else ""
        src = img.attrs.get("src", "") if img is not None else ""
        photo = photo_for(int(attachment) if attachment else None, src)
        if photo is None:
            missing.append(src or f"attachment {attachment}")
            return
        text_caption, credit = split_credit(caption)
        blocks.append({"type": "image", "photo": photo, "caption": text_caption, "credit": credit})

    for node in parse(text).children:
        if isinstance(node, str):
            if node.strip():
                blocks.append({"type": "paragraph", "text": sanitize_inline(escape(node.strip(), quote=False))})
            continue
        tag = node.tag
        if tag == "p":
            inner = node.inner_html().strip()
            if node.find("img") is not None and not node.text().strip():
                image_block(node)
            elif inner and sanitize_inline(inner):
                blocks.append({"type": "paragraph", "text": sanitize_inline(inner)})
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and node.text().strip():
            blocks.append({"type": "heading", "text": " ".join(node.text().split())})
        elif tag == "blockquote":
            parts = [c for c in node.children if not (isinstance(c, str) and not c.strip())]
            paragraphs = [c.inner_html() if isinstance(c, Node) and c.tag == "p" else _html(c) for c in parts]
            cite = node.find("cite")
            quote = sanitize_inline("<br>".join(p.strip() for p in paragraphs if p.strip()))
            if cite is not None:
                quote = sanitize_inline(quote.replace(_html(cite), ""))
            if quote:
                blocks.append({"type": "quote", "text": quote, "cite": cite.text().strip() if cite else ""})
        elif tag in {"ul", "ol"}:
            items = [
                sanitize_inline(li.inner_html()) for li in node.children if isinstance(li, Node) and li.tag == "li"
            ]
            if any(items):
                blocks.append({"type": "list", "ordered": tag == "ol", "items": [i for i in items if i]})
        elif tag in {"figure", "img"}:
            figcaption = node.find("figcaption")
            image_block(node, figcaption.text() if figcaption is not None else "")
        elif node.text().strip():
            blocks.append({"type": "paragraph", "text": sanitize_inline(node.inner_html())})
    return Converted(blocks, sorted(set(unknown)), missing)
