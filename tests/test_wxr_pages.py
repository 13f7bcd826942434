"""Static pages from a WordPress export: a page the site already holds (the demo's masthead and
contact pages, or one the newsroom made here) is kept as it is, as a story the site holds is;
a page an earlier import made is still updated when WordPress's changes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from tests.wxr_files import export
from warta.importers.models import Imported
from warta.pages.models import Page

pytestmark = pytest.mark.django_db
MEDIUM = Path(__file__).resolve().parent / "fixtures" / "wordpress" / "wordpress-export-medium.xml"


def run(path: Path, *args: str) -> str:
    out = io.StringIO()
    with translation.override("en"):  # these tests read the report's English wording
        call_command("import_wxr", str(path), *args, stdout=out)
    return " ".join(out.getvalue().split())


def pages() -> dict[str, tuple[str, str, bool]]:
    return {p.slug: (p.title, p.body, p.in_footer) for p in Page.objects.all()}


def test_the_sites_own_pages_are_kept_not_overwritten(db, client):
    before = pages()
    assert {"susunan-redaksi", "kontak"} <= set(before) and before["kontak"][2]  # the demo's, in the footer
    output = run(MEDIUM)
    assert pages() == before  # titles, texts and footer links untouched, nothing added
    assert "merged: page 2071 “Redaksi” is the site's page “Redaksi” (/susunan-redaksi/): kept as it is" in output
    assert "merged: page 2073 “Kontak” is the site's page “Kontak” (/kontak/): kept as it is" in output
    assert "│ page │ 0 │ 0 │ 2 │ 0 │ 0 │" in output
    assert "imported at /susunan-redaksi/" not in output  # it was not
    # WordPress's old address of the page leads to the page kept.
    kontak = Page.objects.get(slug="kontak")
    response = client.get("/?page_id=2073")
    assert response.status_code == 301 and response["Location"] == kontak.get_absolute_url()

    again = run(MEDIUM)  # kept once: a second run changes nothing and says nothing more
    assert pages() == before
    assert "│ page │ 0 │ 0 │ 0 │ 2 │ 0 │" in again and "merged: page" not in again


def test_a_page_made_by_an_earlier_import_is_still_updated(db, tmp_path):
    Page.objects.filter(slug__in=["susunan-redaksi", "kontak"]).delete()
    run(MEDIUM)
    kontak = Page.objects.get(slug="kontak")
    assert "redaksi@kempalan.test" in kontak.body and not kontak.in_footer
    assert Imported.objects.get(kind="page", source_id=2073).object_id == kontak.pk
    changed = tmp_path / "changed.xml"
    changed.write_text(MEDIUM.read_text().replace("redaksi@kempalan.test", "meja@kempalan.test"))
    output = run(changed)
    kontak.refresh_from_db()
    assert "meja@kempalan.test" in kontak.body
    assert "│ page │ 0 │ 1 │ 0 │ 1 │ 0 │" in output  # Kontak updated, Redaksi unchanged


def wp_page(p: int, slug: str, title: str, text: str, parent: int = 0) -> str:
    return (
        f"<item><title>{title}</title><wp:post_id>{p}</wp:post_id><wp:post_parent>{parent}</wp:post_parent>"
        "<wp:post_type>page</wp:post_type><wp:status>publish</wp:status>"
        f"<wp:post_name>{slug}</wp:post_name><dc:creator>dewi</dc:creator>"
        "<wp:post_date>2023-05-01 08:00:00</wp:post_date><wp:post_date_gmt>2023-05-01 01:00:00</wp:post_date_gmt>"
        f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded></item>"
    )


def test_two_wordpress_pages_with_one_slug_are_both_imported(db, tmp_path):
    """WordPress lets /profil/sejarah/ and /layanan/sejarah/ share a slug: the second one is not
    "the site's own page" of the first (its text was dropped as if kept)."""
    path = export(
        tmp_path / "pages.xml",
        wp_page(301, "sejarah", "Sejarah Kempalan", "Didirikan 2010.", parent=10),
        wp_page(302, "sejarah", "Sejarah Layanan", "Layanan dimulai 2015.", parent=11),
    )
    output = run(path)
    bodies = {p.slug: p.body for p in Page.objects.filter(slug__startswith="sejarah")}
    assert "Didirikan 2010." in bodies["sejarah"] and "Layanan dimulai 2015." in bodies["sejarah-302"]
    assert "address sejarah was taken, used sejarah-302" in output and "merged: page" not in output
    assert "│ page │ 2 │ 0 │ 0 │ 0 │ 0 │" in output
