"""The writing desk's live coverage panel: an editor starts a live report from the article's desk
(the article chosen for them) or goes to its live desk; the newsroom shows what warta.live
registers into its desk panels, never importing it."""

from __future__ import annotations

import html
import re

import pytest

from tests.conftest import StaffClient, must_search
from tests.test_newsroom import ADD
from warta.articles.models import Article, Byline
from warta.live.models import LiveReport

pytestmark = pytest.mark.django_db

START = "/redaksi/live/livereport/add/?article={pk}"


@pytest.fixture
def article(make_article) -> Article:
    return make_article(headline="Hitung Cepat Pilkada Surabaya", slug="hitung-cepat-pilkada-surabaya")


def desk_page(client: StaffClient, article: Article) -> str:
    response = client.get(f"/redaksi/articles/article/{article.pk}/change/")
    assert response.status_code == 200
    return response.content.decode()


def panel(page: str) -> str:
    """The live coverage panel in the desk's side column."""
    side = page[page.index('<div class="desk__side">') :]
    return must_search(r'<div class="module live-panel".*?</div>', side, re.S).group(0)


def test_an_editor_starts_live_coverage_with_the_article_chosen(editor, article):
    start = START.format(pk=article.pk)
    assert f'href="{html.escape(start)}"' in panel(desk_page(editor, article))

    form = editor.get(start)
    assert form.status_code == 200
    select = must_search(r'<select name="article"[^>]*>(.*?)</select>', form.content.decode(), re.S).group(1)
    # The autocomplete widget renders the chosen article as its one selected option.
    assert re.findall(r'<option value="(\d+)" selected>([^<]*)</option>', select) == [
        (str(article.pk), article.headline)
    ]


def test_with_a_live_report_the_desk_links_to_its_live_desk(editor, article):
    report = LiveReport.objects.create(article=article)
    box = panel(desk_page(editor, article))
    assert f'href="/redaksi/live/livereport/{report.pk}/change/"' in box
    assert "livereport/add" not in box
    assert "Langsung</strong>" in box  # open ("Live")

    report.close()
    report.save()
    box = panel(desk_page(editor, article))
    assert f'href="/redaksi/live/livereport/{report.pk}/change/"' in box
    assert "Ditutup" in box  # closed ("Closed")


def test_a_writer_who_may_not_start_live_coverage_sees_no_panel(writer, editor, article):
    Byline.objects.create(article=article, author=writer.user.author, position=1)
    assert "live-panel" not in desk_page(writer, article)
    assert "livereport" not in desk_page(writer, article)
    # Where an editor, who may, is offered it on the same article.
    assert "live-panel" in desk_page(editor, article)


def test_a_writer_on_the_story_reaches_its_live_desk(writer, article):
    Byline.objects.create(article=article, author=writer.user.author, position=1)
    report = LiveReport.objects.create(article=article)
    box = panel(desk_page(writer, article))
    assert f'href="/redaksi/live/livereport/{report.pk}/change/"' in box
    assert "livereport/add" not in box


def test_a_new_unsaved_article_has_no_panel_until_saved(editor, seed):
    page = editor.get(ADD).content.decode()
    assert "live-panel" not in page
    assert "livereport" not in page
    # The same editor on a saved article is offered it.
    assert "live-panel" in desk_page(editor, seed)
