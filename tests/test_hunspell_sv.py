"""The Swedish Hunspell dictionary as evidence about words (graf.grammar.hunspell_sv)."""

from __future__ import annotations

import pytest

from graf.grammar import hunspell_sv

needs_dictionary = pytest.mark.skipif(
    not hunspell_sv.available(), reason="hunspell-sv is not installed (sv_SE.dic under sys.prefix/share/hunspell)"
)


@needs_dictionary
@pytest.mark.parametrize("word", ["Paragrafer", "Utses", "Närvarorätt", "Sekreterare", "Förhinder", "ledamöter", "Tel"])
def test_ordinary_words_and_their_inflections(word):
    assert hunspell_sv.is_ordinary_word(word)


@needs_dictionary
@pytest.mark.parametrize("word", ["Venizelos", "Hovmöller", "Mulumba", "Kekana"])
def test_unknown_surnames_are_not_ordinary_words(word):
    assert not hunspell_sv.is_ordinary_word(word)


@needs_dictionary
def test_proper_nouns_are_the_capitalised_entries():
    assert hunspell_sv.is_proper_noun("Lars") and hunspell_sv.is_proper_noun("Ewa")
    assert hunspell_sv.is_proper_noun("Evas")  # genitive of an entry
    assert not hunspell_sv.is_proper_noun("Sekreterare")
    assert not hunspell_sv.is_proper_noun("lars")


@needs_dictionary
def test_place_names_are_the_entries_that_form_compounds():
    assert hunspell_sv.is_place_name("Lerum") and hunspell_sv.is_place_name("Alingsås")
    assert hunspell_sv.is_place_name("Stockholms")  # genitive of an entry
    # an organisation or a person the dictionary lists is no place
    assert not hunspell_sv.is_place_name("Saco") and not hunspell_sv.is_place_name("Vårdförbundet")
    assert not hunspell_sv.is_place_name("Lars")


def test_absent_dictionary_gives_no_evidence(monkeypatch, tmp_path):
    monkeypatch.setattr(hunspell_sv, "_candidate_dirs", lambda: [tmp_path])
    hunspell_sv._lexicon.cache_clear()
    hunspell_sv.is_ordinary_word.cache_clear()
    hunspell_sv.is_proper_noun.cache_clear()
    try:
        assert hunspell_sv.dictionary_dir() is None
        assert not hunspell_sv.available()
        assert not hunspell_sv.is_ordinary_word("Paragrafer")
        assert not hunspell_sv.is_proper_noun("Lars")
    finally:
        hunspell_sv._lexicon.cache_clear()
        hunspell_sv.is_ordinary_word.cache_clear()
        hunspell_sv.is_proper_noun.cache_clear()
