"""Stance relative to the proposal being decided, movers in other word orders, votes worded
without ja and nej, and statements whose scope a signature block ends or whose § is named
away from it.

Every paper below is invented (municipality, people, numbers and wording made up) in the
shapes Swedish minutes print. The stance convention is the gold's: a stance is relative to
the proposal the meeting decides on (the förvaltning's, the utskott's), so a bifall to a
proposal to reject a motion is bifall, a bifall to the motion it rejects is annat, a bifall
with the mover's own change or addition and an ändringsyrkande are delvis, a tilläggsyrkande
on its own and an återremiss are annat."""

from __future__ import annotations

import pytest

from graf.sources import source_from_text
from graf.structure import parse
from graf.structure.motions import proposal_kind, stance
from graf.structure.votes import parse_votes

STANCES = """Ekbacka kommun
Fritidsnämnden
Sammanträdesprotokoll 2031-09-17

Beslutande
Mona Lind (S), ordförande
Per Holm (M), vice ordförande
Sara Kvist (V)
Eino Rautio (L)
Amira Haddad (C)
Klas Sund (KD)
Tove Ek (SD)

§ 31  FN 2031/77
Motion om gratis badhus för pensionärer
Arbetsutskottet föreslår att motionen avslås.
Yrkanden
Mona Lind (S) yrkar bifall till arbetsutskottets förslag att motionen avslås.
Sara Kvist (V) yrkar bifall till motionen.
Tove Ek (SD) yrkar avslag på arbetsutskottets förslag.
Klas Sund (KD) yrkar bifall till KD-gruppens eget förslag, bilaga 3.

§ 32  FN 2031/80
Avgifter för idrottshallar 2032
Förvaltningen föreslår nya avgifter enligt bilaga 1.
Yrkanden
Per Holm (M) yrkar bifall till förvaltningens förslag med tillägget att avgifterna
följs upp efter ett halvår.
Eino Rautio (L) yrkar att timpriset för föreningar sänks till 90 kronor.
Amira Haddad (C) lämnar ett tilläggsyrkande om att förvaltningen ska redovisa
bokningsgraden i mars.
Ordföranden yrkar bifall till förvaltningens förslag och till tilläggsyrkandet.

Beslutsgång
Ordföranden ställer proposition på förvaltningens förslag och Eino Rautios
ändringsyrkande och finner förvaltningens förslag bifallet.

§ 33  FN 2031/81
Bidrag till föreningsanläggningar
Förvaltningen föreslår att 400 000 kronor fördelas enligt bilaga 2.
Yrkanden
Sara Kvist (V) yrkar att Ekbacka IK tas med i fördelningen.
Tove Ek (SD) yrkar bifall till förvaltningens förslag och därutöver att nämnden
ska få en rapport i juni.

Beslutsgång
Ordföranden ställer proposition på förvaltningens förslag och Sara Kvists
ändringsyrkande och finner förvaltningens förslag bifallet.
"""


def _item(paper, number):
    return next(i for i in paper.items if i.number == number)


def _stances(paper, number):
    return {(p.name, pr.stance) for pr in _item(paper, number).proposals for p in pr.by}


@pytest.fixture(scope="module")
def paper():
    return parse(source_from_text(STANCES, "fritid.txt"))


def test_bifall_to_a_rejection_proposal_is_bifall_and_to_the_motion_annat(paper):
    assert _stances(paper, "31") == {
        ("Mona Lind", "bifall"),   # "bifall till arbetsutskottets förslag att motionen avslås"
        ("Sara Kvist", "annat"),   # "bifall till motionen": another outcome than the proposal
        ("Tove Ek", "avslag"),
        ("Klas Sund", "annat"),    # the group's own counter-proposal
    }


def test_own_change_or_addition_is_delvis_a_bare_tillagg_annat(paper):
    assert _stances(paper, "32") == {
        ("Per Holm", "delvis"),     # bifall "med tillägget att ..."
        ("Eino Rautio", "delvis"),  # a bare att-clause lowering one price: an ändringsyrkande
        ("Amira Haddad", "annat"),  # a tilläggsyrkande on its own takes no side on the proposal
        ("Mona Lind", "bifall"),    # the chair: bifall to the proposal and another's addition
    }


def test_the_paragraph_naming_a_proposal_an_andringsyrkande_decides_its_kind(paper):
    # "att Ekbacka IK tas med" changes no amount; the beslutsgång calls it an ändringsyrkande
    kvist = next(pr for pr in _item(paper, "33").proposals if pr.by[0].name == "Sara Kvist")
    assert (kvist.kind, kvist.stance) == ("ändringsyrkande", "delvis")
    assert ("Tove Ek", "delvis") in _stances(paper, "33")  # "... och därutöver att ..."


@pytest.mark.parametrize("lead, want", [
    (" bifall till kommunledningskontorets förslag att avslå ansökan.", "bifall"),
    (" bifall till ansökan.", "annat"),
    (" bifall till medborgarförslaget.", "annat"),
    (" bifall till förslaget med följande ändring: att tredje punkten stryks.", "delvis"),
    (" bifall till förslaget med tillägg av Eva Eks tilläggsyrkande.", "bifall"),
    (" i första hand återremiss och i andra hand avslag.", "annat"),
    (" att ärendet ska avgöras i dag.", "annat"),
    (" att beloppet ska finansieras genom minskade lokalkostnader.", "delvis"),
    (" att motionen ska bifallas.", "annat"),
    (" att förvaltningens förslag godkänns.", "bifall"),
    (" att nämnden tillstyrker medborgarförslaget.", "annat"),
    # a party's own proposal is another outcome than the one on the table
    (" bifall till Centerpartiets budgetförslag.", "annat"),
    (" bifall till KD:s förslag till investeringsplan.", "annat"),
    # joining another member's ändringsyrkande accepts the proposal in part, as it does
    (" bifall till Ola Vikström ändringsyrkande.", "delvis"),
    (" bifall till Ola Vikströms ändringsyrkande.", "delvis"),
    # rejecting the matter as the utskott proposes supports the utskott's proposal
    (" avslag på medborgarförslaget enligt arbetsutskottets förslag.", "bifall"),
    (" avslag på medborgarförslaget.", "avslag"),
])
def test_stance_wordings(lead, want):
    assert stance(lead, proposal_kind(lead))[0] == want


# --------------------------------------------------------------------------- movers

OLD_ORDER = """Protokoll Ekbacka kommunstyrelse 2031-10-02

Beslutande
Karin Ås (s), ordförande
Olof Berg (s)
Lise Lott Mark (v)
Nils Tand (m)
Per Gran (fp)

Ks § 40     Dnr 2031.211.041
Tilläggsanslag till räddningstjänsten

Kommunledningskontoret föreslår att kommunstyrelsen anvisar 2,4 mkr.

Under överläggningen yrkar Karin Ås (s), Olof Berg (s) och Lise Lott
Mark (v) bifall till kommunledningskontorets förslag. Nils Tand (m) yrkar att
anslaget minskas till 1,2 mkr. Per Gran (fp) instämmer i Nils Tands yrkande.
Ordföranden finner kommunledningskontorets förslag bifallet.
"""


def test_movers_after_the_verb_and_joining_outside_a_proposals_section():
    paper = parse(source_from_text(OLD_ORDER, "ks.txt"))
    assert _stances(paper, "40") == {
        ("Karin Ås", "bifall"), ("Olof Berg", "bifall"), ("Lise Lott Mark", "bifall"),
        ("Nils Tand", "delvis"), ("Per Gran", "delvis"),
    }


def test_a_motion_asking_for_something_is_no_mover_after_the_verb():
    text = OLD_ORDER.replace("Under överläggningen yrkar Karin Ås (s), Olof Berg (s) och Lise Lott\nMark (v) bifall",
                             "I motionen yrkas bifall")
    paper = parse(source_from_text(text, "ks.txt"))
    assert {n for n, _ in _stances(paper, "40")} == {"Nils Tand", "Per Gran"}


# --------------------------------------------------------------------------- votes


@pytest.mark.parametrize("sentence, counts", [
    ("Nämnden beslutar med 6 röster mot 5 att bifalla förvaltningens förslag.", (6, 5, None)),
    ("Nämnden avslår alltså ansökan med 4 röster mot 3.", (4, 3, None)),
    ("Fullmäktige bifaller förslaget med 30 röster mot 19, 2 avstår.", (30, 19, 2)),
])
def test_votes_counted_for_and_against(sentence, counts):
    text = "Omröstning begärs.\n" + sentence + "\n"
    (vote,) = parse_votes(text, 0, len(text))
    assert (vote.yes, vote.no, vote.abstain) == counts


# --------------------------------------------------------------------------- statements

LAST_PARAGRAPH = """Ekbacka kommun
Kommunfullmäktige
Protokoll 2031-11-20

§ 90/31   KS 2031/300
Taxa för serveringstillstånd

Beslut
Taxan antas.

Särskilt yttrande
Inga Berglöf (L) lämnar ett särskilt yttrande, bilaga 6.

Vid protokollet
Hugo Sjöstedt

Justeras
Ronja Falk          Ahmed Nour          Stina Wiik
"""


def test_signature_block_ends_the_statement_section():
    paper = parse(source_from_text(LAST_PARAGRAPH, "kf.txt"))
    (st,) = _item(paper, "90").statements
    assert [p.name for p in st.by] == ["Inga Berglöf"]


STATEMENT_AFTER = """Protokoll Ekbacka kommunstyrelse 2031-12-04

Ks § 50     Dnr 2031.300.041
Förskolans lokaler

Kommunstyrelsen beslutar att anvisa 3 mkr.

Ks § 51     Dnr 2031.301.106
Motion om cykelbanor

Kommunstyrelsen föreslår fullmäktige att avslå motionen.

Ks § 52     Dnr 2031.302.102
Yttrande om regional plan

Kommunstyrelsen tillstyrker planen.

Särskilt uttalande § 50
Rut Backe (s) gör ett särskilt uttalande om lokalernas ventilation.

Justerandes signatur:           Utdragsbestyrkande:
"""


def test_statement_printed_after_a_later_paragraph_goes_to_the_one_it_names():
    paper = parse(source_from_text(STATEMENT_AFTER, "ks.txt"))
    got = {(i.number, p.name, s.kind) for i in paper.items for s in i.statements for p in s.by}
    assert got == {("50", "Rut Backe", "särskilt uttalande")}


NAMED_SIDES = """§ 70  Dnr BMN 2031-000812
Bygglov för garage, Ekbacka 4:12

Omröstning
Ja = förvaltningens förslag, Nej = Jonas Alms yrkande
Ja: Petra Nyström, Oskar Leino, Hedda Grön
Nej: Jonas Alm, Vivi Ruth
Nämnden avslår alltså ansökan med 3 röster mot 2.
"""

NAMED_PROSE = ("Omröstning begärs och följande omröstningsordning godkänns: Ja för avslag på "
               "tilläggsyrkandet, Nej för bifall till tilläggsyrkandet. Med 2 ja-röster mot 1 nej-röst "
               "beslutar nämnden att avslå tilläggsyrkandet. Ja röstar Petra Nyström (S) och Oskar "
               "Leino (M). Nej röstar Jonas Alm (V). Beslut Nämnden antar planen.")


def test_named_sides_on_lines_give_members_and_what_ja_means():
    (vote,) = parse_votes(NAMED_SIDES, 0, len(NAMED_SIDES))
    assert (vote.yes, vote.no) == (3, 2)
    assert [(m.person.name, m.choice) for m in vote.members] == [
        ("Petra Nyström", "ja"), ("Oskar Leino", "ja"), ("Hedda Grön", "ja"), ("Jonas Alm", "nej"), ("Vivi Ruth", "nej")]
    assert (vote.yes_means, vote.no_means) == ("förvaltningens förslag", "Jonas Alms yrkande")


def test_named_sides_in_prose_on_one_line():
    (vote,) = parse_votes(NAMED_PROSE, 0, len(NAMED_PROSE))
    assert [(m.person.name, m.choice) for m in vote.members] == [
        ("Petra Nyström", "ja"), ("Oskar Leino", "ja"), ("Jonas Alm", "nej")]
    assert vote.yes_means == "avslag på tilläggsyrkandet"


def test_named_sides_that_do_not_add_up_to_the_counts_are_not_taken():
    text = NAMED_SIDES.replace("med 3 röster mot 2", "med 4 röster mot 2")
    (vote,) = parse_votes(text, 0, len(text))
    assert (vote.yes, vote.no, vote.members) == (4, 2, ())


# --------------------------------------------------------------------------- through the queries


def _query_rows(text: str, name: str) -> list[dict]:
    from graf.pipeline import process_source
    from graf.resources import read_query
    from graf.store import run_query

    graph = process_source(source_from_text(text, "ekbacka.txt"), "https://example.org/graf/").graph
    variables, rows = run_query(read_query(name), graph)
    return [{v: (None if t is None else str(t)) for v, t in zip(variables, r)} for r in rows]


def test_proposals_query_gives_stance_relative_to_the_proposal():
    got = {(r["itemNumber"], r["name"], r["stance"]) for r in _query_rows(STANCES, "proposals")}
    assert {("31", "Mona Lind", "bifall"), ("31", "Sara Kvist", "annat"), ("32", "Per Holm", "delvis"),
            ("32", "Amira Haddad", "annat")} <= got


def test_votes_and_members_queries_for_named_sides():
    paper = "Protokoll Ekbacka byggnadsnämnd 2031-06-01\n\n" + NAMED_SIDES
    (vote,) = _query_rows(paper, "votes")
    assert (vote["itemNumber"], vote["yes"], vote["no"], vote["yesMeans"]) == ("70", "3", "2", "förvaltningens förslag")
    members = {(r["name"], r["choice"]) for r in _query_rows(paper, "vote-members")}
    assert ("Vivi Ruth", "nej") in members and len(members) == 5


def test_statements_query_puts_a_statement_under_the_paragraph_it_names():
    got = {(r["itemNumber"], r["name"]) for r in _query_rows(STATEMENT_AFTER, "statements")}
    assert got == {("50", "Rut Backe")}


TIE = """§ 71  Dnr SN 2031.0400
Avgift för trygghetslarm

Omröstning
Namn                 Parti   Ja   Nej   Avstår
Lena Å Berg          S       X
Omid Rahimi          S       X
Gull Persson         M            X
Kajsa Holt           M            X
Summa                        2    2     0

Vid lika röstetal har ordföranden utslagsröst. Nämnden beslutar således enligt
förvaltningens förslag.
"""


def test_tie_decided_by_the_chairs_casting_vote():
    (vote,) = parse_votes(TIE, 0, len(TIE))
    assert (vote.yes, vote.no, vote.abstain, vote.casting_vote) == (2, 2, 0, True)
    (row,) = _query_rows("Protokoll Ekbacka socialnämnd 2031-06-01\n\n" + TIE, "votes")
    assert row["castingVote"] == "true"


def test_no_casting_vote_without_a_tie():
    text = TIE.replace("Kajsa Holt           M            X\n", "").replace("2    2     0", "2    1     0")
    (vote,) = parse_votes(text, 0, len(text))
    assert (vote.yes, vote.no, vote.casting_vote) == (2, 1, False)


@pytest.mark.parametrize("sentence, counts", [
    ("Omröstningen utföll 5–4 till förmån för förvaltningens förslag.", (5, 4)),
    ("Vid omröstningen avges 6 röster för förvaltningens förslag och 5 röster för Eva Eks yrkande.", (6, 5)),
    ("Med 6 röster för bifall mot 5 röster för avslag beslutar nämnden att bifalla förslaget.", (6, 5)),
    ("Omröstningen utfaller 4 röster för ja och 3 för nej.", (4, 3)),
])
def test_more_wordings_of_the_totals(sentence, counts):
    text = "Omröstning begärs.\n" + sentence + "\n"
    (vote,) = parse_votes(text, 0, len(text))
    assert (vote.yes, vote.no) == counts
