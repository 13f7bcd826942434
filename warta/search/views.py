from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from warta.articles.models import Article
from warta.lib import ratelimit
from warta.lib.http import client_ip
from warta.lib.paging import paginate
from warta.search import backends
from warta.search.analysis import terms as analyse
from warta.search.snippets import snippet
from warta.taxonomy.models import Section

MAX_QUERY = 200
MAX_TERMS = 12
# Searches per address and window (seconds), counted like comments in the shared cache. A search
# costs the database far more than a cached page: eight clients searching flat out made every
# reader's page several times slower. A reader clicking through results stays far below this.
SEARCH_RATE = 30
SEARCH_RATE_WINDOW = 60


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search for"), required=False, strip=True)
    bagian = forms.ModelChoiceField(
        label=gettext_lazy("Section"),
        queryset=Section.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All sections"),
    )
    dari = forms.DateField(label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(
        label=gettext_lazy("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class Results:
    """The ranked article ids of a query, fetched one page at a time (what Paginator needs)."""

    def __init__(self, terms: list[str], filters: backends.Filters) -> None:
        self.terms, self.filters = terms, filters

    def count(self) -> int:
        return backends.count(self.terms, self.filters)

    def __getitem__(self, window: slice) -> list[int]:
        return backends.ranked_ids(self.terms, self.filters, window.start, window.stop - window.start)


def _day_start(day: datetime.date | None, days_after: int = 0) -> datetime.datetime | None:
    if day is None:
        return None
    try:
        return timezone.make_aware(
            datetime.datetime.combine(day + datetime.timedelta(days=days_after), datetime.time())
        )
    except OverflowError:  # the day after 31 December 9999: no limit at all
        return None


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    form.is_valid()  # a bad filter is reported on the page and ignored, never a server error
    data = form.cleaned_data
    query = (data.get("q") or "")[:MAX_QUERY]
    context: dict = {"form": form, "query": query, "too_long": len(data.get("q") or "") > MAX_QUERY}
    terms = analyse(query)[:MAX_TERMS]
    if not query:
        context["notice"] = _("Type the words you are looking for.")
    elif not terms:
        context["notice"] = _("Those words are too common to search for. Try more specific words.")
    elif not ratelimit.allow("search-ip", client_ip(request), *_search_rate()):
        # Only searches that reach the index count; the form keeps what the reader typed.
        context["notice"] = _("You are searching too often. Wait a minute, then search again.")
        response = render(request, "search/results.html", context, status=429)
        response["Retry-After"] = str(_search_rate()[1])
        return response
    else:
        filters = backends.Filters(
            section_id=data["bagian"].pk if data.get("bagian") else None,
            since=_day_start(data.get("dari")),
            until=_day_start(data.get("sampai"), days_after=1),
        )
        page = paginate(Results(terms, filters), request.GET.get("page"), strict=False)
        found = Article.objects.for_listing().defer(None).in_bulk(page.object_list)  # the body: snippets
        articles = [found[i] for i in page.object_list if i in found]
        for article in articles:
            article.snippet = snippet(article, terms)  # type: ignore[attr-defined]  # for the template
        context.update(searched=True, page=page, articles=articles, querystring=_without_page(request))
        if page.paginator.count == 0:  # "Maksud Anda: …" from the index's own vocabulary
            context["did_you_mean"] = backends.suggest(query)
    return render(request, "search/results.html", context)


def _search_rate() -> tuple[int, int]:
    """(searches, seconds): WARTA_SEARCH_RATE and WARTA_SEARCH_RATE_WINDOW when the settings name them."""
    return (
        getattr(settings, "WARTA_SEARCH_RATE", SEARCH_RATE),
        getattr(settings, "WARTA_SEARCH_RATE_WINDOW", SEARCH_RATE_WINDOW),
    )


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
