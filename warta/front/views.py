from __future__ import annotations

import datetime
import functools
import io
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from warta.articles.metadata import LOGO_SIZE
from warta.articles.models import Article
from warta.authors.models import Author
from warta.caching import keys, memo
from warta.importers.models import Imported
from warta.lib.http import date_or_none
from warta.lib.paging import paginate
from warta.pages.models import Page
from warta.readership.models import most_read
from warta.sitesettings import values as site_values
from warta.taxonomy.models import Section, Tag

TOP_STORIES = 4
LATEST = 10
PER_SECTION = 4


def home(request: HttpRequest) -> HttpResponse:
    """The front page: the lead story, top stories, latest news, a block per section, most read."""
    if "s" in request.GET:  # WordPress's search address, from old links and browser shortcuts
        return redirect(f"{reverse('search:search')}?{urlencode({'q': request.GET['s']})}", permanent=True)
    if "p" in request.GET or "page_id" in request.GET:  # WordPress's plain links, /?p=123
        return redirect(old_wordpress_link(request.GET), permanent=True)
    # Kept in this process until a list or the site changes (or the page's lifetime ends: the
    # most-read list has no key): a home page purged by anything else runs no query. Read only.
    chosen = memo.kept(request, ("home",), lambda: _front_page(request), lambda found: 1000 * len(found["listed"]))
    return render(request, "front/home.html", chosen)


def _front_page(request: HttpRequest) -> dict[str, Any]:
    keys.tag_request(request, keys.ARTICLES, keys.SITE)  # SITE: the sections' names and order
    published = Article.objects.published()
    newest = list(published.for_cards()[: 1 + TOP_STORIES + LATEST])
    lead = published.filter(pinned=True).for_cards().first() or (newest[0] if newest else None)
    rest = [a for a in newest if a != lead]
    section_blocks = _section_blocks(published)
    return {
        "lead": lead,
        "top_stories": rest[:TOP_STORIES],
        "latest": rest[TOP_STORIES : TOP_STORIES + LATEST],
        "section_blocks": section_blocks,
        "most_read": most_read(),
        # Every card on the page: the first one not kept loads them all ({% card %}).
        "listed": [*([lead] if lead else []), *newest, *(a for _, articles in section_blocks for a in articles)],
    }


def old_wordpress_link(query) -> str:
    """The address an imported post or page has now; 404 for an ID nobody imported."""
    kind, raw = (Imported.Kind.POST, query.get("p")) if "p" in query else (Imported.Kind.PAGE, query.get("page_id"))
    try:
        link = Imported.objects.get(kind=kind, source_id=int(raw or ""))
    except (ValueError, Imported.DoesNotExist):
        raise Http404("no such WordPress post") from None
    if kind == Imported.Kind.PAGE:
        return get_object_or_404(Page, pk=link.object_id).get_absolute_url()
    article = get_object_or_404(Article.objects.published(), pk=link.object_id)
    return article.get_absolute_url() or "/"


def _section_blocks(published) -> list[tuple[Section, list[Article]]]:
    """The newest few articles of every section, in one query, in navigation order."""
    ranked = published.annotate(
        rank=Window(RowNumber(), partition_by=F("section_id"), order_by=[F("published_at").desc(), F("id").desc()])
    ).filter(rank__lte=PER_SECTION)
    by_section: dict[int, list[Article]] = {}
    for article in ranked.for_cards().order_by("section__position", "section__name", "-published_at"):
        by_section.setdefault(article.section_id, []).append(article)
    sections = Section.objects.in_bulk(list(by_section))
    return [(sections[section_id], articles) for section_id, articles in by_section.items()]


def _listing(request: HttpRequest, load: Callable[[], tuple[Any, dict[str, Any]]]) -> HttpResponse:
    """Render one page of an archive; an unknown or out-of-range page number is a 404.

    load(): the archive's articles and its context (title, about, feed), looked up in the
    database. What it finds and the page of articles are kept in the process until a list or
    the site changes: an archive page purged by anything else runs no query.
    """
    number = request.GET.get("page")
    parts = ("listing", get_language(), request.path, number)
    chosen = memo.kept(request, parts, lambda: _listing_page(request, load, number), _listing_size)
    return render(request, "front/archive.html", chosen)


def _listing_page(
    request: HttpRequest, load: Callable[[], tuple[Any, dict[str, Any]]], number: str | None
) -> dict[str, Any]:
    keys.tag_request(request, keys.ARTICLES, keys.SITE)  # SITE: the section's, tag's or author's name
    articles, context = load()
    page = paginate(articles.for_cards(), number)
    page.object_list = list(page.object_list)  # read now: kept objects are only ever read
    return {**context, "page": page, "articles": page.object_list}


def _listing_size(chosen: dict[str, Any]) -> int:
    return 1000 * (1 + len(chosen["articles"]))


def latest(request: HttpRequest) -> HttpResponse:
    return _listing(
        request, lambda: (Article.objects.published(), {"title": _("News index"), "feed": reverse("articles:feed")})
    )


def section(request: HttpRequest, slug: str) -> HttpResponse:
    return _archive_of(request, Section, slug, "articles:section-feed", lambda s: ({"section": s}, s.description))


def tag(request: HttpRequest, slug: str) -> HttpResponse:
    return _archive_of(
        request,
        Tag,
        slug,
        "articles:tag-feed",
        lambda t: ({"tags": t}, _("Articles tagged %(tag)s.") % {"tag": t.name}),
    )


def author(request: HttpRequest, slug: str) -> HttpResponse:
    return _archive_of(request, Author, slug, "articles:author-feed", lambda a: ({"authors": a}, a.bio))


def _archive_of(
    request: HttpRequest, model: Any, slug: str, feed: str, described: Callable[[Any], tuple[dict[str, Any], str]]
) -> HttpResponse:
    """The archive of one section, tag or author: described(it) gives the filter on articles and
    the line about it."""

    def load() -> tuple[Any, dict[str, Any]]:
        chosen = get_object_or_404(model, slug=slug)
        where, about = described(chosen)
        context = {"title": chosen.name, "about": about, "feed": reverse(feed, args=[slug])}
        return Article.objects.published().filter(**where), context

    return _listing(request, load)


def date_archive(request: HttpRequest, year: str, month: str | None = None, day: str | None = None) -> HttpResponse:
    """WordPress's /YYYY/, /YYYY/MM/ and /YYYY/MM/DD/ archives, in the site's time zone."""
    first = date_or_none(year, month or "1", day or "1")
    if first is None or not 1900 <= first.year < 9999:  # the year after must exist too
        raise Http404("impossible date")
    if day:
        following, title = first + datetime.timedelta(days=1), date_format(first, "j F Y")
    elif month:
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        title = date_format(first, "F Y")
    else:
        following, title = first.replace(year=first.year + 1), str(first.year)
    start, end = (timezone.make_aware(datetime.datetime.combine(d, datetime.time())) for d in (first, following))
    articles = Article.objects.published().filter(published_at__gte=start, published_at__lt=end)
    return _listing(request, lambda: (articles, {"title": _("Archive: %(when)s") % {"when": title}}))


def robots_txt(request: HttpRequest) -> HttpResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /redaksi/",
        "Disallow: /cari/",
        "Disallow: /komentar/",
        "Disallow: /dibaca/",
        "",
        f"Sitemap: {base}{reverse('sitemap-index')}",
        f"Sitemap: {base}{reverse('news-sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@functools.lru_cache(maxsize=1)
def _logo_png() -> bytes:
    """Draw the publisher logo search engines ask for: the site name, 600x60, in the accent colour."""
    image = Image.new("RGB", LOGO_SIZE, "white")
    font = ImageFont.load_default(size=44)
    ImageDraw.Draw(image).text((8, 4), site_values.current().site_name, font=font, fill=(163, 18, 28))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def logo(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_logo_png(), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response


# The site's icon: its initials in white on the accent colour, drawn once per process. Browsers ask
# for /favicon.ico whatever the page says, phones for the touch icon, installers for the manifest's.
ACCENT = (163, 18, 28)
ICON_SIZES = {"apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512}


def initials(name: str) -> str:
    """The letters on the icon, at most two from the first words: Kempalan → K, Kabar Kota → KK."""
    letters = [word[0] for word in name.split() if word[:1].isalnum()][:2]
    return "".join(letters).upper() or "W"


@functools.lru_cache(maxsize=8)
def icon_png(size: int) -> bytes:
    image = Image.new("RGB", (size, size), ACCENT)
    text = initials(site_values.current().site_name)
    # Square icons get cut to circles by some launchers: the letters stay inside the middle 60%.
    font = ImageFont.load_default(size=int(size * (0.6 if len(text) == 1 else 0.42)))
    ImageDraw.Draw(image).text((size / 2, size / 2), text, font=font, fill="white", anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@functools.lru_cache(maxsize=1)
def favicon_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.open(io.BytesIO(icon_png(96))).save(buffer, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return buffer.getvalue()


def _long_lived(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "public, max-age=86400"
    return response


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says: the icon an Admin uploaded, if any
    (a short-lived redirect, so that a new one shows within the hour), else the drawn one."""
    uploaded = site_values.current().favicon_url
    if uploaded:
        response = redirect(uploaded)
        response["Cache-Control"] = "public, max-age=3600"
        return response
    return _long_lived(HttpResponse(favicon_bytes(), content_type="image/x-icon"))


def icon(request: HttpRequest, name: str) -> HttpResponse:
    if name not in ICON_SIZES:
        raise Http404("no such icon")
    return _long_lived(HttpResponse(icon_png(ICON_SIZES[name]), content_type="image/png"))


def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: "Add to home screen" opens the site like an app, with its icon."""
    data = {
        "name": site_values.current().site_name,
        "short_name": site_values.current().site_name[:12],
        "lang": settings.LANGUAGE_CODE,
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#a3121c",
        "icons": [
            {"src": reverse("front:icon", args=[name]), "sizes": f"{size}x{size}", "type": "image/png"}
            for name, size in ICON_SIZES.items()
            if size >= 192
        ],
    }
    body = json.dumps(data, ensure_ascii=False)
    return _long_lived(HttpResponse(body, content_type="application/manifest+json; charset=utf-8"))
