"""A proposal ascribed to an office only ("Ordföranden yrkar ...") names the person who holds
it: from the attendance list, or else from a name the paper prints with the office beside it
(a chair's signature under a paragraph). Invented paper."""

from __future__ import annotations

from graf.records import Source
from graf.structure import parse

PAPER = """Sammanträdesprotokoll
Tekniska nämnden

§ 7 Val av justerare
Nora Lindqvist (S) utses att justera protokollet.

§ 8 Snöröjning av cykelvägar
Dnr TN 2031/12

Yrkanden
Ordföranden yrkar bifall till förvaltningens förslag.

Beslutsgång
Ordföranden ställer proposition på förslaget och finner att nämnden bifaller det.

Paragrafen justeras
Elvira Sundqvist (C), ordf.    Nora Lindqvist (S), justerare
"""


def _paper(text: str):
    return parse(Source(path="x.txt", text=text, sha256="0" * 64, raw_sha256="0" * 64, media_type="text/plain"))


def test_office_holder_from_a_signature_with_the_office():
    paper = _paper(PAPER)
    item = next(i for i in paper.items if i.number == "8")
    assert [[p.name for p in pr.by] for pr in item.proposals] == [["Elvira Sundqvist"]]


def test_an_office_printed_beside_two_names_is_nobodys():
    text = PAPER.replace("Nora Lindqvist (S), justerare", "Pelle Ekström (M), ordf.")
    item = next(i for i in _paper(text).items if i.number == "8")
    assert item.proposals == ()
