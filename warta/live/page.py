"""What live coverage adds to pages readers see: the stream of entries on a live report's page
(with its LiveBlogPosting JSON-LD), and the breaking-news bar.

The article page calls article_context() through warta.articles.views.page_context_hooks
(registered in LiveConfig.ready()), so the articles app never imports this one.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable
from typing import Any

from django.db.models import Max, Min
from django.http import HttpRequest
from django.utils import timezone

from warta.articles import body, metadata
from warta.articles.models import Article
from warta.caching import keys, memo
from warta.lib.http import once_per_request
from warta.lib.text import strip_tags
from warta.live.models import FRAGMENT_ENTRIES, POLL_SECONDS, Breaking, LiveEntry, LiveReport
from warta.live.surrogate import BREAKING, live
from warta.photos.models import Photo

# Entries named in the JSON-LD: search engines read the newest; the page has them all.
JSON_LD_ENTRIES = 50


# A long entry is shown collapsed: its opening, then "Baca selengkapnya" (a <details> element: it
# works without JavaScript, is a button to assistive technology, and is the same for every reader,
# so the page stays one cached page). Lengths are characters of text, a photo or an embed counting
# as about as much screen as COLLAPSE_MEDIA of them: at 360 px a line holds about 40 characters.
COLLAPSE_OVER = 600  # about fifteen lines on a phone: above that the entry is collapsed
COLLAPSE_LEAD = 300  # what stays open: the first blocks up to about this much (always the first)
COLLAPSE_MIN_HIDDEN = 150  # a control that hides less than this is not worth the tap
COLLAPSE_MEDIA = 300


def _screen_length(block: dict[str, Any]) -> int:
    """About how much of a phone's screen a block takes, in characters of text."""
    kind = block.get("type")
    if kind in {"image", "gallery", "embed"}:
        return COLLAPSE_MEDIA + len(block.get("caption") or "")
    if kind == "list":
        return sum(len(strip_tags(item)) + 40 for item in block.get("items", []))  # each item a line at least
    if kind == "divider":
        return 0
    if kind == "related":
        return 80
    return len(strip_tags(str(block.get("text", "")))) + len(block.get("cite") or "")


def split_long(blocks: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return (shown, collapsed): all of the blocks shown for an entry that is not long; for a
    long one, its opening blocks and the rest. A single block is never cut."""
    lengths = [_screen_length(b) for b in blocks]
    if sum(lengths) <= COLLAPSE_OVER:
        return blocks, []
    shown = 1
    used = lengths[0]
    while shown < len(blocks) and used + lengths[shown] <= COLLAPSE_LEAD:
        used += lengths[shown]
        shown += 1
    if sum(lengths[shown:]) < COLLAPSE_MIN_HIDDEN:
        return blocks, []
    return blocks[:shown], blocks[shown:]


def prepare_entries(entries: Iterable[LiveEntry]) -> list[dict[str, Any]]:
    """Entries ready for templates: their blocks with photos and linked articles attached (all of
    them in "blocks"; split into "lead" and "more" for the collapsed view of a long entry)."""
    entries = list(entries)
    all_blocks = [block for entry in entries for block in entry.body]
    photos = Photo.objects.prefetch_related("renditions").in_bulk(body.photo_ids(all_blocks))
    linked = Article.objects.published().in_bulk(body.article_ids(all_blocks))
    prepared = []
    for entry in entries:
        blocks = body.prepare(entry.body, photos, "", linked)
        lead, more = split_long(blocks)
        prepared.append({"entry": entry, "blocks": blocks, "lead": lead, "more": more})
    return prepared


def spans_days(times: Iterable[datetime.datetime]) -> bool:
    """Whether these entry times fall on more than one day (the site's time zone): then every
    entry shows its date. Decided from the coverage, never from "today", so the page and the
    fragment are the same for every reader and may be cached."""
    return len({timezone.localdate(t) for t in times}) > 1


def report_spans_days(report: LiveReport) -> bool:
    span = report.entries.aggregate(first=Min("posted_at"), last=Max("posted_at"))
    return span["first"] is not None and spans_days([span["first"], span["last"]])


def stream_context(report: LiveReport) -> dict[str, Any]:
    entries = list(report.stream())
    pinned = next((e for e in entries if e.pinned), None)
    prepared = prepare_entries(entries)
    return {
        "live": report,
        "live_entries": prepared,
        "live_entry_count": len(entries),
        "live_days": spans_days(e.posted_at for e in entries),
        "live_pinned": next((p for p in prepared if p["entry"] is pinned), None),
        "live_key_events": [p["entry"] for p in prepared if p["entry"].key_event],
        "live_poll_seconds": POLL_SECONDS,
        "live_fragment_entries": FRAGMENT_ENTRIES,
    }


# What every page asks about live coverage, kept in each process until a change purges the key
# it was read under (memo.Held), so that pages without it (nearly all) pay no query and no
# round trip: the articles that have a live report (with whether it is open), and the breaking
# news not cleared (their expiry is checked when read).
REMEMBER_SECONDS = 300
_reports: memo.Held[dict[int, bool]] = memo.Held([keys.ARTICLES])  # a report's change purges the lists
_breaking: memo.Held[list[tuple[int, float]]] = memo.Held([BREAKING])


def reports_by_article(request: HttpRequest | None = None) -> dict[int, bool]:
    """{article id: is open} for every live report; asked once per request when given one."""

    def compute() -> tuple[dict[int, bool], float]:
        return dict(LiveReport.objects.values_list("article_id", "is_open")), time.time() + REMEMBER_SECONDS

    return once_per_request(request, "live reports", lambda: _reports.get(compute))


def _breaking_candidates() -> list[tuple[int, float]]:
    """(id, expiry timestamp) of breaking news not cleared, newest first."""

    def compute() -> tuple[list[tuple[int, float]], float]:
        rows = Breaking.objects.filter(cleared_at__isnull=True, expires_at__gt=timezone.now())
        found = [(pk, expires.timestamp()) for pk, expires in rows.values_list("id", "expires_at")]
        return found, time.time() + REMEMBER_SECONDS

    now = timezone.now().timestamp()
    return [(pk, expires) for pk, expires in _breaking.get(compute) if expires > now]


def article_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    """The article page's live part: nothing for an ordinary article."""
    if article.pk not in reports_by_article(request):
        return {}
    report = LiveReport.objects.filter(article=article).first()
    if report is None:
        return {}
    keys.tag_request(request, live(article.pk))  # before the entries are read: see caching/keys.py
    context = stream_context(report)
    entries = [p["entry"] for p in context["live_entries"]]
    context["json_ld"] = metadata.json_ld(live_blog_posting(article, report, entries, request))
    return context


def _entry_text(entry: LiveEntry) -> str:
    parts: list[str] = []
    for block in entry.body:
        if block.get("type") == "list":
            parts.extend(strip_tags(item) for item in block.get("items", []))
        elif "text" in block:
            parts.append(strip_tags(block["text"]))
        elif block.get("caption"):
            parts.append(block["caption"])
    return " ".join(p.strip() for p in parts if p.strip())


def live_blog_posting(
    article: Article, report: LiveReport, entries: list[LiveEntry], request: HttpRequest
) -> dict[str, Any]:
    """schema.org LiveBlogPosting: the article's NewsArticle fields, the coverage times and the
    newest entries as liveBlogUpdate (a closed report keeps them, with coverageEndTime)."""
    data = metadata.news_article(article, request)
    data["@type"] = "LiveBlogPosting"
    data["coverageStartTime"] = timezone.localtime(report.coverage_start).isoformat()
    if report.coverage_end and not report.is_open:
        data["coverageEndTime"] = timezone.localtime(report.coverage_end).isoformat()
    page_url = data["url"]
    newest = sorted(entries, key=lambda e: (e.posted_at, e.pk), reverse=True)[:JSON_LD_ENTRIES]
    if newest:
        latest = max(max(e.posted_at, e.updated_at) for e in newest)
        data["dateModified"] = max(data["dateModified"], timezone.localtime(latest).isoformat())
    updates = []
    for entry in newest:
        text = _entry_text(entry)
        update: dict[str, Any] = {
            "@type": "BlogPosting",
            "headline": (entry.title or text or article.headline)[:110],
            "url": f"{page_url}#{entry.anchor()}",
            "datePublished": timezone.localtime(entry.posted_at).isoformat(),
            "dateModified": timezone.localtime(max(entry.posted_at, entry.updated_at)).isoformat(),
            "articleBody": text or entry.title,  # a flash is its title alone
        }
        if entry.author:
            update["author"] = {
                "@type": "Person",
                "name": entry.author.name,
                "url": request.build_absolute_uri(entry.author.get_absolute_url()),
            }
        updates.append(update)
    data["liveBlogUpdate"] = updates
    return data


def showing_breaking() -> Breaking | None:
    candidates = [pk for pk, _ in _breaking_candidates()]
    if not candidates:
        return None
    return Breaking.objects.showing().filter(pk__in=candidates).select_related("article").first()


def breaking_for(request: HttpRequest) -> Breaking | None:
    """The bar's content, for a page built on base.html: tagged so that marking, clearing or
    editing the linked article purges the page."""
    keys.tag_request(request, BREAKING)
    found = showing_breaking()
    if found is not None:
        keys.tag_request(request, keys.article(found.article_id))
    return found


def seconds_until_breaking_changes() -> int | None:
    """A page stored now shows the bar as it is; it must not outlive the bar's expiry."""
    expiries = [expires for _, expires in _breaking_candidates()]
    return max(1, int(min(expiries) - timezone.now().timestamp())) if expiries else None
