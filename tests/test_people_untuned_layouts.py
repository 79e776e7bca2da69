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


# --------------------------------------------------------------------------- serving marks

FUNCTION_TABLE = """Protokoll
Tekniska nämnden
Lövstrand kommun
Datum: 2021-02-03
Plats: Stadshuset, rum Ugglan

Närvarande
Namn                          Parti   Funktion
Josefin Ekerot                KD      Ordförande
Ragnar Tullberg               S       Ledamot
Oskar Viklund                 MP      Ersättare, tjänstgör
Henrietta Paasikivi           L       Ersättare

Justerare: Ragnar Tullberg
"""

SERVING_AFTER_PARTY = """PROTOKOLL 2/2022
Direktionen

Datum: 2022-03-10, kl. 09.00–11.00

Närvarande ledamöter
Torvald Hammar (S), 1:e v ordf, Ådalens kommun
Elin Rask (M), Bjursjö kommun
Närvarande ersättare
Sune Klingberg (C), tjänstgörande, Bjursjö kommun
Mona Ferm (V), tjänstgörande för Elin Rask (M), Ådalens kommun
Idun Stål (KD), Ådalens kommun

Protokollsjusterare: Elin Rask (M)
"""

FLAT_NOT_SERVING = (
    "LINDÅS KOMMUN SAMMANTRÄDESPROTOKOLL Miljönämnden Sammanträdesdatum 2020-05-06 Plats och tid "
    "Rådhuset kl. 09:00 Beslutande Ledamöter Arvid Sörling (M) ordförande, Tilda Nyqvist (S), Kerstin "
    "Bolander (C). Tjänstgörande ersättare Ola Thyberg (S) ersätter Britt Lagerkvist (S). Ej "
    "tjänstgörande ersättare Malin Ahlroth (L), Yusuf Demirci (S). Övriga närvarande Sanna Wiik, "
    "miljöchef. Utses att justera Kerstin Bolander (C)\n"
    "§ 12 Godkännande av dagordning Dagordningen godkänns.\n"
)


def test_function_cell_says_an_ersattare_serves():
    found = people(FUNCTION_TABLE)
    assert found["Oskar Viklund"] == ("MP", {"tjänstgörande ersättare"})
    assert found["Henrietta Paasikivi"] == ("L", {"ersättare"})
    assert "ordförande" in found["Josefin Ekerot"][1]


def test_serving_mark_after_the_party():
    found = people(SERVING_AFTER_PARTY)
    assert found["Sune Klingberg"][1] == {"tjänstgörande ersättare"}
    assert found["Mona Ferm"][1] == {"tjänstgörande ersättare"}
    assert found["Idun Stål"][1] == {"ersättare"}
    # "v ordf": vice cut short, the ordinal kept as printed
    assert "1:e vice ordförande" in found["Torvald Hammar"][1]


def test_not_serving_substitutes_stay_ersattare():
    found = people(FLAT_NOT_SERVING)
    assert found["Malin Ahlroth"][1] == {"ersättare"}
    assert found["Yusuf Demirci"][1] == {"ersättare"}
    assert found["Ola Thyberg"][1] == {"tjänstgörande ersättare"}


# --------------------------------------------------------------------------- genitives

GENITIVES = """PROTOKOLL
Miljö- och hälsoskyddsnämnden
Torsvik kommun                          2019-06-12

Närvarande ledamöter: Halvard Brink (M) ordf, Sigrid Ulvsäter (S), Torbjörn Dahl (C)

MHN § 40
Tillsynsplan 2020

Sigrid Ulvsäter (S) yrkar att planen återremitteras.

Ordföranden ställer proposition på förvaltningens förslag mot Torbjörn Dahls
ändringsyrkande och finner förvaltningens förslag bifallet.
Omröstning: Ja = förvaltningens förslag, Nej = Sigrid Ulvsäters yrkande
Ja: Halvard Brink, Torbjörn Dahl
Nej: Sigrid Ulvsäter
"""


def test_genitives_of_listed_names_are_no_extra_persons():
    found = people(GENITIVES)
    assert set(found) == {"Halvard Brink", "Sigrid Ulvsäter", "Torbjörn Dahl"}


# --------------------------------------------------------------------------- signatures and labelled officials

EXCERPT_SIGNED_ROW = """Ekby stad
Kulturnämnden
                                                    Protokollsutdrag
                                                    Sammanträdesdatum 2017-10-04

§ 55    Stipendier 2018
        KN-2017-0412

Yrkanden
Ordföranden Greta Hultén (S) yrkar bifall till förvaltningens förslag.
Viggo Strandh (L) yrkar avslag.

Beslut
Kulturnämnden beslutar att dela ut stipendierna enligt bilaga.

Vid protokollet
Rut Ahlsell, sekreterare
Justerat 2017-10-11
Greta Hultén, ordförande          Viggo Strandh, justerare
"""

LABELLED_SECRETARY = """PROTOKOLL
Kommunfullmäktige i Västerbyn
Datum: 2020-11-23

Ordförande: Lennart Sjökvist (KD)
Sekreterare: Birgit Hane, kanslichef
Justerare: Moa Trolle (S) och Amir Haddad (M)

§ 101
Val av justerare
Moa Trolle (S) och Amir Haddad (M) utses att justera protokollet.

§ 102
Motion om gång- och cykelväg
Moa Trolle (S) yrkar bifall till motionen.
"""


def test_signature_row_gives_each_signer_their_own_role():
    found = people(EXCERPT_SIGNED_ROW)
    assert "justerare" in found["Viggo Strandh"][1]
    assert "ordförande" not in found["Viggo Strandh"][1]
    assert "ordförande" in found["Greta Hultén"][1]
    assert found["Rut Ahlsell"][1] == {"sekreterare"}


def test_labelled_secretary_keeps_the_title_after_the_name():
    found = people(LABELLED_SECRETARY)
    assert found["Birgit Hane"][1] == {"sekreterare", "kanslichef"}
    assert found["Moa Trolle"][1] == {"justerare"}


OFFICIALS_TABLE = """Protokoll
Fritidsnämnden
Hallvik kommun
Datum: 2023-09-19
Plats: Kommunhuset, sal Måsen

Närvarande
Namn                          Parti   Funktion
Stina Lövgren                 C       Ordförande
Kasper Hed                    S       Ledamot

Övriga närvarande
Namn                          Befattning
Rikard Wessel                 Fritidschef
Lea Granqvist                 Nämndsekreterare

Justerare: Kasper Hed
"""


def test_officials_table_head_is_no_person():
    found = people(OFFICIALS_TABLE)
    assert set(found) == {"Stina Lövgren", "Kasper Hed", "Rikard Wessel", "Lea Granqvist"}
    assert found["Rikard Wessel"][1] == {"fritidschef"}


def test_flattened_signature_labels_stand_before_their_names():
    text = FLAT_NOT_SERVING.replace(
        "Utses att justera Kerstin Bolander (C)\n",
        "Utses att justera Kerstin Bolander (C) Underskrifter Sekreterare Vilma Edgren Ordförande "
        "Arvid Sörling Justerande Kerstin Bolander\n",
    )
    found = people(text)
    assert found["Vilma Edgren"][1] == {"sekreterare"}


SIGNATURE_BLOCK = """BJÖRKVÅGA KOMMUN                    SAMMANTRÄDESPROTOKOLL             1 (3)
Tekniska nämnden                    Sammanträdesdatum
                                    2018-03-14

Plats och tid         Tekniska kontoret, kl. 15.00–17.10

Beslutande            Ledamöter
                      Rune Falkeby (S), ordförande
                      Olivia Strömgren (M)
                      Dag Hellqvist (C)

Övriga närvarande     Sixten Malmborg, teknisk chef
                      Agnes Ylinen, nämndsekreterare

Utses att justera     Olivia Strömgren (M)

Underskrifter         Sekreterare  .................................
                                   Agnes Ylinen
                      Ordförande   .................................
                                   Rune Falkeby
                      Justerande   .................................
                                   Olivia Strömgren

§ 14                                                   Dnr TN 2018/0042
Fastställande av dagordning
"""


def test_signature_block_names_under_their_labels():
    found = people(SIGNATURE_BLOCK)
    assert found["Agnes Ylinen"][1] == {"nämndsekreterare", "sekreterare"}
    assert "justerare" in found["Olivia Strömgren"][1]
    assert "justerare" not in found["Rune Falkeby"][1]


NESTED_LABEL = SIGNATURE_BLOCK.replace(
    "Övriga närvarande     Sixten Malmborg, teknisk chef",
    "Övriga deltagande     Ersättare: Linnea Borg (S), Harald K. Vinge (M)\n"
    "                      Tjänstemän: Sixten Malmborg, teknisk chef",
)


def test_label_inside_another_labels_column():
    found = people(NESTED_LABEL)
    assert found["Linnea Borg"] == ("S", {"ersättare"})
    assert found["Harald K. Vinge"] == ("M", {"ersättare"})


def test_attendance_rows_with_the_party_in_a_cell_of_its_own():
    # a table's text layer without a head row: name, party and role set off by tabs or runs
    # of spaces; a name the grammar doubts alone ("Berg" is a word) is read beside its party
    from graf.sources import source_from_text
    from graf.structure import parse
    text = ("Protokoll\nKulturnämnden\nSammanträdesdatum 2032-05-04\n\nNärvarande ledamöter\n"
            "Helena Strand\tS\tordförande\nPer Lövgren    M    vice ordförande\nCecilia Berg\tL\n\n"
            "Tjänstgörande ersättare\nDavid Ström\tSD\n\n§ 1 Val av justerare\nPer Lövgren (M) utses att justera.\n")
    got = {(a.person.name, a.person.party, a.role) for a in parse(source_from_text(text)).attendance}
    assert {("Helena Strand", "S", "ordförande"), ("Per Lövgren", "M", "vice ordförande"),
            ("Cecilia Berg", "L", "ledamot"), ("David Ström", "SD", "tjänstgörande ersättare")} <= got


# The members listed only in an appendix that is also the voting list ("Beslutande: se
# bilaga"): a table with the party in its own column, the office in the name's cell.
APPENDIX_ATTENDANCE = """SAMMANTRÄDESPROTOKOLL
Kommunfullmäktige                                  Sammanträdesdatum 2032-02-20

Beslutande           Se bilaga 1, närvaro- och voteringslista

Övriga deltagande    Kajsa Ohlin, kommunsekreterare

Utses att justera    Tim Rask (S)

KF § 8                                          Dnr KS 2032-004
Budget 2033
Fullmäktige antar budgeten.

KF § 9                                          Dnr KS 2032-012
Taxa för bygglov
Fullmäktige antar taxan.

Bilaga 1
NÄRVARO- OCH VOTERINGSLISTA  Kommunfullmäktige 2032-02-20

                                              Votering § 8
Ledamöter                          Parti      Ja    Nej   Avstår
Lena Dahlberg, ordförande          S          X
Kurt Ahlgren, 1:e vice ordförande  M                X
Tim Rask                           S          X
Ulla Fors                          C          X

Tjänstgörande ersättare
Berit Sand för Ulla Fors           C          X

Summa                                         3     1     0
"""


def test_members_listed_only_in_the_appended_voting_list():
    from graf.sources import source_from_text
    from graf.structure import parse
    paper = parse(source_from_text(APPENDIX_ATTENDANCE))
    got = {(a.person.name, a.person.party, a.role) for a in paper.attendance}
    assert {("Lena Dahlberg", "S", "ordförande"), ("Kurt Ahlgren", "M", "1:e vice ordförande"),
            ("Tim Rask", "S", "ledamot"), ("Ulla Fors", "C", "ledamot")} <= got
    # the appendix is no part of the last §: no vote is read there
    assert not paper.items[-1].votes


def test_titles_with_their_first_part_and_another_bodys_chair():
    from graf.nlp.components.persons import _title_before
    for printed, want in [("Teknisk chef ", "teknisk chef"), ("Hälso- och sjukvårdsdirektör ", "hälso- och sjukvårdsdirektör"),
                          ("Medicinskt ansvarig sjuksköterska ", "medicinskt ansvarig sjuksköterska"),
                          ("kommunstyrelsens ordförande ", None), ("nämndens ordförande ", "ordförande")]:
        assert _title_before(printed, len(printed)) == want


def test_tjg_for_names_whom_the_substitute_serves_for():
    from graf.structure.attendance import attendance_line
    line = "Irma Lund (S), tjg för Per Ek"
    got = [(a.person.name, a.role, a.replaces.name if a.replaces else None) for a in attendance_line(line, 0, len(line), "ersättare", False)]
    assert ("Irma Lund", "tjänstgörande ersättare", "Per Ek") in got


def test_an_officials_title_with_its_first_part_in_an_attendance_list():
    from graf.structure.attendance import _title_before, _title_in
    for printed, want in [("Teknisk chef ", "teknisk chef"), ("Hälso- och sjukvårdsdirektör ", "hälso- och sjukvårdsdirektör"),
                          ("samt sekreterare ", "sekreterare")]:
        assert (_title_before(printed + "X", 0, len(printed)) or "").lower() == want
    assert _title_in(", hälso- och sjukvårdsdirektör") .lower() == "hälso- och sjukvårdsdirektör"
    from graf.nlp.components.persons import _title_after
    assert _title_after(", teknisk chef, tfn 123", 0) == "teknisk chef"


def test_justerare_appointed_beside_the_named_chair():
    from graf.structure.attendance import justering_sentences
    t = "Ola Berg (S) och Siv Ek (M) utses att jämte ordföranden Kim Nord (KD) justera protokollet."
    assert [(a.person.name, a.role) for a in justering_sentences(t)] == [("Ola Berg", "justerare"), ("Siv Ek", "justerare")]


def test_run_together_signature_row_and_a_substitute_who_does_not_serve():
    from graf.structure.attendance import _bare_name, attendance_line
    row = "Lena Dahl Ordförande Olof Berg Justerande Siri Ek"
    assert [p.name for p in _bare_name(row, 0, len(row))] == ["Lena Dahl"]
    line = "Övriga deltagande Maria Lund (kd) ej tjg ers Per Eng, kommunchef"
    got = [(a.person.name, a.role) for a in attendance_line(line, line.index("Maria"), len(line), "official", False)]
    assert got == [("Maria Lund", "ersättare"), ("Per Eng", "kommunchef")]
