"""Entity recognition on short invented texts in the layout of Swedish committee papers."""


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graf.nlp.pipeline import build_nlp, recognise_entities


def found(text, label):
    return [(m.text, m.key, m.party, m.role) for m in recognise_entities(text) if m.label == label]


def persons(text):
    return [(m.text, m.party) for m in recognise_entities(text) if m.label == "PERSON"]


def test_pipeline_is_cached_and_inspectable():
    nlp = build_nlp()
    assert build_nlp() is nlp
    assert nlp.lang == "sv"
    for name in ("graf_numbers", "graf_parties", "graf_districts", "graf_bodies", "graf_persons", "graf_resolve"):
        assert name in nlp.pipe_names


def test_offsets_are_exact():
    text = "Ordföranden Lena Berg (S) och Omar Hassan m.fl. (V) yrkade bifall.\n\nSOF 2021/77"
    for m in recognise_entities(text):
        assert text[m.span.start : m.span.end] == m.text


def test_person_with_party_code_and_group():
    assert persons("Lena Berg (S), Omar Hassan m.fl. (V) och Kim Ek (KD) yrkade bifall.") == [
        ("Lena Berg", "S"), ("Omar Hassan", "V"), ("Kim Ek", "KD")]


def test_person_with_party_name_and_distribution():
    assert persons("En motion från Sara Lind, Liberalerna, om bad.") == [("Sara Lind", "L")]
    assert persons("Yrkande från Erik Holm från Sverigedemokraterna.") == [("Erik Holm", "SD")]
    assert persons("Motion av Eva Blom och Nils Strand (båda C).") == [("Eva Blom", "C"), ("Nils Strand", "C")]
    assert persons("Motion av Eva Blom och Nils Strand, båda Moderaterna.") == [("Eva Blom", "M"), ("Nils Strand", "M")]
    # without "båda" the party belongs to the last name only
    assert persons("Motion av Eva Blom och Nils Strand (MP).") == [("Eva Blom", None), ("Nils Strand", "MP")]


def test_older_lower_case_codes_and_fp():
    assert persons("Skrivelse från Lars Ek m.fl. (fp).") == [("Lars Ek", "FP")]


def test_person_without_party_and_titles():
    assert found("Maria Kvist Lundell Avdelningschef\n", "PERSON") == [("Maria Kvist Lundell", None, None, "Avdelningschef")]
    assert found("Stadsdelsdirektör Anders Falk informerar.", "PERSON") == [("Anders Falk", None, None, "Stadsdelsdirektör")]
    assert persons("Nämnden utser Nils Ek och Petra Moberg till ombud.") == [("Nils Ek", None), ("Petra Moberg", None)]


def test_attendance_line_roles_stay_on_their_line():
    text = "Lena Berg (S) Ordförande\nOmar Hassan (V) Vice ordförande\nKim Ek (KD)\n"
    got = found(text, "PERSON")
    assert got == [("Lena Berg", None, "S", "ordförande"), ("Omar Hassan", None, "V", "vice ordförande"),
                   ("Kim Ek", None, "KD", None)]


def test_hyphenated_and_double_names():
    assert persons("Ann-Sofie Lund-Ek (M) och Isabel Ström Palm (L).") == [
        ("Ann-Sofie Lund-Ek", "M"), ("Isabel Ström Palm", "L")]


def test_e_signature_layout():
    assert persons("Namn\tDatum\nKarl Anders Johan,Nyström\t2023-05-02\n") == [("Karl Anders Johan,Nyström", None)]


@pytest.mark.parametrize("text", [
    "Uppdraget gäller Stockholms Stad och Region Stockholm.",
    "Projektet Bostad Först fortsätter.",
    "Sammanträdet hölls på Storforsplan 36, Farsta.",
    "Besök på Karl Johans väg och Olof Palmes gata.",
    "Per capita ökade kostnaden. Maj Månad var lugn.",
    "Godkännande Av Dagordning",
    "Lex Sarah och Lex Maria gäller.",
])
def test_no_person_in_places_organisations_and_headings(text):
    assert persons(text) == []


def test_party_names_and_genitive():
    got = found("Moderaternas, Socialdemokraternas och Folkpartiets förslag; Vänsterpartiet.", "PARTY")
    assert [k for _, k, _, _ in got] == ["M", "S", "FP", "V"]


def test_districts_forms_and_lists():
    text = ("Hässelby-Vällingby, Bromma och Kungsholmens stadsdelsnämnder deltar, liksom "
            "stadsdelsförvaltningarna Farsta, Skarpnäck och Skärholmen samt Järva sdf.")
    assert [k for _, k, _, _ in found(text, "DISTRICT")] == [
        "Hässelby-Vällingby", "Bromma", "Kungsholmen", "Farsta", "Skarpnäck", "Skärholmen", "Järva"]


def test_bare_place_name_is_not_a_district():
    assert found("Mötet hölls i Farsta. Ett boende i Skarpnäck.", "DISTRICT") == []


def test_historical_district():
    assert [k for _, k, _, _ in found("Spånga-Tensta stadsdelsnämnd beslutade.", "DISTRICT")] == ["Spånga-Tensta"]


def test_bodies():
    text = ("Kommunstyrelsens ekonomiutskott, kommunfullmäktige, Migrationsverket, IVO och "
            "AB Familjebostäder; Lindqvist Bygg AB hyr ut. Dessutom trafikkontoret.")
    keys = [k for _, k, _, _ in found(text, "ORG")]
    assert keys == ["Kommunstyrelsens ekonomiutskott", "Kommunfullmäktige", "Migrationsverket",
                    "Inspektionen för vård och omsorg", "AB Familjebostäder", "Lindqvist Bygg AB",
                    "Trafikkontoret"]
    assert found("jo, det stämmer", "ORG") == []


def test_dnr_amount_date():
    text = ("Dnr KS 2019/1102, SOF 2020/45-7, 3.2-0111/2015 och 201-99/2004. "
            "Kostnad 3,4 mnkr och 120 000 kronor. Måndagen den 3 februari 2020; 2020-02-14.")
    assert [k for _, k, _, _ in found(text, "DNR")] == ["KS 2019/1102", "SOF 2020/45", "3.2-0111/2015", "201-99/2004"]
    assert [k for _, k, _, _ in found(text, "AMOUNT")] == ["3400000", "120000"]
    assert [k for _, k, _, _ in found(text, "DATE")] == ["2020-02-03", "2020-02-14"]
    assert found("SFS 2010:1622 och 2023-02-30", "DATE") == []


def test_dnr_not_other_series_or_money():
    # codes of other series and money units in capitals stand before years too; the
    # structure parser and the recogniser share one list of them (graf.grammar.dnr)
    text = "Ram 12 MNKR 2020/21, SOU 2019/20 och ISSN 2001/12; dnr ks 2021/5 och Dnr: 2021/6."
    assert [k for _, k, _, _ in found(text, "DNR")] == ["2021/6"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_arbitrary_text_never_raises(text):
    for m in recognise_entities(text):
        assert 0 <= m.span.start < m.span.end <= len(text)
        assert text[m.span.start : m.span.end] == m.text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Lena Berg", " (S)", ", ", " och ", "\n", "Järva", " stadsdelsnämnd",
                                 "SOF 2020/1", " 3 mars 2020", "båda", "(", ")", "Å", "-", "m.fl.", "AB"]),
                max_size=40))
def test_genre_fragments_never_raise(parts):
    text = "".join(parts)
    for m in recognise_entities(text):
        assert text[m.span.start : m.span.end] == m.text


def test_long_text_is_chunked_with_global_offsets():
    block = "Lena Berg (S) yrkade bifall. Kostnad 2 mnkr.\n" * 2000  # ~90 000 chars, several chunks
    ms = recognise_entities(block)  # its speed is measured in bench/large_inputs.py
    people = [m for m in ms if m.label == "PERSON"]
    assert len(people) == 2000
    assert all(block[m.span.start : m.span.end] == "Lena Berg" for m in people)
    one_line = "ord " * 30_000 + "Lena Berg (S)"
    assert [m.text for m in recognise_entities(one_line) if m.label == "PERSON"] == ["Lena Berg"]


def test_role_stated_after_a_list_of_names():
    text = "Nämnden entledigar Ola Falk från uppdraget som dataskyddsombud och utser Mia Ek och Tor Berg till dataskyddsombud."
    assert [(t, r) for t, _, _, r in found(text, "PERSON")] == [
        ("Ola Falk", "dataskyddsombud"), ("Mia Ek", "dataskyddsombud"), ("Tor Berg", "dataskyddsombud")]
    assert [r for _, _, _, r in found("Lena Berg valdes till ledamot i utskottet.", "PERSON")] == [None]


def test_gazetteer_bodies_match_as_on_the_rule_tokenizers_tokens():
    # the pipeline tokenises words and punctuation only and confirms gazetteer names on
    # spaCy's Swedish rule tokens around each candidate: the result must equal matching the
    # rule tokens of the whole text (URLs, clitics, hyphen compounds, spacing)
    import spacy
    from spacy.language import create_tokenizer

    text = (
        "Se www.socialnamnden.se och socialnämnden.se. SiS:s beslut; (Socialnämnden) svarar.\n"
        "Remiss till Region Stockholm, Regionstockholm och Statens  institutionsstyrelse.\n"
        "Myndigheten för vård- och omsorgsanalys samt Forskningsrådet för hälsa , arbetsliv och välfärd.\n"
        "AB Svenska Bostäder/AB Familjebostäder -Kommunstyrelsen- \"Socialstyrelsens\" IVO-anmälan 10SiS\n"
    )
    nlp = build_nlp()
    bodies = dict(nlp.pipeline)["graf_bodies"]
    doc = nlp.make_doc(text)
    rule = create_tokenizer()(spacy.blank("sv"))
    rule_doc = rule(text)
    reference = sorted(
        {(rule_doc[s].idx, rule_doc[e - 1].idx + len(rule_doc[e - 1])) for _, s, e in bodies.matcher(rule_doc)}
    )
    assert bodies._gazetteer_matches(doc, text) == reference
    assert len(reference) >= 6


def test_scans_from_literal_starts_equal_full_scans():
    import random
    import re

    from graf.grammar.scan import caseless, finditer_from, literal_starts

    rx = re.compile(r"(?<![\w-])(moderaterna|miljöpartiet de gröna)(s)?(?![\w])", re.I)
    pieces = ["Moderaterna", "MODERATERNA", "moderaternas", "-", " ", "x", "Miljöpartiet de gröna", "ſ", "İ", "\n"]
    rnd = random.Random(7)
    for _ in range(300):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12)))
        low = caseless(text)
        if low is None:
            assert "İ" in text  # lower-casing changed the length: the caller scans in full
            continue
        starts = literal_starts(low, (("moderaterna", 0), ("miljöpartiet de gröna", 0)))
        assert [m.span() for m in finditer_from(rx, text, starts)] == [m.span() for m in rx.finditer(text)]


def test_resolve_tie_keeps_the_candidate_found_first():
    # two ORG candidates of one span with different keys tie in the resolver's sort; the one
    # found first must win whatever order a set would give (it used to change between runs)
    from graf.nlp.components import Candidate
    from graf.nlp.components.resolve import resolve_candidates

    nlp = build_nlp()
    text = "Remiss från NORRBY BOSTAD AB om kön."
    s = text.index("NORRBY")
    e = s + len("NORRBY BOSTAD AB")
    first = Candidate("ORG", s, e, "Norrby Bostad AB")
    second = Candidate("ORG", s, e, "NORRBY BOSTAD AB")
    for cands, want in (([first, second], first), ([second, first], second)):
        doc = nlp.make_doc(text)
        doc._.graf_candidates = list(cands)
        assert resolve_candidates(doc)._.graf_mentions == [want]


def test_roster_found_after_long_prose_and_label_words_in_prose():
    # the roster scan jumps from label word to label word; prose that mentions
    # "närvarande" or "ersättare" must not start a list, a real label far down must
    from graf.nlp.components.persons import roster_persons

    prose = "Nämnden diskuterade ärendet utförligt under mötet.\n" * 300
    text = (
        prose
        + "Samtliga närvarande ersättare fick yttra sig.\nOlle Kvist Bertil Sand\n\n"
        + prose
        + "Ledamöter\nSigrun Falk (S)\nTorvald Ek, ordförande\n\nÖvrigt\nBertil Sand Olle Kvist\n"
    )
    got = [text[a:b] for a, b in roster_persons(text)]
    assert got == ["Sigrun Falk", "Torvald Ek"]
