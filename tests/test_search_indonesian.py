"""Search that knows how Indonesians write: compounds, abbreviations and "Maksud Anda"."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SEED_URL
from warta.language.models import Synonym
from warta.search import backends
from warta.search.analysis import terms

pytestmark = pytest.mark.django_db


def found(client, query: str) -> list[str]:
    response = client.get("/cari/", {"q": query})
    assert response.status_code == 200
    return re.findall(r'class="card__headline"><a href="([^"]+)"', response.content.decode())


def test_compounds_written_as_one_word_are_split_like_the_standard_spelling():
    assert terms("kerjasama") == terms("kerja sama") == ["kerja", "sama"]
    assert terms("bekerjasama dan bertanggungjawab") == ["kerja", "sama", "tanggung", "jawab"]
    assert terms("kerjasamanya") == ["kerja", "sama"]


@pytest.mark.parametrize("query", ["kerjasama", "kerja sama", "bekerjasama"])
def test_the_one_word_spelling_finds_the_seed(client, seed, query):
    assert SEED_URL in found(client, query)


def test_an_article_written_with_the_one_word_spelling_is_found_by_the_standard_one(client, make_article):
    article = make_article(
        slug="kerjasama-kota", headline="Kota kembar", body=[{"type": "paragraph", "text": "Kerjasama kota kembar."}]
    )
    assert article.get_absolute_url() in found(client, "kerja sama")


@pytest.mark.parametrize("query", ["korut", "Korut", "KORUT putin"])
def test_an_abbreviation_finds_what_it_stands_for(client, seed, query):
    assert SEED_URL in found(client, query)


def test_the_long_form_finds_the_abbreviation(client, make_article):
    article = make_article(
        slug="jatim-banjir", headline="Banjir melanda Jatim", body=[{"type": "paragraph", "text": "Air naik."}]
    )
    assert article.get_absolute_url() in found(client, "jawa timur")


def test_the_table_is_seeded_with_common_abbreviations():
    seeded = set(Synonym.objects.values_list("term", flat=True))
    assert {"Korut", "Korsel", "AS", "RI", "Jatim", "Jabar", "Jateng", "Pemilu", "Pilkada"} <= seeded


def test_editors_extend_the_table_and_search_follows_at_once(client, make_article):
    article = make_article(
        slug="bajul-ijo-menang", headline="Bajul Ijo menang", body=[{"type": "paragraph", "text": "Gol telat."}]
    )
    assert found(client, "greenforce") == []
    Synonym.objects.create(term="Greenforce", meaning="Bajul Ijo")
    assert article.get_absolute_url() in found(client, "greenforce")


def test_an_abbreviation_that_means_nothing_here_still_needs_its_own_words(client, seed):
    assert found(client, "korsel") == []


def test_maksud_anda_from_the_index_vocabulary(seed):
    assert backends.suggest("putn") == "putin"
    assert backends.suggest("kim jong putn") == "kim jong putin"


@pytest.mark.parametrize("query", ["putin", "kerja sama", "gempa bumi", "", "1998", "!!!"])
def test_no_suggestion_for_words_the_index_or_the_dictionary_knows(seed, query):
    assert backends.suggest(query) is None


def test_hostile_queries_with_abbreviations_never_break_it(client, seed):
    for query in ['korut "', "AS OR NOT", "RI)(", "korut* AND"]:
        assert client.get("/cari/", {"q": query}).status_code == 200
