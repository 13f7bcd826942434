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


def wp_comment(comment_id: int, author: str, email: str, moment: str, text: str, parent: int = 0) -> str:
    """A comment as WordPress writes it; moment is its GMT time, YYYY-MM-DD HH:MM:SS."""
    return (
        f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id><wp:comment_author>{author}</wp:comment_author>"
        f"<wp:comment_author_email>{email}</wp:comment_author_email><wp:comment_date_gmt>{moment}"
        f"</wp:comment_date_gmt><wp:comment_content>{text}</wp:comment_content>"
        "<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


def test_the_seed_thread_is_not_copied_though_its_emails_differ(seed, tmp_path):
    """The demo holds the seed article's thread with other addresses than WordPress's
    (budi@contoh.id there, budi.santoso@contoh.id in the export): the same name, minute and words
    are the same comment. Distinct comments still come in, a reply threaded under the site's copy."""
    site = dict(seed.comments.values_list("pk", "email"))
    assert len(site) == 4 and "budi@contoh.id" in site.values()
    budi = seed.comments.get(email="budi@contoh.id")
    same_words = budi.text
    more = [
        wp_comment(6, "Dewi", "dewi@contoh.id", "2022-08-16 07:00:00", "Setuju dengan Mas Budi.", parent=2),
        wp_comment(7, "Rina", "rina@contoh.id", "2022-08-16 08:00:00", same_words),  # another reader's words
        # Posted again: the same person's same words, left out as on the site (one copy per article).
        wp_comment(8, "Budi Santoso", "budi.santoso@contoh.id", "2022-08-18 09:00:00", same_words),
    ]
    export = tmp_path / "more-comments.xml"
    export.write_text(
        SMALL.read_text().replace("</wp:comment>\n\t\t\t\t\t</item>", "</wp:comment>" + "".join(more) + "</item>", 1)
    )
    output = run(export)
    assert "merged: article 4" in output
    assert seed.comments.count() == 6  # the site's 4, Dewi's and Rina's
    assert "skipped: comment 2 on “Gawat, Putin-Kim Jong Un makin ‘Nempel’”" in output
    assert all(seed.comments.filter(pk=pk, email=email).exists() for pk, email in site.items())  # kept as they were
    assert seed.comments.get(name="Dewi").parent == budi
    assert list(seed.comments.filter(text=same_words).values_list("name", flat=True)) == ["Budi Santoso", "Rina"]
    assert Imported.objects.get(kind="comment", source_id=8).object_id == budi.pk
    run(export)  # once more: nothing new
    assert seed.comments.count() == 6
