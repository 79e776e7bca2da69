"""The municipality a paper names, without a genitive "-s" but with an "s" of its own.

"Stockholms stad" and "Jönköpings kommun" are genitives; "Alingsås kommun" and "Borås stad"
end in the name's own "s". Stripping every final "s" minted "alingsa" IRIs and showed
"Alingså" on every page of a real Alingsås protocol. The Swedish dictionary (hunspell-sv)
lists place names and decides; the sentences below are invented."""

from __future__ import annotations

import pytest

from graf.grammar.hunspell_sv import is_proper_noun_entry
from graf.structure.header import municipality

pytestmark = pytest.mark.skipif(not is_proper_noun_entry("Stockholm"),
                                reason="the Swedish Hunspell dictionary (hunspell-sv) is not installed")


@pytest.mark.parametrize(("line", "name"), [
    ("Protokoll fört vid sammanträde med tekniska nämnden i Alingsås kommun", "Alingsås"),
    ("Kultur- och fritidsnämnden, Borås stad, sammanträde i Stadshuset", "Borås"),
    ("Västerås stad\nByggnadsnämnden\nProtokoll", "Västerås"),
    ("Stockholms stad\nSocialnämnden\nDagordning", "Stockholm"),
    ("Jönköpings kommun – Barn- och utbildningsnämnden", "Jönköping"),
    ("Umeås kommun, miljönämnden", "Umeå"),
])
def test_municipality_keeps_its_own_s_and_drops_the_genitive(line, name):
    assert municipality(line) == name


def test_unknown_names_fall_back_to_the_genitive_rule():
    # an invented municipality the dictionary cannot know: the "s" before "stad" is a genitive
    assert municipality("Skogsviks stad\nFritidsnämnden") == "Skogsvik"
