"""People, parties and roles in attendance layouts nobody tuned for.

Every paper below is invented (invented municipalities, people, numbers and wording) in the
*shape* of a layout real papers print: a two-sided attendance table whose label columns each
have describing columns (Parti, Närv, Tjg för), a Namn/Parti/Funktion table whose function
says an ersättare serves, a signature row with two signers, officials named on "Handläggare:"
lines, genitives of listed names, and names wrapped over a line break. The roles expected
follow ../shared/gold-real/README.md (only role words printed; "Ledamöter" -> ledamot; an
official's title as written).
"""

from __future__ import annotations

from graf.link import link
from graf.nlp import recognise
from graf.sources import source_from_text
from graf.structure import parse


def people(text: str) -> dict[str, tuple[str | None, set[str]]]:
    """name -> (party, roles) of every linked person of the paper."""
    paper = parse(source_from_text(text))
    linked = link(paper, recognise(paper))
    return {p.name: (p.party, {r.casefold() for r in p.roles}) for p in linked.persons}


# --------------------------------------------------------------------------- two-sided table

TWO_SIDED_TABLE = """Protokoll                                   Sida 1 av 3
Kultur- och fritidsnämnden i Ekedala kommun
Sammanträdesdag 2015-04-09

Plats och tid: Ekedala kulturhus, rum Lyran, kl. 18:00-20:10

Ledamöter                 Parti   Närv   Ersättare              Parti   Tjg för
Ordf. Britt-Marie Olofsson  C       X      Johan Fredriksson      M
Vice ordf. Nils Hedberg     M       X      Zeynep Aydın Kaya      C       X  (Sven Ottosson)
Sven Ottosson             C       -      Ulla Bergkvist         S
Karolina Wendt            S       X
Petter Å. Lundgren        V       X

Närvarande tjänstemän: Gerd Malm, kulturchef; Oskar Brink, sekreterare

Justerare: Karolina Wendt        Justeringsdag: 2015-04-16

§ 21  Dnr KFN 2015.0031
Bidrag till studieförbund 2015

Karolina Wendt (S) yrkar bifall till förvaltningens förslag.
"""


def test_two_sided_table_reads_each_side_with_its_party():
    found = people(TWO_SIDED_TABLE)
    # the Parti cell beside each name, on either side of the table
    assert found["Britt-Marie Olofsson"] == ("C", {"ordförande", "ledamot"})
    assert found["Nils Hedberg"] == ("M", {"vice ordförande", "ledamot"})
    assert found["Petter Å. Lundgren"] == ("V", {"ledamot"})
    # marked absent ("-") under Närv: still listed as ledamot, presence is no role
    assert found["Sven Ottosson"] == ("C", {"ledamot"})
    # the right side is the ersättare, not more ledamöter
    assert found["Johan Fredriksson"] == ("M", {"ersättare"})
    assert found["Ulla Bergkvist"] == ("S", {"ersättare"})
    # a mark under "Tjg för": serving in the named member's place
    assert found["Zeynep Aydın Kaya"] == ("C", {"tjänstgörande ersättare"})
