"""Layouts graf has not seen in the dev set: other municipalities, nämnder, years and
converters (PDF text with page furniture and hyphenation, web agendas, Word tables).

Every paper below is invented (invented people and cases, real statute numbers) in a layout
that real Swedish committee papers use. Each test states what a correct parse must give."""

from __future__ import annotations

import datetime as dt

from graf.grammar.dnr import case_key
from graf.link import link
from graf.nlp import recognise
from graf.sources import source_from_text
from graf.structure import parse


def run(text: str):
    paper = parse(source_from_text(text))
    rec = recognise(paper)
    linked = link(paper, rec)
    return paper, rec, linked


def items_by_number(paper):
    return {it.number: it for it in paper.items}


def roles_of(paper):
    out: dict[str, set[str]] = {}
    for a in paper.attendance:
        out.setdefault(a.person.name, set()).add(a.role)
    return out


def parties_of(paper):
    out: dict[str, str | None] = {}
    for a in paper.attendance:
        if out.get(a.person.name) is None:
            out[a.person.name] = a.person.party
    return out


def proposals(paper):
    return {(it.number, p.name, p.party, pr.stance) for it in paper.items for pr in it.proposals for p in pr.by}


def reservations(paper):
    return {(it.number, p.name, p.party) for it in paper.items for r in it.reservations for p in r.by}


def statements(paper):
    return {(it.number, p.name, s.kind) for it in paper.items for s in it.statements for p in s.by}


def persons(linked):
    return {p.name: p for p in linked.persons}


def districts(linked):
    return {e.key for e in linked.entities if e.kind == "district"}


def laws(linked):
    return {(c.sfs, c.provision) for c in linked.citations if c.kind == "sfs"}


# --------------------------------------------------------------------------- 1. small kommun,
# kommunstyrelse protocol converted from PDF: field block with labels on their own lines,
# lower-case party codes, "ersättare för", page headers and footers between paragraphs,
# "Ks §" paragraph numbers, a hyphenated statute name and a vote.

KS_PDF = """\
KOMMUNSTYRELSEN                SAMMANTRÄDESPROTOKOLL
Norrbäcks kommun               Sammanträdesdatum 2013-02-05        Sida 1 av 4

Plats och tid
Kommunhuset, sammanträdesrum Älgen, kl. 09.00-11.45

Beslutande
Gudrun Falkvall (s), ordförande
Sixten Berglöf (c), vice ordförande
Agneta Lundmark (s)
Torgny Hedqvist (m)
Margit Sandlund (fp)
Håkan Öberg (s), ersättare för Birger Wikström (s)

Övriga deltagande
Lisbeth Ahlgren, kommunchef
Roine Strömqvist, kommunsekreterare

Utses att justera
Torgny Hedqvist

Justeringens plats och tid
Kommunhuset 2013-02-08

Paragrafer
§§ 1-3

Underskrifter
Sekreterare   .............................
              Roine Strömqvist
Ordförande    .............................
              Gudrun Falkvall
Justerande    .............................
              Torgny Hedqvist

KOMMUNSTYRELSEN                SAMMANTRÄDESPROTOKOLL
Norrbäcks kommun               Sammanträdesdatum 2013-02-05        Sida 2 av 4

Ks § 1

Val av protokollsjusterare

Kommunstyrelsen beslutar
att utse Torgny Hedqvist (m) att jämte ordföranden justera protokollet.

Ks § 2          Dnr KS 2012/345

Riktlinjer för ekonomiskt bistånd

Ärendebeskrivning
Socialtjänsten har tagit fram riktlinjer för ekonomiskt bistånd enligt 4 kap. 1 § social-
tjänstlagen (2001:453). Riktlinjerna ska även beakta 2 kap. 1 § kommunallagen (1991:900).

Yrkanden
Agneta Lundmark (s) yrkar bifall till förvaltningens förslag.
Torgny Hedqvist (m) yrkar avslag på förslaget.

Propositionsordning
Ordföranden ställer proposition på yrkandena och finner att kommunstyrelsen bifaller
Agneta Lundmarks yrkande.

Votering begärs och verkställs. Den som bifaller Agneta Lundmarks yrkande röstar ja,
den som bifaller Torgny Hedqvists yrkande röstar nej. Med 4 ja-röster mot 2 nej-röster
beslutar kommunstyrelsen enligt Agneta Lundmarks yrkande.

Kommunstyrelsen beslutar
att anta riktlinjerna.

Reservation
Torgny Hedqvist (m) och Margit Sandlund (fp) reserverar sig mot beslutet.

Justerandes signatur        Utdragsbestyrkande

KOMMUNSTYRELSEN                SAMMANTRÄDESPROTOKOLL
Norrbäcks kommun               Sammanträdesdatum 2013-02-05        Sida 3 av 4

Ks § 3          Dnr KS 2013/12

Informationsärende om Lex Sarah

Kommunchef Lisbeth Ahlgren informerar om en rapport enligt 14 kap. 3 § socialtjänstlagen.

Protokollsanteckning
Margit Sandlund (fp) lät anteckna att frågan bör följas upp.

Justerandes signatur        Utdragsbestyrkande
"""


def test_ks_pdf_layout():
    paper, rec, linked = run(KS_PDF)
    assert paper.kind == "protokoll"
    assert paper.meeting.date == dt.date(2013, 2, 5)
    assert paper.meeting.body and paper.meeting.body.lower() == "kommunstyrelsen"
    items = items_by_number(paper)
    assert list(items) == ["1", "2", "3"]
    assert items["1"].title == "Val av protokollsjusterare"
    assert items["2"].title == "Riktlinjer för ekonomiskt bistånd"
    assert [d.value for d in items["2"].dnr] == ["KS 2012/345"]
    assert items["3"].title == "Informationsärende om Lex Sarah"
    # page furniture is not part of any title or the next item
    assert all("Justerandes" not in (it.title or "") for it in paper.items)
    roles = roles_of(paper)
    assert {"ledamot", "ordförande"} <= roles["Gudrun Falkvall"]
    assert "vice ordförande" in roles["Sixten Berglöf"]
    assert "tjänstgörande ersättare" in roles["Håkan Öberg"]
    assert "ledamot" in roles["Birger Wikström"]
    assert "justerare" in roles["Torgny Hedqvist"]
    assert roles["Lisbeth Ahlgren"] == {"kommunchef"}
    # named as kommunsekreterare among the officials and as sekreterare under Underskrifter
    assert "kommunsekreterare" in roles["Roine Strömqvist"]
    assert not any(n.isupper() or "PROTOKOLL" in n for n in roles)
    parties = parties_of(paper)
    assert parties["Gudrun Falkvall"] == "S"
    assert parties["Margit Sandlund"] == "FP"
    assert proposals(paper) == {("2", "Agneta Lundmark", "S", "bifall"), ("2", "Torgny Hedqvist", "M", "avslag")}
    assert reservations(paper) == {("2", "Torgny Hedqvist", "M"), ("2", "Margit Sandlund", "FP")}
    assert statements(paper) == {("3", "Margit Sandlund", "protokollsanteckning")}
    assert ("2001:453", "K4P1") in laws(linked)
    assert ("1991:900", "K2P1") in laws(linked)
    assert ("2001:453", "K14P3") in laws(linked)
    names = persons(linked)
    assert names["Lisbeth Ahlgren"].party is None
    # genitive forms in prose are the same person, not new ones
    assert not any(n.endswith("s yrkande") or n in ("Agneta Lundmarks", "Torgny Hedqvists") for n in names)


# --------------------------------------------------------------------------- 2. Stockholm
# stadsdelsnämnd 2012 (before the Järva merger): historical district, lower-case party codes,
# "m.fl.", "Stadsdelsnämndens beslut", remiss item with a dotted dnr, särskilt uttalande.

SDN_2012 = """\
PROTOKOLL NR 3/2012
fört vid Spånga-Tensta stadsdelsnämnds sammanträde torsdagen den 22 mars 2012 kl. 18.30-20.05 i Tensta Träff, Hagstråket 13

Närvarande ledamöter
Ragnhild Åkerman (fp), ordförande
Kennet Lindblad (m), vice ordförande
Folke Nyqvist (s)
Solveig Ramström (v)
Evert Malmsjö (mp)
Leontyne Abrahamsson (s) tjänstgörande ersättare för Ingemar Sahlin (s)

Ersättare
Agneta Brink (kd)
Håkan Sjödin (s)

Övriga närvarande
Stadsdelsdirektör Lars-Göran Wessel, avdelningschef Birgitta Öhman

Justerare: Folke Nyqvist
Justeringsdag: 2012-03-29

§ 1
Val av justerare och tid för justering
Ordföranden utsåg Folke Nyqvist (s) att jämte ordföranden justera protokollet.

§ 2
Program för stadens äldreomsorg
Svar på remiss från kommunstyrelsen
Dnr 1.6-0463/2011

Stadsdelsnämndens beslut
1. Stadsdelsnämnden överlämnar tjänsteutlåtandet som svar på remissen.

Förvaltningens förslag till beslut
Förvaltningen föreslår att nämnden överlämnar tjänsteutlåtandet som svar på remissen.

Ärendet
Remissen rör äldreomsorgen i Spånga-Tensta och Rinkeby-Kista stadsdelsområden och hänvisar till 5 kap. 4 § SoL.

Yrkanden
Ordföranden Ragnhild Åkerman m.fl. (fp) yrkade bifall till förvaltningens förslag.
Folke Nyqvist m.fl. (s) yrkade att ärendet skulle återremitteras.
Solveig Ramström (v) yrkade avslag på förvaltningens förslag.

Stadsdelsnämnden beslutade enligt ordförandens yrkande.

Reservationer
Folke Nyqvist m.fl. (s) reserverade sig mot beslutet till förmån för eget yrkande.
Solveig Ramström (v) reserverade sig mot beslutet.

Särskilt uttalande
Evert Malmsjö (mp) lämnade ett särskilt uttalande.
"""


def test_stockholm_sdn_2012():
    paper, rec, linked = run(SDN_2012)
    assert paper.kind == "protokoll"
    assert paper.meeting.date == dt.date(2012, 3, 22)
    assert paper.meeting.body == "Spånga-Tensta stadsdelsnämnd"
    assert paper.meeting.number == "3/2012"
    items = items_by_number(paper)
    assert list(items) == ["1", "2"]
    assert items["2"].title == "Program för stadens äldreomsorg"
    # own or referring is ambiguous in this layout; the value must be there
    assert [d.value for d in items["2"].dnr] == ["1.6-0463/2011"]
    assert [d.text for d in items["2"].decisions] == ["Stadsdelsnämnden överlämnar tjänsteutlåtandet som svar på remissen."]
    roles = roles_of(paper)
    assert {"ordförande", "ledamot"} <= roles["Ragnhild Åkerman"]
    assert "vice ordförande" in roles["Kennet Lindblad"]
    assert "tjänstgörande ersättare" in roles["Leontyne Abrahamsson"]
    assert "ersättare" in roles["Agneta Brink"]
    assert "justerare" in roles["Folke Nyqvist"]
    # two officials on one line, "Title Name, title Name"
    assert roles["Lars-Göran Wessel"] == {"Stadsdelsdirektör"}
    assert roles["Birgitta Öhman"] == {"avdelningschef"}
    assert parties_of(paper)["Ragnhild Åkerman"] == "FP"
    assert proposals(paper) == {
        ("2", "Ragnhild Åkerman", "FP", "bifall"),
        ("2", "Folke Nyqvist", "S", "annat"),
        ("2", "Solveig Ramström", "V", "avslag"),
    }
    assert reservations(paper) == {("2", "Folke Nyqvist", "S"), ("2", "Solveig Ramström", "V")}
    assert statements(paper) == {("2", "Evert Malmsjö", "särskilt uttalande")}
    assert {"Spånga-Tensta", "Rinkeby-Kista"} <= districts(linked)
    assert "Järva" not in districts(linked)
    assert ("2001:453", "K5P4") in laws(linked)


# --------------------------------------------------------------------------- 3. Word table
# attendance ("Namn  Parti  Närvarande") in a barn- och utbildningsnämnd of another city,
# "§1" without a space, omröstning with a vote count, jäv, ajournering.

BUN_TABLE = """\
Umevik kommun
Barn- och utbildningsnämnden
Protokoll från sammanträde 2015-09-24

Tid: kl. 13.15–16.30, ajournering 14.40–14.55
Plats: Stadshuset, sal Tallen

Ledamöter
Namn                    Parti   Roll
Britt-Marie Sundqvist   S       Ordförande
Jonny Lidström          M       Vice ordförande
Ulrika Nordmark         S       Ledamot
Peder Grahn             V       Ledamot
Sanna Rehnström         L       Ledamot
Mats Eklöf              S       Tjänstgörande ersättare

Övriga närvarande
Ingrid Hjelm, skolchef
Kalle Vikström, nämndsekreterare

Justerare
Peder Grahn

§1 Val av justerare
Peder Grahn (V) utses att jämte ordföranden justera dagens protokoll.

§2 Skolskjutsregler för grundskolan
Dnr BUN-2015-00231

Jäv
Sanna Rehnström (L) anmäler jäv och deltar inte i handläggningen av ärendet.

Yrkanden
Jonny Lidström (M) yrkar bifall till förvaltningens förslag.
Peder Grahn (V) yrkar att ärendet ska bordläggas.

Omröstning
Omröstning begärs. Ja-röst för Jonny Lidströms yrkande, nej-röst för Peder Grahns yrkande.
Med 5 ja-röster och 1 nej-röst beslutar nämnden enligt Jonny Lidströms yrkande.

Beslut
Barn- och utbildningsnämnden antar skolskjutsreglerna enligt 10 kap. 32 § skollagen (2010:800).

Reservation
Peder Grahn (V) reserverar sig till förmån för eget yrkande.
"""


def test_table_attendance_and_votes():
    paper, rec, linked = run(BUN_TABLE)
    assert paper.kind == "protokoll"
    assert paper.meeting.date == dt.date(2015, 9, 24)
    assert paper.meeting.body == "Barn- och utbildningsnämnden"
    roles = roles_of(paper)
    assert {"ordförande", "ledamot"} <= roles["Britt-Marie Sundqvist"]
    assert "vice ordförande" in roles["Jonny Lidström"]
    assert roles["Ulrika Nordmark"] == {"ledamot"}
    assert "tjänstgörande ersättare" in roles["Mats Eklöf"]
    assert roles["Ingrid Hjelm"] == {"skolchef"}
    assert "justerare" in roles["Peder Grahn"]
    assert parties_of(paper)["Sanna Rehnström"] == "L"
    items = items_by_number(paper)
    assert list(items) == ["1", "2"]
    assert items["1"].title == "Val av justerare"
    assert items["2"].title == "Skolskjutsregler för grundskolan"
    assert [d.value for d in items["2"].dnr] == ["BUN-2015-00231"]
    assert proposals(paper) == {("2", "Jonny Lidström", "M", "bifall"), ("2", "Peder Grahn", "V", "annat")}
    assert reservations(paper) == {("2", "Peder Grahn", "V")}
    assert ("2010:800", "K10P32") in laws(linked)
    assert "Ingrid Hjelm" in persons(linked)


# --------------------------------------------------------------------------- 4. insynsverige-
# style web agenda (older Stockholm stadsdelsnämnd): "Datum/Klockan/Plats" fields, numbered
# items without dots, group headings between items, gaps and "A" items, dnr shapes of the time.

WEB_AGENDA_2009 = """\
Din position: Hem > Stockholms stad > Hägersten-Liljeholmens stadsdelsnämnd > Sammanträde 2009-10-22

Sammanträde 2009-10-22

Datum
Klockan
18:30
Plats
Medborgarsalen, Liljeholmstorget 7

1 Val av justerare och dag för justering

2 Anmälan av justerat protokoll

Beslutsärenden

4 Månadsrapport september 2009

Dnr 512-2009-1.2.1
Ärendedokument
Läs dokument (PDF)

4 A Fyllnadsval till pensionärsrådet

5 Yttrande över motion om fler platser i äldreboenden

Remiss från kommunstyrelsen, dnr 325-1188/2009.
Dnr 1.5.1-431-2009
Ärendedokument

Anmälningsärenden

8 Anmälan av delegationsbeslut enligt 10 kap. 4 § socialtjänstlagen
"""


def test_web_agenda_2009():
    paper, rec, linked = run(WEB_AGENDA_2009)
    assert paper.kind == "dagordning"
    assert paper.meeting.date == dt.date(2009, 10, 22)
    assert paper.meeting.body == "Hägersten-Liljeholmens stadsdelsnämnd"  # as written
    items = items_by_number(paper)
    assert list(items) == ["1", "2", "4", "4 A", "5", "8"]
    assert items["4"].title == "Månadsrapport september 2009"
    assert [d.value for d in items["4"].dnr] == ["512-2009-1.2.1"]
    assert items["4 A"].title == "Fyllnadsval till pensionärsrådet"
    assert items["5"].title == "Yttrande över motion om fler platser i äldreboenden"
    assert {(d.value, d.role) for d in items["5"].dnr} == {("325-1188/2009", "referring"), ("1.5.1-431-2009", "own")}
    assert "Beslutsärenden" not in {it.title for it in paper.items}
    assert all("Ärendedokument" not in (it.title or "") for it in paper.items)
    assert districts(linked) == {"Hägersten-Liljeholmen"}
    assert ("2001:453", "K10P4") in laws(linked)


# --------------------------------------------------------------------------- 5. kallelse /
# föredragningslista with dotted numbers and a "Föredragande" column from a Word document.

KALLELSE = """\
KALLELSE
Byggnadsnämnden
Tid: Onsdagen den 14 maj 2014, kl. 13.30
Plats: Kommunhuset, Nämndrummet

Föredragningslista

1. Val av justerare
2. Godkännande av föredragningslista
3. Bygglov för nybyggnad av förskola, Lärkan 4
   Dnr BN 2014/118
4. Strandskyddsdispens för brygga, Vassen 1:12
   Dnr BN 2014/97
5. Delegationsbeslut

Harriet Borgström
Ordförande
"""


def test_kallelse_numbered():
    paper, rec, linked = run(KALLELSE)
    assert paper.kind == "dagordning"
    assert paper.meeting.body == "Byggnadsnämnden"
    assert paper.meeting.date == dt.date(2014, 5, 14)
    items = items_by_number(paper)
    assert list(items) == ["1", "2", "3", "4", "5"]
    assert items["3"].title == "Bygglov för nybyggnad av förskola, Lärkan 4"
    assert [d.value for d in items["3"].dnr] == ["BN 2014/118"]
    assert [d.value for d in items["4"].dnr] == ["BN 2014/97"]
    assert items["5"].title == "Delegationsbeslut"
    assert "Harriet Borgström" in persons(linked)


# --------------------------------------------------------------------------- 6. HTML-converted
# markdown protocol of a stadsdelsnämnd: "§1" glued, headings, "Folkpartiet liberalerna"
# spelled out, officials named in prose with titles, a historical district 2016.

MD_SDN_2016 = """\
# Protokoll från Älvsjö stadsdelsnämnds sammanträde den 15 september 2016

**Ledamöter**

- Gunnel Ahlstedt (S), ordförande
- Pontus Wennberg (M), vice ordförande
- Ester Kallio (MP)
- Reidar Holmsten (L)

**Ersättare**

- Vivianne Sörling (SD)

**Justerare:** Pontus Wennberg

## §1 Val av justerare

Pontus Wennberg (M) utsågs att justera protokollet.

## §2 Utökat föreningsstöd till fältverksamheten
Dnr 1.2.3-211/2016

**Beslut**

Stadsdelsnämnden beslutar att bevilja föreningsstöd.

**Ärendet**

Enhetschef Torbjörn Wallerius och stadsdelsdirektör Sigvard Lönnqvist föredrog ärendet.
Folkpartiet liberalerna har tidigare väckt frågan i Hägersten-Liljeholmens stadsdelsnämnd.

**Yrkanden**

Reidar Holmsten (L) och Ester Kallio (MP) yrkade bifall till förvaltningens förslag.
Vivianne Sörling (SD) lämnade ett ersättaryttrande.
"""


def test_markdown_sdn_2016():
    paper, rec, linked = run(MD_SDN_2016)
    assert paper.kind == "protokoll"
    assert paper.meeting.date == dt.date(2016, 9, 15)
    assert paper.meeting.body == "Älvsjö stadsdelsnämnd"
    items = items_by_number(paper)
    assert list(items) == ["1", "2"]
    assert items["2"].title == "Utökat föreningsstöd till fältverksamheten"
    assert [d.value for d in items["2"].dnr] == ["1.2.3-211/2016"]
    roles = roles_of(paper)
    assert {"ordförande", "ledamot"} <= roles["Gunnel Ahlstedt"]
    assert "ersättare" in roles["Vivianne Sörling"]
    assert "justerare" in roles["Pontus Wennberg"]
    assert proposals(paper) == {("2", "Reidar Holmsten", "L", "bifall"), ("2", "Ester Kallio", "MP", "bifall")}
    assert statements(paper) == {("2", "Vivianne Sörling", "ersättaryttrande")}
    names = persons(linked)
    # officials with unlisted given names, found through the title printed before them
    assert "Torbjörn Wallerius" in names
    assert "Sigvard Lönnqvist" in names
    assert districts(linked) == {"Älvsjö", "Hägersten-Liljeholmen"}
    assert {e.key for e in linked.entities if e.kind == "party"} >= {"FP", "S", "M", "MP", "L", "SD"}


# --------------------------------------------------------------------------- 7. one-line
# attendance (comma lists, roles after commas) and a Göteborg-style district name.

GBG_LINE = """\
Göteborgs Stad, Stadsdelsnämnden Askim-Frölunda-Högsbo
Protokoll 7/2014, sammanträde den 10 juni 2014

Ledamöter: Anneli Tornqvist (S), ordförande, Gustaf Hedmark (M), 2:e vice ordförande, Nora Fallgren (V), Örjan Lidbeck (FP)
Tjänstgörande ersättare: Signe Wallin (C) för Örjan Lidbeck (FP)
Ersättare: Tuula Lehto (S), Ville Korpela (KD)
Justerare: Nora Fallgren

§ 54 Budget 2015, dnr N139-0122/14
Anneli Tornqvist (S) m.fl. yrkade bifall till förvaltningens förslag. Gustaf Hedmark (M) yrkade avslag.
Gustaf Hedmark (M) reserverade sig mot beslutet.
§ 55 Anmälningsärenden
"""


def test_gothenburg_one_line_lists():
    paper, rec, linked = run(GBG_LINE)
    assert paper.kind == "protokoll"
    assert paper.meeting.date == dt.date(2014, 6, 10)
    assert paper.meeting.body == "Stadsdelsnämnden Askim-Frölunda-Högsbo"
    assert paper.meeting.number == "7/2014"
    items = items_by_number(paper)
    assert list(items) == ["54", "55"]
    assert items["54"].title == "Budget 2015"
    assert [d.value for d in items["54"].dnr] == ["N139-0122/14"]
    roles = roles_of(paper)
    assert {"ordförande", "ledamot"} <= roles["Anneli Tornqvist"]
    assert "vice ordförande" in roles["Gustaf Hedmark"]
    assert roles["Nora Fallgren"] >= {"ledamot", "justerare"}
    assert "tjänstgörande ersättare" in roles["Signe Wallin"]
    assert "ersättare" in roles["Tuula Lehto"]
    assert parties_of(paper)["Ville Korpela"] == "KD"
    assert proposals(paper) == {("54", "Anneli Tornqvist", "S", "bifall"), ("54", "Gustaf Hedmark", "M", "avslag")}
    assert reservations(paper) == {("54", "Gustaf Hedmark", "M")}
    assert "Askim-Frölunda-Högsbo" in districts(linked)


# --------------------------------------------------------------------------- 8. PDF text with
# broken lines: a § title wrapping over two lines, a page footer inside an item, names split
# across a line break in a yrkande, and parties written out.

PDF_BROKEN = """\
Socialnämnden i Ravik
SAMMANTRÄDESPROTOKOLL
Sammanträdesdatum: 2011-11-16

Beslutande
Maj-Lis Högberg (S) ordförande
Arvo Niskanen (S)
Gerd Svanström (M)
Ture Lindkvist (M)
Inga-Lill Frost (FP)

§ 88
Yttrande över revisionsrapport om
handläggning av försörjningsstöd
Dnr SN 2011/204

Ärendet
Revisorerna har granskat handläggningen enligt 4 kap. 1 § socialtjänst-
lagen.

Sida 4 av 9
Justerandes sign

Yrkanden
Gerd Svanström, Moderaterna, och Inga-Lill Frost, Folkpartiet, yrkar avslag på förvaltningens
förslag. Maj-Lis Högberg (S) yrkar bifall till förvaltningens förslag.

Reservation
Gerd Svanström (M) och Ture Lindkvist (M) reserverar sig till förmån för Gerd Svanströms yrkande.

§ 89
Anmälan av delegationsbeslut
"""


def test_pdf_broken_lines():
    paper, rec, linked = run(PDF_BROKEN)
    assert paper.kind == "protokoll"
    assert paper.meeting.date == dt.date(2011, 11, 16)
    assert paper.meeting.body == "Socialnämnden i Ravik"
    items = items_by_number(paper)
    assert list(items) == ["88", "89"]
    assert items["88"].title == "Yttrande över revisionsrapport om handläggning av försörjningsstöd"
    assert [d.value for d in items["88"].dnr] == ["SN 2011/204"]
    assert items["89"].title == "Anmälan av delegationsbeslut"
    roles = roles_of(paper)
    assert {"ordförande", "ledamot"} <= roles["Maj-Lis Högberg"]
    assert roles["Arvo Niskanen"] == {"ledamot"}
    assert proposals(paper) == {
        ("88", "Gerd Svanström", "M", "avslag"),
        ("88", "Inga-Lill Frost", "FP", "avslag"),
        ("88", "Maj-Lis Högberg", "S", "bifall"),
    }
    assert reservations(paper) == {("88", "Gerd Svanström", "M"), ("88", "Ture Lindkvist", "M")}
    assert ("2001:453", "K4P1") in laws(linked)


# --------------------------------------------------------------------------- speed


def test_large_unseen_layout_parses():
    parts = ["KOMMUNSTYRELSEN SAMMANTRÄDESPROTOKOLL\nSammanträdesdatum 2013-02-05\n\nBeslutande\nGudrun Falkvall (s), ordförande\n\n"]
    for i in range(1, 5001):
        parts.append(
            f"Ks § {i}          Dnr KS 2012/{i}\n\nÄrende nummer {i}\n\nAgneta Lundmark (s) yrkar bifall till förslaget.\n\n"
            f"Justerandes signatur        Utdragsbestyrkande\nSida {i} av 5000\n\n"
        )
    text = "".join(parts)
    paper = parse(source_from_text(text))  # its speed: bench/large_inputs.py
    assert len(paper.items) == 5000


# --------------------------------------------------------------------------- 9. two-column PDF
# header (label, spaces, content on one line), comma-separated lower-case codes
# ("Namn, s, ordförande"), a presence table, "särskilt yttrande", a hyphenated title,
# "Nämnden beslutar" with att-points.

TWO_COLUMN = """\
VÅRDHOLMS KOMMUN          SAMMANTRÄDESPROTOKOLL          1 (6)
Socialnämnden             Sammanträdesdatum 2007-04-18

Plats och tid             Kommunhuset, Vårdholm, kl. 13.00-15.40
Beslutande                Sten-Olof Dahlgren, s, ordförande
                          Gunvor Lilja, m, 1:e vice ordförande
                          Yngve Bäckman, c
                          Irma Sjölander, fp, ersätter Östen Holm, fp
Övriga deltagande         Hillevi Norrby, socialchef
Utses att justera         Yngve Bäckman
Justeringens plats och tid  Socialkontoret 2007-04-23

Ersättare
Namn                Parti   Närvarande
Tord Hellström      S       Ja
Majvor Granqvist    KD      Nej

§ 21    Dnr SN 2007/41

Riktlinjer för hemtjänst och ledsagar-
service

Nämnden beslutar
att anta riktlinjerna enligt bilaga,
att riktlinjerna gäller från den 1 juni 2007.

Särskilt yttrande
Gunvor Lilja (m) lämnar ett särskilt yttrande, bilaga 2.

§ 22    Dnr SN 2007/12

Anmälan av delegationsbeslut
"""


def test_two_column_header():
    paper, rec, linked = run(TWO_COLUMN)
    assert paper.kind == "protokoll"
    assert paper.meeting.date == dt.date(2007, 4, 18)
    assert paper.meeting.body == "Socialnämnden"
    assert paper.meeting.justering_date == dt.date(2007, 4, 23)
    roles = roles_of(paper)
    parties = parties_of(paper)
    assert {"ordförande", "ledamot"} <= roles["Sten-Olof Dahlgren"]
    assert parties["Sten-Olof Dahlgren"] == "S"
    assert "vice ordförande" in roles["Gunvor Lilja"]
    assert parties["Gunvor Lilja"] == "M"
    assert roles["Yngve Bäckman"] >= {"ledamot", "justerare"}
    assert "tjänstgörande ersättare" in roles["Irma Sjölander"]
    assert parties["Irma Sjölander"] == "FP"
    assert "ledamot" in roles["Östen Holm"]
    assert roles["Hillevi Norrby"] == {"socialchef"}
    assert roles["Tord Hellström"] == {"ersättare"}
    assert parties["Majvor Granqvist"] == "KD"
    items = items_by_number(paper)
    assert list(items) == ["21", "22"]
    assert items["21"].title == "Riktlinjer för hemtjänst och ledsagarservice"
    assert [d.value for d in items["21"].dnr] == ["SN 2007/41"]
    assert [d.text for d in items["21"].decisions] == [
        "att anta riktlinjerna enligt bilaga,", "att riktlinjerna gäller från den 1 juni 2007."]
    assert statements(paper) == {("21", "Gunvor Lilja", "särskilt uttalande")}
    assert items["22"].title == "Anmälan av delegationsbeslut"


# --------------------------------------------------------------------------- 10. persons in
# running text of older agendas: lower-case codes after "m fl", titles in the definite form,
# "Name, title", "Handläggare: Name", given names the gazetteer does not list.

FREE_TEXT = """\
3 Svar på skrivelse från vice ordföranden Helena Bonnör m fl (m) angående återvinning.
Ledamoten Ann-Sofi Mattsén (mp) ställde en fråga till stadsdelsdirektören Göran Ljungqvist.
Förhinder anmäls till Anna Birgersdotter, nämndsekreterare, telefon 08-508 03 051.
Handläggare: Bosse Dannfelt, 08-508 18 040
Beslutet fattades av enhetschefen Leontyne Abrahamsson på delegation.
Ärendet har beretts av utredaren Wolmer Strandqvist och controllern Ylva Torp.
Enligt Agneta Wallerius och Jan Jönssons skrivelse behövs fler platser.
"""


def test_free_text_persons():
    from graf.nlp.pipeline import recognise_entities

    found = {m.text: m for m in recognise_entities(FREE_TEXT) if m.label == "PERSON"}
    assert found["Helena Bonnör"].party == "M"
    assert found["Helena Bonnör"].role == "vice ordförande"
    assert found["Ann-Sofi Mattsén"].party == "MP"
    assert found["Göran Ljungqvist"].role == "stadsdelsdirektör"
    assert found["Anna Birgersdotter"].role == "nämndsekreterare"
    assert found["Bosse Dannfelt"].role == "Handläggare"
    assert found["Leontyne Abrahamsson"].role == "enhetschef"
    assert found["Wolmer Strandqvist"].role == "utredare"
    assert "Ylva Torp" in found
    # a surname ending in -s is no genitive; "Jönssons" is
    assert "Agneta Wallerius" in found
    assert "Jan Jönsson" in found and "Jan Jönssons" not in found


# --------------------------------------------------------------------------- 11. a PDF whose
# field block was flattened onto a few long lines (labels and content run together), with
# paragraph numbers after officials and a signature block of labels followed by names.

FLATTENED = """\
KOMMUNSTYRELSEN Sidan 1(12)
Plats och tid Rådhuset, Sessionssalen kl. 09:00-12:10 Ajournering kl. 10:00-10:20
Beslutande Ledamöter Gunnar Ekdahl (S), ordförande, Lena Tidholm (S), Bertil Grön (M), Saga Lindvall (V), Hans Nordmark (S), Eva Lindqvist (S), Kristina Åberg (C), Maria Sundell (M) och Ove Rask (FP). Tjänstgörande ersättare Mirja Holm (KD) ersätter Tor Wiklander (KD), Emil Ståhl (MP) ersätter Kajsa Fors (MP) Övriga närvarande Ersättare Elin Bruhn (S) och Nils Vestberg (M). Tjänstemän Kommundirektör Per Almgren, kommunsekreterare Stina Vass, ekonom Olle Frisk 14-15
Justering Utses att justera Ove Rask (FP) Paragrafer 12-18
Underskrifter Sekreterare Ordförande Justerande Stina Vass Gunnar Ekdahl (S) Ove Rask (FP)

§ 12 Delårsrapport
Kommunstyrelsen godkänner delårsrapporten.

§ 13 Motion om fritidsbank
Ove Rask (FP) yrkar bifall till motionen.
"""


def test_flattened_pdf_header():
    paper, rec, linked = run(FLATTENED)
    assert paper.kind == "protokoll"
    roles = roles_of(paper)
    assert {"ordförande", "ledamot"} <= roles["Gunnar Ekdahl"]
    assert roles["Lena Tidholm"] == {"ledamot"}
    assert roles["Maria Sundell"] == {"ledamot"}
    assert roles["Ove Rask"] >= {"ledamot", "justerare"}
    assert "tjänstgörande ersättare" in roles["Mirja Holm"]
    assert "tjänstgörande ersättare" in roles["Emil Ståhl"]
    assert "ledamot" in roles["Kajsa Fors"]
    assert roles["Elin Bruhn"] == {"ersättare"}
    assert roles["Nils Vestberg"] == {"ersättare"}
    assert roles["Per Almgren"] == {"Kommundirektör"}
    assert roles["Stina Vass"] == {"kommunsekreterare"}
    assert roles["Olle Frisk"] == {"ekonom"}
    assert "justerare" not in roles["Gunnar Ekdahl"]
    items = items_by_number(paper)
    assert list(items) == ["12", "13"]
    assert items["13"].title == "Motion om fritidsbank"
    assert proposals(paper) == {("13", "Ove Rask", "FP", "annat")}


def test_flattened_signature_names_are_two_persons():
    paper, rec, linked = run(FLATTENED)
    names = persons(linked)
    assert "Stina Vass Gunnar Ekdahl" not in names
    assert names["Gunnar Ekdahl"].party == "S"
    assert paper.meeting.body == "Kommunstyrelsen"


def test_signature_title_on_next_line():
    paper, rec, linked = run(KALLELSE)
    assert "ordförande" in persons(linked)["Harriet Borgström"].roles


UNLISTED_FIRST = """\
Protokoll fört vid Kulturnämndens sammanträde den 3 maj 2010

Ledamöter
Wolmer Sten Strandqvist (S), ordförande
Tiina-Maria Kallunki (V)
Gösta Hultén (M)

§ 1 Val av justerare
Wolmer Sten Strandqvist (S) yrkade bifall till förvaltningens förslag. Därefter Tiina-Maria Kallunki (V) yrkade avslag.
"""


def test_unlisted_first_given_name_is_one_person():
    paper, rec, linked = run(UNLISTED_FIRST)
    assert paper.meeting.body == "Kulturnämnden"
    names = persons(linked)
    assert set(names) == {"Wolmer Sten Strandqvist", "Tiina-Maria Kallunki", "Gösta Hultén"}
    assert proposals(paper) == {("1", "Wolmer Sten Strandqvist", "S", "bifall"), ("1", "Tiina-Maria Kallunki", "V", "avslag")}


# --------------------------------------------------------------------------- 12. dnr shapes
# printed without "Dnr" (prefix-year-number, Göteborg's office codes) next to a title.

CODE_DNR = """\
Kommunstyrelsen
Föredragningslista för sammanträde den 2 december 2015

1. Val av justerare
2. Budget 2016 med plan för 2017-2018 KSN-2015-0412
3. Detaljplan för Kvarnen 7 KSN-2015-1170
"""


def test_dnr_without_word():
    paper = parse(source_from_text(CODE_DNR))
    items = items_by_number(paper)
    assert items["2"].title == "Budget 2016 med plan för 2017-2018"
    assert [d.value for d in items["2"].dnr] == ["KSN-2015-0412"]
    assert [d.value for d in items["3"].dnr] == ["KSN-2015-1170"]
    # a plan period is no dnr
    assert all("2017-2018" not in d.value for it in paper.items for d in it.dnr)


def test_paragraph_line_with_code_dnr():
    text = "Protokoll fört vid Stadsdelsnämndens sammanträde den 1 mars 2014\n\n§ 54    N139-0122/14\n\nBudget 2015\n\nBeslut\nNämnden godkänner budgeten.\n\n§ 55 Övrigt\n"
    paper = parse(source_from_text(text))
    items = items_by_number(paper)
    assert items["54"].title == "Budget 2015"
    assert [(d.value, d.role) for d in items["54"].dnr] == [("N139-0122/14", "own")]


LAMNADE_FORSLAG = """\
Protokoll fört vid Rinkeby-Kista stadsdelsnämnds sammanträde den 20 oktober 2011

§ 7 Verksamhetsplan 2012

Beslutsgång
Ordföranden Sixten Berglöf m.fl. (M) lämnade förslag till beslut enligt förvaltningens förslag.
Agneta Brink m.fl. (S) lämnade ett eget förslag till beslut.
Ordföranden ställde proposition på förslagen och fann att nämnden beslutat enligt ordförandens förslag.

Förvaltningen lämnade förslag om en ny organisation.
"""


def test_lamnade_forslag_outside_yrkanden():
    paper = parse(source_from_text(LAMNADE_FORSLAG))
    got = proposals(paper)
    assert {(n, name, party) for n, name, party, _ in got} == {("7", "Sixten Berglöf", "M"), ("7", "Agneta Brink", "S")}
    assert items_by_number(paper)["7"].outcome.startswith("Ordföranden ställde proposition")


# --------------------------------------------------------------------------- 13. page furniture
# inside items: a page break right after a heading, repeated page headers.

FURNITURE = """\
BYGGNADSNÄMNDEN                 SAMMANTRÄDESPROTOKOLL
Sammanträdesdatum 2010-03-11

Beslutande
Åke Lindholm (S), ordförande

§ 14
Bygglov för tillbyggnad av förskola

Beslut
BYGGNADSNÄMNDEN                 SAMMANTRÄDESPROTOKOLL
Sammanträdesdatum 2010-03-11                     Sida 2 av 3
Justerandes sign
Byggnadsnämnden beviljar bygglov.

Förvaltningens förslag till beslut
Förvaltningen föreslår att bygglov beviljas.

§ 15
Strandskyddsdispens för brygga

Förvaltningens förslag till beslut
Förvaltningen föreslår att dispens ges.

BYGGNADSNÄMNDEN                 SAMMANTRÄDESPROTOKOLL
Sammanträdesdatum 2010-03-11                     Sida 3 av 3

§ 16
Delegationsbeslut
5 (9)

Förvaltningens förslag till beslut
Anmälan läggs till handlingarna.
"""


def test_page_furniture_inside_items():
    paper = parse(source_from_text(FURNITURE))
    assert paper.meeting.body == "Byggnadsnämnden"
    items = items_by_number(paper)
    assert list(items) == ["14", "15", "16"]
    assert [d.text for d in items["14"].decisions] == ["Byggnadsnämnden beviljar bygglov."]
    assert items["16"].title == "Delegationsbeslut"


def test_numbered_agenda_title_stops_at_page_number():
    text = "Dagordning\n\n1 Val av justerare\n2 Budget för 2011\nSida 2 av 4\n3 Övriga frågor\n"
    paper = parse(source_from_text(text))
    assert [it.title for it in paper.items] == ["Val av justerare", "Budget för 2011", "Övriga frågor"]


def test_large_numbered_agenda_without_dots():
    text = "Dagordning\n\n" + "".join(f"{i} Ärende nummer {i} Dnr 1.5.1-{i}-2012\nSida {i} av 9\n" for i in range(1, 5001))
    paper = parse(source_from_text(text))  # its speed: bench/large_inputs.py
    assert paper.kind == "dagordning"
    assert len(paper.items) == 5000
    assert paper.items[-1].title == "Ärende nummer 5000"
    assert [d.value for d in paper.items[41].dnr] == ["1.5.1-42-2012"]


# --------------------------------------------------------------------------- 14. roles and
# replacements in parentheses (a layout common in Skåne), dnr as a code under the title.

PAREN_ROLES = """\
Sociala resursnämnden
Protokoll 2015-11-19

Beslutande
Ledamöter
Hampus Lindgård (S) (ordförande)
Eleonor Kvist (M) (1:e vice ordförande)
Tjänstgörande ersättare
Benny Sjöblom (V) (för Rut Olander (V))

§310 Svar på remiss om bostadsförsörjning
SRN-2015-1044
Nämnden beslutar att avge yttrande enligt förvaltningens förslag.
"""


def test_roles_in_parentheses():
    paper, rec, linked = run(PAREN_ROLES)
    assert paper.meeting.body == "Sociala resursnämnden"
    assert paper.meeting.date == dt.date(2015, 11, 19)
    roles = roles_of(paper)
    assert {"ordförande", "ledamot"} <= roles["Hampus Lindgård"]
    assert "vice ordförande" in roles["Eleonor Kvist"]
    assert "tjänstgörande ersättare" in roles["Benny Sjöblom"]
    assert "ledamot" in roles["Rut Olander"]
    items = items_by_number(paper)
    assert items["310"].title == "Svar på remiss om bostadsförsörjning"
    assert [d.value for d in items["310"].dnr] == ["SRN-2015-1044"]


# --------------------------------------------------------------------------- 15. attendance
# printed after the paragraphs, as the first bilaga.

TRAILING_LIST = """\
Protokoll
Kommunfullmäktige i Lillvik 2008-06-16

§ 61 Årsredovisning 2007
Kommunfullmäktige godkänner årsredovisningen.

§ 62 Motion om cykelvägar
Ylva Berglind (MP) yrkar bifall till motionen.

Bilaga 1 Närvarolista
Namn                 Parti   Närvarande
Ylva Berglind        MP      Ja
Sture Holmlund       S       Ja
Gertrud Sandin       M       Ja
Ersättare
Ivar Lundh           C       Ja
"""


def test_attendance_list_after_the_paragraphs():
    paper, rec, linked = run(TRAILING_LIST)
    assert paper.kind == "protokoll"
    assert paper.meeting.date == dt.date(2008, 6, 16)
    assert paper.meeting.body == "Kommunfullmäktige i Lillvik"
    roles = roles_of(paper)
    assert roles["Sture Holmlund"] == {"ledamot"}
    assert roles["Ivar Lundh"] == {"ersättare"}
    assert parties_of(paper)["Gertrud Sandin"] == "M"
    items = items_by_number(paper)
    assert list(items) == ["61", "62"]
    assert "Närvarolista" not in paper.source.text[items["62"].span.start : items["62"].span.end]
    assert proposals(paper) == {("62", "Ylva Berglind", "MP", "annat")}


def test_comma_codes_in_running_text():
    from graf.nlp.pipeline import recognise_entities

    found = {m.text: m for m in recognise_entities(
        "Sten-Olof Dahlgren, s, ordförande\nAnna Ek, m.fl. yrkade bifall\nIrma Sjölander, fp\n") if m.label == "PERSON"}
    assert (found["Sten-Olof Dahlgren"].party, found["Sten-Olof Dahlgren"].role) == ("S", "ordförande")
    assert found["Anna Ek"].party is None  # "m.fl." is no party code
    assert found["Irma Sjölander"].party == "FP"


# --------------------------------------------------------------------------- 16. other verbs
# for reservations, proposals and notes used outside Stockholm.

OTHER_VERBS = """\
Protokoll från Tekniska nämndens sammanträde 2012-05-08

§ 40 Gatubelysning
Karl-Erik Sund (SD) lämnar ett tilläggsyrkande om fler armaturer.
Mona Åhlin (S) yrkar bifall till förvaltningens förslag.
Karl-Erik Sund (SD) anmäler skriftlig reservation.
Reservation anmäls av Ulla Grip (V).
Ulla Grip (V) får till protokollet anteckna att belysningen är eftersatt.
"""


def test_other_verbs():
    paper = parse(source_from_text(OTHER_VERBS))
    assert paper.meeting.body == "Tekniska nämnden"
    assert {(n, name) for n, name, _, _ in proposals(paper)} == {("40", "Karl-Erik Sund"), ("40", "Mona Åhlin")}
    assert reservations(paper) == {("40", "Karl-Erik Sund", "SD"), ("40", "Ulla Grip", "V")}
    assert statements(paper) == {("40", "Ulla Grip", "protokollsanteckning")}


# --------------------------------------------------------------------------- 17. typewritten
# era agenda (2005): spaced dnr in parentheses after a "Föreligger" line.

AGENDA_2005 = """\
Sammanträde 2005-11-17
Spånga-Tensta stadsdelsnämnd

1 Justering av dagens protokoll

2 Stadsdelsförnyelse i Tensta

Föreligger tjänsteutlåtande 2005-11-02.
(D nr 013 – 430 / 05)

3 Yttrande avseende remiss om arbetsmiljöpolicy

(D nr 205 – 393 / 05)
Samverkan sker med SDN Rinkeby-Kista.
"""


def test_agenda_2005_spaced_dnr():
    paper, rec, linked = run(AGENDA_2005)
    assert paper.kind == "dagordning"
    assert paper.meeting.body == "Spånga-Tensta stadsdelsnämnd"
    items = items_by_number(paper)
    # kept as printed; the case key drops the typewriter's spacing
    assert [(d.value, d.role, case_key(d.value)) for d in items["2"].dnr] == [("013 – 430 / 05", "own", "013-430/05")]
    assert [d.value for d in items["3"].dnr] == ["205 – 393 / 05"]
    assert districts(linked) == {"Spånga-Tensta", "Rinkeby-Kista"}


# --------------------------------------------------------------------------- 18. attendance
# list whose names have given names no gazetteer lists, no party and no title: the place
# under "Beslutande" / "Närvarande ersättare" alone says they are persons.

ROSTER_ONLY = """\
SAMMANTRÄDESPROTOKOLL
Kultur- och fritidsnämnden
Sammanträdesdatum 2011-09-20

Beslutande
Zeynep Kaya
Tiina Mäkelä
Ruben Sandqvist, ordförande

Närvarande ersättare
Dragan Petrović

Utses att justera    Tiina Mäkelä

§ 14 Val av justerare
Tiina Mäkelä utses att justera protokollet.

§ 15 Bidrag till föreningar
Ordföranden föreslår att Tiina Mäkelä och Dragan Petrović får bereda ärendet.
"""


def test_roster_names_with_unlisted_given_names_are_persons():
    paper, rec, linked = run(ROSTER_ONLY)
    roles = roles_of(paper)
    assert roles["Dragan Petrović"] == {"ersättare"}
    assert "ledamot" in roles["Zeynep Kaya"]
    people = persons(linked)
    assert set(people) >= {"Zeynep Kaya", "Tiina Mäkelä", "Dragan Petrović"}
    text = paper.source.text
    # every printed place of the roster names is a PERSON mention, in running text too
    mentioned = [m.text for m in rec.mentions if m.label == "PERSON"]
    assert mentioned.count("Tiina Mäkelä") == 4
    assert mentioned.count("Dragan Petrović") == 2
    assert len(people["Tiina Mäkelä"].spans) == text.count("Tiina Mäkelä")


def test_text_after_roster_is_no_person():
    paper, rec, _ = run(ROSTER_ONLY)
    mentioned = {m.text for m in rec.mentions if m.label == "PERSON"}
    assert not any("Bidrag" in m or "Val av" in m or "Utses" in m for m in mentioned)


# --------------------------------------------------------------------------- 19. Word table
# with a ledamot and an ersättare column: two persons per row.

TWO_COLUMN_TABLE = """\
PROTOKOLL
Miljönämnden
Sammanträdesdatum 2017-11-08

Ledamot\tErsättare
Helena Norrby (S), ordförande\tKjell Åström (S)
Mats Ferm (M)\tSara Lindqvist (M)
\tOla Berglund (V)
Greta Hultin (C)

Övriga närvarande
Lena Vik, miljöchef

§ 101 Val av justerare
Mats Ferm utses att justera.

§ 102 Tillsynsplan 2018
Nämnden beslutar att anta tillsynsplanen.
"""


def test_two_persons_per_table_row_take_their_column_role():
    paper, _, _ = run(TWO_COLUMN_TABLE)
    roles = roles_of(paper)
    assert roles["Helena Norrby"] == {"ledamot", "ordförande"}
    assert roles["Kjell Åström"] == {"ersättare"}
    assert roles["Mats Ferm"] == {"ledamot"}
    assert roles["Sara Lindqvist"] == {"ersättare"}
    assert roles["Ola Berglund"] == {"ersättare"}
    assert roles["Greta Hultin"] == {"ledamot"}
    assert parties_of(paper)["Sara Lindqvist"] == "M"


# --------------------------------------------------------------------------- 20. paragraphs
# numbered without "§": "Ks 41" heads; a stray "SN 45" in the text is no paragraph.

KS_NO_SIGN = """\
Kommunstyrelsen
SAMMANTRÄDESPROTOKOLL 2009-04-14

Beslutande
Anna Berg (S), ordförande
Karin Holm (M)

Ks 41    Val av justerare
Karin Holm utses att justera.

Ks 42    Budget 2010
Dnr KS 2009/112
Kommunstyrelsen beslutar att anta budgeten.
SN 45 har tidigare yttrat sig i ärendet.

Ks 43    Motion om cykelvägar
Dnr KS 2008/77
Kommunstyrelsen föreslår fullmäktige att avslå motionen.
"""


def test_paragraphs_numbered_with_prefix_only():
    paper, _, _ = run(KS_NO_SIGN)
    assert paper.kind == "protokoll"
    items = items_by_number(paper)
    assert list(items) == ["41", "42", "43"]
    assert items["42"].title == "Budget 2010"
    assert [d.value for d in items["43"].dnr] == ["KS 2008/77"]


def test_prefix_without_sign_needs_a_consistent_run():
    # two such lines are not enough to call them paragraphs
    text = KS_NO_SIGN.replace("Ks 43    Motion om cykelvägar", "Motion om cykelvägar")
    paper, _, _ = run(text)
    assert not paper.items
