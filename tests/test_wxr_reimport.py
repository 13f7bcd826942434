"""Importing into a site that already holds the stories: the same story is recognised (by its
WordPress GUID, its permalink, or its slug and day) and merged, never copied; and one huge text
node (issue 14, item 9) is refused by name instead of being imported whole."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from warta.articles.models import Article
from warta.authors.models import Author
from warta.comments.models import Comment
from warta.importers import wxr
from warta.importers.models import Imported

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SMALL = FIXTURES / "wordpress" / "wordpress-export-small.xml"
WXR = FIXTURES / "wxr"


def run(path: Path, *args: str) -> str:
    out = io.StringIO()
    with translation.override("en"):  # these tests read the report's English wording
        call_command("import_wxr", str(path), *args, stdout=out)
    return " ".join(out.getvalue().split())


def test_the_seed_story_already_on_the_site_is_merged_not_copied(seed):
    """The demo site holds the seed article (made by hand, not imported): same permalink."""
    articles, authors = Article.objects.count(), Author.objects.count()
    headline, body = seed.headline, seed.body
    output = run(SMALL)
    assert Article.objects.count() == articles and not Article.objects.filter(slug__contains="nempel-").exists()
    assert Author.objects.count() == authors  # nurilham is the site's Muhamad Nurilham
    assert "merged: article 4 “Gawat, Putin-Kim Jong Un makin ‘Nempel’”" in output
    assert "same permalink /2022/08/16/gawat-putin-kim-jong-un-makin-nempel/" in output
    seed.refresh_from_db()
    assert (seed.headline, seed.body) == (headline, body)  # the newsroom's text wins
    assert Imported.objects.get(kind="post", source_id=4).object_id == seed.pk  # /?p=4 now leads here


def test_a_dry_run_lists_what_would_be_merged_and_writes_nothing(seed):
    before = (Article.objects.count(), Comment.objects.count(), Imported.objects.count())
    output = run(SMALL, "--dry-run")
    assert "would merge: article 4 “Gawat, Putin-Kim Jong Un makin ‘Nempel’”" in output
    assert (Article.objects.count(), Comment.objects.count(), Imported.objects.count()) == before


def test_the_same_guid_under_another_post_id_is_the_same_article(seed, tmp_path):
    run(SMALL)
    copy = tmp_path / "copy.xml"  # the same site restored elsewhere: IDs renumbered, GUIDs kept
    copy.write_text(SMALL.read_text().replace("<wp:post_id>4</wp:post_id>", "<wp:post_id>904</wp:post_id>"))
    articles = Article.objects.count()
    output = run(copy)
    assert Article.objects.count() == articles
    assert Imported.objects.get(kind="post", source_id=904).object_id == seed.pk
    assert not Imported.objects.filter(kind="post", source_id=4).exists()
    assert "failed:" not in output


def test_slug_and_day_match_when_the_permalink_and_guid_differ(make_article, tmp_path):
    import datetime

    story = make_article(
        headline="Harga Ikan Tongkol Naik",
        slug="harga-ikan-tongkol-naik",
        published_at=datetime.datetime(2012, 10, 30, 1, 30, tzinfo=datetime.UTC),
    )
    plain = tmp_path / "plain-links.xml"  # a site with ?p= permalinks: only the slug and day tell
    plain.write_text(
        (WXR / "wxr-1.1.xml")
        .read_text()
        .replace("http://pesisir.test/2012/10/30/harga-ikan-tongkol-naik/", "http://pesisir.test/?p=21")
    )
    output = run(plain)
    assert Article.objects.filter(headline="Harga Ikan Tongkol Naik").get() == story
    assert "same slug and date (harga-ikan-tongkol-naik, 2012-10-30)" in output


def test_a_same_slug_on_another_day_is_another_story(make_article):
    import datetime

    make_article(
        headline="Harga ikan tahun lalu",
        slug="harga-ikan-tongkol-naik",
        published_at=datetime.datetime(2011, 10, 30, 1, 30, tzinfo=datetime.UTC),
    )
    output = run(WXR / "wxr-1.1.xml")
    assert Article.objects.filter(slug="harga-ikan-tongkol-naik-21").exists()
    assert "merged:" not in output


def test_one_huge_text_node_is_refused_by_name_and_the_rest_imported(db, tmp_path):
    """Issue 14, item 9: a 50 MB body is not an article; it is named, the others come in."""
    source = (WXR / "wxr-1.1.xml").read_text()
    start, end = source.index("\t<item>"), source.index("</item>") + len("</item>")
    item = source[start:end]
    huge = (
        item.replace("<wp:post_id>21</wp:post_id>", "<wp:post_id>22</wp:post_id>")
        .replace("harga-ikan-tongkol-naik", "teks-raksasa")
        .replace("?p=21", "?p=22")
        .replace("Gelombang tinggi", "x" * (50 * 2**20))
    )
    path = tmp_path / "huge.xml"
    path.write_text(source[:end] + "\n" + huge + source[end:])
    with pytest.raises(CommandError, match="1 item"):
        out = io.StringIO()
        with translation.override("en"):
            call_command("import_wxr", str(path), stdout=out)
    text = " ".join(out.getvalue().split())
    assert "article 22 “Harga Ikan Tongkol Naik”: its body (52,428,8" in text
    assert f"longer than the {wxr.MAX_BODY:,} an article may hold" in text
    assert not Article.objects.filter(slug="teks-raksasa").exists()
    assert Article.objects.filter(slug="harga-ikan-tongkol-naik").exists()
