"""The newsroom's domain model."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.conftest import SEED_URL
from warta.articles.models import Article, Byline, SourceAttribution
from warta.authors.models import Author

pytestmark = pytest.mark.django_db


def test_the_seed_article_is_complete(seed):
    assert seed.section.name == "Internasional"
    assert sorted(t.name for t in seed.tags.all()) == ["Kim Jong Un", "Korea Utara", "Putin", "Rusia"]
    assert [a.name for a in seed.byline_authors] == ["Muhamad Nurilham"]
    assert [s.name for s in seed.sources.all()] == ["Aljazeera"]
    assert seed.lead_photo.caption == "Putin dan Kim Jong Un"
    assert seed.lead_photo.credit == "Detik"
    assert (seed.lead_photo.width, seed.lead_photo.height) == (1200, 675)
    assert timezone.localtime(seed.published_at).isoformat() == "2022-08-16T10:00:00+07:00"


def test_the_seed_reads_in_two_minutes(seed):
    assert 200 < seed.word_count <= 400
    assert seed.reading_minutes == 2


def test_the_permalink_uses_the_date_in_jakarta(make_article):
    # 20:00 UTC on the 15th is already 03:00 on the 16th in Jakarta.
    late = make_article(published_at=datetime.datetime(2022, 8, 15, 20, 0, tzinfo=datetime.UTC))
    assert late.get_absolute_url() == "/2022/08/16/judul-uji/"


def test_a_draft_has_no_permalink(make_article):
    assert make_article(status=Article.Status.DRAFT, published_at=None).get_absolute_url() is None


def test_published_means_published_and_due(make_article, seed):
    now = timezone.now()
    make_article(slug="draf", status=Article.Status.DRAFT)
    make_article(slug="terjadwal", status=Article.Status.SCHEDULED, published_at=now + datetime.timedelta(hours=1))
    make_article(slug="nanti", published_at=now + datetime.timedelta(minutes=1))
    make_article(slug="ditarik", status=Article.Status.UNPUBLISHED)
    visible = set(Article.objects.published().values_list("slug", flat=True))
    assert "gawat-putin-kim-jong-un-makin-nempel" in visible
    assert not visible & {"draf", "terjadwal", "nanti", "ditarik"}
    assert seed.is_public


def test_attribution_lists_sources_then_writers_in_byline_order(make_article):
    article = make_article()
    Byline.objects.create(article=article, author=Author.objects.create(name="B", slug="b"), position=2)
    Byline.objects.create(article=article, author=Author.objects.create(name="A", slug="a"), position=1)
    SourceAttribution.objects.create(article=article, name="Reuters", position=1)
    SourceAttribution.objects.create(article=article, name="Antara", position=0)
    article = Article.objects.for_page().get(pk=article.pk)
    assert article.attribution() == "Antara, Reuters, A, B"


def test_the_dateline_is_city_then_outlet_in_capitals(make_article):
    assert make_article(dateline_city="Jakarta").dateline() == "JAKARTA-KEMPALAN:"
    assert make_article(slug="tanpa", dateline_city="").dateline() == ""


def test_the_body_is_sanitised_on_every_save(make_article):
    article = make_article(body=[{"type": "paragraph", "text": "<script>x</script><b>aman</b>"}])
    article.refresh_from_db()
    assert article.body == [{"type": "paragraph", "text": "<b>aman</b>"}]


def test_a_broken_body_is_refused(make_article):
    with pytest.raises(ValidationError):
        make_article(body=[{"type": "mystery"}])
    assert not Article.objects.filter(slug="judul-uji").exists()


def test_slugs_are_unique(make_article):
    make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article()


def test_an_author_is_listed_once_per_article(seed):
    author = seed.byline_authors[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Byline.objects.create(article=seed, author=author, position=5)


def test_the_seed_url_is_the_wordpress_permalink(seed):
    assert seed.get_absolute_url() == SEED_URL
