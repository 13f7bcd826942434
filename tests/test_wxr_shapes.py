"""`warta import-wxr` against exports in the shapes real sites hand over, each a hand-written fixture
in tests/fixtures/wxr/ written from the WXR format (1.0, 1.1, 1.2) as WordPress writes it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from warta.articles.models import Article
from warta.authors.models import Author
from warta.comments.models import Comment
from warta.importers.models import Imported
from warta.pages.models import Page
from warta.photos.models import Photo
from warta.taxonomy.models import Section, Tag

pytestmark = pytest.mark.django_db
WXR = Path(__file__).resolve().parent / "fixtures" / "wxr"


@pytest.fixture
def empty(db):
    for model in (Comment, Article, Page, Photo, Tag, Section, Author, Imported):
        model.objects.all().delete()


def run(path: Path, *args: str) -> str:
    out = io.StringIO()
    with translation.override("en"):  # these tests read the report's English wording
        call_command("import_wxr", str(path), *args, stdout=out)
    return " ".join(out.getvalue().split())


# Versions and namespaces ------------------------------------------------------------------------


def test_a_wxr_1_0_export_without_an_author_list_is_imported(empty):
    output = run(WXR / "wxr-1.0.xml")
    flood = Article.objects.get(slug="banjir-rendam-kali-mas")
    assert flood.headline == "Banjir Rendam Kali Mas & Sekitarnya"
    assert flood.dek == "Kali Mas meluap setelah hujan deras."  # the 1.0 excerpt namespace
    parent = flood.section.parent
    assert flood.section.slug == "berita-kota" and parent is not None and parent.slug == "berita"  # by name
    assert [t.name for t in flood.tags.all()] == ["Banjir"]  # domain="tag", as 1.0 wrote it
    assert [a.name for a in flood.authors.all()] == ["redaktur"]  # dc:creator is all there is
    assert flood.comments.get().text == "Semoga cepat surut."
    market = Article.objects.get(slug="pasar-genteng-dipugar")
    assert market.section.slug == "berita"  # a bare <category> only: found by its name
    assert [a.name for a in market.authors.all()] == ["admin"]
    assert "author “redaktur” is not among the export's authors" in output


def test_a_wxr_1_1_export_is_imported(empty):
    run(WXR / "wxr-1.1.xml")
    article = Article.objects.get(slug="harga-ikan-tongkol-naik")
    assert [a.name for a in article.authors.all()] == ["Dewi Lestari"]
    assert article.section.name == "Perikanan" and [t.slug for t in article.tags.all()] == ["nelayan"]
    assert [b["text"] for b in article.body] == [
        "Gelombang tinggi membuat nelayan Brondong tidak melaut.",
        "Harga tongkol di TPI naik dua kali lipat.",
    ]


def test_an_https_namespace_without_its_last_slash_is_still_an_export(empty):
    run(WXR / "namespace-https.xml")
    assert Article.objects.filter(slug="harga-ikan-tongkol-naik").exists()


# Files WordPress refuses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("no-version.xml", "it has no wp:wxr_version"),
        ("bad-version.xml", "its WXR version “satu” is not a version number"),
        ("truncated.xml", "the XML is broken at line 191"),
        ("not-xml.xml", "the XML is broken at line 1"),
    ],
)
def test_a_file_wordpress_refuses_is_refused_whole_with_status_2(empty, name, message):
    with pytest.raises(CommandError, match=message) as refused:
        run(WXR / name)
    assert refused.value.returncode == 2
    assert "Nothing was imported" in str(refused.value)
    # The whole file is checked first: not even its authors or categories were written.
    assert (Article.objects.count(), Author.objects.count(), Section.objects.count(), Tag.objects.count()) == (
        0,
        0,
        0,
        0,
    )


def test_the_command_line_refusal_is_one_line_without_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("WARTA_", "DJANGO_"))}  # its own SQLite
    env |= {"WARTA_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "warta.settings"}
    subprocess.run([sys.executable, "-m", "warta", "migrate", "-v0"], env=env, check=True, capture_output=True)
    done = subprocess.run(
        [sys.executable, "-m", "warta", "import-wxr", str(WXR / "bad-version.xml")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "bukan nomor versi" in lines[0]  # the interface language: Indonesian


# Text exactly as written ------------------------------------------------------------------------


def test_cdata_sections_four_byte_characters_and_backslashes_are_kept_exactly(empty):
    run(WXR / "cdata.xml")
    article = Article.objects.get(slug="tanda-cdata")
    assert article.headline == "Tanda ]]> dan <![CDATA[ di judul: C:\\Warta\\berkas & 👍"
    texts = [b["text"] for b in article.body]
    assert texts[0] == "Kode <code>a[i]]&gt;0</code> tetap utuh."
    assert "C:\\Users\\redaksi\\foto" in texts[1] and "/2024/02/berkas//asli/" in texts[1]
    assert '\\"kutip\\"' in texts[1]
    assert texts[2] == "Bagian CDATA kedua: emoji 🇮🇩 🎉 dan huruf 𝕏 𝒜 (empat bita UTF-8)."  # several CDATA sections
    assert article.dek == "Ringkasan dengan 😀 dan garis miring \\ / \\\\"
    comment = article.comments.get()
    assert comment.text == "Pakai regex \\d+\\\\s* dan ]]> saja 🙏" and comment.name == "Budi \\o/"


def test_escaped_text_without_cdata_is_read_as_wordpress_wrote_it(empty):
    run(WXR / "cdata.xml")
    article = Article.objects.get(slug="tanpa-cdata")
    assert article.headline == "Judul tanpa CDATA & “kutip” <b>"
    assert article.body == [
        {"type": "paragraph", "text": "Isi yang di-<em>escape</em>, bukan CDATA &amp; tetap benar."}
    ]


# Terms ------------------------------------------------------------------------------------------


def test_categories_and_tags_are_matched_by_slug_even_when_names_repeat(empty):
    output = run(WXR / "same-name-terms.xml")
    council, match = Article.objects.get(slug="rapat-dewan"), Article.objects.get(slug="persebaya-menang")
    assert council.section.slug == "berita" and council.section.name == "Berita"
    parent = match.section.parent
    assert match.section.slug == "berita-olahraga" and parent is not None and parent.slug == "olahraga"
    assert match.section.name == "Berita (berita-olahraga)"
    assert [t.slug for t in council.tags.all()] == ["persebaya"]
    assert [t.slug for t in match.tags.all()] == ["persebaya-2"]
    assert "the name is taken by another section" in output
    assert run(WXR / "same-name-terms.xml")  # a second run finds them by slug again
    assert Section.objects.filter(slug__startswith="berita").count() == 2


# Statuses, formats, bylines ---------------------------------------------------------------------


def test_a_password_protected_post_is_imported_unpublished_and_never_public(empty, client):
    output = run(WXR / "statuses.xml")
    secret = Article.objects.get(slug="dokumen-rahasia")
    assert secret.status == Article.Status.UNPUBLISHED and not secret.pinned
    assert "protected by a password on WordPress; imported unpublished" in output
    assert client.get("/2024/02/24/dokumen-rahasia/").status_code == 404
    assert "Isi dokumen" not in client.get("/").content.decode()
    assert "Isi dokumen" not in client.get("/feed/").content.decode()


def test_a_sticky_post_becomes_the_pinned_lead(empty, client):
    run(WXR / "statuses.xml")
    lead = Article.objects.get(slug="berita-utama")
    assert lead.pinned and list(Article.objects.filter(pinned=True)) == [lead]


def test_a_future_post_is_scheduled_through_the_workflow_with_its_task_queued(
    empty, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run(WXR / "statuses.xml")
    later = Article.objects.get(slug="terbit-nanti")
    assert later.status == Article.Status.SCHEDULED
    assert later.published_at is not None and later.published_at.year == 2099
    queued = DBTaskResult.objects.filter(
        task_path="warta.newsroom.tasks.publish_scheduled", run_after=later.published_at
    )
    assert queued.count() == 1


def test_post_formats_are_mapped(empty):
    run(WXR / "statuses.xml")
    quote = Article.objects.get(slug="kutipan-walikota")
    assert quote.body[0] == {"type": "quote", "text": "Kota ini milik semua warganya.", "cite": "Wali Kota Surabaya"}
    assert quote.headline == "Kota ini milik semua warganya."  # an untitled quote takes its words
    status = Article.objects.get(slug="status-singkat")
    assert status.headline.startswith("Listrik padam di Rungkut") and status.headline.endswith("…")
    video = Article.objects.get(slug="video-banjir")
    assert video.body[1] == {"type": "embed", "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "caption": ""}


def test_an_unlisted_author_is_made_from_dc_creator_and_reported(empty):
    output = run(WXR / "statuses.xml")
    guest = Article.objects.get(slug="tulisan-tamu")
    assert [a.slug for a in guest.authors.all()] == ["tamu"]
    assert "author “tamu” is not among the export's authors: made a byline from the posts' dc:creator" in output


# Content ----------------------------------------------------------------------------------------


def test_gutenberg_blocks_become_warta_blocks(empty):
    output = run(WXR / "content.xml")
    article = Article.objects.get(slug="blok-gutenberg")
    photos = {p.source_url.rsplit("/", 1)[1]: p.pk for p in Photo.objects.all()}
    assert [b["type"] for b in article.body] == [
        "paragraph",
        "heading",
        "image",
        "gallery",
        "quote",
        "quote",
        "list",
        "embed",
        "paragraph",
        "divider",
        "list",
        "divider",
        "paragraph",
        "paragraph",
    ]
    body = article.body
    assert body[2] == {
        "type": "image",
        "photo": photos["jembatan-merah.jpg"],
        "caption": "Jembatan Merah saat senja",
        "credit": "Kabar Kota/Andi",
    }
    assert [p["photo"] for p in body[3]["photos"]] == [photos["tugu-pahlawan.jpg"], photos["kebun-bibit.jpg"]]
    assert body[4] == {"type": "quote", "text": "Kami akan memperbaiki jembatan tahun ini.", "cite": "Kepala Dinas PU"}
    assert body[5]["cite"] == "Wali Kota"  # the pullquote
    assert body[6]["items"] == ["Satu", "Dua"]
    assert body[7] == {
        "type": "embed",
        "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "caption": "Rekaman rapat",
    }
    assert 'href="https://vimeo.com/76979871"' in body[8]["text"]  # no Vimeo embeds here: a link
    assert body[10]["items"] == ["Kecamatan – Curah hujan", "Rungkut – 40 mm"]  # the table, row by row
    assert body[12]["text"] == "Peta lokasi banjir"  # a plugin's block keeps its text...
    assert "block jetpack/map not known here, its text kept (1×)" in output  # ...and is reported


def test_classic_shortcodes_more_and_nextpage_become_warta_blocks(empty):
    output = run(WXR / "content.xml")
    article = Article.objects.get(slug="kode-pendek-klasik")
    kinds = [b["type"] for b in article.body]
    assert kinds[:8] == ["paragraph", "image", "gallery", "embed", "paragraph", "paragraph", "paragraph", "divider"]
    assert article.body[1]["credit"] == "Kabar Kota/Andi"
    assert article.body[3]["url"] == "https://twitter.com/kabarkota/status/1234567890"
    assert article.body[4]["text"].startswith("Video: <a href=") and article.body[5]["text"].startswith("Audio:")
    assert "<!--" not in str(article.body)  # <!--more--> dropped, <!--nextpage--> a divider
    assert "[contact-form-7" in article.body[8]["text"]  # unknown shortcodes stay as text
    assert "shortcode [contact-form-7] kept as text (2×)" in output
    assert "shortcode [polldaddy] kept as text (1×)" in output
