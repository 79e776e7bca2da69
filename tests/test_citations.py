"""Citation grammar: spans, provision parts, segmentation, robustness (invented texts)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from graf.nlp.citations import find_citations, name_key


def spans(text):
    return [(c.text, c.kind) for c in find_citations(text)]


def only(text):
    found = find_citations(text)
    assert len(found) == 1, found
    return found[0]


def test_offsets_match_surface():
    text = "Enligt 9 kap 2 § tredje stycket alkohollagen (2010:1622) ska nämnden göra en plan."
    c = only(text)
    assert text[c.span.start : c.span.end] == c.text == "9 kap 2 § tredje stycket alkohollagen (2010:1622)"
    assert (c.chapter, c.paragraph, c.stycke, c.sfs, c.act_name) == ("9", "2", 3, "2010:1622", "alkohollag")


def test_chapter_word_forms_and_tight_section_sign():
    c = only("Insatser ges utan behovsprövning enligt 11 kapitlet 5§.")
    assert (c.chapter, c.paragraph, c.sfs, c.act_name) == ("11", "5", None, None)


def test_abbreviation_before_and_after_provision():
    assert (only("Boende enligt LSS 9 § 8 i Farsta").punkt) == "8"
    c = only("gruppbostad (LSS 9:9) i Solna")
    assert (c.abbreviation, c.chapter, c.punkt, c.text) == ("LSS", "9", "9", "LSS 9:9")
    c = only("rapportering enligt 28 f § LSS kvartalsvis")
    assert (c.paragraph, c.abbreviation) == ("28f", "LSS")
    c = only("beslut enligt 4 kap. 1 § SoL som")
    assert (c.chapter, c.paragraph, c.abbreviation) == ("4", "1", "SoL")


def test_coordinated_reference_borrows_the_act_named_later_in_the_sentence():
    found = find_citations("Rapport om beslut enligt 9 § och rapportering enligt 28 f § LSS samt 4 kap 1 § SoL.")
    assert [(c.paragraph, c.abbreviation) for c in found] == [("9", "LSS"), ("28f", "LSS"), ("1", "SoL")]


def test_lists_give_one_link_per_reference_and_one_for_the_act():
    text = "enligt 3 kap. 4 och 5 §§ föräldrabalken gäller"
    assert [c.text for c in find_citations(text)] == ["3 kap.", "4", "5 §§", "föräldrabalken"]
    text = "Av 2 § andra och tredje styckena samt 6 - 9 §§ lagen (2001:99) om påhittade saker"
    got = [(c.text, c.paragraph, c.stycke) for c in find_citations(text)]
    assert got == [("2 § andra", "2", 2), ("tredje styckena", "2", 3), ("6", "6", None), ("9 §§", "9", None),
                   ("2001:99", None, None)]


def test_same_law_and_generic_act():
    found = find_citations("Se 4 § förordningen (2003:12) om avgifter. Av 6 § samma förordning följer")
    assert [c.text for c in found] == ["4 §", "2003:12", "6 § samma förordning"]
    assert found[2].same_law


def test_names_and_abbreviations_standalone():
    found = find_citations(
        "Enligt Socialtjänstlagen (SoL) och socialtjänstlagens mål samt insatser enligt LSS och "
        "patientsäkerhetslagen SFS 2010:659 och offentlighets och sekretesslagstiftningen (2009:400) OSL."
    )
    got = [(c.text, c.act_name, c.abbreviation, c.sfs) for c in found]
    assert got == [
        ("Socialtjänstlagen", "socialtjänstlag", "SoL", None),
        ("socialtjänstlagens", "socialtjänstlag", None, None),
        ("LSS", None, "LSS", None),
        ("patientsäkerhetslagen SFS 2010:659", "patientsäkerhetslag", None, "2010:659"),
        ("offentlighets och sekretesslagstiftningen (2009:400)", "offentlighet och sekretesslag", "OSL", "2009:400"),
    ]


def test_title_with_number_links_the_number_and_binds_its_abbreviation():
    c = only("avtal enligt lag (2016:1145) om offentlig upphandling (LOU) följs upp")
    assert (c.text, c.sfs, c.abbreviation) == ("2016:1145", "2016:1145", "LOU")


def test_reports_eu_and_kfs():
    text = ("Se SOU 2025:90, Ds 2019:3, prop. 2017/18:1 s. 12, dir. 2020:5 och reglementet KFS 2024:16 "
            "samt förordning (EU) 2016/679 och Dataskyddsförordningen.")
    got = [(c.kind, c.series, c.number, c.page, c.celex) for c in find_citations(text)]
    assert got == [
        ("report", "SOU", "2025:90", None, None),
        ("report", "Ds", "2019:3", None, None),
        ("report", "prop.", "2017/18:1", "12", None),
        ("report", "dir.", "2020:5", None, None),
        ("kfs", None, "2024:16", None, None),
        ("eu", None, None, None, "32016R0679"),
        ("eu", None, None, None, "32016R0679"),
    ]


def test_pdf_line_break_and_hyphenation():
    text = "enligt 3 kap.\n10 § patientsäker-\nhetslagen (2010:659) ska"
    c = only(text)
    assert c.text == "3 kap.\n10 § patientsäker-\nhetslagen (2010:659)"
    assert (c.chapter, c.paragraph, c.sfs) == ("3", "10", "2010:659")


def test_no_false_alarms():
    for text in [
        "Ring 08-508 2010:1622 för mer information.",
        "Protokoll §§§ 12 och §§1-29 samt (socialnämnden 2024-03-19 § 19).",
        "Beslut 2023-05-16 § 12 i ärendet.",
        "Förslagen och underlagen till dagordningen.",
    ]:
        assert [c for c in find_citations(text) if c.kind != "sfs" or c.sfs or c.abbreviation or c.chapter or c.paragraph] == [], text


def test_amount_after_section_sign_is_not_a_punkt():
    c = only("avgift enligt 9 § 10 000 kr per år")
    assert (c.text, c.paragraph, c.punkt) == ("9 §", "9", None)


def test_lss_inside_compound_names_the_act():
    assert [c.abbreviation for c in find_citations("läkemedel på LSS-verksamheter")] == ["LSS"]


def test_name_key():
    assert name_key("Offentlighets- och sekretesslagen") == name_key("offentlighet- och sekretesslagen")
    assert name_key("Föräldrabalkens") == "föräldrabalk"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 §:.,-()\nkapstyckeLSSoLlagenSOU/EU(EG)och")), max_size=80)
       | st.text(max_size=60))
def test_never_raises_and_offsets_inside(text):
    for c in find_citations(text):
        assert 0 <= c.span.start < c.span.end <= len(text)
        assert text[c.span.start : c.span.end] == c.text


def test_a_page_number_before_a_paragraph_head_is_no_provision():
    # "Sida 6 av 8" / blank line / "§ 116": the 8 and the sign are on either side of a paragraph break
    text = "Kommunstyrelsen                      Sida 6 av 8\n\n§ 116\nDelårsrapport\n"
    assert not [c for c in find_citations(text) if c.kind == "sfs" or "§" in c.text]
