"""`warta import-wxr` speaks the interface language (Indonesian by default), item lines included."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.wxr_files import export

pytestmark = pytest.mark.django_db
WXR = Path(__file__).resolve().parent / "fixtures" / "wxr"
BAD_ITEMS = WXR / "bad-items.xml"
MEDIUM = Path(__file__).resolve().parent / "fixtures" / "wordpress" / "wordpress-export-medium.xml"


def test_the_report_is_in_indonesian_by_default(settings):
    assert settings.LANGUAGE_CODE == "id"
    out = io.StringIO()
    with pytest.raises(CommandError, match="^1 butir gagal; selebihnya sudah diimpor.$"):
        call_command("import_wxr", str(BAD_ITEMS), stdout=out)
    text = " ".join(out.getvalue().split())
    assert "Ringkasan impor" in text and "Import summary" not in text
    assert "│ artikel │" in text
    assert "gagal: artikel" in text and "tanggalnya “2022-13-45 99:00:00” tidak terbaca" in text


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("truncated.xml", "XML-nya rusak di baris 191, kolom 38 (ada tanda yang tidak ditutup)"),  # columns from 1
        ("bomb.xml", "berkas memakai fitur XML yang ditolak demi keamanan: DTD (deklarasi tipe dokumen)"),
        ("plain-rss.xml", "berkas RSS ini bukan ekspor WordPress (tidak ada elemen wp:)"),
        ("bad-version.xml", "versi WXR-nya “satu” bukan nomor versi (WordPress juga menolaknya)"),
    ],
)
def test_a_refused_file_says_why_in_the_interface_language(name, reason):
    path = WXR / name
    with pytest.raises(CommandError) as refused:
        call_command("import_wxr", str(path), stdout=io.StringIO())
    assert str(refused.value) == f"{path}: {reason}. Tidak ada yang diimpor."


def test_unsafe_xml_is_named_in_words_not_as_a_python_object():
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("import_wxr", str(WXR / "external-entity.xml"), stdout=io.StringIO())
    assert "refused for safety: a DTD (document type declaration)." in str(refused.value)
    assert "DTDForbidden" not in str(refused.value) and "system_id" not in str(refused.value)


def test_item_notes_are_in_the_interface_language(tmp_path):
    body = "<table><tr><td>Tongkol</td><td>Rp 40.000</td></tr></table>\n\n<img class='wp-image-77'>"
    body += "\n\n[embed]https://vimeo.com/123[/embed]"
    post = (
        f"<item><title>{'Panjang ' * 300}</title><wp:post_id>5</wp:post_id><dc:creator>dewi</dc:creator>"
        "<wp:post_type>post</wp:post_type><wp:status>publish</wp:status><wp:post_name>panjang</wp:post_name>"
        "<wp:post_date>2023-05-01 08:00:00</wp:post_date><wp:post_date_gmt>2023-05-01 01:00:00</wp:post_date_gmt>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
    )
    out = io.StringIO()
    call_command("import_wxr", str(export(tmp_path / "notes.xml", post)), stdout=out)
    text = " ".join(out.getvalue().split())
    assert "judulnya dipotong pada 2.000 karakter" in text  # Indonesian digits grouping too
    assert "tabel diubah menjadi daftar, satu butir per baris" in text
    assert "sematan https://vimeo.com/123 dipasang sebagai tautan" in text
    assert "gambar lampiran 77 tidak ada dalam berkas ekspor" in text


def test_skipped_items_are_named_in_indonesian():
    out = io.StringIO()
    call_command("import_wxr", str(MEDIUM), stdout=out)
    text = " ".join(out.getvalue().split())
    assert (
        "dilewati: artikel 489 “Capres Pastikan Politik Identitas, Ini Alasannya”: ada di tempat sampah WordPress"
        in text
    )
    assert "dilewati: komentar 3269 pada “Eksklusif: Gerindra Tegaskan Hak Angket Pekan Depan”: sebuah pingback" in text


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["import-wxr", "/tidak/ada.xml"], "/tidak/ada.xml: berkas tidak ada"),
        (["import-wxr", str(WXR)], f"{WXR} adalah folder, bukan berkas"),
        (["periksa-ejaan", "/tidak/ada.txt", "--tanpa-kamus-redaksi"], "Tidak dapat membaca /tidak/ada.txt"),
    ],
)
def test_the_command_line_shows_the_operator_only_the_message(tmp_path, command, message):
    """Not Django's "CommandError: " (an English class name) in front of an Indonesian sentence."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("WARTA_", "DJANGO_"))}
    env |= {"WARTA_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "warta.settings"}
    done = subprocess.run([sys.executable, "-m", "warta", *command], env=env, capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith(message) and len(done.stderr.splitlines()) == 1
    assert "CommandError" not in done.stderr
