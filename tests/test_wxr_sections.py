"""Which WordPress categories become sections: WordPress's default “Uncategorized”, listed in
every export, only when an imported post lands in it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from tests import wxr_files
from warta.articles.models import Article
from warta.taxonomy.models import Section

pytestmark = pytest.mark.django_db
SMALL = Path(__file__).resolve().parent / "fixtures" / "wordpress" / "wordpress-export-small.xml"
CATEGORIES = """<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>uncategorized</wp:category_nicename>
<wp:category_parent></wp:category_parent><wp:cat_name>Uncategorized</wp:cat_name></wp:category>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>perikanan</wp:category_nicename>
<wp:category_parent></wp:category_parent><wp:cat_name>Perikanan</wp:cat_name></wp:category>
<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>cuaca</wp:category_nicename>
<wp:category_parent></wp:category_parent><wp:cat_name>Cuaca</wp:cat_name></wp:category>
"""


def post(p: int, categories: str, status: str = "publish") -> str:
    return (
        f"<item><title>Berita {p}</title><link>http://pesisir.test/?p={p}</link><dc:creator>dewi</dc:creator>"
        f'<guid isPermaLink="false">http://pesisir.test/?p={p}</guid>'
        "<content:encoded><![CDATA[<p>Nelayan melaut lagi pagi ini.</p>]]></content:encoded>"
        f"<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{p}</wp:post_id>"
        "<wp:post_date>2023-05-02 10:00:00</wp:post_date><wp:post_date_gmt>2023-05-02 03:00:00</wp:post_date_gmt>"
        f"<wp:post_name>berita-{p}</wp:post_name><wp:status>{status}</wp:status><wp:post_type>post</wp:post_type>"
        f"{categories}</item>\n"
    )


FISHERIES = '<category domain="category" nicename="perikanan"><![CDATA[Perikanan]]></category>'
UNCATEGORIZED = '<category domain="category" nicename="uncategorized"><![CDATA[Uncategorized]]></category>'


def run(path: Path) -> None:
    call_command("import_wxr", str(path), stdout=io.StringIO())


@pytest.fixture
def empty(db):
    Article.objects.all().delete()
    Section.objects.all().delete()


def test_an_empty_uncategorized_from_a_real_export_is_no_section(empty):
    # WordPress 6.1 lists its default category among the terms though no post is in it.
    run(SMALL)
    assert list(Section.objects.values_list("slug", flat=True)) == ["internasional"]


def test_empty_categories_the_outlet_made_are_kept(empty, tmp_path):
    # Cuaca is empty too, but the newsroom made it; a trashed post does not count for Uncategorized.
    run(wxr_files.export(tmp_path / "e.xml", CATEGORIES, post(1, FISHERIES), post(2, UNCATEGORIZED, "trash")))
    assert sorted(Section.objects.values_list("slug", flat=True)) == ["cuaca", "perikanan"]


def test_posts_in_uncategorized_or_in_none_still_get_a_section(empty, tmp_path):
    run(wxr_files.export(tmp_path / "e.xml", CATEGORIES, post(1, FISHERIES), post(2, UNCATEGORIZED), post(3, "")))
    sections = dict(Article.objects.values_list("slug", "section__slug"))
    assert sections == {"berita-1": "perikanan", "berita-2": "uncategorized", "berita-3": "uncategorized"}
    assert Section.objects.get(slug="uncategorized").name == "Uncategorized"


def test_uncategorized_after_the_first_category_is_no_section(empty, tmp_path):
    # A post lands in its first category; Uncategorized second would stay empty.
    run(wxr_files.export(tmp_path / "e.xml", CATEGORIES, post(1, FISHERIES + UNCATEGORIZED)))
    assert sorted(Section.objects.values_list("slug", flat=True)) == ["cuaca", "perikanan"]


INDONESIAN_DEFAULT = """<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>tak-berkategori</wp:category_nicename>
<wp:category_parent></wp:category_parent><wp:cat_name>Tak Berkategori</wp:cat_name></wp:category>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>perikanan</wp:category_nicename>
<wp:category_parent></wp:category_parent><wp:cat_name>Perikanan</wp:cat_name></wp:category>
"""


def test_an_indonesian_installs_empty_default_category_is_no_section(empty, tmp_path):
    # WordPress in Indonesian names its default category "Tak Berkategori" (tak-berkategori).
    run(wxr_files.export(tmp_path / "e.xml", INDONESIAN_DEFAULT, post(1, FISHERIES)))
    assert list(Section.objects.values_list("slug", flat=True)) == ["perikanan"]


def test_a_post_without_a_category_goes_to_the_exports_own_default(empty, tmp_path):
    run(wxr_files.export(tmp_path / "e.xml", INDONESIAN_DEFAULT, post(1, FISHERIES), post(2, "")))
    assert dict(Article.objects.values_list("slug", "section__name")) == {
        "berita-1": "Perikanan",
        "berita-2": "Tak Berkategori",  # not a second, English "Uncategorized"
    }
