"""The structured body: validation, sanitising, and what the templates receive."""

import pytest
from django.core.exceptions import ValidationError

from warta.articles import body


def test_it_keeps_every_block_type():
    blocks = [
        {"type": "paragraph", "text": "Paragraf <em>satu</em>."},
        {"type": "heading", "text": "Subjudul"},
        {"type": "quote", "text": "“Kutipan”", "cite": "Putin"},
        {"type": "list", "items": ["a", "b"], "ordered": True},
        {"type": "image", "photo": 3, "caption": "Keterangan"},
    ]
    assert body.normalize(blocks) == [
        {"type": "paragraph", "text": "Paragraf <em>satu</em>."},
        {"type": "heading", "text": "Subjudul"},
        {"type": "quote", "text": "“Kutipan”", "cite": "Putin"},
        {"type": "list", "ordered": True, "items": ["a", "b"]},
        {"type": "image", "photo": 3, "caption": "Keterangan", "credit": ""},
    ]


def test_it_sanitises_text_but_leaves_headings_plain():
    clean = body.normalize(
        [
            {"type": "paragraph", "text": "<script>x</script>Aman"},
            {"type": "heading", "text": "<b>judul</b>"},
        ]
    )
    assert clean[0]["text"] == "Aman"
    assert clean[1]["text"] == "<b>judul</b>"  # plain text: the template escapes it


@pytest.mark.parametrize(
    ("blocks", "message"),
    [
        ("not a list", "harus berupa daftar blok"),
        ([{"type": "video"}], "Blok 1 jenisnya tidak dikenal"),
        (
            [{"type": "paragraph", "text": "ok"}, {"type": "paragraph", "text": "  "}],
            "Blok 2: isian “text” wajib diisi",
        ),
        ([{"type": "paragraph", "text": 5}], "harus berupa teks"),
        ([{"type": "list", "items": []}], "harus berisi butir"),
        ([{"type": "image", "photo": "12"}], "harus memiliki foto"),
        ([{"type": "image", "photo": True}], "harus memiliki foto"),
    ],
)
def test_it_names_the_faulty_block_in_indonesian(blocks, message):
    with pytest.raises(ValidationError, match=message):
        body.normalize(blocks)


def test_words_count_text_but_not_captions():
    blocks = body.normalize(
        [
            {"type": "paragraph", "text": "satu dua"},
            {"type": "quote", "text": "tiga"},
            {"type": "list", "items": ["empat lima"]},
            {"type": "image", "photo": 1, "caption": "tidak dihitung sama sekali"},
        ]
    )
    assert body.words(blocks) == 5


def test_prepare_puts_the_dateline_on_the_first_paragraph_only():
    blocks = body.normalize(
        [
            {"type": "heading", "text": "Judul"},
            {"type": "paragraph", "text": "Pertama"},
            {"type": "paragraph", "text": "Kedua"},
        ]
    )
    prepared = body.prepare(blocks, {}, "MOSKOW-KEMPALAN:")
    assert [b.get("dateline") for b in prepared] == [None, "MOSKOW-KEMPALAN:", None]
    assert prepared[0]["template"] == "articles/blocks/heading.html"


def test_prepare_leaves_out_an_image_whose_photo_is_gone():
    blocks = body.normalize([{"type": "image", "photo": 99}, {"type": "paragraph", "text": "x"}])
    assert [b["type"] for b in body.prepare(blocks, {}, "")] == ["paragraph"]
