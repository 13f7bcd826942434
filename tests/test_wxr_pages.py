"""Static pages from a WordPress export: a page the site already holds (the demo's masthead and
contact pages, or one the newsroom made here) is kept as it is, as a story the site holds is;
a page an earlier import made is still updated when WordPress's changes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

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
