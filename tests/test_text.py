import pytest

from warta.lib.text import plain_text, reading_minutes, sanitize_inline, word_count


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (1, 1), (200, 1), (201, 2), (400, 2), (401, 3)])
def test_reading_time_is_the_ceiling_and_at_least_one(words, minutes):
    assert reading_minutes(words, 200) == minutes


def test_word_count_ignores_markup():
    assert word_count('Satu <a href="/x">dua</a>  tiga<br>empat') == 4


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<script>alert(1)</script>Halo", "Halo"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener">x</a>'),
        ('<em onclick="steal()">kata</em>', "<em>kata</em>"),
        ('<img src=x onerror="alert(1)">teks', "teks"),
        (
            '<a href="https://kompas.id/" target="_blank">Kompas</a>',
            '<a href="https://kompas.id/" rel="noopener">Kompas</a>',
        ),
        ("<style>body{}</style><b>tebal</b>", "<b>tebal</b>"),
    ],
)
def test_inline_html_is_sanitised(dirty, clean):
    assert sanitize_inline(dirty) == clean


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("<b>Gempa</b> M 6,1 guncang <i>Bawean</i>", "Gempa M 6,1 guncang Bawean"),
        ("Banjir<script>alert(1)</script> rob", "Banjir rob"),
        ("Harga naik 10% &amp; antre < 1 jam", "Harga naik 10% & antre < 1 jam"),
        ("  Dua\n baris  ", "Dua baris"),
    ],
)
def test_plain_text_keeps_the_words_only(typed, plain):
    assert plain_text(typed) == plain
