"""The demo's live report: a court day at the Tipikor court, a dozen entries (one pinned, two key
events), on the demo's newest article, so it leads the home page. Safe to load again."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from warta.articles.models import Article
from warta.authors.models import Author
from warta.photos.models import Photo

DEMO_DIR = Path(__file__).resolve().parent


def load(authors: dict[str, Author], photos: dict[str, Photo]) -> None:
    from django.apps import apps

    if not apps.is_installed("warta.live"):
        return
    from warta.live.models import LiveEntry, LiveReport

    content: dict[str, Any] = json.loads((DEMO_DIR / "live.json").read_text(encoding="utf-8"))
    article = Article.objects.get(slug=content["article"])
    report, _ = LiveReport.objects.update_or_create(
        article=article,
        defaults={
            "is_open": True,
            "coverage_end": None,
            "coverage_start": datetime.datetime.fromisoformat(content["coverage_start"]),
        },
    )
    report.entries.filter(pinned=True).update(pinned=False)
    for item in content["entries"]:
        blocks = [
            {**block, "photo": photos[block["photo"]].pk} if block["type"] == "image" else block
            for block in item["body"]
        ]
        LiveEntry.objects.update_or_create(
            report=report,
            posted_at=datetime.datetime.fromisoformat(item["at"]),
            defaults={
                "title": item.get("title", ""),
                "body": blocks,
                "author": authors[item["author"]],
                "key_event": item.get("key", False),
                "pinned": item.get("pinned", False),
            },
        )
