"""Imported articles are searchable when the import ends: the importer indexes each batch of
articles together (search.indexer.deferred) instead of once per save, and the result is the
index a save-by-save import would have written."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.wxr_files import interrupt_after
from warta.articles.models import Article, released
from warta.authors.models import Author
from warta.comments.models import Comment
from warta.importers.models import Imported
from warta.pages.models import Page
from warta.photos.models import Photo
from warta.search import indexer
from warta.search.models import SearchDocument
from warta.taxonomy.models import Section, Tag

pytestmark = pytest.mark.django_db
WORDPRESS = Path(__file__).resolve().parent / "fixtures" / "wordpress"
SMALL, MEDIUM = WORDPRESS / "wordpress-export-small.xml", WORDPRESS / "wordpress-export-medium.xml"
SEED_URL = "/2022/08/16/gawat-putin-kim-jong-un-makin-nempel/"


@pytest.fixture
def empty(db):
    for model in (Comment, Article, Page, Photo, Tag, Section, Author, Imported):
        model.objects.all().delete()


def run(path: Path) -> None:
    call_command("import_wxr", str(path), stdout=io.StringIO())


def found(client, query: str) -> list[str]:
    response = client.get("/cari/", {"q": query})
    assert response.status_code == 200
    return re.findall(r'class="card__headline"><a href="([^"]+)"', response.content.decode())


def documents() -> dict[int, tuple]:
    return {
        d.article_id: (d.section_id, d.published_at, d.headline, d.body)
        for d in SearchDocument.objects.order_by("article_id")
    }


def test_it_finds_imported_articles_once_the_import_ends(empty, client):
    run(SMALL)
    assert SEED_URL in found(client, "putin kim")
    assert SEED_URL in found(client, "nempel")


def test_it_indexes_as_a_save_by_save_import_would(empty):
    run(MEDIUM)
    imported = documents()
    assert len(imported) == Article.objects.filter(released()).count() > 20
    indexer.rebuild()  # every article through index(), one at a time
    assert documents() == imported


def test_it_leaves_unreleased_imports_out(empty):
    run(MEDIUM)
    drafts = Article.objects.exclude(status=Article.Status.PUBLISHED)
    assert drafts.exists()
    assert not SearchDocument.objects.filter(article_id__in=drafts.values("pk")).exists()


def test_an_interrupted_import_indexes_what_it_committed(empty, monkeypatch, client):
    interrupt_after(monkeypatch, 15)
    with pytest.raises(KeyboardInterrupt):
        run(MEDIUM)
    committed = set(Article.objects.filter(released()).values_list("pk", flat=True))
    assert committed and set(documents()) == committed


def test_deferred_indexes_when_the_block_ends(make_article, client):
    with indexer.deferred():
        article = make_article(slug="banjir-kilat", headline="Banjir bandang melanda")
        assert not SearchDocument.objects.filter(article_id=article.pk).exists()
        with indexer.deferred():  # joins the outer block
            other = make_article(slug="gempa-kilat", headline="Gempa susulan terasa")
        assert not SearchDocument.objects.filter(article_id=other.pk).exists()
    assert found(client, "banjir") == [article.get_absolute_url()]
    assert found(client, "gempa") == [other.get_absolute_url()]


def test_deferred_takes_out_what_stopped_being_released(make_article, client):
    article = make_article(slug="banjir-kilat", headline="Banjir bandang melanda")
    assert found(client, "banjir") == [article.get_absolute_url()]
    with indexer.deferred():
        article.status = Article.Status.DRAFT
        article.save()
    assert found(client, "banjir") == []


def test_deferred_follows_retagging(make_article, client):
    from warta.taxonomy.models import Tag

    article = make_article(slug="banjir-kilat", headline="Banjir bandang melanda")
    tag = Tag.objects.create(name="Kalimantan Selatan", slug="kalsel")
    with indexer.deferred():
        article.tags.add(tag)
        assert found(client, "kalimantan") == []
    assert found(client, "kalimantan") == [article.get_absolute_url()]


def test_deferred_writes_nothing_for_a_rolled_back_transaction(make_article):
    before = SearchDocument.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic(), indexer.deferred():
        make_article(slug="banjir-kilat", headline="Banjir bandang melanda")
        raise RuntimeError
    assert SearchDocument.objects.count() == before
