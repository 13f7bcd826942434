"""`warta import-wxr` against real WordPress 6.1 exports (tests/fixtures/wordpress) and broken files."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.wxr_files import interrupt_after
from warta.articles.models import Article
from warta.authors.models import Author
from warta.comments.models import Comment
from warta.importers.models import Imported
from warta.importers.wordpress import WordPressImport
from warta.pages.models import Page
from warta.photos.models import Photo
from warta.taxonomy.models import Section, Tag

pytestmark = pytest.mark.django_db
WORDPRESS = Path(__file__).resolve().parent / "fixtures" / "wordpress"
SMALL, MEDIUM = WORDPRESS / "wordpress-export-small.xml", WORDPRESS / "wordpress-export-medium.xml"
UPLOADS = WORDPRESS / "uploads"
BAD = Path(__file__).resolve().parent / "fixtures" / "wxr"
SEED_URL = "/2022/08/16/gawat-putin-kim-jong-un-makin-nempel/"


@pytest.fixture
def empty(db):
    """Start from an empty site, as a newsroom moving from WordPress does."""
    for model in (Comment, Article, Page, Photo, Tag, Section, Author, Imported):
        model.objects.all().delete()


def run(path: Path, *args: str) -> str:
    out = io.StringIO()
    with translation.override("en"):  # these tests read the report's English wording
        call_command("import_wxr", str(path), *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Article, Comment, Photo, Section, Tag, Author, Page, Imported)}


def test_the_seed_article_lands_field_by_field(empty, client):
    output = run(SMALL, "--uploads-dir", str(UPLOADS))
    assert "Import summary" in output
    article = Article.objects.get(slug="gawat-putin-kim-jong-un-makin-nempel")
    assert article.headline == "Gawat, Putin-Kim Jong Un makin ‘Nempel’"
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == datetime.datetime(2022, 8, 16, 3, 0, tzinfo=datetime.UTC)
    assert article.section.name == "Internasional" and article.section.description == "Berita internasional"
    assert sorted(t.name for t in article.tags.all()) == ["Kim Jong Un", "Korea Utara", "Putin", "Rusia"]
    assert [a.name for a in article.authors.all()] == ["Muhamad Nurilham"]
    assert article.dateline_city == "Moskow"
    assert [s.name for s in article.sources.all()] == ["Aljazeera"]
    assert [b["type"] for b in article.body].count("quote") == 2
    assert article.body[0]["text"].startswith("Presiden Rusia yaitu Putin")
    assert article.reading_minutes == 2
    photo = article.lead_photo
    assert photo is not None
    assert (photo.caption, photo.credit, photo.alt_text) == ("Putin dan Kim Jong Un", "Detik", "Putin dan Kim Jong Un")
    assert photo.image and (photo.width, photo.height) == (1200, 675) and photo.renditions.filter(crop="").count() == 5

    page = client.get(SEED_URL).content.decode()
    assert "MOSKOW-KEMPALAN:</strong> Presiden Rusia" in page
    assert '<p class="attribution">(Aljazeera, Muhamad Nurilham)</p>' in page


def test_the_writer_becomes_an_author_with_an_inactive_account(empty):
    run(SMALL)
    author = Author.objects.get(slug="nurilham")
    assert author.name == "Muhamad Nurilham"
    assert author.user is not None
    assert author.user.email == "nurilham@kempalan.test" and not author.user.is_active


def test_comments_come_with_threads_dates_and_private_emails(empty, client):
    run(SMALL)
    comments = Comment.objects.order_by("created_at")
    assert comments.count() == 4 and set(comments.values_list("status", flat=True)) == {"approved"}
    reply = Comment.objects.get(name="Muhamad Nurilham")
    assert reply.parent is not None
    assert reply.parent.name == "Budi Santoso" and reply.depth == 2
    budi = Comment.objects.get(name="Budi Santoso")
    assert budi.website == "https://budisantoso.contoh.id" and budi.email
    page = client.get(SEED_URL).content.decode()
    assert "4 komentar" in page and budi.email not in page


def test_importing_twice_changes_nothing(empty):
    run(SMALL, "--uploads-dir", str(UPLOADS))
    before = counts()
    first = Article.objects.get().updated_at
    output = run(SMALL, "--uploads-dir", str(UPLOADS))
    assert counts() == before
    assert Article.objects.get().updated_at == first
    assert "│ article │        0 │       0 │      0 │       1 │      0 │" in output


def test_the_medium_site_maps_every_status(empty):
    run(MEDIUM, "--uploads-dir", str(UPLOADS))
    statuses = dict(Article.objects.values_list("status").annotate(n=__import__("django").db.models.Count("id")))
    assert statuses == {"published": 26, "draft": 3, "review": 3, "scheduled": 3, "unpublished": 2}
    assert not Article.objects.filter(headline__icontains="trash").exists()
    scheduled = Article.objects.filter(status="scheduled")
    assert all(
        a.published_at is not None and a.published_at > datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        for a in scheduled
    )


def test_the_medium_site_keeps_categories_tags_and_pages(empty):
    output = run(MEDIUM, "--uploads-dir", str(UPLOADS))
    assert Section.objects.filter(name="Hukum & Kriminal").exists()
    assert Section.objects.exclude(parent=None).exists()  # the nested category
    assert Tag.objects.count() >= 296
    assert Page.objects.filter(slug="susunan-redaksi", title="Redaksi").exists()
    assert "imported at /susunan-redaksi/" in output.replace("\n", " ")


def test_captions_galleries_and_image_blocks_become_photos(empty):
    run(MEDIUM, "--uploads-dir", str(UPLOADS))
    images = [b for a in Article.objects.all() for b in a.body if b["type"] == "image"]
    image = next(b for b in images if b["credit"] == "Kempalan/Dewi Anggraini")
    assert image["caption"].startswith("Foto ilustrasi:")
    assert Photo.objects.filter(pk=image["photo"]).exists()
    assert len(images) >= 6
    gallery = Article.objects.get(headline="Resmi! Uni Eropa Bahas Bantuan Kemanusiaan")
    assert [b["type"] for b in gallery.body].count("image") >= 1
    assert Article.objects.exclude(lead_photo=None).count() == 6  # every _thumbnail_id of a kept post


def test_comment_statuses_and_pingbacks(empty):
    output = run(MEDIUM, "--uploads-dir", str(UPLOADS))
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert {"approved", "pending", "trash"} <= statuses
    assert Comment.objects.count() == 260
    assert "│ comment │      260 │       0 │      0 │       3 │      0 │" in output  # three pingbacks left out
    assert Comment.objects.exclude(parent=None).exists()


def test_old_wordpress_links_redirect(empty, client):
    run(SMALL)
    post_id = Imported.objects.get(kind="post").source_id
    response = client.get(f"/?p={post_id}")
    assert response.status_code == 301 and response["Location"] == SEED_URL
    assert client.get("/?p=99999").status_code == 404
    assert client.get("/?p=abc").status_code == 404


def test_a_dry_run_writes_nothing(empty):
    output = run(MEDIUM, "--uploads-dir", str(UPLOADS), "--dry-run")
    assert "Dry run: nothing was written" in output
    assert all(n == 0 for n in counts().values())


def test_photos_without_their_file_keep_the_original_address(empty, client):
    output = run(SMALL)
    photo = Photo.objects.get()
    assert (
        not photo.image and photo.source_url == "http://127.0.0.1:8081/wp-content/uploads/2022/08/putin-kim-jong-un.jpg"
    )
    assert "no file in the uploads folder" in output.replace("\n", " ")
    assert f'src="{photo.source_url}"' in client.get(SEED_URL).content.decode()


def test_the_report_ends_with_the_origin_to_allow_for_photos_kept_at_their_address(empty, settings):
    settings.WARTA_IMAGE_SOURCES = []
    assert " ".join(run(SMALL).split()).endswith(  # the last line of the report
        "Photos kept at their old addresses show only once the site allows their origin: "
        'set WARTA_IMAGE_SOURCES="http://127.0.0.1:8081" (see README)'
    )
    assert "WARTA_IMAGE_SOURCES" in run(SMALL)  # still so when the photo is skipped on a second run
    settings.WARTA_IMAGE_SOURCES = ["http://127.0.0.1:8081"]  # allowed: nothing to say
    assert "WARTA_IMAGE_SOURCES" not in run(SMALL)
    Photo.objects.all().delete()
    assert "WARTA_IMAGE_SOURCES" not in run(SMALL, "--uploads-dir", str(UPLOADS))  # the file was copied


def test_the_old_site_can_be_allowed_to_serve_its_photos(settings, db):
    from django.http import HttpResponse

    from warta.front.middleware import SecurityHeadersMiddleware

    settings.WARTA_IMAGE_SOURCES = ["http://127.0.0.1:8081"]
    policy = SecurityHeadersMiddleware(lambda request: HttpResponse()).policy
    assert "img-src 'self' data: http://127.0.0.1:8081;" in policy


def test_an_interrupted_import_completes_without_duplicates(empty, monkeypatch):
    original = interrupt_after(monkeypatch, 5)
    with pytest.raises(KeyboardInterrupt):
        run(MEDIUM, "--uploads-dir", str(UPLOADS))
    assert Article.objects.count() == 5
    monkeypatch.setattr(WordPressImport, "_post", original)
    run(MEDIUM, "--uploads-dir", str(UPLOADS))
    assert Article.objects.count() == 37 and Comment.objects.count() == 260  # 39 posts, 2 in the trash


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not-xml.xml", "the XML is broken at line 1"),
        ("truncated.xml", "the XML is broken at line 191"),
        ("bomb.xml", "XML features refused for safety"),
        ("external-entity.xml", "XML features refused for safety"),
        ("plain-rss.xml", "not a WordPress export"),
    ],
)
def test_a_broken_file_says_why_and_writes_nothing_half(empty, name, message):
    with pytest.raises(CommandError, match=message):
        run(BAD / name)
    assert Article.objects.count() == 0 and Comment.objects.count() == 0


def test_bad_items_are_named_and_the_rest_imported(empty):
    with pytest.raises(CommandError, match="1 item"):
        out = io.StringIO()
        with translation.override("en"):
            call_command("import_wxr", str(BAD / "bad-items.xml"), stdout=out)
    text = out.getvalue().replace("\n", " ")
    assert "its date “2022-13-45 99:00:00” cannot be read" in text
    # A writer missing from the author list is no reason to lose the story: dc:creator bylines it.
    assert "author “orang_asing” is not among the export's authors" in text
    assert sorted(Article.objects.values_list("slug", flat=True))[0] == "berita-baik"
    assert Article.objects.filter(authors__name="orang_asing").count() == 1
    assert Comment.objects.filter(article__slug="berita-baik").count() == 4


def test_missing_files_and_folders_are_refused(empty):
    with pytest.raises(CommandError, match="no such file"):
        run(BAD / "tidak-ada.xml")
    with pytest.raises(CommandError, match="is a folder, not a file") as refused:
        run(BAD)
    assert refused.value.returncode == 2
    with pytest.raises(CommandError, match="no such folder"):
        run(SMALL, "--uploads-dir", "/tidak/ada")


def test_the_report_names_each_skipped_item_and_why(empty):
    output = " ".join(run(MEDIUM).split())
    assert "│ article │ 37 │ 0 │ 0 │ 2 │ 0 │" in output
    assert "skipped: article 489 “Capres Pastikan Politik Identitas, Ini Alasannya”: in WordPress's trash" in output
    assert "skipped: article 1682 “Madura United Evaluasi Laga Tandang”: in WordPress's trash" in output
    assert "skipped: comment 3269 on “Eksklusif: Gerindra Tegaskan Hak Angket Pekan Depan”: a pingback" in output


def test_a_big_list_of_skipped_items_is_cut_short_unless_asked_for(empty):
    run(MEDIUM)
    again = " ".join(run(MEDIUM).split())  # everything is skipped now: 300 tags, 37 articles ...
    assert again.count("skipped: tag “") == 10
    assert "skipped: 290 more items: already on the site" in again
    assert len(re.findall(r"skipped: article \d+ “[^”]+”: unchanged since the last import", again)) == 10
    assert "skipped: 27 more items: unchanged since the last import" in again  # 37 articles, 10 named
    assert "--verbosity 2 names every skipped item" in again
    everything = " ".join(run(MEDIUM, "--verbosity", "2").split())
    assert everything.count("skipped: tag “") == 300 and "more items" not in everything
