"""Every back-office view of an article follows the rule of editing it (item 2, verified):
a writer opens their own articles; a colleague's draft, its preview and its revisions are refused."""

from __future__ import annotations

import pytest

from tests.conftest import person
from warta.articles.models import Article
from warta.newsroom import revisions

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague_draft(django_user_model, seed) -> Article:
    author = person(django_user_model, "rekan", "Penulis")
    article = Article.objects.create(
        headline="Draf rahasia rekan",
        slug="draf-rahasia-rekan",
        section=seed.section,
        body=[{"type": "paragraph", "text": "Belum boleh dibaca siapa pun."}],
        created_by=author.user,
    )
    revisions.record(article, author.user)
    return article


VIEWS = ["change", "preview", "revisions", "history"]


@pytest.mark.parametrize("view", VIEWS)
def test_a_writer_cannot_open_a_colleagues_draft_through_any_view(django_user_model, colleague_draft, view):
    writer = person(django_user_model, "penulis", "Penulis")
    response = writer.get(f"/redaksi/articles/article/{colleague_draft.pk}/{view}/")
    assert response.status_code in {302, 403, 404}
    # The refusal may name the article (the writer is told whose it is), never show its text.
    assert "Belum boleh dibaca" not in response.content.decode()


@pytest.mark.parametrize("view", ["preview", "revisions"])
def test_an_editor_opens_the_same_views(django_user_model, colleague_draft, view):
    editor = person(django_user_model, "redaktur", "Editor")
    response = editor.get(f"/redaksi/articles/article/{colleague_draft.pk}/{view}/")
    assert response.status_code == 200 and "Draf rahasia rekan" in response.content.decode()
