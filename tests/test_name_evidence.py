"""The evidence the name grammar weighs (graf.grammar.names) and the grammar of roles beside a
name (graf.grammar.roles), on invented names."""

from __future__ import annotations

import pytest

from graf.grammar import hunspell_sv
from graf.grammar.names import genitive_at, name_extent, split_joined_names
from graf.grammar.roles import expand_abbreviated_title, is_title_word, meeting_role, title_form

needs_dictionary = pytest.mark.skipif(not hunspell_sv.available(), reason="hunspell-sv is not installed")


@pytest.mark.parametrize(
    ("printed", "role"),
    [
        ("Ordförande", "ordförande"),
        ("(vice ordförande)", "vice ordförande"),
        ("2:e vice ordf.", "2:e vice ordförande"),
        ("tjg ersättare", "tjänstgörande ersättare"),
        ("Tjänstgörande ersättaren", "tjänstgörande ersättare"),
        ("ledamöterna", "ledamot"),
        ("handläggare", None),
    ],
)
def test_meeting_roles(printed, role):
    assert meeting_role(printed) == role


def test_titles_as_written():
    assert is_title_word("Förvaltningschef") and is_title_word("HR-chef") and is_title_word("verksamhetsutvecklare")
    assert not is_title_word("Strandberg")
    assert title_form("nämndsekreteraren") == "nämndsekreterare"
    assert expand_abbreviated_title("nämndsekr.") == "nämndsekreterare"
    assert expand_abbreviated_title("Tel.") is None


@needs_dictionary
def test_name_extent_drops_ordinary_words_at_the_ends():
    assert name_extent(["Marit", "Kvarnbäck", "Närvarorätt", "Utses"]) == (0, 2)
    assert name_extent(["Paragrafen", "Tova", "Lindhe"]) == (1, 3)
    # an abbreviation printed with a full stop after the name ("Tel. 508 ...")
    assert name_extent(["Hedvig", "Sarandos", "Tel"], abbreviation_after=True) == (0, 2)


@needs_dictionary
def test_name_extent_keeps_a_name_that_ends_in_a_surname():
    assert name_extent(["Lars", "B", "Strandvik"]) == (0, 3)
    assert name_extent(["Anna", "Karin", "Lind"]) == (0, 3)  # "lind" is a tree, and a surname here


def test_two_names_run_together_are_split():
    assert split_joined_names(["Gunvor", "Pettersson", "Leif", "Rönnmark"]) == [(0, 2), (2, 4)]
    assert split_joined_names(["Anna", "Karin", "Berg", "Lindh"]) == [(0, 4)]


def test_genitive_after_party_and_group():
    text = "bifall till Britt Marklöv Bjurs m fl (S) yrkande och Sven Ekmans med fleras förslag"
    assert genitive_at(text, text.index(" m fl"))
    assert genitive_at(text, text.index(" med fleras"))
    plain = "Jan Jönsson (L) yrkade bifall"
    assert not genitive_at(plain, plain.index(" (L)"))
