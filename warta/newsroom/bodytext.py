"""The article body as writers type it, and back: plain text with a few marks.

    Paragraphs are separated by a blank line; <em>, <strong> and <a href> may be used inside.
    ## A subheading
    > A quotation
    > — who said it            (optional last line of a quotation)
    - a list item              (1. for a numbered list)
    [foto 12 | Caption | Credit]   a photo from the library, by its number
    [foto 12 | ...]                several photo lines together: a gallery
    [foto 13 | ...]
    [embed https://www.youtube.com/watch?v=...]
    [baca juga 5]              "Read also": a link to article number 5
    ---                        a divider

This is the editor without JavaScript; the block editor (static/newsroom/editor/) writes the
same blocks as JSON.

The blocks are what is stored (see warta.articles.body); this is only how they are edited.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

RELATED = re.compile(r"^\[baca(?:\s+juga)?\s+(\d+)\s*\]$", re.I)
DIVIDER = re.compile(r"^(?:-{3,}|\*{3,})$")
PHOTO = re.compile(r"^\[foto\s+(\d+)\s*(?:\|([^|\]]*))?(?:\|([^\]]*))?\]$", re.I)
EMBED = re.compile(r"^\[embed\s+(\S+)(?:\s*\|\s*([^\]]*))?\]$", re.I)
ORDERED = re.compile(r"^\d+[.)]\s+")


def to_text(blocks: list[dict]) -> str:
    chunks = []
    for block in blocks:
        kind = block["type"]
        if kind == "paragraph":
            chunks.append(block["text"])
        elif kind == "heading":
            chunks.append(f"## {block['text']}")
        elif kind == "quote":
            lines = [f"> {line}" for line in block["text"].split("<br>")]
            if block.get("cite"):
                lines.append(f"> — {block['cite']}")
            chunks.append("\n".join(lines))
        elif kind == "list":
            chunks.append(
                "\n".join(
                    (f"{i}. " if block["ordered"] else "- ") + item for i, item in enumerate(block["items"], start=1)
                )
            )
        elif kind == "image":
            chunks.append(_photo_line(block))
        elif kind == "gallery":
            chunks.append("\n".join(_photo_line(photo) for photo in block["photos"]))
        elif kind == "related":
            chunks.append(f"[baca juga {block['article']}]")
        elif kind == "divider":
            chunks.append("---")
        elif kind == "embed":
            chunks.append(f"[embed {block['url']}" + (f" | {block['caption']}" if block.get("caption") else "") + "]")
    return "\n\n".join(chunks)


def _photo_line(photo: dict) -> str:
    return f"[foto {photo['photo']} | {photo.get('caption', '')} | {photo.get('credit', '')}]"


def _photo(found: re.Match[str]) -> dict:
    return {
        "photo": int(found.group(1)),
        "caption": (found.group(2) or "").strip(),
        "credit": (found.group(3) or "").strip(),
    }


def from_text(text: str) -> list[dict]:
    """Parse the writer's text into blocks (validated and sanitised by the article on save)."""
    blocks: list[dict] = []
    for number, chunk in enumerate(re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()), start=1):
        lines = [line.rstrip() for line in chunk.strip().split("\n") if line.strip()]
        if not lines:
            continue
        first = lines[0]
        if first.startswith("## "):
            blocks.append({"type": "heading", "text": " ".join(line.lstrip("# ") for line in lines)})
        elif all(line.startswith(">") for line in lines):
            quoted = [line[1:].strip() for line in lines]
            cite = quoted.pop()[1:].strip() if len(quoted) > 1 and quoted[-1].startswith("—") else ""
            blocks.append({"type": "quote", "text": "<br>".join(quoted), "cite": cite})
        elif all(line.startswith(("- ", "* ")) for line in lines):
            blocks.append({"type": "list", "ordered": False, "items": [line[2:].strip() for line in lines]})
        elif all(ORDERED.match(line) for line in lines):
            blocks.append({"type": "list", "ordered": True, "items": [ORDERED.sub("", line).strip() for line in lines]})
        elif len(lines) == 1 and (found := PHOTO.match(first)):
            blocks.append({"type": "image", **_photo(found)})
        elif all(PHOTO.match(line) for line in lines):
            blocks.append({"type": "gallery", "photos": [_photo(m) for m in map(PHOTO.match, lines) if m]})
        elif len(lines) == 1 and (found := RELATED.match(first)):
            blocks.append({"type": "related", "article": int(found.group(1))})
        elif len(lines) == 1 and DIVIDER.match(first):
            blocks.append({"type": "divider"})
        elif len(lines) == 1 and (found := EMBED.match(first)):
            blocks.append({"type": "embed", "url": found.group(1), "caption": (found.group(2) or "").strip()})
        elif first.lower().startswith(("[foto", "[embed", "[baca")):
            raise ValidationError(
                _("Part %(n)d: write a photo as [foto NUMBER | caption | credit] and an embed as [embed ADDRESS].")
                % {"n": number}
            )
        else:
            blocks.append({"type": "paragraph", "text": " ".join(lines)})
    return blocks
