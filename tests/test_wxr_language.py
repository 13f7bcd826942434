"""`warta import-wxr` speaks the interface language (Indonesian by default), item lines included."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db
BAD_ITEMS = Path(__file__).resolve().parent / "fixtures" / "wxr" / "bad-items.xml"


def test_the_report_is_in_indonesian_by_default(settings):
    assert settings.LANGUAGE_CODE == "id"
    out = io.StringIO()
    with pytest.raises(CommandError, match="^1 butir gagal; selebihnya sudah diimpor.$"):
        call_command("import_wxr", str(BAD_ITEMS), stdout=out)
    text = " ".join(out.getvalue().split())
    assert "Ringkasan impor" in text and "Import summary" not in text
    assert "│ artikel │" in text
    assert "gagal: artikel" in text and "tanggalnya “2022-13-45 99:00:00” tidak terbaca" in text
