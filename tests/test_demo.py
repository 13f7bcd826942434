"""The demo content: complete, and loading it twice duplicates nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from warta.articles.models import Article, Byline, SourceAttribution
from warta.authors.models import Author
from warta.photos.models import Photo, Rendition
from warta.taxonomy.models import Section, Tag

pytestmark = pytest.mark.django_db

MODELS = [Article, Byline, SourceAttribution, Author, Photo, Rendition, Section, Tag]


def counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in MODELS}


def test_it_loads_thirteen_articles_across_sections_each_with_a_photo(seed):
    published = Article.objects.published()
    assert published.count() == 13
    assert published.values("section").distinct().count() >= 5
    assert not published.filter(lead_photo=None).exists()


def test_a_second_load_changes_nothing(seed, settings):
    before = counts()
    files_before = sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before
    assert sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()) == files_before


def test_a_second_load_restores_edited_demo_content(seed):
    seed.headline = "Diubah"
    seed.save()
    call_command("load_demo", stdout=io.StringIO())
    seed.refresh_from_db()
    assert seed.headline == "Gawat, Putin-Kim Jong Un makin ‘Nempel’"
