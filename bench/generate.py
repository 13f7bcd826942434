"""Make many plausible Indonesian articles quickly, for benchmarks (not for tests or demos).

Words come from the demo articles, so stemming, stop words and ranking meet real Indonesian.
Rows are written with bulk_create in batches; the search index is filled the same way.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from bench.words import vocabulary
from warta.articles.models import Article
from warta.search.analysis import terms
from warta.search.models import SearchDocument
from warta.taxonomy.models import Section

BATCH = 2000


def _sentence(rng: random.Random, words: list[str], low: int, high: int) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(low, high))).capitalize()


def _published_at(article: Article) -> datetime.datetime:
    """The time every article made here is given (the field itself may be empty for drafts)."""
    if article.published_at is None:
        raise ValueError(f"{article.slug} has no publication time")
    return article.published_at


def generate(count: int, seed: int = 7) -> None:
    """Add count published articles (with their search documents) across the demo sections."""
    rng = random.Random(seed)
    words = vocabulary()
    sections = list(Section.objects.all()) or [Section.objects.create(name="Umum", slug="umum")]
    start = timezone.now() - datetime.timedelta(days=3650)
    step = datetime.timedelta(days=3650) / max(count, 1)
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        batch = []
        for i in range(made, made + size):
            body = [
                {"type": "paragraph", "text": _sentence(rng, words, 20, 40) + "."} for _ in range(rng.randint(4, 8))
            ]
            batch.append(
                Article(
                    headline=_sentence(rng, words, 5, 10),
                    slug=f"bench-{i}",
                    dek=_sentence(rng, words, 10, 20) + ".",
                    body=body,
                    section=rng.choice(sections),
                    status=Article.Status.PUBLISHED,
                    published_at=start + step * i,
                )
            )
        with transaction.atomic():
            Article.objects.bulk_create(batch)  # no save(): signals and normalisation skipped on purpose
            saved = Article.objects.filter(slug__in=[a.slug for a in batch]).only("id", "slug")
            ids = {a.slug: a.pk for a in saved}
            SearchDocument.objects.bulk_create(
                SearchDocument(
                    article_id=ids[a.slug],
                    section_id=a.section_id,
                    published_at=_published_at(a),
                    headline=" ".join(terms(a.headline)),
                    body=" ".join(terms(a.dek + " " + " ".join(b["text"] for b in a.body))),
                )
                for a in batch
            )
        made += size
