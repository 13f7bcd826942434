"""Comparing revisions word by word: whole words marked, text escaped, paragraphs lined up, wrapped."""

from __future__ import annotations

import html
import random
import re

import pytest
from django.utils import translation

from tests.conftest import StaffClient, person
from tests.test_newsroom import article_form, write_draft
from warta.articles.models import Article
from warta.newsroom import revisions
from warta.newsroom.diff import compare_items, tokens, word_diff
from warta.newsroom.models import AuditEntry, Revision

LONG = (
    "Pemerintah Kota Surabaya menyiapkan program pemberdayaan warga pesisir yang terdampak banjir rob "
    "sejak awal pekan, dengan bantuan perahu karet, dapur umum, dan pos kesehatan di tiga kelurahan. "
    "Wali kota mengatakan anggaran darurat sudah dicairkan pada Senin malam, sementara relawan dari "
    "berbagai organisasi terus berdatangan ke lokasi pengungsian di balai RW dan masjid-masjid sekitar."
)


def old_side(marked: str) -> str:
    """The older text back out of a word diff: drop what was added, unwrap what was removed."""
    return html.unescape(re.sub(r"</?del>", "", re.sub(r"<ins>.*?</ins>", "", marked, flags=re.S)))


def new_side(marked: str) -> str:
    return html.unescape(re.sub(r"</?ins>", "", re.sub(r"<del>.*?</del>", "", marked, flags=re.S)))


# Words ---------------------------------------------------------------------------------------


def test_one_changed_word_in_a_long_paragraph_is_one_whole_word():
    changed = LONG.replace("pemberdayaan", "pemberantasan")
    marked = word_diff(LONG, changed)
    assert re.findall(r"<del>.*?</del>", marked) == ["<del>pemberdayaan</del>"]
    assert re.findall(r"<ins>.*?</ins>", marked) == ["<ins>pemberantasan</ins>"]
    assert old_side(marked) == LONG and new_side(marked) == changed


def test_spacing_punctuation_and_compound_words_are_kept():
    assert "".join(tokens(LONG)) == LONG
    assert "masjid-masjid" in tokens(LONG) and "Rp1.000" in tokens("harga Rp1.000,")
    marked = word_diff("Anak-anak  bermain,\nlalu pulang.", "Anak-anak  bermain;\nlalu pulang!")
    assert marked == "Anak-anak  bermain<del>,</del><ins>;</ins>\nlalu pulang<del>.</del><ins>!</ins>"


def test_a_rewritten_phrase_reads_as_one_removal_and_one_addition():
    marked = word_diff("Ia datang pada Senin pagi bersama istri.", "Ia datang pada Selasa sore bersama istri.")
    assert marked == "Ia datang pada <del>Senin pagi</del><ins>Selasa sore</ins> bersama istri."


def test_both_versions_can_be_read_back_from_any_word_diff():
    rng = random.Random(7)
    vocabulary = ["banjir", "rob", "warga", "<b>", "&", "Surabaya", "kata", "Rina,", "—", "1.000", "di", "\n"]
    for _ in range(200):
        old = " ".join(rng.choices(vocabulary, k=rng.randint(0, 30)))
        new = " ".join(rng.choices(vocabulary, k=rng.randint(0, 30)))
        marked = word_diff(old, new)
        assert old_side(marked) == old and new_side(marked) == new
        assert "<b>" not in marked


def test_the_text_is_escaped():
    marked = word_diff('Kata "lama" & <b>tebal</b>', "Kata <script>alert(1)</script> & 'baru'")
    assert "<script>" not in marked and "<b>" not in marked
    assert "&lt;script&gt;" in marked and "&amp;" in marked


# Paragraphs ----------------------------------------------------------------------------------

BODY = [("Paragraph", f"Paragraf ke-{n}: {LONG}") for n in range(1, 9)]


def test_inserting_a_paragraph_marks_only_that_paragraph():
    new = [*BODY[:3], ("Paragraph", "Paragraf sisipan yang baru."), *BODY[3:]]
    rows = compare_items(BODY, new)
    assert [row.kind for row in rows if row.kind not in {"same", "skipped"}] == ["added"]
    assert [row.kind for row in rows] == ["skipped", "same", "added", "same", "skipped"]
    assert [row.count for row in rows if row.kind == "skipped"] == [2, 4]
    added = next(row for row in rows if row.kind == "added")
    assert added.html == "<ins>Paragraf sisipan yang baru.</ins>"


def test_removing_a_paragraph_and_editing_another_are_told_apart():
    new = [*BODY[:2], *BODY[3:]]
    new[4] = ("Paragraph", new[4][1].replace("Senin malam", "Selasa pagi"))
    rows = [row for row in compare_items(BODY, new) if row.kind not in {"same", "skipped"}]
    assert [row.kind for row in rows] == ["removed", "changed"]
    assert rows[0].html.startswith("<del>Paragraf ke-3:")
    assert "<del>Senin malam</del><ins>Selasa pagi</ins>" in rows[1].html
    assert rows[1].html.count("<del>") == 1


def test_a_field_that_was_empty_is_shown_as_edited_and_nothing_changed_collapses_to_one_line():
    rows = compare_items([("Dek", ""), *BODY], [("Dek", "Air laut naik."), *BODY])
    assert rows[0].kind == "changed" and rows[0].html == "<ins>Air laut naik.</ins>"
    assert [row.kind for row in rows] == ["changed", "same", "skipped"]
    assert [row.kind for row in compare_items(BODY, BODY)] == ["skipped"]


def test_a_body_rewritten_throughout_is_compared_quickly():
    old = [("Paragraph", f"{n} {LONG}") for n in range(300)]
    new = [("Paragraph", f"{LONG} {n}") for n in range(300)]
    rows = compare_items(old, new)
    assert sum(row.kind == "changed" for row in rows) == 300


# Snapshots -----------------------------------------------------------------------------------


def snapshot(**changes) -> dict:
    data = {
        "headline": "Banjir rob di pesisir utara",
        "slug": "banjir-rob",
        "dek": "",
        "dateline_city": "Surabaya",
        "section_id": None,
        "lead_photo_id": None,
        "tags": ["banjir"],
        "body": [{"type": "paragraph", "text": "Warga <em>mengungsi</em> &amp; menunggu."}],
    }
    return {**data, **changes}


def test_every_kind_of_block_is_read_as_plain_text_and_unknown_ones_never_crash():
    body = [
        {"type": "paragraph", "text": 'Lihat <a href="https://kempalan.test/a?x=1&amp;y=2">laporan</a> ini.'},
        {"type": "heading", "text": "Bantuan <datang>"},
        {"type": "quote", "text": "Air masuk<br>rumah", "cite": "Rina"},
        {"type": "list", "ordered": True, "items": ["Perahu", "Dapur <strong>umum</strong>"]},
        {"type": "image", "photo": 12, "caption": "Banjir", "credit": "Dok"},
        {"type": "embed", "url": "https://youtu.be/x", "caption": ""},
        {"type": "gallery", "photos": [{"photo": 1, "caption": "Satu"}, {"photo": 2}, {"photo": 3, "credit": "Ant"}]},
        {"type": "related", "article": 5},
        {"type": "divider"},
        {"type": "poll", "question": "Setuju?", "options": ["ya", "tidak"]},
        {"type": "gallery", "photos": "rusak"},
        "bukan blok",
        {"no": "type"},
    ]
    with translation.override("en"):
        items = revisions.readable(snapshot(body=body))
    assert items[:5] == [
        ("Headline", "Banjir rob di pesisir utara"),
        ("Slug", "banjir-rob"),
        ("Dek", ""),
        ("Dateline city", "Surabaya"),
        ("Tags", "banjir"),
    ]
    assert items[7:] == [
        ("Paragraph", "Lihat laporan (https://kempalan.test/a?x=1&y=2) ini."),
        ("Subheading", "Bantuan <datang>"),
        ("Quote", "Air masuk\nrumah\n— Rina"),
        ("List", "1. Perahu\n2. Dapur umum"),
        ("Photo", "[photo] · #12 · Banjir · Dok"),
        ("Embed", "[embed] · https://youtu.be/x"),
        ("Gallery", "[gallery: 3 photos]\n#1 · Satu\n#2\n#3 · Ant"),
        ("Read also", "[read also #5]"),
        ("Divider", "[divider]"),
        ("Block", "[poll] · question: Setuju?"),
        ("Gallery", "[gallery: 0 photos]"),
        ("Block", "[?]"),
        ("Block", "[?] · no: type"),
    ]


@pytest.mark.django_db
def test_compare_escapes_what_editors_typed():
    older = Revision(version=1, number=1, snapshot=snapshot())
    newer = Revision(version=3, number=2, snapshot=snapshot(headline="<script>alert('x')</script> Banjir rob"))
    with translation.override("en"):
        page = revisions.compare(older, newer)
        unchanged = revisions.compare(older, Revision(version=5, number=3, snapshot=snapshot()))
    assert "<script>" not in page
    assert "<ins>&lt;script&gt;alert('x')&lt;/script&gt; Banjir rob</ins>" in page
    assert "Changes from v1 to v2" in page and 'class="rev-row rev-changed"' in page
    assert "same content" in unchanged and "rev-row" not in unchanged


@pytest.mark.django_db
def test_a_changed_lead_photo_reads_as_its_caption_and_unchanged_parts_are_counted_as_parts():
    from warta.photos.models import Photo

    old, new = (Photo.objects.create(caption=c, credit="Kempalan") for c in ("Rob di Muara Baru", "Tanggul jebol"))
    body = [{"type": "paragraph", "text": f"Paragraf {n}."} for n in range(6)]
    older = Revision(version=1, number=1, snapshot=snapshot(lead_photo_id=old.pk, body=body))
    newer = Revision(version=2, number=2, snapshot=snapshot(lead_photo_id=new.pk, body=body))
    page = revisions.compare(older, newer)
    assert "Foto utama" in page and "<del>Rob di Muara Baru</del><ins>Tanggul jebol</ins> · #" in page
    assert re.search(r"… \d+ bagian tidak berubah", page) and "paragraf tidak berubah" not in page


# Through the back office ---------------------------------------------------------------------


@pytest.fixture
def editor(django_user_model) -> StaffClient:
    return person(django_user_model, "editor", "Editor")


@pytest.mark.django_db
def test_the_compare_page_marks_words_and_restoring_still_works(editor, seed):
    article = write_draft(editor, seed)
    first_body = article_form(seed)["body_text"]
    edited = first_body.replace("sejak pagi", "sejak subuh").replace(
        "\n\n## Bantuan datang", "\n\nParagraf sisipan tentang pengungsi.\n\n## Bantuan datang"
    )
    editor.post(
        f"/redaksi/articles/article/{article.pk}/change/",
        article_form(seed, headline="Banjir rob <b>meluas</b>", body_text=edited, base_version=article.version),
    )
    article.refresh_from_db()
    assert article.headline == "Banjir rob <b>meluas</b>"
    first, last = Revision.objects.filter(article=article).order_by("version")
    page = editor.get(f"/redaksi/articles/article/{article.pk}/revisions/", {"a": first.version, "b": last.version})
    content = page.content.decode()
    assert page.status_code == 200
    assert "<del>di pesisir utara</del><ins>&lt;b&gt;meluas&lt;/b&gt;</ins>" in content
    assert "<del>pagi</del><ins>subuh</ins>" in content
    assert "<ins>Paragraf sisipan tentang pengungsi.</ins>" in content
    assert content.count('class="rev-row rev-changed"') == 3 and content.count('class="rev-row rev-added"') == 1
    assert 'href="/static/newsroom/revisions.css"' in content and "<style" not in content
    assert 'class="rev-legend"' in content and "diff_chg" not in content

    restore = f"/redaksi/articles/article/{article.pk}/revisions/{first.version}/restore/"
    assert f'href="{restore}"' in content  # a link to what restoring would do, not the restoring itself
    asked = editor.get(restore)
    assert asked.status_code == 200 and Article.objects.get(pk=article.pk).headline == "Banjir rob <b>meluas</b>"
    question = asked.content.decode()
    assert f"Ya, pulihkan versi {first.number}" in question
    assert "<del>&lt;b&gt;meluas&lt;/b&gt;</del><ins>di pesisir utara</ins>" in question  # what comes back
    response = editor.post(restore, {"base_version": Article.objects.get(pk=article.pk).version})
    assert response.status_code == 302
    article = Article.objects.get(pk=article.pk)
    assert article.headline == "Banjir rob di pesisir utara" and article.body == first.snapshot["body"]
    assert AuditEntry.objects.filter(article=article, action="restored", detail=f"v{first.number}").exists()
