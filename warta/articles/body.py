"""The structured body of an article: a list of typed blocks stored as JSON.

A block is a dict with a "type" and that type's fields:

    {"type": "paragraph", "text": "inline <em>html</em>"}
    {"type": "heading", "text": "plain text"}
    {"type": "quote", "text": "inline html", "cite": "plain text (optional)"}
    {"type": "list", "ordered": false, "items": ["inline html", ...]}
    {"type": "image", "photo": 12, "caption": "...", "credit": "..."}  # caption/credit optional

Inline HTML is sanitised when the body is normalised, so templates can trust it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from warta.lib.text import sanitize_inline, word_count

if TYPE_CHECKING:
    from warta.photos.models import Photo

BLOCK_TYPES = ("paragraph", "heading", "quote", "list", "image", "embed")
EMBED_HOSTS = {
    "youtube.com": "YouTube",
    "www.youtube.com": "YouTube",
    "m.youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "x.com": "X",
    "twitter.com": "X",
    "www.instagram.com": "Instagram",
    "instagram.com": "Instagram",
}


def _text(block: dict, field: str, position: int, required: bool = True) -> str:
    value = block.get(field, "")
    if not isinstance(value, str):
        raise ValidationError(_("Block %(n)d: the field “%(field)s” must be text.") % {"n": position, "field": field})
    value = value.strip()
    if required and not value:
        raise ValidationError(_("Block %(n)d: the field “%(field)s” is empty.") % {"n": position, "field": field})
    return value


def normalize(blocks: Any) -> list[dict]:
    """Return a clean copy of blocks, or raise ValidationError naming the faulty block."""
    if not isinstance(blocks, list):
        raise ValidationError(_("The body must be a list of blocks."))
    clean: list[dict] = []
    for position, block in enumerate(blocks, start=1):
        if not isinstance(block, dict) or block.get("type") not in BLOCK_TYPES:
            raise ValidationError(
                _("Block %(n)d has an unknown type; use one of: %(types)s.")
                % {"n": position, "types": ", ".join(BLOCK_TYPES)}
            )
        kind = block["type"]
        if kind == "paragraph":
            clean.append({"type": kind, "text": sanitize_inline(_text(block, "text", position))})
        elif kind == "heading":
            clean.append({"type": kind, "text": _text(block, "text", position)})
        elif kind == "quote":
            clean.append(
                {
                    "type": kind,
                    "text": sanitize_inline(_text(block, "text", position)),
                    "cite": _text(block, "cite", position, required=False),
                }
            )
        elif kind == "list":
            items = block.get("items")
            if not isinstance(items, list) or not items:
                raise ValidationError(_("Block %(n)d: a list needs items.") % {"n": position})
            clean.append(
                {
                    "type": kind,
                    "ordered": bool(block.get("ordered", False)),
                    "items": [sanitize_inline(_text({"item": i}, "item", position)) for i in items],
                }
            )
        elif kind == "embed":
            url = _text(block, "url", position)
            host = urlsplit(url).hostname or ""
            if urlsplit(url).scheme != "https" or host not in EMBED_HOSTS:
                raise ValidationError(
                    _("Block %(n)d: embeds take an https address on YouTube, X or Instagram.") % {"n": position}
                )
            clean.append({"type": kind, "url": url, "caption": _text(block, "caption", position, required=False)})
        else:
            photo = block.get("photo")
            if not isinstance(photo, int) or isinstance(photo, bool) or photo < 1:
                raise ValidationError(_("Block %(n)d: an image block needs a photo.") % {"n": position})
            clean.append(
                {
                    "type": kind,
                    "photo": photo,
                    "caption": _text(block, "caption", position, required=False),
                    "credit": _text(block, "credit", position, required=False),
                }
            )
    return clean


def words(blocks: list[dict]) -> int:
    """Count the words a reader reads in the body (captions and credits excluded)."""
    total = 0
    for block in blocks:
        if block["type"] == "list":
            total += sum(word_count(item) for item in block["items"])
        elif block["type"] not in {"image", "embed"}:
            total += word_count(block["text"])
    return total


def photo_ids(blocks: list[dict]) -> list[int]:
    return [block["photo"] for block in blocks if block["type"] == "image"]


def prepare(blocks: list[dict], photos: dict[int, Photo], dateline: str) -> list[dict]:
    """Return the blocks ready for templates: photos attached, the dateline on the first paragraph.

    An image block whose photo has since been deleted is left out rather than shown broken.
    """
    prepared: list[dict] = []
    dateline_pending = bool(dateline)
    for block in blocks:
        item = {**block, "template": f"articles/blocks/{block['type']}.html"}
        if block["type"] == "image":
            photo = photos.get(block["photo"])
            if photo is None:
                continue
            item["photo"] = photo
            item["caption"] = block.get("caption") or photo.caption
            item["credit"] = block.get("credit") or photo.credit
        elif block["type"] == "embed":
            item["platform"] = EMBED_HOSTS[urlsplit(block["url"]).hostname]
        elif block["type"] == "paragraph" and dateline_pending:
            item["dateline"] = dateline
            dateline_pending = False
        prepared.append(item)
    return prepared
