"""The fast scans give what the whole-text scans they replace give.

Many patterns of the readers and recognisers are run only where they can match (where
``str.find`` finds a word every match holds, on the lines holding it, from a first character
placed before a look-behind; graf.grammar.scan). Each such shortcut must find exactly the
matches of the plain ``finditer`` over the whole text; these tests compare the two on
generated texts made of the words the patterns look for, their neighbours and separators.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graf.grammar.hyphenation import READER_RULE, _drops, _kept, join_hyphenated_mapped
from graf.grammar.scan import caseless, finditer_from, finditer_in_lines, literal_scanner, literal_starts
from graf.nlp import citations
from graf.nlp.components import bodies, bodies_named, persons
from graf.search import Entry, entry_columns, indexed_columns
from graf.structure import _MINUTES_ONLY, _minutes_only_sign, attendance
from graf.structure.common import BODY_NAME, body_name_starts

SEPARATORS = [" ", "  ", "\n", "\n\n", "\t", ":", ",", ".", "-", "- ", "(", ")", "\u00a0", "", " och ", " samt "]
WORDS = [
    # organisations and their cues
    "protokoll", "Protokoll", "från", "FRÅN", "bidrag", "Ansökan", "om", "för", "Föreningen", "ABC", "DEF",
    "Sparbanksstiftelsen", "Hyresgästföreningen", "Ängsby", "Hembygdsförening", "Umeå", "universitet",
    "Högskolan", "i", "Borås", "Sjukhuset", "org.nr", "802000-0000", "samverkan", "med", "Tillsammans",
    "Polisen", "Holmalunds", "IF", "BK", "Tekniska", "nämnden", "sociala", "delegationen", "Barn", "ungdomsnämnden",
    "Kommunstyrelsen", "Finansdepartementet", "Skolinspektionen", "Stadsrevisionen", "Räddningstjänstförbundet",
    "Mellersta", "Älvdalen", "Förvaltningsrätten", "Göteborgs", "tingsrätt", "Hovrätten", "över", "Norrland",
    # meetings and justering
    "Plats", "och", "tid", "Justeringens", "justering", "lokal", "Sammanträdeslokal", "utses", "att", "justera",
    "Paragrafen", "justeras", "JUSTERANDES", "sign", "Utdragsbestyrkande", "vid", "protokollet", "Ordföranden",
    "finner", "bifall", "uppdras", "väljs", "valdes", "Anna", "Ek", "(S)", "vice", "ordförande", "Socialdirektör",
    "ledamoten", "1:e", "Tjg", "Hälso-", "sjukvårdsdirektör", "Teknisk", "chef",
    # reports and letters that vary the shapes
    "SOU", "2019:3", "prop.", "2016/17:1", "Ds", "DS", "dir.", "bet.", "rskr.", "a.", "s.", "12", "nr", "5/2005",
    "xvid", "İ", "ſ", "ı", "x",
]

# whole phrases the patterns are written for (as invented papers print them), among the words
PHRASES = [
    "protokoll från pensionärsrådet, ABC och DEF", "Minnesanteckningar från PRO 2019", "bidrag från Sparbanksstiftelsen",
    "Ansökan om serveringstillstånd - Restaurang Gröna Lyktan", "verksamhetsbidrag för Föreningen Ekorren",
    "Lindens Vänner, org.nr. 802000-0000", "i samverkan med Polisen och Ängsbyhem", "tillsammans med Region Norr",
    "Holmalunds IF", "Enligt Hyresgästföreningen", "Ängsby Hembygdsförening", "Umeå universitet",
    "Högskolan i Borås", "Föreningen för lokala kulturchefer (FLK)", "Anna Ek (Vision)",
    "Tekniska nämnden", "sociala\ndelegationen", "Barn- och ungdomsnämnden", "Kultur- samt Fritidsnämndens",
    "Klimat- och näringslivsdepartementet", "Räddningstjänstförbundet Mellersta Älvdalen", "Förvaltningsrätten i Luleå",
    "Justeringens plats och tid:", "Plats och tid\n", "Sammanträdeslokal: ", "Eva Holm (KD) utses att justera protokollet",
    "Paragrafen justeras", "Justerandes sign", "Ordföranden finner bifall", "vice ordförande ", "Socialdirektör ",
    "1:e vice ordförande ", "Hälso- och sjukvårdsdirektör ", "Ej tjänstgörande ersättare ", "SOU 2019:3", "prop. 2016/17:1",
    "Ds 2020:1", "DS 1999:2", "Dir. 2001:3", "bet. 2019/20:SoU5", "rskr. 2019/20:100", "a.prop. s. 12", "SOU 2005 nr 5",
]
texts = st.lists(st.tuples(st.sampled_from(WORDS + PHRASES), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(w + s for w, s in parts))
SETTINGS = settings(max_examples=200, deadline=None)


def spans(matches) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in matches]


# every phrase in running text, on its own lines, run together and at the paper's edges
FIXED_TEXTS = [". ".join(PHRASES), "\n".join(PHRASES), "".join(PHRASES), " ".join(PHRASES) + " ",
               *PHRASES]


def test_the_phrases_match_as_the_whole_text_scan():
    for text in FIXED_TEXTS:
        check_organisation_patterns(text)
        check_structure_and_citation_patterns(text)
        check_lookups_before_a_position(text)


@SETTINGS
@given(texts)
def test_organisation_patterns_match_as_the_whole_text_scan(text):
    check_organisation_patterns(text)


@SETTINGS
@given(texts)
def test_structure_and_citation_patterns_match_as_the_whole_text_scan(text):
    check_structure_and_citation_patterns(text)


@SETTINGS
@given(texts)
def test_lookups_before_a_position_answer_as_the_whole_window_search(text):
    check_lookups_before_a_position(text)


def check_organisation_patterns(text: str) -> None:
    low = caseless(text)
    assert low is not None or "İ" in text
    if low is not None:
        assert spans(finditer_from(bodies_named._FROM_LIST, text, literal_starts(low, bodies_named._FROM_LIST_LITERALS))) \
            == spans(bodies_named._FROM_LIST.finditer(text))
        assert spans(finditer_from(bodies_named._APPLICATION, text,
                                   literal_starts(low, bodies_named._APPLICATION_LITERALS))) \
            == spans(bodies_named._APPLICATION.finditer(text))
        assert spans(finditer_from(bodies_named._PARTNER, text, bodies_named._partner_starts(low))) \
            == spans(bodies_named._PARTNER.finditer(text))
        assert spans(finditer_in_lines(bodies_named._ORG_NUMBER, text, ("org",), low)) \
            == spans(bodies_named._ORG_NUMBER.finditer(text))
    for rx, literals in ((bodies_named._ASSOCIATION_WORD, bodies_named._ASSOCIATION_LITERALS),
                         (bodies_named._SEAT_INSTITUTION, bodies_named._SEAT_INSTITUTION_LITERALS),
                         (bodies._BODY_OFFICE, bodies._BODY_OFFICE_LITERALS),
                         (bodies._FORBUND, ("förbundet", "FÖRBUNDET")),
                         (bodies._COURT, ("rätt", "domstolen"))):
        assert spans(finditer_in_lines(rx, text, literals)) == spans(rx.finditer(text))
    assert spans(finditer_from(bodies_named._ACRONYM_IN_PARENS, text, bodies_named._parenthesis_starts(text))) \
        == spans(bodies_named._ACRONYM_IN_PARENS.finditer(text))
    assert spans(finditer_from(bodies._BODY_ADJECTIVE, text, bodies._adjective_starts(text))) \
        == spans(bodies._BODY_ADJECTIVE.finditer(text))


def check_structure_and_citation_patterns(text: str) -> None:
    for end in (len(text), len(text) // 2):
        assert spans(finditer_from(BODY_NAME, text, body_name_starts(text, end), end)) \
            == spans(BODY_NAME.finditer(text, 0, end))
    assert spans(finditer_from(attendance._NAMED_TO_JUSTERA, text,
                               literal_starts(text, attendance._NAMED_TO_JUSTERA_VERBS))) \
        == spans(attendance._NAMED_TO_JUSTERA.finditer(text))
    assert _minutes_only_sign(text) == (_MINUTES_ONLY.search(text) is not None)
    assert spans(finditer_from(citations._REPORT, text, literal_starts(text, citations._REPORT_SERIES))) \
        == spans(citations._REPORT.finditer(text))


def check_lookups_before_a_position(text: str) -> None:
    for pos in range(len(text) + 1):
        assert bodies_named._after_place_label(text, pos) \
            == bool(bodies_named._PLACE_LABEL.search(text, max(0, pos - 40), pos))
        window = text[max(0, pos - 60):pos]
        m = persons._TITLE_BEFORE.search(window)
        if m is None or not window or window[-1] not in " \u00a0:\t":
            # the shortcut's precondition: every match ends in a space or a colon (and tabs)
            assert m is None
        else:
            fast = persons._TITLE_BEFORE.search(window, window.rfind("\n") + 1)
            assert fast is not None and fast.span() == m.span()


@given(st.lists(st.sampled_from(["Vasastaden", "Vasa", "Bromma", "Brom", "Askim", "x", " ", "\n", "a"]), max_size=30))
def test_a_literal_scanner_finds_every_occurrence(parts):
    text = "".join(parts)
    literals = ["Vasa", "Vasastaden", "Bromma", "Askim", "a"]
    assert [m.start() for m in literal_scanner(literals).finditer(text)] \
        == literal_starts(text, ((lit, 0) for lit in literals))


@given(st.text(alphabet="ab-\n \u00adcö", max_size=40))
def test_the_joined_view_maps_every_offset_back(text):
    joined, index = join_hyphenated_mapped(text, READER_RULE)
    expected: list[int] = []
    for s, e in _kept(len(text), _drops(text, READER_RULE)):
        expected.extend(range(s, e))
    expected.append(len(text))
    assert list(index) == expected and len(index) == len(joined) + 1


@given(st.lists(st.sampled_from(["Beslut", "om", "bidrag", "\n", " ", "§", "5", "Σ", "İ", "x", "ÅÄÖ", "-", "_"]),
                max_size=30), st.data())
def test_search_columns_read_once_are_those_of_each_entry(parts, data):
    text = "".join(parts)
    entries = [Entry("d", "paper", "Titel", text, "d")]
    for _ in range(data.draw(st.integers(0, 3))):
        a = data.draw(st.integers(0, len(text)))
        b = data.draw(st.integers(a, len(text)))
        entries.append(Entry(f"i{a}", "item", f"§ {a}", text[a:b], "d"))
    assert entry_columns(entries) == [indexed_columns(f"{e.title}\n{e.text}") for e in entries]


def test_a_word_across_an_items_edge_is_read_whole():
    entries = [Entry("d", "paper", "T", "abc def\nghi jkl mno", "d"), Entry("i", "item", "§ 2", "kl mno", "d")]
    assert entry_columns(entries)[0] == indexed_columns("T\nabc def\nghi jkl mno")
    assert "jkl" in entry_columns(entries)[0][1].split()
