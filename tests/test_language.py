"""The newsroom's language app: the command, the editor's endpoint and the back office."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from warta.language.models import NewsroomWord, Synonym

pytestmark = pytest.mark.django_db
CHECK_URL = "/redaksi/language/newsroomword/periksa/"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "warta", "periksa-ejaan", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_prints_findings_and_exits_1(tmp_path):
    text = tmp_path / "berita.txt"
    text.write_text("Judul\nSilahkan datang kesana.\n", encoding="utf-8")
    result = run(str(text))
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["2:1 Silahkan → Silakan (baku)", "2:17 kesana → ke sana (kata-depan)"]


def test_the_command_reads_standard_input_and_exits_0_when_clean():
    result = run("-", stdin="Presiden meresmikan jembatan baru.\n")
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize("content", [None, b"\xff\xfe\x00bukan teks"])
def test_the_command_exits_2_on_bad_input(tmp_path, content):
    path = tmp_path / "berkas.txt"
    if content is not None:
        path.write_bytes(content)
    result = run(str(path))
    assert result.returncode == 2
    assert str(path) in result.stderr


def test_the_command_uses_the_newsroom_dictionary(tmp_path, capsys):
    path = tmp_path / "berita.txt"
    path.write_text("Vaksin booster dibagikan.", encoding="utf-8")
    call_command("periksa_ejaan", str(path))  # booster is in the seeded newsroom dictionary: clean
    assert capsys.readouterr().out == ""
    NewsroomWord.objects.filter(word="booster").delete()
    with pytest.raises(SystemExit) as exit_:
        call_command("periksa_ejaan", str(path))
    assert exit_.value.code == 1
    assert "booster" in capsys.readouterr().out


def test_the_command_knows_the_abbreviations_search_knows(tmp_path, capsys):
    path = tmp_path / "berita.txt"
    path.write_text("Petugas dishub berjaga.", encoding="utf-8")
    with pytest.raises(SystemExit):
        call_command("periksa_ejaan", str(path))
    assert "dishub" in capsys.readouterr().out
    Synonym.objects.create(term="dishub", meaning="dinas perhubungan")
    call_command("periksa_ejaan", str(path))
    assert capsys.readouterr().out == ""


def test_the_trial_s_news_copy_is_clean_and_its_non_standard_forms_corrected():
    text = (
        "Tersangka curanmor ditahan di rutan. Warga mengungsi ke posko. Wisata kuliner dan kos-kosan "
        "ramai. Suara di dapilnya naik.\nIa menghutang pada Nopember dan Pebruari.\n"
    )
    result = run("-", stdin=text)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "2:4 menghutang → berutang (baku)",
        "2:20 Nopember → November (baku)",
        "2:33 Pebruari → Februari (baku)",
    ]


@pytest.fixture
def writer(client):
    user = User.objects.create_user("penulis", is_staff=True)
    user.groups.add(Group.objects.get(name="Penulis"))
    client.force_login(user)
    return user


def test_the_endpoint_returns_findings_per_block_with_javascript_offsets(client, writer):
    response = client.post(
        CHECK_URL,
        json.dumps({"texts": ["Judul bersih", "😀 Silahkan datang kesana."]}),
        content_type="application/json",
    )
    assert response.status_code == 200
    findings = response.json()["findings"]
    assert [(f["block"], f["from"], f["to"], f["suggestions"][0], f["rule"]) for f in findings] == [
        (1, 3, 11, "Silakan", "baku"),
        (1, 19, 25, "ke sana", "kata-depan"),
    ]
    assert findings[0]["message"]


def test_the_endpoint_refuses_bad_requests_kindly(client, writer):
    assert client.post(CHECK_URL, "bukan json", content_type="application/json").status_code == 400
    assert client.post(CHECK_URL, json.dumps({"texts": "x"}), content_type="application/json").status_code == 400
    assert client.get(CHECK_URL).status_code == 405


def test_the_endpoint_is_for_staff_who_write(client):
    assert client.post(CHECK_URL, "{}", content_type="application/json").status_code == 302  # to the login
    client.force_login(User.objects.create_user("tamu", is_staff=True))
    assert client.post(CHECK_URL, "{}", content_type="application/json").status_code == 403


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client.force_login(user)
    return user


def test_editors_keep_the_newsroom_dictionary(client, editor):
    response = client.post(reverse("admin:language_newsroomword_add"), {"word": "Bonek", "note": "suporter Persebaya"})
    assert response.status_code == 302
    assert NewsroomWord.objects.get(word="Bonek").added_by == editor


def test_writers_may_not_change_the_dictionary(client, writer):
    assert client.post(reverse("admin:language_newsroomword_add"), {"word": "x"}).status_code == 403


def test_words_many_articles_use_are_offered_for_the_dictionary(client, editor, make_article):
    for n in range(3):
        make_article(
            slug=f"posyandu-{n}",
            headline=f"Kabar {n}",
            body=[{"type": "paragraph", "text": "Para jurkam berkampanye."}],
        )
    page = client.get(reverse("admin:language_newsroomword_suggestions")).content.decode()
    assert 'value="jurkam"' in page
    response = client.post(reverse("admin:language_newsroomword_suggestions"), {"word": ["jurkam"]})
    assert response.status_code == 302
    assert NewsroomWord.objects.filter(word="jurkam").exists()
