"""Hand-built records for the graph-stage tests: an invented short protokoll in the genre's
layout, with every span computed from the text so that offsets are exact."""

from __future__ import annotations

import datetime as dt
import hashlib

from graf.records import (
    AgendaItem,
    Attendance,
    Citation,
    DecisionPoint,
    Dnr,
    Handling,
    Linked,
    LinkedCitation,
    LinkedEntity,
    LinkedPerson,
    Meeting,
    Paper,
    PersonRef,
    Proposal,
    Reservation,
    Source,
    Span,
    Statement,
)

TEXT = """Protokoll 2/2031 fört vid sammanträde med Kulturnämnden i Ekby kommun
Tid: 2031-02-14 kl. 18:00
Närvarande ledamöter
Åsa Öberg (S), ordförande
Per Lind (M)
Tjänstgörande ersättare
Nils Ek (L) ersätter Per Lind (M)
§ 1 Val av justerare
Nämnden utsåg Per Lind (M) att justera protokollet.
§ 2 Remiss av motion om bibliotek i Norrby stadsdelsområde Dnr KUN 2030/77
Ärendet avser 4 kap. 2 § kommunallagen (2017:725) och SOU 2029:12.
Handlingar i ärendet: KUN 2030/77-2 Tjänsteutlåtande
Beslut
1. Nämnden godkänner förvaltningens förslag.
2. Paragrafen justeras omedelbart.
Yrkanden
Åsa Öberg (S) yrkade bifall till förvaltningens förslag.
Per Lind m.fl. (M) yrkade avslag.
Ordföranden ställde proposition och fann att nämnden bifallit förslaget.
Reservation
Per Lind (M) reserverade sig till förmån för det egna yrkandet.
Särskilt uttalande
Nils Ek (L) anmälde ett särskilt uttalande: biblioteket behövs.
"""


def sp(needle: str, occurrence: int = 1, text: str = TEXT) -> Span:
    """The span of the n-th occurrence of ``needle`` in the text."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def line(needle: str) -> Span:
    s = sp(needle)
    end = TEXT.index("\n", s.start)
    start = TEXT.rindex("\n", 0, s.start) + 1
    return Span(start, end)


def make_paper(text: str = TEXT) -> Paper:
    source = Source(
        path="/some/where/kun-2031-02-14.txt",
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        raw_sha256=hashlib.sha256(b"raw" + text.encode()).hexdigest(),
        media_type="text/plain",
    )
    asa = PersonRef("Åsa Öberg", sp("Åsa Öberg"), "S", sp("(S)"))
    per = PersonRef("Per Lind", sp("Per Lind"), "M", sp("(M)"))
    meeting = Meeting(
        body="Kulturnämnden", body_span=sp("Kulturnämnden"), municipality="Ekby",
        number="2/2031", date=dt.date(2031, 2, 14), date_span=sp("2031-02-14"),
        start_time="18:00", justering_date=dt.date(2031, 2, 20),
    )
    attendance = (
        Attendance(asa, "ordförande", span=line("Åsa Öberg (S), ordförande")),
        Attendance(per, "ledamot", span=line("Per Lind (M)")),
        Attendance(PersonRef("Nils Ek", sp("Nils Ek"), "L", sp("(L)", 1)), "tjänstgörande ersättare",
                   replaces=PersonRef("Per Lind", sp("Per Lind", 2), "M"),
                   span=line("Nils Ek (L) ersätter")),
    )
    item1 = AgendaItem(position=1, number="1", number_printed=True,
                       span=Span(sp("§ 1").start, sp("§ 2").start),
                       title="Val av justerare", title_span=sp("Val av justerare"))
    item2_start = sp("§ 2").start
    item2 = AgendaItem(
        position=2, number="2", number_printed=True, span=Span(item2_start, len(text)),
        title="Remiss av motion om bibliotek i Norrby stadsdelsområde",
        title_span=sp("Remiss av motion om bibliotek i Norrby stadsdelsområde"),
        dnr=(Dnr("KUN 2030/77", sp("KUN 2030/77"), "own"),),
        decisions=(
            DecisionPoint("1", "Nämnden godkänner förvaltningens förslag.",
                          sp("Nämnden godkänner förvaltningens förslag.")),
            DecisionPoint("2", "Paragrafen justeras omedelbart.", sp("Paragrafen justeras omedelbart.")),
        ),
        proposals=(
            Proposal((PersonRef("Åsa Öberg", sp("Åsa Öberg", 2), "S", sp("(S)", 2)),), "bifall",
                     line("yrkade bifall"), target="förvaltningens förslag"),
            Proposal((PersonRef("Per Lind", sp("Per Lind", 4), "M", sp("(M)", 4), group=True),),
                     "avslag", line("yrkade avslag")),
        ),
        outcome="Ordföranden ställde proposition och fann att nämnden bifallit förslaget.",
        outcome_span=line("ställde proposition"),
        reservations=(Reservation((PersonRef("Per Lind", sp("Per Lind", 5), "M", sp("(M)", 5)),),
                                  line("reserverade sig"), in_favour_of="own"),),
        statements=(Statement((PersonRef("Nils Ek", sp("Nils Ek", 2), "L", sp("(L)", 2)),),
                              "särskilt uttalande", line("anmälde ett särskilt uttalande"),
                              text_span=sp("biblioteket behövs.")),),
        handlingar=(Handling("KUN 2030/77-2", "Tjänsteutlåtande", line("Handlingar i ärendet")),),
    )
    return Paper(source=source, kind="protokoll", meeting=meeting, attendance=attendance,
                 items=(item1, item2))


def make_linked() -> Linked:
    sfs = Citation("sfs", sp("4 kap. 2 § kommunallagen (2017:725)"), "4 kap. 2 § kommunallagen (2017:725)",
                   act_name="kommunallagen", sfs="2017:725", chapter="4", paragraph="2")
    sou = Citation("report", sp("SOU 2029:12"), "SOU 2029:12", series="SOU", number="2029:12")
    return Linked(
        reference_date=dt.date(2031, 2, 14),
        persons=[
            LinkedPerson("asa oberg", "Åsa Öberg", "S", ("ordförande",),
                         (sp("Åsa Öberg"), sp("Åsa Öberg", 2))),
            LinkedPerson("per lind", "Per Lind", "M", ("ledamot", "justerare"),
                         tuple(sp("Per Lind", i) for i in range(1, 6))),
            LinkedPerson("nils ek", "Nils Ek", "L", ("tjänstgörande ersättare",),
                         (sp("Nils Ek"), sp("Nils Ek", 2))),
        ],
        entities=[
            LinkedEntity("party", "S", "Socialdemokraterna", (sp("(S)"),)),
            LinkedEntity("party", "M", "Moderaterna", (sp("(M)"),)),
            LinkedEntity("district", "Norrby", "Norrby stadsdelsområde", (sp("Norrby stadsdelsområde"),)),
            LinkedEntity("body", "kulturnämnden", "Kulturnämnden", (sp("Kulturnämnden"),)),
        ],
        citations=[
            LinkedCitation(sfs, "sfs", sfs="2017:725",
                           provision="K4P2", lagen_nu="https://lagen.nu/2017:725#K4P2",
                           rinfo="http://rinfo.lagrummet.se/publ/sfs/2017:725#k_4-p_2",
                           riksdagen="sfs-2017-725"),
            LinkedCitation(sou, "report", lagen_nu="https://lagen.nu/sou/2029:12", report_id="SOU 2029:12"),
        ],
    )


def test_fixture_spans_are_exact():
    paper = make_paper()
    for att in paper.attendance:
        assert att.person.span.slice(paper.source.text) == att.person.name
    for prop in paper.items[1].proposals:
        for ref in prop.by:
            assert ref.span.slice(paper.source.text) == ref.name
