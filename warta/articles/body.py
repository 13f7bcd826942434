"""The structured body of an article: a list of typed blocks stored as JSON.

A block is a dict with a "type" and that type's fields:

    {"type": "paragraph", "text": "inline <em>html</em>"}
    {"type": "heading", "text": "plain text"}
    {"type": "quote", "text": "inline html", "cite": "plain text (optional)"}
    {"type": "list", "ordered": false, "items": ["inline html", ...]}
    {"type": "image", "photo": 12, "caption": "...", "credit": "..."}  # caption/credit optional
    {"type": "gallery", "photos": [{"photo": 12, "caption": "...", "credit": "..."}, ...]}
    {"type": "embed", "url": "https://www.youtube.com/watch?v=...", "caption": "..."}
    {"type": "related", "article": 5}   # "Baca juga": an inline link to another article
    {"type": "divider"}

A credit is stored without the "Foto:" a writer may type: the page adds it once.

Inline HTML is sanitised when the body is normalised, so templates can trust it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from warta.lib.text import plain_credit, sanitize_inline, strip_tags, word_count

if TYPE_CHECKING:
    from collections.abc import Mapping

    from warta.articles.models import Article
    from warta.photos.models import Photo

BLOCK_TYPES = ("paragraph", "heading", "quote", "list", "image", "gallery", "embed", "related", "divider")
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


def _inline(block: dict, field: str, position: int) -> str:
    """Sanitised inline HTML that still has words in it: a paragraph of nothing but a script or
    a picture is refused here, where the writer can be told, not emptied silently."""
    value = sanitize_inline(_text(block, field, position))
    if not strip_tags(value).replace("&nbsp;", " ").strip():
        raise ValidationError(
            _("Block %(n)d holds only markup that is not allowed (scripts, styles, pictures); write it as text.")
            % {"n": position}
        )
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
            clean.append({"type": kind, "text": _inline(block, "text", position)})
        elif kind == "heading":
            clean.append({"type": kind, "text": _text(block, "text", position)})
        elif kind == "quote":
            clean.append(
                {
                    "type": kind,
                    "text": _inline(block, "text", position),
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
                    "items": [_inline({"item": i}, "item", position) for i in items],
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
        elif kind == "image":
            clean.append({"type": kind, **_photo(block, position)})
        elif kind == "gallery":
            photos = block.get("photos")
            if not isinstance(photos, list) or not photos:
                raise ValidationError(_("Block %(n)d: a gallery needs photos.") % {"n": position})
            clean.append({"type": kind, "photos": [_photo(p, position) for p in photos]})
        elif kind == "related":
            if not _is_id(block.get("article")):
                raise ValidationError(_("Block %(n)d: “Read also” needs an article.") % {"n": position})
            clean.append({"type": kind, "article": block["article"]})
        else:
            clean.append({"type": "divider"})
    return clean


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _photo(block: object, position: int) -> dict[str, Any]:
    """One photo of an image or gallery block: its library id, caption and credit."""
    if not isinstance(block, dict) or not _is_id(block.get("photo")):
        raise ValidationError(_("Block %(n)d: an image block needs a photo.") % {"n": position})
    return {
        "photo": block["photo"],
        "caption": _text(block, "caption", position, required=False),
        "credit": plain_credit(_text(block, "credit", position, required=False)),
    }


def words(blocks: list[dict]) -> int:
    """Count the words a reader reads in the body (captions and credits excluded)."""
    total = 0
    for block in blocks:
        if block["type"] == "list":
            total += sum(word_count(item) for item in block["items"])
        elif "text" in block:
            total += word_count(block["text"])
    return total


def photo_ids(blocks: list[dict]) -> list[int]:
    """Every library photo the body shows, in image and gallery blocks."""
    ids: list[int] = []
    for block in blocks:
        if block["type"] == "image":
            ids.append(block["photo"])
        elif block["type"] == "gallery":
            ids.extend(p["photo"] for p in block["photos"])
    return ids


def article_ids(blocks: list[dict]) -> list[int]:
    """The articles the body links with “Read also”."""
    return [block["article"] for block in blocks if block["type"] == "related"]


def captions(blocks: list[dict]) -> list[str]:
    """Every caption in the body (for search)."""
    found: list[str] = []
    for block in blocks:
        if block["type"] == "gallery":
            found.extend(p["caption"] for p in block["photos"])
        elif block.get("caption"):
            found.append(block["caption"])
    return found


def _shown_photo(entry: dict, photos: dict[int, Photo]) -> dict | None:
    photo = photos.get(entry["photo"])
    if photo is None:
        return None
    return {
        "photo": photo,
        "caption": entry.get("caption") or photo.caption,
        "credit": plain_credit(entry.get("credit") or photo.credit),
    }


def prepare(
    blocks: list[dict], photos: dict[int, Photo], dateline: str, articles: Mapping[int, Article] | None = None
) -> list[dict]:
    """Return the blocks ready for templates: photos and linked articles attached, the dateline on
    the first paragraph.

    A photo deleted since, or a linked article readers may no longer see (absent from articles),
    is left out rather than shown broken.
    """
    prepared: list[dict] = []
    dateline_pending = bool(dateline)
    for block in blocks:
        item = {**block, "template": f"articles/blocks/{block['type']}.html"}
        if block["type"] == "image":
            shown = _shown_photo(block, photos)
            if shown is None:
                continue
            item.update(shown)
        elif block["type"] == "gallery":
            item["photos"] = [s for s in (_shown_photo(p, photos) for p in block["photos"]) if s]
            if not item["photos"]:
                continue
        elif block["type"] == "related":
            item["article"] = (articles or {}).get(block["article"])
            if item["article"] is None:
                continue
        elif block["type"] == "embed":
            item["platform"] = EMBED_HOSTS[urlsplit(block["url"]).hostname]
        elif block["type"] == "paragraph" and dateline_pending:
            item["dateline"] = dateline
            dateline_pending = False
        prepared.append(item)
    return prepared
