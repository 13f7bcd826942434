"""A classic [gallery] without ids shows, as on WordPress, the images attached to the post (or to
the post its id="N" names), in their menu order, less exclude="..."."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from tests.wxr_files import export
from warta.articles.models import Article
from warta.importers.models import Imported
from warta.importers.wordpress_html import convert
from warta.photos.models import Photo

pytestmark = pytest.mark.django_db


def attachment(aid: int, parent: int, order: int, name: str) -> str:
    return (
        f"<item><title>{name}</title><wp:post_id>{aid}</wp:post_id><wp:post_parent>{parent}</wp:post_parent>"
        f"<wp:menu_order>{order}</wp:menu_order><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>"
        f"<wp:attachment_url>http://pesisir.test/wp-content/uploads/2023/05/{name}</wp:attachment_url>"
        f"<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>2023/05/{name}</wp:meta_value></wp:postmeta>"
        f"<excerpt:encoded><![CDATA[Foto {name}]]></excerpt:encoded></item>\n"
    )


def post(pid: int, body: str) -> str:
    return (
        f"<item><title>Berita {pid}</title><link>http://pesisir.test/?p={pid}</link><dc:creator>dewi</dc:creator>"
        f"<content:encoded><![CDATA[<p>Nelayan pulang melaut.</p>\n\n{body}]]></content:encoded>"
        f"<wp:post_id>{pid}</wp:post_id><wp:post_date>2023-05-02 10:00:00</wp:post_date>"
        "<wp:post_date_gmt>2023-05-02 03:00:00</wp:post_date_gmt>"
        f"<wp:post_name>berita-{pid}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
        '<category domain="category" nicename="perikanan">Perikanan</category></item>\n'
    )


def photo_ids(*attachment_ids: int) -> list[int]:
    return [Imported.objects.get(kind="attachment", source_id=a).object_id for a in attachment_ids]


def gallery_of(slug: str) -> list[int]:
    blocks = [b for b in Article.objects.get(slug=slug).body if b["type"] in {"gallery", "image"}]
    assert len(blocks) <= 1
    if not blocks:
        return []
    return [p["photo"] for p in blocks[0]["photos"]] if blocks[0]["type"] == "gallery" else [blocks[0]["photo"]]


@pytest.fixture
def imported(db, tmp_path) -> str:
    Article.objects.all().delete()
    Photo.objects.all().delete()
    items = [
        # Post 10's images, listed out of their menu order; a PDF is attached too.
        attachment(13, 10, 2, "perahu.jpg"),
        attachment(11, 10, 0, "dermaga.jpg"),
        attachment(12, 10, 1, "jaring.png"),
        attachment(14, 10, 3, "tarif.pdf"),
        attachment(21, 20, 0, "pasar.jpg"),
        post(10, '[gallery columns="3"]'),
        post(20, "[gallery id=10 exclude=12]"),  # another post's images, unquoted attributes
        post(30, "[gallery]"),  # nothing attached
        post(40, '[gallery order="DESC"]'),
        attachment(41, 40, 0, "ombak.jpg"),  # attachments may follow their post in the file
        attachment(42, 40, 1, "karang.jpg"),
        post(50, '[gallery ids="21,11"]'),  # a list still wins
    ]
    path = export(tmp_path / "galleries.xml", *items)
    out = io.StringIO()
    with translation.override("en"):  # these tests read the report's English wording
        call_command("import_wxr", str(path), stdout=out)
    return " ".join(out.getvalue().split())


def test_it_shows_the_posts_attached_images_in_menu_order(imported):
    assert gallery_of("berita-10") == photo_ids(11, 12, 13)


def test_it_honours_id_exclude_and_order(imported):
    assert gallery_of("berita-20") == photo_ids(11, 13)
    assert gallery_of("berita-40") == photo_ids(42, 41)


def test_a_listed_gallery_is_unchanged(imported):
    assert gallery_of("berita-50") == photo_ids(21, 11)


def test_an_empty_gallery_is_reported_not_kept_as_text(imported):
    assert gallery_of("berita-30") == []
    assert "article 30 “Berita 30”: a [gallery] without ids was left out" in imported
    assert "[gallery]" not in str(Article.objects.get(slug="berita-30").body)
    assert "not found among the attachments" not in imported  # the PDF attached to post 10 is no image


def test_convert_without_attachments_drops_the_gallery():
    with translation.override("en"):  # the note is in the interface language
        converted = convert("<p>Teks.</p>\n\n[gallery]", lambda attachment, src: None)
    assert [b["type"] for b in converted.blocks] == ["paragraph"]
    assert converted.notes == ["a [gallery] without ids was left out: no images are attached to the post"]
