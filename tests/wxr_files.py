"""Hand-written WordPress exports for the importer's tests, and a way to interrupt an import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from warta.importers.wordpress import WordPressImport

# A WXR 1.2 channel with one author, as WordPress writes it; items and a closing tag follow.
HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Pesisir</title><link>http://pesisir.test</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login>dewi</wp:author_login><wp:author_email>dewi@pesisir.test</wp:author_email>
<wp:author_display_name>Dewi Lestari</wp:author_display_name></wp:author>
"""


def export(path: Path, *items: str, head: str = HEAD) -> Path:
    """Write an export of these items (category, post and attachment elements) to path."""
    path.write_text(head + "".join(items) + "</channel></rss>\n", encoding="utf-8")
    return path


def interrupt_after(monkeypatch: pytest.MonkeyPatch, posts: int) -> Callable:
    """Make the import stop as Ctrl-C would, after this many posts; returns what importing a
    post was, to put back."""
    original = WordPressImport._post
    seen: list[int] = []

    def interrupted(self, item):
        if len(seen) == posts:
            raise KeyboardInterrupt
        seen.append(item.id)
        return original(self, item)

    monkeypatch.setattr(WordPressImport, "_post", interrupted)
    return original
