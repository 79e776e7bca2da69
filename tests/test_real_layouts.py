"""Section heads, agenda lists, page furniture, lost line breaks and meeting headers in the
shapes Swedish municipalities print them.

Every paper below is invented (invented municipality "Norrvik", people, cases and numbers); each
copies only the *shape* of a layout found in real protocols and agendas of several
municipalities and templates: PDF protocols with a table of contents before the § bodies and
a page header on every page, "§ 8  2025.031 TN" with the title on the next line, body
abbreviations before the number ("KS § 41", "Ks 41"), agendas that start at any number and
carry sub-numbers and group headings, web-converted papers whose line breaks are lost, and
title-page headers. Each test states what a correct parse must give.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from graf.sources import source_from_text
from graf.structure import parse


def parsed(text: str):
    return parse(source_from_text(text))


def by_number(paper):
    return {it.number: it for it in paper.items}


def dnr_key(value: str) -> frozenset[str]:
    """Letter and digit runs of a registry number ("2025.031 TN" ~ "TN 2025/31")."""
    runs = re.findall(r"[A-Za-zÅÄÖåäö]+|\d+", value)
    return frozenset(r.upper() if not r.isdigit() else str(int(r)) for r in runs)


def own_keys(item) -> set[frozenset[str]]:
    return {dnr_key(d.value) for d in item.dnr if d.role == "own"}


def item_text(paper, item) -> str:
    return paper.source.text[item.span.start : item.span.end]


# --------------------------------------------------------------------------- PDF protocol
# Title page, a table of contents, one § per page with the page header repeated on every
# page; the registry number stands on the § line and the title on the line below it.

_PAGE_HEAD = """Tekniska nämnden
Protokoll

2025-03-11

    Utdragsbestyrkande

"""

def _pdf_lines(text: str) -> str:
    """PDF text layers end most lines with a space; the parser must not care."""
    return "\n".join(line + " " if line else line for line in text.split("\n"))


PDF_PROTOCOL = _pdf_lines(
    """

Tekniska
nämnden
Protokoll

2025-03-11

    Utdragsbestyrkande

Plats och tid Stadshuset, Norrvik Paragrafer §§7-10
 kl. 13:00-15:10

Beslutande  Lisa Holmqvist (C) (ordförande)
Erik Bladh (S)
Sara Öhman (M)

Utses att justera Erik Bladh

Sekreterare
 Petra Lund

1

"""
    + _PAGE_HEAD
    + """§ 7 Information från förvaltningen
§ 8 Taxa för gatuparkering 2026
§ 9
Ombyggnad av gång- och cykelväg längs
Kvarnbäcken
§ 10 Anmälda delegationsbeslut

2

"""
    + _PAGE_HEAD
    + """§ 7
Information från förvaltningen
Ärendebeskrivning
Förvaltningschefen informerar om vinterväghållningen.

3

"""
    + _PAGE_HEAD
    + """§ 8  2025.031 TN
Taxa för gatuparkering 2026
Ärendebeskrivning
Taxan för gatuparkering har inte ändrats sedan nämnden beslutade den 2 maj 2019, §
41 om den. Kommunfullmäktige antog riktlinjerna den 4 juni 2020,
§112). Förvaltningen föreslår en höjning med tio procent.
4

"""
    + _PAGE_HEAD
    + """Beslut
Taxan för gatuparkering fastställs enligt förvaltningens förslag.
Justerandes sign   Utdragsbestyrkande   Sida 5 av 7

Beslutsunderlag
• §12 TNAU Taxa för gatuparkering 2026
5

"""
    + _PAGE_HEAD
    + """§ 9  2024.412 TN
Ombyggnad av gång- och cykelväg längs
Kvarnbäcken
Ärendebeskrivning
Gång- och cykelvägen är för smal för dagens trafik.
Beslut
Förvaltningen får i uppdrag att projektera ombyggnaden.
6

"""
    + _PAGE_HEAD
    + """§10
Anmälda delegationsbeslut
Anmälningar
• 2025.007 TN-012  Delegationsbeslut om parkeringstillstånd, februari
• 2025.007 TN-013  Delegationsbeslut om schakttillstånd, februari
Beslut
Redovisningen läggs till handlingarna.
7
"""
)


def test_toc_does_not_swallow_the_paragraph_bodies():
    paper = parsed(PDF_PROTOCOL)
    assert paper.kind == "protokoll"
    assert [it.number for it in paper.items] == ["7", "8", "9", "10"]
    # each § is its body, not its line in the table of contents
    items = by_number(paper)
    assert "vinterväghållningen" in item_text(paper, items["7"])
    assert "tio procent" in item_text(paper, items["8"])


def test_registry_number_on_the_paragraph_line_title_below():
    items = by_number(parsed(PDF_PROTOCOL))
    assert items["8"].title == "Taxa för gatuparkering 2026"
    assert items["9"].title == "Ombyggnad av gång- och cykelväg längs Kvarnbäcken"
    assert items["10"].title == "Anmälda delegationsbeslut"
    assert own_keys(items["8"]) == {dnr_key("2025.031 TN")}
    assert own_keys(items["9"]) == {dnr_key("2024.412 TN")}
    # the numbers of documents listed under "Anmälningar" are not the paragraph's own
    assert own_keys(items["7"]) == set() and own_keys(items["10"]) == set()
    assert any("TN-012" in d.value for d in items["10"].dnr)


def test_page_furniture_neither_splits_nor_ends_a_paragraph():
    paper = parsed(PDF_PROTOCOL)
    items = by_number(paper)
    # § 8 runs over a page break: its decision is on the next page
    assert "fastställs enligt förvaltningens förslag" in item_text(paper, items["8"])
    assert items["8"].decisions and "fastställs" in items["8"].decisions[0].text
    # a § reference wrapped to the start of a line ("§112).") is no paragraph
    assert "112" not in by_number(paper)
    # the summary of § 7 ends with its text, not with the page number and the next page's header
    summary = paper.source.text[items["7"].summary_span.start : items["7"].summary_span.end]
    assert summary.rstrip().endswith("vinterväghållningen.")


def test_title_page_header_body_date_place_range():
    m = parsed(PDF_PROTOCOL).meeting
    assert m.body == "Tekniska nämnden"
    assert m.date == dt.date(2025, 3, 11)
    assert m.place == "Stadshuset, Norrvik"
    assert m.paragraph_range == "§§7-10"


def test_body_name_broken_over_title_page_lines():
    text = PDF_PROTOCOL.replace("Tekniska \nnämnden \n", "Kultur- och \nfritidsnämnden \n", 1)
    assert parsed(text).meeting.body == "Kultur- och fritidsnämnden"


# --------------------------------------------------------------------------- § head shapes

PREFIXED = """KOMMUNSTYRELSEN   SAMMANTRÄDESPROTOKOLL
Sammanträdesdatum 2024-02-13

Plats och tid: Kommunhuset, Norrvik, kl. 09.00-11.30
Paragrafer: §§ 41–43

Beslutande
Ann Rask (S), ordförande
Per Ulfsson (M)

KS § 41    Dnr KS 2024/17
Årsredovisning för Norrviks kommun 2023

Kommunstyrelsens beslut
Årsredovisningen godkänns.

KS § 42    Dnr KS 2024/22
Motion om fler laddstolpar

Kommunstyrelsens beslut
Motionen bifalls.

KS § 43
Information om vinterns snöröjning

Kommunstyrelsen noterar informationen.
"""


def test_body_abbreviation_before_the_sign():
    paper = parsed(PREFIXED)
    assert [it.number for it in paper.items] == ["41", "42", "43"]
    items = by_number(paper)
    assert items["41"].title == "Årsredovisning för Norrviks kommun 2023"
    assert [d.value for d in items["41"].dnr if d.role == "own"] == ["KS 2024/17"]
    assert [d.value for d in items["42"].dnr if d.role == "own"] == ["KS 2024/22"]
    assert items["43"].title == "Information om vinterns snöröjning"
    assert paper.meeting.body == "Kommunstyrelsen"
    assert paper.meeting.date == dt.date(2024, 2, 13)
    assert paper.meeting.paragraph_range == "§§ 41–43"


def test_abbreviation_and_number_without_the_sign():
    text = re.sub(r"KS § (\d+)", r"Ks \1", PREFIXED)
    paper = parsed(text)
    assert [it.number for it in paper.items] == ["41", "42", "43"]
    assert by_number(paper)["42"].title == "Motion om fler laddstolpar"


def test_paragraph_number_with_year():
    text = """Socialnämnden  Sammanträdesprotokoll
Sammanträdesdatum 2020-09-22

Beslutande
Eva Dahl (S), ordförande

§ 63/20 Budgetuppföljning augusti

Nämnden godkänner uppföljningen.

§ 64/20 Riktlinjer för ekonomiskt bistånd

Nämnden antar riktlinjerna.
"""
    paper = parsed(text)
    assert [it.number for it in paper.items] == ["63", "64"]
    assert by_number(paper)["63"].title == "Budgetuppföljning augusti"
    assert by_number(paper)["64"].title == "Riktlinjer för ekonomiskt bistånd"


# --------------------------------------------------------------------------- agenda lists

AGENDA = """Kallelse/föredragningslista
Omsorgsnämnden
Sammanträde 2013-04-16

Datum
Klockan
16:00
Plats
Norrviks stadshus, sal 3

4 Val av justerare

5 Fastställande av dagordning

BESLUTSÄRENDEN:

7 Budgetuppföljning mars 2013

Dnr 301-112/2013
Handläggare: Karin Berglund Tel. 08-555 12 34

Omedelbar justering

7 ½ Ny lokal för dagverksamhet. Återremitterat ärende

8 Yttrande över motion om parkbänkar vid äldreboenden

Remiss från kommunstyrelsen, dnr 325-88/2013, för yttrande senast 2013-05-02
Dnr 301-140/2013
Handläggare: Olle Strand Tel. 08-555 12 40

Bordlagt 2013-03-19

12 A Avtal om matdistribution

12 B Avtal om trygghetslarm

Anmälningsärenden

13 a) Anmälan av delegationsbeslut

b) Anmälan av protokoll från pensionärsrådet

c) Anmälan av inkomna skrivelser
"""


def test_agenda_starting_late_with_skips_and_sub_numbers():
    paper = parsed(AGENDA)
    assert paper.kind == "dagordning"
    assert [it.number for it in paper.items] == ["4", "5", "7", "7 ½", "8", "12 A", "12 B", "13 a", "13 b", "13 c"]
    items = by_number(paper)
    assert items["7 ½"].title == "Ny lokal för dagverksamhet. Återremitterat ärende"
    assert items["12 B"].title == "Avtal om trygghetslarm"
    assert items["13 b"].title == "Anmälan av protokoll från pensionärsrådet"


def test_agenda_lines_after_an_item_are_neither_items_nor_titles():
    items = by_number(parsed(AGENDA))
    titles = " ".join(it.title or "" for it in items.values())
    for word in ("BESLUTSÄRENDEN", "Handläggare", "Omedelbar justering", "Bordlagt", "Anmälningsärenden"):
        assert word not in titles
    assert items["7"].title == "Budgetuppföljning mars 2013"
    assert [d.value for d in items["7"].dnr] == ["301-112/2013"]
    assert {d.value for d in items["8"].dnr} == {"325-88/2013", "301-140/2013"}
    assert {d.value: d.role for d in items["8"].dnr}["325-88/2013"] == "referring"
    assert not items["7 ½"].dnr and not items["12 A"].dnr


def test_agenda_place_under_its_label():
    assert parsed(AGENDA).meeting.place == "Norrviks stadshus, sal 3"


def test_agenda_meeting_from_breadcrumb():
    # the agenda names another body (a stadsdelsnämnd) in a title: the breadcrumb names the meeting's
    text = ("Du är här: Hem > Norrviks kommun > Omsorgsnämnden > Sammanträde 2013-04-16\n\n"
            + AGENDA.split("\n", 3)[3] + "\n14 Granskning av hemtjänsten i Västby stadsdelsnämnd\n")
    m = parsed(text).meeting
    assert m.body == "Omsorgsnämnden"
    assert m.date == dt.date(2013, 4, 16)


# --------------------------------------------------------------------------- lost line breaks

FLAT_PROTOCOL = (
    "Sammanträdesprotokoll Miljö- och hälsoskyddsnämnden\n\n"
    "1 Miljö- och hälsoskyddsnämnden (4) Plats och tid Medborgarhuset, sal B, Måndag den 3 april 2017, "
    "klockan 18.00-20.15 Beslutande Anders Ek (S), ordförande Maja Lind (M) Ove Nyström (V) Utses att "
    "justera Maja Lind (M) Justeringens plats och tid Medborgarhuset den 6 april 2017 Paragrafer 21-23 "
    "Underskrifter Sekreterare Ordförande Justerande ANSLAG/BEVIS Protokollet är justerat.\n"
    "2 Miljö- och hälsoskyddsnämnden (4) MHN 21 Val av justerare Maja Lind (M) utses att justera "
    "protokollet. Dnr MHN 2017/44 MHN 22 Tillsynsplan för 2017 Nämnden antar tillsynsplanen enligt "
    "4 kap. 2 § i förordningen. Ärende Förvaltningen har tagit fram en plan för året. Den omfattar 140 "
    "objekt. Dnr MHN 2017/51 MHN 23 Avgift för provtagning av dricksvatten Nämnden fastställer avgiften "
    "till 900 kronor per prov. Paragrafen justeras omedelbart.\n"
)


def test_lost_line_breaks_paragraphs_from_inline_cues():
    paper = parsed(FLAT_PROTOCOL)
    assert paper.kind == "protokoll"
    assert [it.number for it in paper.items] == ["21", "22", "23"]
    items = by_number(paper)
    assert items["22"].title.startswith("Tillsynsplan för 2017")
    assert [d.value for d in items["22"].dnr if d.role == "own"] == ["MHN 2017/44"]
    assert [d.value for d in items["23"].dnr if d.role == "own"] == ["MHN 2017/51"]
    assert not [d for d in items["21"].dnr if d.role == "own"]


def test_lost_line_breaks_meeting_header():
    paper = parsed(FLAT_PROTOCOL)
    m = paper.meeting
    assert m.body == "Miljö- och hälsoskyddsnämnden"
    assert m.date == dt.date(2017, 4, 3)
    assert (m.place, m.paragraph_range) == ("Medborgarhuset, sal B", "21-23")
    # the attendance labels run together on the line are still read
    roles = {(a.person.name, a.role) for a in paper.attendance}
    assert {("Anders Ek", "ordförande"), ("Maja Lind", "justerare")} <= roles


FLAT_REGISTER = (
    "Register 31 Information från förvaltningschefen 32 Delårsrapport för Norrviks fritidsnämnd 2018 "
    "33 Riktlinjer för föreningsbidrag 34 Anmälan av delegationsbeslut oktober 2018 35 Meddelanden\n"
    "Plats och tid Norrviks bibliotek, Torsdagen den 18 oktober 2018, kl. 17:30 19:10 Beslutande "
    "Lena Ås (S), ordförande Nils Berg (M) Paragrafer 31-35 Utses att justera Nils Berg (M)\n"
)


def test_register_on_one_line_gives_the_items():
    paper = parsed(FLAT_REGISTER)
    assert [it.number for it in paper.items] == ["31", "32", "33", "34", "35"]
    items = by_number(paper)
    assert items["32"].title == "Delårsrapport för Norrviks fritidsnämnd 2018"
    assert items["34"].title == "Anmälan av delegationsbeslut oktober 2018"
    assert items["35"].title == "Meddelanden"
    assert paper.meeting.date == dt.date(2018, 10, 18)


# --------------------------------------------------------------------------- header templates
# Three common shapes of a protocol's first page: a title block in table cells read one per
# line ("Sammanträdesdatum" above the date, "SN § 9" heads), labels with colons and the dnr on
# its own line between the § line and the title, and "Plats och tid" holding place, day and
# time in one field with "MN/2018:309" on the § line.

HEADER_TEMPLATES = {
"ciceron": """Norrviks kommun
Socialnämnden
SAMMANTRÄDESPROTOKOLL
Sammanträdesdatum
2013-02-05
Sida
1(12)

Plats och tid
Kommunhuset, sal Ekbacken, kl 13.00-15.30

Beslutande
Anna Berg (S), ordförande
Olle Ek (M)

Utses att justera
Olle Ek

Justeringens plats och tid
Kommunhuset 2013-02-12

Paragrafer
§§ 9-11

SN § 9    Dnr SN 2013/4
Val av justerare

SN § 10    Dnr SN 2012/301
Riktlinjer för ekonomiskt bistånd
Beslut
Nämnden antar riktlinjerna.

SN § 11
Meddelanden
""",
"meetingsplus": """PROTOKOLL
Sammanträdesdatum: 2019-05-14
Kultur- och fritidsnämnden

Plats och tid: Norrviks bibliotek, kl 18:00-20:10
Beslutande: Eva Lund (S), ordförande, Per Holm (M), Lisa Ek (V)
Justerare: Per Holm (M)
Paragrafer: §§ 31–33

§ 31
KFN 2019/12
Budgetuppföljning april

§ 32
KFN 2019/40
Föreningsbidrag 2020

§ 33
Informationsärenden
""",
"netpublicator": """Justerandes sign

Utdragsbestyrkande

Sammanträdesprotokoll
Miljönämnden
Sammanträdesdatum 2018-03-20

Plats och tid: Stadshuset, Norrvik, tisdagen den 20 mars 2018 kl. 09.00-11.00
Beslutande ledamöter: Ove Nyström (V), ordförande, Sara Dahl (C)

§ 15    MN/2018:309
Tillsynsavgifter 2019

Beslut
Nämnden fastställer avgifterna.

§ 16    MN/2018:311
Remissyttrande över detaljplan för Kvarnbacken
""",
}


@pytest.mark.parametrize(
    "template, body, date, place, numbers",
    [
        ("ciceron", "Socialnämnden", dt.date(2013, 2, 5), "Kommunhuset, sal Ekbacken", ["9", "10", "11"]),
        ("meetingsplus", "Kultur- och fritidsnämnden", dt.date(2019, 5, 14), "Norrviks bibliotek", ["31", "32", "33"]),
        ("netpublicator", "Miljönämnden", dt.date(2018, 3, 20), "Stadshuset, Norrvik", ["15", "16"]),
    ],
)
def test_header_templates(template, body, date, place, numbers):
    paper = parsed(HEADER_TEMPLATES[template])
    assert paper.kind == "protokoll"
    assert (paper.meeting.body, paper.meeting.date, paper.meeting.place) == (body, date, place)
    assert [it.number for it in paper.items] == numbers


def test_dnr_on_its_own_line_between_head_and_title():
    items = by_number(parsed(HEADER_TEMPLATES["meetingsplus"]))
    assert items["31"].title == "Budgetuppföljning april"
    assert [(d.value, d.role) for d in items["32"].dnr] == [("KFN 2019/40", "own")]
    assert items["33"].title == "Informationsärenden" and not items["33"].dnr


def test_office_slash_year_colon_serial_on_the_head_line():
    items = by_number(parsed(HEADER_TEMPLATES["netpublicator"]))
    assert items["15"].title == "Tillsynsavgifter 2019"
    assert own_keys(items["15"]) == {dnr_key("MN/2018:309")}
    assert own_keys(items["16"]) == {dnr_key("MN/2018:311")}


# --------------------------------------------------------------------------- markdown conversion
# A PDF converted to Markdown by a third party: the municipality before the body on the page
# header, a table of contents as a Markdown table, the registry number under the title or
# after it on the title line, "Forts. § 7" at the top of a continuation page, and the decision
# as a bulleted list under "<Body>s beslut".

MARKDOWN_PROTOCOL = """NORRVIKS KOMMUN Barn- och utbildningsnämnden

SAMMANTRÄDESPROTOKOLL 2016-01-26

1 (3)

Plats och tid Rådhuset, kl. 08:15 – 12.15

Beslutande Eva Ek (M) ordförande Per Holm (S)

Utses att justera Per Holm

|**Innehåll**|**§**|**Sida**|
|---|---|---|
|§ 7|Avgiftsnivåer för maxtaxa|2|
|§ 8|Uppdrag om lokalytor i||
||grundskolan|3|

Justerandes sign

Utdragsbestyrkande

NORRVIKS KOMMUN Barn- och utbildningsnämnden

SAMMANTRÄDESPROTOKOLL 2016-01-26

2 (3)

§ 7

## **Avgiftsnivåer för maxtaxa**

Bun/2015:182   690

## **Sammanfattning**

Avgifterna höjs enligt index.

Justerandes sign

Utdragsbestyrkande

NORRVIKS KOMMUN Barn- och utbildningsnämnden

SAMMANTRÄDESPROTOKOLL 2016-01-26

3 (3)

Forts. § 7

## **Barn- och utbildningsnämndens beslut**

- Nya avgiftsnivåer fastställs.

- Förvaltningen informerar vårdnadshavarna om de nya
avgifterna.

§ 8

**Uppdrag om lokalytor i grundskolan** Bun/2015:46   292

## **Sammanfattning**

En översyn av lokalerna.
"""


def test_markdown_conversion_layout():
    paper = parse(source_from_text(MARKDOWN_PROTOCOL, media_type="text/markdown"))
    assert (paper.meeting.body, paper.meeting.date) == ("Barn- och utbildningsnämnden", dt.date(2016, 1, 26))
    assert [it.number for it in paper.items] == ["7", "8"]
    items = by_number(paper)
    assert items["7"].title == "Avgiftsnivåer för maxtaxa"
    assert items["8"].title == "Uppdrag om lokalytor i grundskolan"
    assert own_keys(items["7"]) == {dnr_key("BUN 2015/182")}
    assert own_keys(items["8"]) == {dnr_key("BUN 2015/46")}
    # the decision of § 7 is on its continuation page, as two bullets
    assert [d.text for d in items["7"].decisions] == [
        "Nya avgiftsnivåer fastställs.",
        "Förvaltningen informerar vårdnadshavarna om de nya avgifterna.",
    ]


# A web page whose line breaks were lost: the breadcrumb trail runs on into the agenda, and
# the agenda skips numbers and carries sub-items ("9 A").
FLAT_WEB_AGENDA = (
    "Du är här: Start > Västby kommun > Norra stadsdelsnämnden > Sammanträde 2032-02-10 "
    "Sammanträde 2032-02-10 Datum Klockan 18:00 Plats Medborgarhuset, Bergsalen "
    "1 Val av justerare 2 Fastställande av dagordning 4 Månadsrapport januari 2032 "
    "7 Yttrande till Socialstyrelsen om hemtjänstens tillsyn 9 Parklekarnas öppettider "
    "9 A Fyllnadsval till pensionärsrådet 10 Anmälan av delegationsbeslut\n"
)


def test_lost_line_breaks_web_agenda_with_breadcrumb_skips_and_sub_items():
    paper = parsed(FLAT_WEB_AGENDA)
    # the trail names the meeting's body, not the authority named in an item's title
    assert paper.meeting.body == "Norra stadsdelsnämnden"
    assert paper.meeting.date == dt.date(2032, 2, 10)
    assert [it.number for it in paper.items] == ["1", "2", "4", "7", "9", "9 A", "10"]
    assert by_number(paper)["9 A"].title == "Fyllnadsval till pensionärsrådet"


# A kallelse from a Word/PDF export whose line breaks were lost: "N." item markers, the
# "Tid:" label inline, a registry number printed after each title (and a year inside one).
FLAT_KALLELSE = (
    "Kallelse Tekniska nämnden Tid: 2032-03-09 kl 13.00 Plats: Stadshuset, sal 2 "
    "Föredragningslista 1. Val av justerare 2. Godkännande av dagordning 3. Budgetuppföljning "
    "februari 2032 Dnr TN 2032/41 4. Taxa för båtplatser Dnr TN 2032/17 5. Motion om laddplatser "
    "Dnr TN 2032/9 6. Delegationsbeslut\n"
)


def test_lost_line_breaks_kallelse_with_dotted_numbers():
    paper = parsed(FLAT_KALLELSE)
    assert paper.kind == "dagordning"
    assert (paper.meeting.body, paper.meeting.date) == ("Tekniska nämnden", dt.date(2032, 3, 9))
    items = by_number(paper)
    assert list(items) == ["1", "2", "3", "4", "5", "6"]
    assert items["3"].title == "Budgetuppföljning februari 2032"
    assert {n: [d.value for d in it.dnr] for n, it in items.items() if it.dnr} == {
        "3": ["TN 2032/41"], "4": ["TN 2032/17"], "5": ["TN 2032/9"]}


@pytest.mark.parametrize("body", ["Tekniska nämnden", "Regionfullmäktige", "Direktionen",
                                  "Kommunstyrelsens arbetsutskott", "Socialnämndens individutskott"])
def test_agenda_body_on_its_title_line(body):
    # the title-line reader of the protokoll header also reads agendas: a body named with an
    # adjective, a fullmäktige of a region, a förbund's direktion, a committee's utskott
    text = f"Kallelse\n{body}\nTid: 2032-03-09 kl 13.00\n\nÄrenden\n1. Val av justerare\n2. Delegationsbeslut\n"
    assert parsed(text).meeting.body == body
    protocol = (f"Protokoll\n{body}\nSammanträdesdatum 2032-03-09\n\nBeslutande\nAnna Ek (S), ordförande\n\n"
                "§ 1 Val av justerare\nAnna Ek (S) utses att justera.\n")
    assert parsed(protocol).meeting.body == body


# A document portal's transcript: one line per page, each page opening with its header and
# signature boxes, the paragraphs numbered with the body's abbreviation and no "§".
PAGES_RUN_TOGETHER = (
    "2 (6) BYGGNADSNÄMNDEN Sammanträdesdatum 2031-10-07 Justerandes sign Utdragsbestyrkande "
    "Bn 17 Bygglov för förråd på Tallen 3:2 Nämnden beviljar bygglov. Yrkanden Rut Eng (C) "
    "yrkar bifall till förvaltningens förslag. Olle Sand (S) yrkar avslag.\n"
    "3 (6) BYGGNADSNÄMNDEN Sammanträdesdatum 2031-10-07 Justerandes sign Utdragsbestyrkande "
    "Bn 18 Dnr BN 2031/112 Strandskyddsdispens för brygga Nämnden avslår ansökan. "
    "Olle Sand (S) reserverar sig mot beslutet.\n"
    "4 (6) BYGGNADSNÄMNDEN Sammanträdesdatum 2031-10-07 Justerandes sign Utdragsbestyrkande "
    "Bn 19 Delegationsbeslut Redovisningen läggs till handlingarna.\n"
)


def test_paragraph_heads_after_page_furniture_in_run_together_pages():
    paper = parsed(PAGES_RUN_TOGETHER)
    assert paper.kind == "protokoll"
    items = by_number(paper)
    assert list(items) == ["17", "18", "19"]
    assert items["17"].title == "Bygglov för förråd på Tallen 3:2"
    assert [p.stance for p in items["17"].proposals] == ["bifall", "avslag"]
    assert [d.value for d in items["18"].dnr] == ["BN 2031/112"]
    assert [[q.name for q in r.by] for r in items["18"].reservations] == [["Olle Sand"]]


# Agendas set as tables in a word processor: the columns come out as cells set off by runs of
# spaces, a long title wraps within its column, the registry number has a column of its own.
TABLE_AGENDA = """FÖREDRAGNINGSLISTA
Kultur- och fritidsnämnden 2033-02-07

Nr    Ärende                                         Dnr              Föredragande
1     Val av justerare
2A    Årsbokslut 2032                                KFN 2033.0007    Aino Berg, kulturchef
2B    Internkontroll 2032                            KFN 2033.0008    Aino Berg, kulturchef
3     Bidrag till studieförbunden enligt            KFN 2032.0410    Ville Ek,
      6 § bidragsreglerna                                             handläggare
4     Information
      - Ombyggnad av Sjövallens sporthall

Ärende 3 behandlas först.
"""

TABLE_AGENDA_NUMBERS_IN_TITLES = """Kallelse
Servicenämnden

Ärenden                                                        Beteckning
1.  Val av justerare
2.  Information om lokalförsörjning
    Kl. 13.30 Eva Ruth, lokalstrateg
3.  Försäljning av fastigheten Ängen 4 och
    Ängen 5                                                   SN 2033/0012
4.  Delegationsbeslut                                         SN 2033/0003

Pia Kron                                 Olle Lind
Ordförande                               Sekreterare
"""

SUB_ITEMS_SET_IN = """KALLELSE
Regionfullmäktige

1   Sammanträdet öppnas

2   Anmälan av nya motioner
    a) Motion av Ann Holm (C) om avgiftsfri kollektivtrafik för pensionärer
       (RF 2033/0051)
    b) Motion av Leo Dahl (KD) om hjärtstartare (RF 2033/0057)

3   Årsredovisning 2032 (RF 2033/0020)

4   Yttrande över betänkande (SOU 2032:41)
"""


def test_table_agenda_columns():
    items = by_number(parsed(TABLE_AGENDA))
    assert list(items) == ["1", "2A", "2B", "3", "4"]
    assert items["3"].title == "Bidrag till studieförbunden enligt 6 § bidragsreglerna"
    assert [d.value for d in items["3"].dnr] == ["KFN 2032.0410"]
    assert items["4"].title == "Information"


def test_table_agenda_with_the_numbers_in_the_title_column():
    items = by_number(parsed(TABLE_AGENDA_NUMBERS_IN_TITLES))
    assert list(items) == ["1", "2", "3", "4"]
    assert items["2"].title == "Information om lokalförsörjning"
    assert items["3"].title == "Försäljning av fastigheten Ängen 4 och Ängen 5"
    assert [d.value for d in items["3"].dnr] == ["SN 2033/0012"]
    assert items["4"].title == "Delegationsbeslut"


def test_sub_items_set_in_under_their_item():
    items = by_number(parsed(SUB_ITEMS_SET_IN))
    assert list(items) == ["1", "2", "2 a", "2 b", "3", "4"]
    assert items["2"].title == "Anmälan av nya motioner"
    assert items["2 a"].title == "Motion av Ann Holm (C) om avgiftsfri kollektivtrafik för pensionärer"
    assert [d.value for d in items["2 a"].dnr] == ["RF 2033/0051"]
    assert items["3"].title == "Årsredovisning 2032"
    # a report's number closing a title is part of it
    assert items["4"].title == "Yttrande över betänkande (SOU 2032:41)"


def test_meeting_date_printed_only_in_the_anslag_block():
    # a transcript whose title block left the date field empty prints it, labelled, where the
    # protocol's posting is certified
    text = ("1 (5) SOCIALNÄMNDEN Sammanträdesdatum Plats och tid Stadshuset kl 13.00-15.00 Beslutande "
            "Eva Ek (S) ordf Bo Holm (M) Åsa Lund (S) Per Vik (V) Kim Berg (C) Lars Ahl (KD) Stina Ny (L) "
            "Övriga deltagande Mona Ek, socialchef Ulf Rask, sekreterare Utses att justera Bo Holm "
            "Justeringens plats och tid Socialkontoret Underskrifter Sekreterare Paragrafer Ulf Rask "
            "Ordförande Eva Ek Justerande Bo Holm ANSLAG/BEVIS Protokollet är justerat. Organ Socialnämnden "
            "Sammanträdesdatum 2031-11-04 Datum för anslags uppsättande 2031-11-10\n\n"
            "§ 12 Val av justerare\nBo Holm (M) utses att justera protokollet.\n")
    assert parsed(text).meeting.date == dt.date(2031, 11, 4)
