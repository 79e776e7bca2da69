"""Item numbering, registry numbers on the § line and the meeting header in layouts of
other publishing systems: agenda numbers behind a printed label ("Punkt 3"), sub-items
("7.1", "3 b."), odd registry numbers after the § number, unnumbered web items, and meeting
bodies named with their district, municipality or as a förbund's Direktion.

Every paper below is invented: the municipalities, people, cases and numbers are made up."""

from __future__ import annotations

from graf.sources import source_from_text
from graf.structure import parse


def _parse(text: str):
    return parse(source_from_text(text))


def _numbers(paper) -> list[str]:
    return [it.number for it in paper.items]


def _dnr(paper, number: str) -> set[str]:
    return {d.value for it in paper.items if it.number == number for d in it.dnr}


# --------------------------------------------------------------------------- labelled numbers

_LABELLED = """Tallmora kulturnämnd

Föredragningslista
Sammanträde onsdagen den 9 oktober 2024 kl. 17.00
Lokal: Biblioteket, Lilla salen

Punkt 1   Mötets öppnande
Punkt 2   Val av protokolljusterare
Punkt 3   Bidrag till studieförbund 2025
          Dnr KUN 2024/311
Punkt 4   Konstinköp till nya simhallen
          Dnr KUN 2024/298
Punkt 5   Övriga frågor

Välkomna!
"""


def test_agenda_numbers_behind_a_printed_label_are_items():
    paper = _parse(_LABELLED)
    assert paper.kind == "dagordning"
    assert _numbers(paper) == ["1", "2", "3", "4", "5"]
    titles = {it.number: it.title for it in paper.items}
    assert titles["3"] == "Bidrag till studieförbund 2025"
    assert _dnr(paper, "3") == {"KUN 2024/311"}
    assert _dnr(paper, "4") == {"KUN 2024/298"}


def test_a_label_on_one_or_two_lines_only_is_no_list_layout():
    # "Bilaga 1" twice at the foot is no numbering of the agenda's items
    text = """Föredragningslista
Kulturnämnden

1. Mötets öppnande
2. Val av justerare
3. Budget 2025
4. Övriga frågor

Bilaga 1 Budgetförslag
Bilaga 2 Lokalplan
"""
    paper = _parse(text)
    assert _numbers(paper) == ["1", "2", "3", "4"]


# --------------------------------------------------------------------------- sub-items

_SUBITEMS = """ÅSBERGA KOMMUN                                     KALLELSE
Tekniska nämnden                                   2024-05-02

Tid: torsdagen den 16 maj 2024 kl. 13.00
Plats: Stadshuset, rum Ugglan

1.   Upprop
2.   Val av justerare
3.   Investeringar
3.1  Ny gång- och cykelbro över Åsån
     Dnr TN 2024/0102
3.2  Upprustning av hamnplanen
     Dnr TN 2024/0140
4.   Renhållningstaxa 2025
     Dnr TN 2024/0077
5.   Delegationsbeslut
"""


def test_decimal_sub_items_are_items_of_their_own_with_their_own_dnr():
    paper = _parse(_SUBITEMS)
    assert _numbers(paper) == ["1", "2", "3", "3.1", "3.2", "4", "5"]
    assert _dnr(paper, "3") == set()
    assert _dnr(paper, "3.1") == {"TN 2024/0102"}
    assert _dnr(paper, "3.2") == {"TN 2024/0140"}
    titles = {it.number: it.title for it in paper.items}
    assert titles["3.2"] == "Upprustning av hamnplanen"


def test_letter_sub_items_are_numbered_as_printed():
    text = """Ärendelista
Miljönämnden 2024-09-17

1. Sammanträdets öppnande
2. Val av justerare
3. Yttranden
3 a. Remiss: Vattenplan för Norrån
   MN/2024:41
3 b. Remiss: Översiktsplan för Åsberga
   MN/2024:57
4. Delegationsbeslut
"""
    paper = _parse(text)
    assert _numbers(paper) == ["1", "2", "3", "3 a", "3 b", "4"]
    assert _dnr(paper, "3 b") == {"MN 2024/57"}
    assert _dnr(paper, "3") == set()


def test_a_decimal_in_running_text_of_an_item_is_no_sub_item():
    # "2.5 Miljoner" under item 4 neither continues item 4's numbering nor starts one
    text = """Föredragningslista
Kulturnämnden

1. Mötets öppnande
2. Val av justerare
3. Budget 2025
   Ramen höjs med
2.5 Miljoner kronor enligt förslaget.
4. Övriga frågor
"""
    paper = _parse(text)
    assert _numbers(paper) == ["1", "2", "3", "4"]


# --------------------------------------------------------------------------- registry numbers on the § line

def _protokoll(*heads: str) -> str:
    body = "\n\n".join(h + "\n\nBeslut\n\nNämnden godkänner förslaget.\n" for h in heads)
    return ("Protokoll\nTekniska nämnden\nSammanträdesdatum 2021-03-04\n\nJusterare: Anna Berg\n\n" + body)


def test_registry_numbers_on_the_para_line_in_unfamiliar_shapes():
    paper = _parse(_protokoll(
        "§ 12   MBN 2019-001234\nTillsyn av förskolegårdar",
        "§ 13  Dnr SBN 2020.0412\nDetaljplan för Kvarnbacken",
        "§ 14  Budget 2021                                        TN.2021.0456",
        "§ 15  Lokalbehov i Berga skola                           Dnr 2021:0456",
        "§ 16  Samråd om Kvarnbacken\tKS 2021-0456",
    ))
    got = {it.number: (it.title, sorted(d.value for d in it.dnr)) for it in paper.items}
    assert got == {
        "12": ("Tillsyn av förskolegårdar", ["MBN 2019-001234"]),
        "13": ("Detaljplan för Kvarnbacken", ["SBN 2020.0412"]),
        "14": ("Budget 2021", ["TN.2021.0456"]),
        "15": ("Lokalbehov i Berga skola", ["2021:0456"]),
        "16": ("Samråd om Kvarnbacken", ["KS 2021-0456"]),
    }


def test_a_title_with_years_on_the_para_line_is_no_registry_number():
    paper = _parse(_protokoll("§ 24   Bostäder 2021-2025", "§ 25   Ny skola i Berga 2021", "§ 26  Taxor 2022"))
    got = {it.number: (it.title, [d.value for d in it.dnr]) for it in paper.items}
    assert got == {"24": ("Bostäder 2021-2025", []), "25": ("Ny skola i Berga 2021", []), "26": ("Taxor 2022", [])}


def test_para_number_with_the_year_gives_no_title_of_the_year():
    paper = _parse(_protokoll("§ 63/21   KS 2021/388\nUtbyggnad av fibernät", "§ 64/21\nTaxor för slamtömning"))
    got = {it.number: (it.title, [d.value for d in it.dnr]) for it in paper.items}
    assert got == {"63": ("Utbyggnad av fibernät", ["KS 2021/388"]), "64": ("Taxor för slamtömning", [])}


# --------------------------------------------------------------------------- meeting header

_SECTION = "\n\n§ 5   Val av justerare\n\nBeslut\n\nNämnden utser Eva Ahl att justera.\n\n§ 6   Taxor 2022\n\nBeslut\n\nNämnden antar taxorna.\n"


def test_district_body_named_in_prose_keeps_its_district():
    paper = _parse("Göteborgs Stad, protokoll 4 (2019)\n\n"
                   "Protokoll från sammanträde med stadsdelsnämnden Östra Lunden\n\n"
                   "Sammanträdesdatum: 2019-04-09\n\nJusterare: Eva Ahl" + _SECTION)
    assert paper.kind == "protokoll"
    assert paper.meeting.body == "Stadsdelsnämnden Östra Lunden"


def test_district_body_on_a_title_line_with_a_one_word_district():
    paper = _parse("Trästad\nStadsområdesnämnd Norr\n                          Protokollsutdrag\n"
                   "                          Sammanträdesdatum 2019-04-09" + _SECTION)
    assert paper.kind == "protokoll"
    assert paper.meeting.body == "Stadsområdesnämnd Norr"
    assert paper.meeting.date.isoformat() == "2019-04-09"


def test_a_kommunalforbund_board_is_its_direktion():
    paper = _parse("VATTENFÖRBUNDET NORRA SJÖBYGDEN\nDirektionen\n\nPROTOKOLL 2/2021\n"
                   "Datum: 2021-05-06, kl. 09.00–11.00\n\nJusterare: Eva Ahl" + _SECTION)
    assert paper.meeting.body == "Direktionen"


def test_the_municipality_after_the_body_is_no_part_of_its_name():
    paper = _parse("Sammanträdesprotokoll                     Sida 1 av 3\nMiljönämnden i Åsberga kommun\n"
                   "Sammanträdesdag 2019-04-09\n\nJusterare: Eva Ahl" + _SECTION)
    assert paper.meeting.body == "Miljönämnden"


def test_body_in_a_header_whose_line_breaks_were_lost():
    paper = _parse("ÅSBERGA KOMMUN SAMMANTRÄDESPROTOKOLL Kultur- och fritidsnämnden Sammanträdesdatum "
                   "2019-04-09 Sida 1 (3) Plats och tid Kulturhuset kl. 18.00 Utses att justera Eva Ahl (S) "
                   "§ 5 Val av justerare Beslut Nämnden utser Eva Ahl att justera. § 6 Taxor 2022 Beslut "
                   "Nämnden antar taxorna. § 7 Övriga frågor Beslut Inga frågor.")
    assert paper.meeting.body == "Kultur- och fritidsnämnden"


def test_meeting_date_on_a_web_agenda_title_line():
    text = """Åsberga kommun - Möten och handlingar
Miljönämnden 2024-09-17
Tid 13:30
Plats Miljöförvaltningen, sal Rönnen

Ärendelista

1. Sammanträdets öppnande
2. Val av justerare
3. Delegationsbeslut
"""
    paper = _parse(text)
    assert paper.kind == "dagordning"
    assert paper.meeting.body == "Miljönämnden"
    assert paper.meeting.date.isoformat() == "2024-09-17"


# --------------------------------------------------------------------------- unnumbered item

def test_a_web_protokoll_of_one_unnumbered_arende_gives_one_item_at_list_position_one():
    text = """Du är här: Start > Åsberga kommun > Södra stadsdelsnämnden > Sammanträde 2019-05-14
Förhinder anmäls till nämndsekreteraren Lova Ek.
Anmäldes att nämndens protokoll från sammanträdet den 9 april justerades den 16 april 2019.
Dnr 2019-118-1.4.2.
Förelåg förvaltningens tjänsteutlåtande 2019-04-30 med förslag till svar på medborgarförslag om parkbänkar vid Ekdalsdammen.
Stadsdelsnämndens beslut
1. Nämnden godkänner förvaltningens tjänsteutlåtande som svar på medborgarförslaget.
2. Nämnden överlämnar ärendet till trafiknämnden.
Särskilt uttalande avgavs av Kim Sandell m fl (M) och Lisa Ohde (C) enligt följande; vi välkomnar förslaget.
"""
    paper = _parse(text)
    assert len(paper.items) == 1
    item = paper.items[0]
    assert (item.number, item.number_printed) == ("1", False)
    assert [d.value for d in item.dnr] == ["2019-118-1.4.2"]
    assert len(item.decisions) == 2
    assert {p.name for s in item.statements for p in s.by} == {"Kim Sandell", "Lisa Ohde"}
    # no heading: the matter the "Förelåg ..." sentence names is the item's title
    assert item.title == "medborgarförslag om parkbänkar vid Ekdalsdammen"


def test_the_matter_of_an_unnumbered_arende_is_read_from_what_lay_before_the_meeting():
    text = """Sammanträde 2020-02-11 > Norra stadsdelsnämnden
Dnr 2020-031-1.5.
Förelåg förvaltningens tjänsteutlåtande 2020-01-28 angående lokalbehov för förskolan i Tallbacken.
Stadsdelsnämndens beslut
Nämnden godkänner tjänsteutlåtandet.
"""
    item = _parse(text).items[0]
    assert item.title == "lokalbehov för förskolan i Tallbacken"


def test_a_paper_without_a_decision_heading_gets_no_unnumbered_item():
    text = """Du är här: Start > Åsberga kommun > Södra stadsdelsnämnden > Sammanträde 2019-05-14
Förhinder anmäls till nämndsekreteraren Lova Ek.
Dnr 2019-118-1.4.2.
Förvaltningen informerar om parkbänkar vid Ekdalsdammen.
"""
    assert _parse(text).items == ()


def test_titles_where_line_breaks_were_lost_end_at_the_first_section_heading():
    text = ("ÅSBERGA KOMMUN SAMMANTRÄDESPROTOKOLL Tekniska nämnden Sammanträdesdatum 2021-02-03 "
            "Utses att justera Eva Ahl (S)\n"
            "§ 12 Dnr TN 2021/014\nNy belysning i Ekparken Ärendebeskrivning Enligt planen ska parken få "
            "ny belysning. Beslut Nämnden godkänner planen.\n"
            "§ 13 Dnr TN 2021/020\nDelegationsbeslut januari 2021 Beslut Redovisningen godkänns.\n"
            "§ 14 Dnr TN 2021/022\nVinterväghållning Förvaltningen redovisar läget. Beslut Informationen noteras.\n")
    paper = _parse(text)
    titles = {it.number: it.title for it in paper.items}
    # no section heading within a title's length: no title rather than a sentence as title
    assert titles == {"12": "Ny belysning i Ekparken", "13": "Delegationsbeslut januari 2021", "14": None}
