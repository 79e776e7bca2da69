"""Proposals, votes, reservations and statements in today's protocol language: invented
papers (names, numbers and wording made up) with the shapes real protocols print, checked
as records and through the contract queries."""

from __future__ import annotations

import pytest

from graf.records import Span
from graf.sources import source_from_text
from graf.structure import parse
from graf.structure.votes import parse_votes, voting_lists

# A modern template: "Förslag till beslut på sammanträdet", "Beslutsgång", "Omröstning" with
# what ja and nej stand for, a result sentence and a voting list whose empty cells the text
# layer prints as one space each (written "␣" below where they end a line), a written
# reservation, protokollsanteckningar.
MODERN = """Tallåsens kommun
Miljö- och byggnämnden
Protokoll
Sammanträdesdatum 2031-03-04

Plats och tid Stora salen, Tallåsens rådhus, kl. 18.00-20.10

Beslutande
Vera Lundmark (S), ordförande
Tor Hägglund (M), vice ordförande
Elin Rask (S)
Jonas Vik (S)
Frida Sköld (M)
Ali Demir (KD)
Nora Bengtsson (L)

Justerare
Tor Hägglund

§ 21  2031.044 MBN
Detaljplan för kvarteret Kastanjen
Ärendebeskrivning
Förvaltningen har tagit fram ett förslag till detaljplan för kvarteret Kastanjen.

Förslag till beslut på sammanträdet
Tor Hägglund (M) och Ali Demir (KD) föreslår att ärendet återremitteras.

Vera Lundmark (S), Elin Rask (S) och Jonas Vik (S) föreslår bifall till förvaltningens förslag.

Beslutsgång
Ordföranden frågar om ärendet ska avgöras idag eller återremitteras och finner att ärendet ska avgöras idag.

Omröstning
Omröstning begärs.

Följande beslutsgång godkänns:
Ja-röst för att avgöra ärendet idag.
Nej-röst för återremiss.

Omröstningsresultat
Med 4 ja-röster och 3 nej-röster finner ordföranden att miljö- och byggnämnden beslutar att avgöra ärendet idag.

Beslut
Detaljplanen antas.

Reservation
Tor Hägglund (M), Frida Sköld (M) och Ali Demir (KD) lämnar följande skriftliga reservation:
Vi anser att planen borde ha beretts vidare.

Anteckning
Nora Bengtsson (L) lämnar följande skriftliga protokollsanteckning:
Liberalerna vill att grönytan skyddas.

Voteringslista: §21
Ledamot Ja Nej Avstår␣
Vera Lundmark (S), ordförande X␣␣␣
Tor Hägglund (M), vice ordförande  X␣␣
Elin Rask (S), ledamot X␣␣␣
Jonas Vik (S), ledamot X␣␣␣
Frida Sköld (M), ledamot  X␣␣
Ali Demir (KD), ledamot  X␣␣
Nora Bengtsson (L), ledamot X␣␣␣
Resultat 4 3 0␣

§ 22  2031.051 MBN
Taxa för tillsyn 2032

Yrkanden
Elin Rask (S) yrkar bifall till förvaltningens förslag.
Frida Sköld (M) yrkar avslag.

Tilläggsyrkande
Nora Bengtsson (L) yrkar att taxan ses över efter ett år.

Beslutsgång
Ordföranden ställer förslagen mot varandra och finner att nämnden bifaller förvaltningens förslag.
Votering begärs och verkställs. Omröstningen utfaller med 4 ja, 2 nej och 1 avstår.

Beslut
Taxan antas.

Reservation
M-, KD- och L-ledamöterna reserverar sig mot beslutet.

§ 23  2031.060 MBN
Yttrande över remiss om strandskydd

Yrkanden
Ali Demir (KD) yrkar att ärendet bordläggs.
Jonas Vik (S) yrkar bifall till förslaget med följande ändring: att andra stycket stryks.

Beslut
Ärendet bordläggs.

Moderaternas ledamöter reserverar sig mot beslutet.
""".replace("␣", " ")


@pytest.fixture(scope="module")
def paper():
    return parse(source_from_text(MODERN, "tallasen-mbn.txt"))


def _item(paper, number):
    return next(i for i in paper.items if i.number == number)


def _names(refs):
    return [p.name for p in refs]


# --------------------------------------------------------------------------- proposals


def test_proposals_moved_with_foreslar(paper):
    got = [(_names(p.by), p.stance, p.kind) for p in _item(paper, "21").proposals]
    assert got == [
        (["Tor Hägglund", "Ali Demir"], "annat", "återremiss"),
        (["Vera Lundmark", "Elin Rask", "Jonas Vik"], "bifall", "yrkande"),
    ]


def test_proposals_yrkar_and_tillaggsyrkande(paper):
    got = [(_names(p.by), p.stance, p.kind) for p in _item(paper, "22").proposals]
    assert got == [
        (["Elin Rask"], "bifall", "yrkande"),
        (["Frida Sköld"], "avslag", "yrkande"),
        (["Nora Bengtsson"], "annat", "tilläggsyrkande"),
    ]


def test_bordlaggning_and_andring(paper):
    got = [(_names(p.by), p.stance, p.kind) for p in _item(paper, "23").proposals]
    # an own change to the proposal on the table approves it in part
    assert got == [(["Ali Demir"], "annat", "bordläggning"), (["Jonas Vik"], "delvis", "ändringsyrkande")]


def test_chair_putting_the_question_is_no_proposal(paper):
    # "Ordföranden frågar om ... och finner att" is the propositionsordning, not a yrkande
    assert all("Ordföranden" not in p.span.slice(paper.source.text)[:12] for p in _item(paper, "21").proposals)


# --------------------------------------------------------------------------- votes


def test_vote_counts_and_meaning(paper):
    (vote,) = _item(paper, "21").votes
    assert (vote.yes, vote.no, vote.abstain) == (4, 3, 0)
    assert vote.yes_means == "att avgöra ärendet idag"
    assert vote.no_means == "återremiss"
    assert vote.result.startswith("Med 4 ja-röster och 3 nej-röster")


def test_vote_members_from_list(paper):
    (vote,) = _item(paper, "21").votes
    got = {(m.person.name, m.choice) for m in vote.members}
    assert got == {
        ("Vera Lundmark", "ja"), ("Elin Rask", "ja"), ("Jonas Vik", "ja"), ("Nora Bengtsson", "ja"),
        ("Tor Hägglund", "nej"), ("Frida Sköld", "nej"), ("Ali Demir", "nej"),
    }


def test_inline_counts_without_list(paper):
    (vote,) = _item(paper, "22").votes
    assert (vote.yes, vote.no, vote.abstain) == (4, 2, 1)
    assert vote.members == ()


def test_no_vote_where_none_was_taken(paper):
    assert _item(paper, "23").votes == ()


PIPE_TABLE = """Omröstning

| Ledamot | Ja | Nej | Avstår |
|---|---|---|---|
| Greta Alm (S) | X | | |
| Bo Lind (M) | | X | |
| Ida Kron (C) | | | X |
| Resultat | 1 | 1 | 1 |
"""


def test_markdown_voting_table():
    (vote,) = parse_votes(PIPE_TABLE, 0, len(PIPE_TABLE))
    assert (vote.yes, vote.no, vote.abstain) == (1, 1, 1)
    assert [(m.person.name, m.choice) for m in vote.members] == [
        ("Greta Alm", "ja"), ("Bo Lind", "nej"), ("Ida Kron", "avstår")]


def test_list_whose_marks_disagree_with_totals_gives_counts_only():
    text = PIPE_TABLE.replace("| Resultat | 1 | 1 | 1 |", "| Resultat | 2 | 1 | 0 |")
    ((span, totals, members),) = voting_lists(text, 0, len(text))
    assert totals == {"ja": 2, "nej": 1, "avstår": 0}
    assert members == ()
    (vote,) = parse_votes(text, 0, len(text))
    assert (vote.yes, vote.no, vote.abstain, vote.members) == (2, 1, 0, ())


def test_yes_against_no_sentence():
    text = "Omröstning\nEfter omröstning med 9 ja-röster mot 6 nej-röster beslutar fullmäktige enligt förslaget.\n"
    (vote,) = parse_votes(text, 0, len(text))
    assert (vote.yes, vote.no, vote.abstain) == (9, 6, None)
    assert isinstance(vote.span, Span)


# --------------------------------------------------------------------------- reservations, statements


def test_written_reservation_by_names(paper):
    (res,) = _item(paper, "21").reservations
    assert _names(res.by) == ["Tor Hägglund", "Frida Sköld", "Ali Demir"]
    assert res.written
    assert res.text_span is not None
    assert res.text_span.slice(paper.source.text).startswith("Vi anser")


def test_reservation_by_party_groups(paper):
    (res,) = _item(paper, "22").reservations
    assert res.by == ()
    assert res.parties == ("M", "KD", "L")


def test_reservation_by_party_members_genitive(paper):
    (res,) = _item(paper, "23").reservations
    assert res.by == () and res.parties == ("M",)


def test_written_protokollsanteckning(paper):
    (st,) = _item(paper, "21").statements
    assert (_names(st.by), st.kind) == (["Nora Bengtsson"], "protokollsanteckning")


# --------------------------------------------------------------------------- graph and queries


@pytest.fixture(scope="module")
def graph():
    from graf.pipeline import process_source

    return process_source(source_from_text(MODERN, "tallasen-mbn.txt"), "https://example.org/graf/").graph


def _rows(graph, name):
    from graf.resources import read_query
    from graf.store import run_query

    variables, rows = run_query(read_query(name), graph)
    return [{v: (None if t is None else str(t)) for v, t in zip(variables, r)} for r in rows]


def test_votes_query(graph):
    rows = _rows(graph, "votes")
    assert sorted((r["itemNumber"], r["yes"], r["no"], r["abstain"]) for r in rows) == [
        ("21", "4", "3", "0"), ("22", "4", "2", "1")]


def test_votes_query_binds_integers(graph):
    from graf.resources import read_query
    from graf.store import run_query

    variables, rows = run_query(read_query("votes"), graph)
    yes = variables.index("yes")
    assert all(r[yes].datatype.endswith("#integer") for r in rows)


def test_vote_members_query(graph):
    rows = _rows(graph, "vote-members")
    assert ("21", "Ali Demir", "nej") in {(r["itemNumber"], r["name"], r["choice"]) for r in rows}
    assert len([r for r in rows if r["itemNumber"] == "21"]) == 7


def test_proposals_query_stances(graph):
    got = {(r["itemNumber"], r["name"], r["stance"]) for r in _rows(graph, "proposals")}
    assert ("21", "Tor Hägglund", "annat") in got
    assert ("22", "Frida Sköld", "avslag") in got
    assert ("23", "Ali Demir", "annat") in got


def test_proposals_query_keeps_printed_kind(graph):
    got = {(r["itemNumber"], r["name"], r["kind"]) for r in _rows(graph, "proposals")}
    assert ("22", "Nora Bengtsson", "tilläggsyrkande") in got
    assert ("21", "Tor Hägglund", "återremiss") in got


def test_reservations_query_party_groups(graph):
    rows = _rows(graph, "reservations")
    assert {(r["itemNumber"], r["party"]) for r in rows if r["name"] is None} == {
        ("22", "M"), ("22", "KD"), ("22", "L"), ("23", "M")}
    assert {r["name"] for r in rows if r["itemNumber"] == "21"} == {"Tor Hägglund", "Frida Sköld", "Ali Demir"}


def test_statements_query(graph):
    rows = _rows(graph, "statements")
    assert {(r["itemNumber"], r["name"], r["kind"]) for r in rows} == {("21", "Nora Bengtsson", "protokollsanteckning")}


def test_graph_conforms(graph):
    from graf.validate import validate

    report = validate(graph)
    assert report.conforms, [(r.message, r.focus) for r in report.violations][:5]


# --------------------------------------------------------------------------- more wordings

CHAIR = """Protokoll
Kulturnämnden, sammanträde 2031-05-05

Beslutande
Lina Berg (S), ordförande
Oskar Dahl (M), vice ordförande
Eva Ström (V)

§ 4 Budget 2032
Yrkanden
Ordföranden yrkar bifall till förvaltningens förslag.
Vice ordföranden yrkar avslag.
Eva Ström (V) yrkar, med instämmande av Oskar Dahl (M), att ärendet återremitteras.

§ 5 Lokalfrågor
Yrkanden
Ordföranden yrkar bifall till förvaltningens förslag.
"""


def test_mover_named_by_office_is_the_office_holder():
    paper = parse(source_from_text(CHAIR, "kultur.txt"))
    got = [(_names(p.by), p.stance, p.office) for p in _item(paper, "4").proposals[:2]]
    assert got == [(["Lina Berg"], "bifall", "ordförande"), (["Oskar Dahl"], "avslag", "vice ordförande")]


def test_office_nobody_holds_gives_no_proposal():
    text = CHAIR.replace("Lina Berg (S), ordförande\n", "Lina Berg (S)\n")
    paper = parse(source_from_text(text, "kultur.txt"))
    assert [p.office for p in _item(paper, "5").proposals] == []


def test_seconders_move_with_the_mover():
    paper = parse(source_from_text(CHAIR, "kultur.txt"))
    prop = _item(paper, "4").proposals[2]
    assert (_names(prop.by), prop.stance, prop.kind) == (["Eva Ström", "Oskar Dahl"], "annat", "återremiss")


@pytest.mark.parametrize("sentence, counts", [
    ("Omröstningsresultat: Ja: 8, Nej: 7, Avstår: 1", (8, 7, 1)),
    ("Vid omröstningen röstar 9 ledamöter ja och 6 ledamöter nej.", (9, 6, None)),
    ("Resultat\nJa 8\nNej 7", (8, 7, None)),
    ("Med 7 ja-röster och 8\nnej-röster finner ordföranden att nämnden avslår förslaget.", (7, 8, None)),
])
def test_result_wordings(sentence, counts):
    text = "Omröstning\n" + sentence + "\n"
    (vote,) = parse_votes(text, 0, len(text))
    assert (vote.yes, vote.no, vote.abstain) == counts


def test_voting_table_with_a_substitute_column():
    text = """Omröstning

| Ledamot | Tjänstgörande ersättare | Ja | Nej | Avstår |
|---|---|---|---|---|
| Anna Ek (S) | Bo Lund (S) | X | | |
| Carl Berg (M) | | | X | |
| Summa | | 1 | 1 | 0 |
"""
    (vote,) = parse_votes(text, 0, len(text))
    # the serving substitute casts the vote
    assert [(m.person.name, m.choice) for m in vote.members] == [("Bo Lund", "ja"), ("Carl Berg", "nej")]


@pytest.mark.parametrize("sentence, names, parties", [
    ("(M) och (KD) reserverar sig mot beslutet.", [], ("M", "KD")),
    ("Mot beslutet reserverar sig Socialdemokraterna och Vänsterpartiet.", [], ("S", "V")),
    ("Mot beslutet reserverar sig Anna Ek (M) och Bo Ek (L).", ["Anna Ek", "Bo Ek"], ()),
    ("SD-gruppen reserverar sig mot beslutet.", [], ("SD",)),
    ("Ledamöterna från M och KD reserverar sig mot beslutet.", [], ("M", "KD")),
    ("Reservation\nModeraterna, Kristdemokraterna\noch Liberalerna reserverar sig mot beslutet.", [], ("M", "KD", "L")),
])
def test_reservation_subjects(sentence, names, parties):
    from graf.structure.motions import reservations

    (res,) = reservations(sentence, 0, len(sentence))
    assert (_names(res.by), res.parties) == (names, parties)


def test_reservation_in_favour_of_own_proposal_by_group():
    from graf.structure.motions import reservations

    text = "Mot beslutet reserverar sig Socialdemokraterna till förmån för eget yrkande."
    (res,) = reservations(text, 0, len(text))
    assert res.in_favour_of == "own"


@pytest.mark.parametrize("sentence, name, kind, body", [
    ("Följande protokollsanteckning lämnas av Eva Ström (V): Vi vill se en plan.", "Eva Ström",
     "protokollsanteckning", "Vi vill se en plan."),
    ("Särskilt uttalande avgavs av Åsa Ek (M) enligt följande; planen är bra.", "Åsa Ek",
     "särskilt uttalande", "planen är bra."),
    ("Ordförande Ulla Ek (S) lämnar för de samverkande partierna (S, C och V) följande protokollsanteckning: Bra.",
     "Ulla Ek", "protokollsanteckning", "Bra."),
])
def test_statement_wordings(sentence, name, kind, body):
    from graf.structure.motions import phrase_statements

    (st,) = phrase_statements(sentence, 0, len(sentence), [])
    assert (_names(st.by), st.kind, st.text_span.slice(sentence)) == ([name], kind, body)


GROUPS = """Protokoll
Tekniska nämnden, sammanträde 2031-09-09

Beslutande
Siv Lund (S), ordförande
Mats Hed (M)

§ 8 Gatubelysning
Yrkanden
Socialdemokraterna yrkar bifall till förvaltningens förslag.
Ledamöterna från (M), (L) och (KD) yrkar avslag.

Beslut
Förslaget bifalls.

Reservation
Ledamöterna från (M), (L) och (KD) reserverar sig till förmån för eget yrkande.

Protokollsanteckning
SD-gruppen antecknar till protokollet att belysningen behövs.
"""


def test_party_groups_move_reserve_and_state():
    paper = parse(source_from_text(GROUPS, "teknik.txt"))
    item = _item(paper, "8")
    assert [(p.by, p.parties, p.stance) for p in item.proposals] == [
        ((), ("S",), "bifall"), ((), ("M", "L", "KD"), "avslag")]
    assert [(r.by, r.parties, r.in_favour_of) for r in item.reservations] == [((), ("M", "L", "KD"), "own")]
    assert [(s.by, s.parties, s.kind) for s in item.statements] == [((), ("SD",), "protokollsanteckning")]


def test_party_group_rows_in_queries():
    from graf.pipeline import process_source

    graph = process_source(source_from_text(GROUPS, "teknik.txt"), "https://example.org/graf/").graph
    assert {(r["itemNumber"], r["party"], r["stance"]) for r in _rows(graph, "proposals")} == {
        ("8", "S", "bifall"), ("8", "M", "avslag"), ("8", "L", "avslag"), ("8", "KD", "avslag")}
    assert {(r["name"], r["party"]) for r in _rows(graph, "statements")} == {(None, "SD")}
    from graf.validate import validate

    report = validate(graph)
    assert report.conforms, [(r.message, r.focus) for r in report.violations][:5]


def test_not_taking_part_in_the_decision():
    from graf.structure.motions import non_participation

    text = ("Moderaterna och Kristdemokraterna avstår från att delta i beslutet. "
            "Per Lind (L) anmäler jäv och deltar inte i handläggningen.")
    got = [(_names(n.by), n.parties, n.jav) for n in non_participation(text, 0, len(text))]
    assert got == [([], ("M", "KD"), False), (["Per Lind"], (), True)]


def test_layout_preserving_voting_list():
    # a text layer that keeps the page layout: the mark stands under its column title
    text = """Omröstning
Ledamot                  Ja    Nej   Avstår
Greta Alm (S)            X
Bo Lind (M)                    X
Ida Kron (C)                         X
Resultat                 1     1     1
"""
    (vote,) = parse_votes(text, 0, len(text))
    assert [(m.person.name, m.choice) for m in vote.members] == [
        ("Greta Alm", "ja"), ("Bo Lind", "nej"), ("Ida Kron", "avstår")]


def test_party_named_in_a_case_description_moves_nothing():
    text = GROUPS.replace("Yrkanden\nSocialdemokraterna yrkar bifall till förvaltningens förslag.\n",
                          "Ärendebeskrivning\nSocialdemokraterna yrkar i sin motion att lamporna byts.\n\nYrkanden\n")
    paper = parse(source_from_text(text, "teknik.txt"))
    assert [p.parties for p in _item(paper, "8").proposals] == [("M", "L", "KD")]


JOINING = """Protokoll
Kulturnämnden, sammanträde 2031-05-05

Beslutande
Lina Berg (S), ordförande
Oskar Dahl (M), vice ordförande
Eva Ström (V)
Nils Ek (MP)

§ 4 Budget 2032
Yrkanden
Oskar Dahl (M) yrkar avslag.
Lina Berg (S) yrkar bifall till förvaltningens förslag.
Eva Ström (V) instämmer i Oskar Dahls yrkande.
Nils Ek (MP) instämmer i yrkandet.
"""


def test_joining_a_proposal_takes_its_stance():
    paper = parse(source_from_text(JOINING, "kultur.txt"))
    got = [(_names(p.by), p.stance) for p in _item(paper, "4").proposals]
    # a named mover's proposal, or without a name the one moved just before
    assert got == [(["Oskar Dahl"], "avslag"), (["Lina Berg"], "bifall"), (["Eva Ström"], "avslag"),
                   (["Nils Ek"], "bifall")]


APPENDED = """Protokoll
Kulturnämnden, sammanträde 2031-05-05

Beslutande
Lina Berg (S), ordförande
Oskar Dahl (M), vice ordförande
Eva Ström (V)

§ 6 Stöd till föreningar
Yrkanden
Lina Berg (S) yrkar bifall till förvaltningens förslag.
Oskar Dahl (M) yrkar avslag.

Omröstning
Med 2 ja-röster mot 1 nej-röst bifaller nämnden förvaltningens förslag.
Voteringslistan finns i bilaga.

Underskrifter
Lina Berg, ordförande

Bilaga 1. Voteringslista § 6

| Ledamot | Ja | Nej | Avstår |
|---|---|---|---|
| Lina Berg (S) | X | | |
| Oskar Dahl (M) | | X | |
| Eva Ström (V) | X | | |
| Summa | 2 | 1 | 0 |
"""


def test_voting_list_appended_after_the_signatures_goes_to_its_paragraph():
    paper = parse(source_from_text(APPENDED, "kultur.txt"))
    (vote,) = _item(paper, "6").votes
    assert (vote.yes, vote.no, vote.abstain) == (2, 1, 0)
    assert [(m.person.name, m.choice) for m in vote.members] == [
        ("Lina Berg", "ja"), ("Oskar Dahl", "nej"), ("Eva Ström", "ja")]


# Minutes printed without "§" whose text layer lost its line breaks: the registry number
# stands in the margin before each paragraph number ("Dnr 4/2031.110 8 Title"), section
# headings run inline ("Yrkanden Ordföranden yrkar ..."), the chair is named only in the
# justering line under each paragraph ("Name (C), ordf."). Such a paper reads like a
# numbered list; what its items record makes it minutes.
FLAT_UNSIGNED = (
    "7 Val av justerare Ulla Bergsten (S) utses att tillsammans med ordföranden justera protokollet "
    "den 9 april 2031. Föredragningslistan godkänns. "
    "Dnr 4/2031.110 8 Redovisning av delegationsbeslut att notera redovisningen till protokollet. "
    "Ärende Delegationsbeslut fattade under mars 2031 redovisas. Yrkanden Ordföranden yrkar bifall "
    "till förvaltningens förslag. Ordföranden finner bifall till eget yrkande. Paragrafen justeras "
    "Gösta Lindqvist (C), ordf. Ulla Bergsten (S), ledamot "
    "Dnr 11/2031.402 9 Bidrag till föreningen Ekbacken att bevilja föreningen 40 000 kronor. "
    "Ärende Föreningen har ansökt om bidrag för sommarverksamhet. Yrkanden Ordföranden yrkar bifall "
    "till förvaltningens förslag. Ulla Bergsten (S) yrkar avslag på förvaltningens förslag. "
    "Ordföranden ställer förslagen mot varandra och finner att nämnden bifaller ordförandens yrkande. "
    "Ulla Bergsten (S) reserverar sig mot beslutet. Paragrafen justeras Gösta Lindqvist (C), ordf. "
    "Ulla Bergsten (S), ledamot\n"
)


def test_unsigned_flat_minutes_record_proposals():
    paper = parse(source_from_text(FLAT_UNSIGNED))
    assert paper.kind == "protokoll"
    items = {it.number: it for it in paper.items}
    assert list(items) == ["7", "8", "9"]
    assert [d.value for d in items["8"].dnr] == ["4/2031.110"]
    # "Ordföranden" is the chair the justering lines name
    assert [(p.stance, [q.name for q in p.by], p.office) for p in items["8"].proposals] == [
        ("bifall", ["Gösta Lindqvist"], "ordförande")]
    assert [(p.stance, [q.name for q in p.by]) for p in items["9"].proposals] == [
        ("bifall", ["Gösta Lindqvist"]), ("avslag", ["Ulla Bergsten"])]
    assert [[q.name for q in r.by] for r in items["9"].reservations] == [["Ulla Bergsten"]]
    # the heading that runs inline ends the sentence before it: no proposal text starts in
    # the case description
    assert all(FLAT_UNSIGNED[p.span.start:].startswith(("Ordföranden", "Ulla"))
               for it in paper.items for p in it.proposals)


# An agenda whose item quotes what a member moved elsewhere stays an agenda: nothing in it
# is printed only in minutes.
AGENDA_QUOTING_A_MOTION = """Kallelse och föredragningslista
Kultur- och fritidsnämnden 2031-05-14

1 Val av justerare

2 Motion om fler spontanidrottsplatser
Dnr KFN 2031/44
I motionen yrkar Ida Ström (V) att nämnden bygger tre nya spontanidrottsplatser.

3 Anmälan av delegationsbeslut
"""


def test_agenda_quoting_a_motion_stays_an_agenda():
    paper = parse(source_from_text(AGENDA_QUOTING_A_MOTION))
    assert paper.kind == "dagordning"
    assert all(not it.proposals for it in paper.items)


# Some templates print each mover before a colon under the proposals heading, with no verb.
COLON_PROPOSALS = """Protokoll
Fritidsnämnden
Sammanträdesdatum 2032-04-02

Beslutande
Lisa Borg (S), ordförande
Omar Haddad (M)
Tove Ling (C)

§ 12 Avgifter för idrottshallar
Dnr FN 2032/33

Yrkanden
Omar Haddad (M): Avslag på förvaltningens förslag.
Tove Ling (C): Bifall till förvaltningens förslag.
Lisa Borg (S): yrkar bifall till förvaltningens förslag.

Beslutsgång
Ordföranden ställer förslagen mot varandra och finner att nämnden bifaller förvaltningens förslag.

Yttranden
Omar Haddad (M): Avgifterna slår mot föreningarna.
"""


def test_movers_before_a_colon_in_the_proposals_section():
    item = parse(source_from_text(COLON_PROPOSALS)).items[0]
    assert [(p.stance, [q.name for q in p.by]) for p in item.proposals] == [
        ("avslag", ["Omar Haddad"]), ("bifall", ["Tove Ling"]), ("bifall", ["Lisa Borg"])]


# A paragraph broken over a page: the next page repeats its head with "(forts)"; the
# proposals heading joined with the meeting's proposals ("Yrkanden/förslag till beslut på
# sammanträdet") lists movers without their party.
CONTINUED_PARAGRAPH = """Protokoll
Kommunfullmäktige
Sammanträdesdatum 2032-06-14

Beslutande
Karin Holt (S), ordförande
Jan Ek (M)
Sara Bly (V)

KF § 21                                         Dnr KS 2032-011
Årsredovisning 2031

Ärendet
Kommunstyrelsen föreslår att fullmäktige godkänner årsredovisningen.

Justerandes sign             Utdragsbestyrkande

BERGSÅ KOMMUN                                     SAMMANTRÄDESPROTOKOLL
Kommunfullmäktige                                  Sida 4 (7)

KF § 21 (forts)

Yrkanden/förslag till beslut på sammanträdet
Jan Ek yrkar bifall till kommunstyrelsens förslag.
Sara Bly yrkar att ärendet återremitteras.

KF § 22                                         Dnr KS 2032-019
Ansvarsfrihet för 2031
Fullmäktige beviljar ansvarsfrihet.
"""


def test_a_continued_paragraph_head_is_no_new_paragraph():
    items = parse(source_from_text(CONTINUED_PARAGRAPH)).items
    assert [(it.number, it.title) for it in items] == [("21", "Årsredovisning 2031"), ("22", "Ansvarsfrihet för 2031")]
    assert [(p.stance, [q.name for q in p.by]) for p in items[0].proposals] == [
        ("bifall", ["Jan Ek"]), ("annat", ["Sara Bly"])]


def test_a_note_had_entered_in_the_minutes_is_a_protokollsanteckning():
    from graf.structure.motions import phrase_statements
    t = "Nora Lind (V) får följande antecknat till protokollet: Vi vill se en snabbare utbyggnad."
    assert [(s.kind, [q.name for q in s.by]) for s in phrase_statements(t, 0, len(t), [])] == [
        ("protokollsanteckning", ["Nora Lind"])]


APPENDED_RESERVATION = """Protokoll
Regionstyrelsen
Sammanträdesdatum 2033-03-01

§ 40
Budgetuppföljning februari
Regionstyrelsen godkänner uppföljningen.
Reservation
Ledamöterna för M och L reserverar sig mot beslutet, se bilaga § 40.

§ 41
Yttrande över remiss om kollektivtrafik
Regionstyrelsen antar yttrandet.
Ersättaryttrande
Eva Lilja (SD) lämnar ett ersättaryttrande.

Bilaga § 40
Reservation – Budgetuppföljning februari
Vi reserverar oss mot beslutet.

Anna Holm (M)          Bo Ek (L)
"""


def test_an_appendix_after_the_last_paragraph_is_no_part_of_it():
    items = parse(source_from_text(APPENDED_RESERVATION)).items
    last = items[-1]
    assert [(s.kind, [q.name for q in s.by]) for s in last.statements] == [("ersättaryttrande", ["Eva Lilja"])]
    assert "Bilaga" not in APPENDED_RESERVATION[last.span.start:last.span.end]
