"""The newsroom's day at /redaksi/: what I am writing, what waits for an editor, what goes out
when, what went out today, the comments waiting and what readers read.

Each panel is one small query set bound to an index (status + time, the author's own rows,
the hour of the view counts) and cut to a few rows, so the page costs the same at 100,000
articles as at 13. A panel the user's role has no use for is not queried at all.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from warta.articles.models import Article
from warta.comments.models import Comment
from warta.complaints.models import Complaint
from warta.newsroom import workflow
from warta.readership.models import HourlyViews

ROWS = 8  # rows per list panel; the panel links to the full list
COMMENTS = 5
COMPLAINTS = 8
MOST_READ = 5
HOURS = 24
# The hourly chart's drawing box (SVG user units).
CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 120, 28, 1

Status = Article.Status


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    hour: datetime.datetime
    views: int


@dataclass
class Chart:
    """An hour-by-hour bar chart drawn as inline SVG by the template (no chart service)."""

    bars: list[Bar]
    total: int
    peak: int
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT


@dataclass
class Read:
    article: Article
    total: int
    chart: Chart


@dataclass
class Panels:
    drafts: list[Article] | None = None
    in_review: list[Article] | None = None
    in_review_count: int = 0
    scheduled: list[Article] | None = None
    published_today: list[Article] | None = None
    comments_waiting: int | None = None
    latest_comments: list[Comment] = field(default_factory=list)
    most_read: list[Read] | None = None
    complaints: list[Complaint] | None = None
    complaints_open: int = 0
    complaints_overdue: int = 0
    readers_chart: Chart | None = None


def _listing() -> Any:
    fields = ["id", "headline", "status", "published_at", "updated_at", "section__name"]
    return Article.objects.select_related("section").only(*fields)


def my_stories(user: Any) -> list[Article]:
    """The user's stories not yet out (created by them or under their byline): drafts, and those
    submitted and waiting for an editor, so a writer never loses sight of one. Latest touched first."""
    unreleased = [Status.DRAFT, Status.IN_REVIEW]
    mine = workflow.own_articles(user)
    return list(_listing().filter(mine, status__in=unreleased).order_by("-updated_at", "-id")[:ROWS])


def in_review() -> tuple[list[Article], int]:
    """Stories waiting for an editor, the longest waiting first, and how many there are."""
    waiting = Article.objects.filter(status=Status.IN_REVIEW)
    rows = list(_listing().filter(status=Status.IN_REVIEW).order_by("updated_at", "id")[:ROWS])
    return rows, (len(rows) if len(rows) < ROWS else waiting.count())


def scheduled() -> list[Article]:
    """What the worker will publish, soonest first, with the time it goes out."""
    return list(_listing().filter(status=Status.SCHEDULED).order_by("published_at", "id")[:ROWS])


def published_today(now: datetime.datetime | None = None) -> list[Article]:
    """Released since midnight in Jakarta, the newest first (the status + time index)."""
    now = now or timezone.now()
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    rows = _listing().filter(status=Status.PUBLISHED, published_at__gte=midnight, published_at__lte=now)
    return list(rows.order_by("-published_at", "-id")[:ROWS])


def comments_waiting() -> tuple[int, list[Comment]]:
    pending = Comment.objects.filter(status=Comment.Status.PENDING)
    latest = list(
        pending.select_related("article")
        .only("id", "name", "text", "created_at", "article__headline")
        .order_by("-created_at", "-id")[:COMMENTS]
    )
    return (len(latest) if len(latest) < COMMENTS else pending.count()), latest


def complaints_open(now: datetime.datetime | None = None) -> tuple[list[Complaint], int, int]:
    """Pedoman 3e-3f: open complaints, the closest to (or furthest past) its 2 x 24 hours first,
    each with its deadline; how many are open and how many overdue (the status + time index)."""
    now = now or timezone.now()
    waiting = Complaint.objects.open()
    rows = list(waiting.select_related("article").order_by("received_at", "id")[:COMPLAINTS])
    for complaint in rows:
        complaint.overdue = complaint.is_overdue(now)  # type: ignore[attr-defined]
    late = sum(1 for complaint in rows if complaint.is_overdue(now))
    if len(rows) < COMPLAINTS:  # all of them are here: one query in all
        return rows, len(rows), late
    # Oldest first, so the overdue ones lead: only a full page of them needs counting.
    return rows, waiting.count(), (waiting.overdue(now).count() if late == len(rows) else late)


def _hours(now: datetime.datetime) -> list[datetime.datetime]:
    """The last 24 whole hours, the current one last (the same truncation count_view uses)."""
    this_hour = now.replace(minute=0, second=0, microsecond=0)
    return [this_hour - datetime.timedelta(hours=HOURS - 1 - i) for i in range(HOURS)]


def chart(hours: list[datetime.datetime], views: dict[datetime.datetime, int]) -> Chart:
    counts = [views.get(hour, 0) for hour in hours]
    peak = max(counts, default=0)
    slot = CHART_WIDTH / len(hours)
    bars = []
    for i, (hour, count) in enumerate(zip(hours, counts, strict=True)):
        height = round(CHART_HEIGHT * count / peak, 1) if peak else 0
        if count and height < 1:
            height = 1.0  # a single view still shows
        bars.append(
            Bar(
                x=round(i * slot, 2),
                y=round(CHART_HEIGHT - height, 1),
                width=round(slot - BAR_GAP, 2),
                height=height,
                hour=timezone.localtime(hour),
                views=count,
            )
        )
    return Chart(bars=bars, total=sum(counts), peak=peak)


def most_read(now: datetime.datetime | None = None) -> tuple[list[Read], Chart]:
    """The five most read published articles of the last 24 hours, each with its hourly
    chart, and the chart of every view in those hours: small queries on the hour index."""
    now = now or timezone.now()
    hours = _hours(now)
    window = HourlyViews.objects.filter(hour__gte=hours[0])
    # Aggregate the hour rows alone (no join: the sum is the cost), then keep the published
    # among a few more than needed; an unpublished article rarely sits among the most read.
    candidates = list(
        window.values("article_id").annotate(total=Sum("views")).order_by("-total", "-article_id")[: MOST_READ * 4]
    )
    published = set(
        Article.objects.published()
        .filter(pk__in=[row["article_id"] for row in candidates])
        .values_list("pk", flat=True)
    )
    top = [row for row in candidates if row["article_id"] in published][:MOST_READ]
    ids = [row["article_id"] for row in top]
    series: dict[int, dict[datetime.datetime, int]] = {pk: {} for pk in ids}
    for pk, hour, views in window.filter(article_id__in=ids).values_list("article_id", "hour", "views"):
        series[pk][hour] = views
    everyone = dict(window.values("hour").annotate(n=Sum("views")).values_list("hour", "n"))
    found = _listing().in_bulk(ids)
    reads = [
        Read(found[row["article_id"]], row["total"], chart(hours, series[row["article_id"]]))
        for row in top
        if row["article_id"] in found
    ]
    return reads, chart(hours, everyone)


def panels_for(user: Any) -> Panels:
    """Only what the user's role works with: writers their stories, editors the desk's queues."""
    panels = Panels()
    if user.has_perm("articles.add_article"):
        panels.drafts = my_stories(user)
    if user.has_perm("articles.publish_article"):
        panels.in_review, panels.in_review_count = in_review()
        panels.scheduled = scheduled()
    if user.has_perm("articles.view_article"):
        panels.published_today = published_today()
        panels.most_read, panels.readers_chart = most_read()
    if user.has_perm("comments.change_comment"):
        panels.comments_waiting, panels.latest_comments = comments_waiting()
    if user.has_perm("complaints.change_complaint"):
        panels.complaints, panels.complaints_open, panels.complaints_overdue = complaints_open()
    return panels
