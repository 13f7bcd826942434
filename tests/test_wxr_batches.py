"""The import writes posts in batched transactions (each post in its own savepoint) with its
comments and records inserted in bulk: what lands is what a post-by-post import would write."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests import wxr_files
from warta.articles.models import Article
from warta.comments.models import Comment
from warta.importers import wordpress
from warta.importers.models import Imported
from warta.search.models import SearchDocument

pytestmark = pytest.mark.django_db
FISH = ["tongkol", "cakalang", "tenggiri", "bandeng", "kerapu", "baronang", "layur", "selar"]
CATEGORY = """<wp:category><wp:category_nicename>perikanan</wp:category_nicename><wp:category_parent></wp:category_parent>
<wp:cat_name>Perikanan</wp:cat_name></wp:category>
"""


def comment(cid: int, parent: int, approved: str) -> str:
    return (
        f"<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author>Pembaca {cid}</wp:comment_author>"
        f"<wp:comment_author_email>r{cid}@pesisir.test</wp:comment_author_email>"
        f"<wp:comment_author_IP>203.0.113.{cid % 250}</wp:comment_author_IP>"
        "<wp:comment_date>2023-05-02 12:00:00</wp:comment_date><wp:comment_date_gmt>2023-05-02 05:00:00</wp:comment_date_gmt>"
        f"<wp:comment_content>Komentar nomor {cid}</wp:comment_content><wp:comment_approved>{approved}</wp:comment_approved>"
        f"<wp:comment_type>comment</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


def post(p: int, title: str | None = None, date: str = "2023-05-02 03:00:00") -> str:
    fish = FISH[p % len(FISH)]
    title = title or f"Harga {fish} naik di pelabuhan {p}"
    first = p * 10
    comments = comment(first, 0, "1") + comment(first + 1, first, "1") + comment(first + 2, first + 1, "0")
    comments += comment(first + 3, 0, "spam")
    return (
        f"<item><title>{title}</title><link>http://pesisir.test/?p={p}</link><dc:creator>dewi</dc:creator>"
        f'<guid isPermaLink="false">http://pesisir.test/?p={p}</guid>'
        f"<content:encoded><![CDATA[<p>Nelayan menjual {fish} di pelelangan pagi ini.</p>]]></content:encoded>"
        f"<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{p}</wp:post_id>"
        f"<wp:post_date>{date}</wp:post_date><wp:post_date_gmt>{date}</wp:post_date_gmt>"
        f"<wp:post_name>berita-{p}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
        f'<category domain="category" nicename="perikanan">Perikanan</category>{comments}</item>\n'
    )


def export(path: Path, *items: str) -> Path:
    return wxr_files.export(path, CATEGORY, *items)


def run(path: Path) -> str:
    out = io.StringIO()
    with translation.override("en"):  # these tests read the report's English wording
        call_command("import_wxr", str(path), stdout=out)
    return " ".join(out.getvalue().split())


def found(client, query: str) -> list[str]:
    response = client.get("/cari/", {"q": query})
    return re.findall(r'class="card__headline"><a href="([^"]+)"', response.content.decode())


@pytest.fixture
def small_batches(db, monkeypatch):
    """Three posts to a transaction, so that a few posts cross several batches."""
    monkeypatch.setattr(wordpress, "BATCH", 3)
    Article.objects.all().delete()


def test_it_imports_across_batches_with_threads_and_moderation(small_batches, tmp_path, client):
    run(export(tmp_path / "a.xml", *(post(p) for p in range(1, 8))))
    assert Article.objects.count() == 7 and SearchDocument.objects.count() == 7
    assert Imported.objects.filter(kind="post").count() == 7 and Imported.objects.filter(kind="comment").count() == 28
    for article in Article.objects.all():
        comments = {int(c.text.split()[-1]) % 10: c for c in Comment.objects.filter(article=article)}
        first, reply, deeper, spam = (comments[n] for n in range(4))
        assert (first.parent, reply.parent, deeper.parent) == (None, first, reply)
        assert (first.depth, reply.depth, deeper.depth) == (1, 2, 3)
        assert deeper.status == Comment.Status.PENDING and spam.status == Comment.Status.SPAM
        assert first.status == reply.status == Comment.Status.APPROVED
    assert len(found(client, "cakalang")) == 1 and len(found(client, "selar")) == 1  # posts 1 and 7


def test_a_failing_post_inside_a_batch_is_rolled_back_alone(small_batches, tmp_path, client):
    items = [post(p) if p != 5 else post(p, date="2023-13-45 99:00:00") for p in range(1, 8)]
    with pytest.raises(CommandError, match="1 item"):
        run(export(tmp_path / "a.xml", *items))
    assert sorted(Article.objects.values_list("slug", flat=True)) == [f"berita-{p}" for p in (1, 2, 3, 4, 6, 7)]
    assert not Comment.objects.filter(text="Komentar nomor 50").exists()
    assert not Imported.objects.filter(source_id=5, kind="post").exists()
    assert SearchDocument.objects.count() == 6
    assert found(client, "baronang") == []  # post 5's fish
    assert len(found(client, "tenggiri")) == 1  # post 2's, in the same batch as the failure's neighbours


def test_an_edited_post_is_updated_in_place_and_in_the_index(small_batches, tmp_path, client):
    run(export(tmp_path / "a.xml", *(post(p) for p in range(1, 5))))
    article = Article.objects.get(slug="berita-3")
    run(export(tmp_path / "b.xml", *(post(p, "Gurita melimpah di Brondong" if p == 3 else None) for p in range(1, 5))))
    article.refresh_from_db()
    assert article.headline == "Gurita melimpah di Brondong" and Article.objects.count() == 4
    assert Imported.objects.filter(kind="post").count() == 4 and Comment.objects.count() == 16
    assert found(client, "gurita") == [article.get_absolute_url()]


def test_the_same_post_twice_in_one_file_is_one_article(small_batches, tmp_path):
    output = run(export(tmp_path / "a.xml", post(1), post(2), post(1)))
    assert Article.objects.count() == 2 and Imported.objects.filter(kind="post").count() == 2
    assert Comment.objects.count() == 8 and "failed:" not in output
