"""The newsroom's day at /redaksi/: what I am writing, what colleagues are writing (for editors),
what waits for an editor, what goes out when, what went out in the last 24 hours and by whom, the
latest corrections and withdrawals, the comments waiting and what readers read.

Each panel is one small query set bound to an index (status + time, the author's own rows,
the hour of the view counts) and cut to a few rows, so the page costs the same at 100,000
articles as at 13. A panel the user's role has no use for is not queried at all.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce, Greatest
from django.db.models.query import prefetch_related_objects
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from warta.articles.models import Article, Byline, Correction
from warta.authors.models import public_name
from warta.comments.models import Comment
from warta.complaints.models import Complaint
from warta.newsroom import workflow
from warta.newsroom.models import Autosave
from warta.readership.models import HourlyViews

ROWS = 8  # rows per list panel; the panel links to the full list
COMMENTS = 5
COMPLAINTS = 8
MOST_READ = 5
HOURS = 24
RECENT = datetime.timedelta(hours=24)  # "published" lists the last 24 hours, not since midnight
IN_PROGRESS = datetime.timedelta(days=7)  # colleagues' drafts touched this recently
NOTICES = datetime.timedelta(days=7)  # corrections and withdrawals this recent
JUST_NOW = datetime.timedelta(minutes=1)  # younger than this reads "just now", not "0 minutes"
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
class Notice:
    """A correction (ralat, koreksi, hak jawab, klarifikasi) or a withdrawal (cabut)."""

    label: str
    article: Article
    when: datetime.datetime
    text: str
    withdrawal: bool = False


@dataclass
class Panels:
    drafts: list[Article] | None = None
    in_progress: list[Article] | None = None
    in_review: list[Article] | None = None
    in_review_count: int = 0
    scheduled: list[Article] | None = None
    published_recently: list[Article] | None = None
    published_count: int = 0
    notices: list[Notice] | None = None
    comments_waiting: int | None = None
    latest_comments: list[Comment] = field(default_factory=list)
    most_read: list[Read] | None = None
    complaints: list[Complaint] | None = None
    complaints_open: int = 0
    complaints_overdue: int = 0
    readers_chart: Chart | None = None


# The slug: a writer's links to published stories open them on the site (not a colleague's
# article in the back office, which is closed to them).
LISTING = ["id", "headline", "slug", "status", "published_at", "updated_at", "created_by", "section__name"]


def _listing() -> Any:
    return Article.objects.select_related("section").only(*LISTING)


def my_stories(user: Any) -> list[Article]:
    """The user's stories not yet out (created by them or under their byline): drafts, and those
    submitted and waiting for an editor, so a writer never loses sight of one. Latest touched first."""
    unreleased = [Status.DRAFT, Status.IN_REVIEW]
    mine = workflow.own_articles(user)
    return list(_listing().filter(mine, status__in=unreleased).order_by("-updated_at", "-id")[:ROWS])


def in_review() -> tuple[list[Article], int]:
    """Stories waiting for an editor, the longest waiting first, and how many there are."""
    waiting = Article.objects.filter(status=Status.IN_REVIEW)
    rows = list(_with_creator(waiting).order_by("updated_at", "id")[:ROWS])
    return rows, (len(rows) if len(rows) < ROWS else waiting.count())


def scheduled() -> list[Article]:
    """What the worker will publish, soonest first, with the time it goes out."""
    return list(_listing().filter(status=Status.SCHEDULED).order_by("published_at", "id")[:ROWS])


def published_recently(now: datetime.datetime | None = None) -> tuple[list[Article], int]:
    """Released in the last 24 hours, the newest first, and how many: at 7 in the morning the
    desk still sees last night's stories (since midnight it saw nothing). The status + time index."""
    now = now or timezone.now()
    released = Article.objects.filter(status=Status.PUBLISHED, published_at__gt=now - RECENT, published_at__lte=now)
    rows = list(_with_creator(released).order_by("-published_at", "-id")[:ROWS])
    return rows, (len(rows) if len(rows) < ROWS else released.count())


def in_progress(user: Any, now: datetime.datetime | None = None) -> list[Article]:
    """Colleagues' drafts someone worked on in the last days, the latest touched first: saved
    (updated_at) or typed into the editor without saving yet (their autosaves). Only among the
    articles the user may open (editors open them all; writers never see a colleague's draft)."""
    now = now or timezone.now()
    typed = Autosave.objects.filter(article=OuterRef("pk")).order_by("-saved_at").values("saved_at")[:1]
    drafts = (
        workflow.viewable(user)
        .filter(status=Status.DRAFT)
        .exclude(workflow.own_articles(user))
        .annotate(touched=Greatest(F("updated_at"), Coalesce(Subquery(typed), F("updated_at"))))
        .filter(touched__gte=now - IN_PROGRESS)
    )
    return list(_with_creator(drafts).order_by("-touched", "-id")[:ROWS])


def _with_creator(articles: Any) -> Any:
    """The listing's fields and the creator's public name, in the same query."""
    creator = ["created_by__username", "created_by__first_name", "created_by__last_name", "created_by__author__name"]
    return articles.select_related("section", "created_by__author").only(*LISTING, *creator)


def _credit(articles: list[Article]) -> None:
    """Give each article `.writers`: its byline's writers and reporters, else whoever created it.
    One query for every list on the page."""
    prefetch_related_objects(
        articles,
        Prefetch(
            "bylines",
            queryset=Byline.objects.filter(role__in=Byline.AUTHORS)
            .select_related("author")
            .only("id", "article_id", "role", "position", "author__name"),
        ),
    )
    for article in articles:
        names = [byline.author.name for byline in article.bylines.all()]
        creator = article.created_by if "created_by" in article._state.fields_cache else None
        if not names and creator is not None:
            names = [public_name(creator)]
        article.writers = ", ".join(names)  # type: ignore[attr-defined]


def notices(now: datetime.datetime | None = None) -> list[Notice]:
    """Pedoman Pemberitaan Media Siber 4-5: the corrections (ralat, koreksi, hak jawab,
    klarifikasi; not plain updates) and withdrawals (cabut) of the last seven days, newest first.
    Two small queries on the time indexes."""
    now = now or timezone.now()
    since = now - NOTICES
    corrections = (
        Correction.objects.filter(kind__in=Correction.CORRECTING, created_at__gt=since, created_at__lte=now)
        .select_related("article")
        .only("id", "kind", "text", "created_at", "article__id", "article__headline", "article__status")
        .order_by("-created_at", "-id")[:ROWS]
    )
    withdrawn = (
        Article.objects.filter(status=Status.WITHDRAWN, withdrawn_at__gt=since, withdrawn_at__lte=now)
        .only("id", "headline", "status", "withdrawn_at", "withdrawal_reason")
        .order_by("-withdrawn_at", "-id")[:ROWS]
    )
    found = [Notice(c.get_kind_display(), c.article, c.created_at, c.text) for c in corrections]
    found += [
        Notice(_("Withdrawn"), a, a.withdrawn_at, a.withdrawal_reason, withdrawal=True)
        for a in withdrawn
        if a.withdrawn_at is not None
    ]
    return sorted(found, key=lambda notice: notice.when, reverse=True)[:ROWS]


def ago(when: datetime.datetime, now: datetime.datetime | None = None) -> str:
    """ "5 menit lalu"; under a minute (or a clock a little ahead) "baru saja", never "0 menit lalu"."""
    now = now or timezone.now()
    if now - when < JUST_NOW:
        return _("just now")
    return _("%(when)s ago") % {"when": timesince(when, now)}


def waiting(when: datetime.datetime, now: datetime.datetime | None = None) -> str:
    """ "menunggu 2 jam"; under a minute "baru saja", never "menunggu 0 menit"."""
    now = now or timezone.now()
    if now - when < JUST_NOW:
        return _("just now")
    return _("waiting %(when)s") % {"when": timesince(when, now)}


def clock(when: datetime.datetime, now: datetime.datetime | None = None) -> str:
    """The time of day in the site's time zone, "yesterday" before it for yesterday's: the list
    of the last 24 hours straddles midnight. Older: the date."""
    local = timezone.localtime(when)
    day = timezone.localtime(now or timezone.now()).date()
    time = date_format(local, "H.i")
    if local.date() == day:
        return time
    if local.date() == day - datetime.timedelta(days=1):
        return _("yesterday %(time)s") % {"time": time}
    return date_format(local, "j M, H.i")


def today(now: datetime.datetime | None = None) -> str:
    """Today in the site's time zone, spelled out: "Senin, 30 November 2026"."""
    return date_format(timezone.localtime(now or timezone.now()).date(), "l, j F Y")


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
    credited: list[Article] = []
    if user.has_perm("articles.add_article"):
        panels.drafts = my_stories(user)
    if user.has_perm(workflow.EDIT_ANY):  # a writer sees no colleague's draft
        panels.in_progress = in_progress(user)
        credited += panels.in_progress
    if user.has_perm("articles.publish_article"):
        panels.in_review, panels.in_review_count = in_review()
        credited += panels.in_review  # an editor sees whose story waits
        panels.scheduled = scheduled()
    if user.has_perm(workflow.EDIT_ANY) and user.has_perm("articles.view_correction"):
        panels.notices = notices()
    if user.has_perm("articles.view_article"):
        panels.published_recently, panels.published_count = published_recently()
        credited += panels.published_recently
        panels.most_read, panels.readers_chart = most_read()
    if credited:
        _credit(credited)
    if user.has_perm("comments.change_comment"):
        panels.comments_waiting, panels.latest_comments = comments_waiting()
    if user.has_perm("complaints.change_complaint"):
        panels.complaints, panels.complaints_open, panels.complaints_overdue = complaints_open()
    return panels


# The lists the desk opens all day, one click from the dashboard (in this order) when the user may.
MAIN_LISTS = [("articles", "Article"), ("comments", "Comment"), ("live", "LiveReport")]


def main_lists(app_list: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Name and address of the main lists among those the admin's app list (already checked
    against the user's permissions) holds: nothing here grants a list the app list left out."""
    models = {
        (app["app_label"], model["object_name"]): model
        for app in app_list
        for model in app["models"]
        if model.get("admin_url")
    }
    return [{"name": str(models[key]["name"]), "url": models[key]["admin_url"]} for key in MAIN_LISTS if key in models]
