"""What a Swedish diarienummer (registry number) looks like.

One grammar for the two readers of registry numbers: the structure parser (``find_dnr``: an
agenda item's own and referred numbers) and the mention recogniser (the ``MENTION_*`` patterns
that ``graf.nlp.pipeline`` runs over the whole text). The shapes:

* office code, year, serial: "KS 2023/1231", "SN2019/45" (``office_code_number``);
* classification code, serial, year: "3.1.1-264/2019", "1.2-45/21" (``classified``);
* a year and serial after the cue word: "Dnr 2022/21" (``CUE`` before ``YEAR/SERIAL``);
* office code, slash, year, colon, serial: "SN/2024:86", "Bun/2024:233 041" (a filing-plan
  code may follow), normalised like the first shape ("SN 2024/86");
* year, full stop, serial, office code: "2026.007 BUN", with a document number of the case
  "2026.007 BUN-047" (``year_dot_office``);
* year, slash, office code, serial: "2011/KS 0206 001";
* further shapes the structure parser knows: "KSN-2015-0123", "N139-0122/14", the spaced
  "D nr 013 – 430 / 05" of old typewritten lists, and anything printed after "Dnr" ("T
  2010-313-01743", "SN 2012.0217", "31/16", "15/2014.002", "Dnr60902-188/2013"), also a list of them ("Dnr
  7-742-2011 och 5-744-2011").

``Dnr.value`` is the number as printed (whitespace runs collapsed) except that the
office-year-serial shapes are normalised to "PREFIX YYYY/N"; ``case_key`` gives the identity
of the case a number names, so that one case printed in two ways is one case.

The two readers differ in how much context they ask for, as parameters of the shapes here:
the structure parser reads small ranges (a heading, a line) and may take a bare "2022/21"
when the range is nothing else, while the recogniser reads running text and asks for a
four-digit year unless the cue word stands before the number.

Regexes are written so that they cannot backtrack catastrophically (bounded repetitions, no
nested unbounded groups over the same characters).
"""

from __future__ import annotations

import re

from graf.grammar.spans import SpanIndex
from graf.records import Dnr, Span

# --------------------------------------------------------------------------- the pieces

OFFICE_LETTER = "[A-ZÅÄÖ]"  # the letters of an office code ("KS", "SDN", "ÄN")
YEAR = r"(?:19|20)\d\d"
SERIAL = r"\d{1,6}"  # the running number within the year
CUE_WORDS = r"nr\.?|iarienummer"  # after the "D" of "Dnr" / "Diarienummer"
CUE = rf"[Dd](?:{CUE_WORDS})"
# the cue word as the recogniser looks for it (lower-cased, for str.find)
CUE_LITERALS = ("dnr", "diarienummer", "d nr")
# the cue word ending the text before a number ("Dnr: 2022/21")
_CUE_AT_END = re.compile(rf"{CUE}:?\s*$")

# Other series printed as CODE YEAR/NUMBER (SFS 2001:453 is a colon, but "SOU 2019/20",
# "Prop. 2020/21:1" and "EU 2016/679" are not registry numbers), and money units set in
# capitals ("5 MNKR 2020/21").
NOT_OFFICE_CODES = frozenset(
    {"SFS", "KFS", "SOU", "EU", "EG", "EEG", "ISBN", "ISSN", "CELEX", "MNKR", "KR", "DS", "PROP",
     "MKR", "TKR", "SEK", "KKR", "MDKR"}
)


def classified(*, levels: int, serial: str, year: str, after_first_digit: str = "") -> str:
    """A classification code of one to ``levels`` + 1 dotted parts, a serial and a year:
    "3.1.1-264/2019". ``after_first_digit`` goes right after the first digit (a look-behind
    there lets the engine skip ahead to digits)."""
    return rf"\d{after_first_digit}\d{{0,2}}(?:\.\d{{1,3}}){{0,{levels}}}-{serial}/{year}"


def office_code_number(office: str) -> str:
    """``office`` (a pattern for the office code), then year and serial, groups "year" and
    "num": "KS 2023/1231", or with a slash after the office code and a colon after the year,
    "SN/2024:86" (the colon only after that slash: "SFS 2024:57", "SOU 2019:20" and "Motion
    2012:41" are other series)."""
    return (rf"{office}(?P<slash>/)?(?(slash)|[ \u00a0]?)(?P<year>{YEAR})(?(slash):|/)"
            rf"(?P<num>{SERIAL})")


def year_dot_office(office: str = rf"{OFFICE_LETTER}{{2,6}}") -> str:
    """Year, full stop, serial and office code: "2026.007 BUN" (the case), with a document
    number after a hyphen that group "doc" holds ("2026.007 BUN-047")."""
    return (rf"(?P<case>{YEAR}\.\d{{3,4}}[ \u00a0](?P<office>{office}))"
            rf"(?:-(?P<doc>\d{{2,4}}))?(?![\wåäöÅÄÖ-])")


def case_key(value: str) -> str:
    """The identity of the case a printed number names: upper case, no spaces around hyphens
    and slashes, en dash as hyphen, "SN/2024:86" as "SN 2024/86", and without the document
    number that follows an Alingsås-style case number ("2026.007 BUN-047" -> "2026.007 BUN")."""
    key = re.sub(r"\s+", " ", value.strip().upper().replace("\u2013", "-"))
    key = re.sub(r" ?([-/]) ?", r"\1", key)
    key = re.sub(rf"^({OFFICE_LETTER}{{2,6}})/({YEAR}):(\d+)$", r"\1 \2/\3", key)
    m = re.fullmatch(year_dot_office(), key)
    return m.group("case") if m else key


# --------------------------------------------------------------------------- structure parser

_DNR_PREFIX = re.compile(
    rf"(?<![\w/.-])(?P<dnrword>{CUE}:?\s*)?"
    + office_code_number(rf"(?P<prefix>{OFFICE_LETTER}{{2,6}}|(?<=[Dd]nr )[a-zåäö]{{2,6}}"
                         rf"|{OFFICE_LETTER}[a-zåäö]{{1,5}}(?=/{YEAR}:))")
    + r"(?![\d/]|-\d|:\d|\.\d)"
    # a filing-plan code printed after the number at the end of its line ("Bun/2024:233 041")
    + r"(?:(?<=\d)[ \u00a0](?P<plan>\d{3})(?=[ \t\u00a0]*(?:\r?\n|$)))?"
)
_DNR_YEAR_DOT = re.compile(rf"(?<![\w/.-]){year_dot_office()}")
# "2011/KS 0206 001": year, office code, serial and a sub-number, kept as printed
_DNR_YEAR_OFFICE = re.compile(
    rf"(?<![\w/.-])(?P<value>{YEAR}/(?P<office>{OFFICE_LETTER}{{2,6}})[ \u00a0]\d{{3,4}}(?:[ \u00a0]\d{{3}})?)(?![\w/-])"
)
_STRUCTURE_CLASSIFIED = classified(levels=4, serial=r"\d{2,6}", year=r"\d{2,4}")
_DNR_DOTTED = re.compile(rf"(?<![\w/.-])(?P<value>{_STRUCTURE_CLASSIFIED})(?![\d/]|-\d)")
_DNR_BARE = re.compile(rf"(?<![\w/.-])(?P<value>{YEAR}/{SERIAL})(?![\d/]|-\d|:\d)")
# Shapes that read as a diarienummer even without "Dnr": "KSN-2015-0123", "STK-2015-456"
# (prefix-year-number), "N139-0122/14" (Göteborg: office code, number, two-digit year).
_DNR_CODE = re.compile(
    rf"(?<![\w/.-])(?P<value>{OFFICE_LETTER}{{2,6}}-{YEAR}-{SERIAL}"
    rf"|{OFFICE_LETTER}{{1,3}}\d{{2,4}}-\d{{2,6}}/\d{{2,4}})(?![\w/-])"
)
_DNR_SPACED = re.compile(r"\bD[ \u00a0]?nr\.?:?[ \t\u00a0]*(?P<value>\d{1,4}[ \t\u00a0]*[–-][ \t\u00a0]*\d{1,6}[ \t\u00a0]*/[ \t\u00a0]*\d{2,4})(?![\d/])")
# any other shape printed right after "Dnr" (also glued to it: "Dnr60902-188/2013"): kept as
# printed ("14-2021-0877"), also after a short office code ("dnr T 2010-313-01743")
_NOT_A_DATE = r"(?!(?:19|20)\d\d-[01]\d-[0-3]\d(?![\d/-]))"  # "dnr 2013-05-24" is a date
_OTHER_VALUE = _NOT_A_DATE + r"[A-ZÅÄÖ0-9][\w.\-/:]{0,30}\d(?:[\w.\-/:]{0,30}[\w])?"
# an office code before the number: "T 2010-313-01743", "SN 2012.0217" (year, full stop, serial)
_CODED_VALUE = (rf"{OFFICE_LETTER}{{1,6}}[ \u00a0](?:\d[\d.\-/]{{0,30}}[-/]\d{{1,6}}|{YEAR}\.\d{{2,6}})"
                r"(?![\w/]|\.\d)")
_DNR_OTHER = re.compile(
    rf"\b[Dd]nr\.?:?(?:[ \t\u00a0]+|(?=\d))(?P<value>{_CODED_VALUE}|{_OTHER_VALUE})"
)
# more numbers after a cued one: "Dnr 7-742-2011 och 5-744-2011", "dnr 12/2019, 13/2019";
# the next one holds a hyphen, slash or full stop between digits (not "och 5 andra") and is
# printed in the same series as the first (``_series_shape``: not "Dnr 12/2019, 2020-05-24")
_DNR_MORE = re.compile(
    rf"[ \t\u00a0]*(?:,|och|samt|resp\.?|respektive)[ \t\u00a0]+"
    rf"(?P<value>(?:{OFFICE_LETTER}{{1,6}}[ \u00a0])?\d[\w]{{0,8}}[-/.]\d[\w.\-/]{{0,30}}(?<=\w))(?![\w/-])"
)

# pieces that every match of a shape holds (they begin with a character class, which the
# regex engine skips to quickly): a digit (every shape), "2021/3" (prefixed, bare), "1-23/4"
# (dotted), "D nr" (spaced), "1-2" (codes)
_DIGIT, _HAS_YEAR_SLASH, _HAS_DOTTED, _HAS_SPACED, _HAS_CODE = map(
    re.compile, (r"\d", r"(?:19|20)\d\d/\d", r"\d-\d{2,6}/\d\d", r"D[ \u00a0]?nr", r"\d-\d")
)
# "/2024:" (office/year:serial) and "2011/K" (year/office)
_HAS_SLASH_YEAR = re.compile(r"/(?:19|20)\d\d:\d|(?:19|20)\d\d/[A-ZÅÄÖ]")


def _series_shape(value: str) -> str:
    """How a number is built, digits and letters left out: "7-742-2011" -> "--", "KS 2/19" ->
    " /". Numbers of one series listed together share it."""
    return re.sub(r"[\w]+", "", value)


def _printed(value: str) -> str:
    """A number kept as printed: its whitespace runs (a line break, a double space) as one space."""
    return re.sub(r"\s+", " ", value)


def find_dnr(text: str, start: int, end: int, own_line: bool = False) -> list[Dnr]:
    """Diarienummer printed in text[start:end], role "mentioned" (callers decide own /
    referring). Bare "2022/21" counts only after "Dnr" or when ``own_line`` (the whole
    range is that number)."""
    out: list[Dnr] = []
    if not _DIGIT.search(text, start, end):
        return out  # every shape below consumes a digit
    # The patterns begin with a look-behind, so the engine tries them at every position of
    # the range; each runs only when the range holds a piece that every match of it holds
    # (found with str.find or a pattern that begins with a character class).
    slash = text.find("/", start, end) >= 0
    year_slash = slash and _HAS_YEAR_SLASH.search(text, start, end) is not None
    slash_year = slash and _HAS_SLASH_YEAR.search(text, start, end) is not None
    for m in _DNR_PREFIX.finditer(text, start, end) if year_slash or slash_year else ():
        prefix = m.group("prefix").upper()
        if prefix in NOT_OFFICE_CODES:
            continue
        value = f"{prefix} {m.group('year')}/{m.group('num')}"
        out.append(Dnr(value, Span(m.start("prefix"), m.end())))
    for m in _DNR_YEAR_DOT.finditer(text, start, end) if text.find(".", start, end) >= 0 else ():
        if m.group("office") not in NOT_OFFICE_CODES:
            out.append(Dnr(_printed(m.group(0)), Span(m.start(), m.end())))
    for m in _DNR_YEAR_OFFICE.finditer(text, start, end) if slash_year else ():
        if m.group("office") not in NOT_OFFICE_CODES:
            out.append(Dnr(_printed(m.group("value")), Span(m.start("value"), m.end("value"))))
    for m in _DNR_DOTTED.finditer(text, start, end) if slash and _HAS_DOTTED.search(text, start, end) else ():
        out.append(Dnr(m.group("value"), Span(m.start("value"), m.end("value"))))
    for m in _DNR_SPACED.finditer(text, start, end) if slash and _HAS_SPACED.search(text, start, end) else ():
        # "(D nr 013 – 430 / 05)": kept as printed; case_key drops the spacing
        out.append(Dnr(_printed(m.group("value")), Span(m.start("value"), m.end("value"))))
    # the spans of ``out``, asked "is this start inside a number already found" (a question
    # per candidate: asking every found number makes a long run of numbers quadratic)
    found = SpanIndex([(d.span.start, d.span.end) for d in out])
    for m in _DNR_CODE.finditer(text, start, end) if (text.find("-", start, end) >= 0
                                                      and _HAS_CODE.search(text, start, end)) else ():
        if not found.holds(m.start("value")):
            out.append(Dnr(m.group("value"), Span(m.start("value"), m.end("value"))))
            found.add(m.start("value"), m.end("value"))
    # a bare number is tested against the numbers found before this loop only
    bare: list[Dnr] = []
    whole: str | None = None  # the range without its margins, stripped once (not per number)
    for m in _DNR_BARE.finditer(text, start, end) if year_slash else ():
        s, e = m.start("value"), m.end("value")
        if found.holds(s):
            continue
        before = text[max(start, s - 20) : s]
        if own_line and whole is None:
            whole = text[start:end].strip()
        if _CUE_AT_END.search(before) or (own_line and whole == m.group("value")):
            bare.append(Dnr(m.group("value"), Span(s, e)))
    out += bare
    for d in bare:
        found.add(d.span.start, d.span.end)
    for m in _DNR_OTHER.finditer(text, start, end) if (text.find("nr", start, end) >= 0 and (
            text.find("Dnr", start, end) >= 0 or text.find("dnr", start, end) >= 0)) else ():
        s, e = m.start("value"), m.end("value")
        if not found.holds(s):
            out.append(Dnr(_printed(m.group("value")), Span(s, e)))
            found.add(s, e)
        shape = _series_shape(m.group("value"))
        more = _DNR_MORE.match(text, e, end)
        while more and _series_shape(more.group("value")) == shape:
            s, e = more.start("value"), more.end("value")
            if not found.holds(s):
                out.append(Dnr(_printed(more.group("value")), Span(s, e)))
                found.add(s, e)
            more = _DNR_MORE.match(text, e, end)
    out.sort(key=lambda d: d.span.start)
    return out


# --------------------------------------------------------------------------- mention recogniser

# The recogniser's shapes, matched over whole papers; each begins with a character class (the
# look-behind sits after the first character) so the engine skips ahead, and the callers
# match the number shapes only where a digit begins a number and the cued shape only where
# ``CUE_LITERALS`` are found. Group 1 of the classified and cued shapes is the number.

# "KS 2023/1231", also with a sub-number that the span keeps and the value drops
# ("KS 2023/1231-3.2"); upper-case office codes only (a lower-case word before a year and
# serial is running text), value "{office} {year}/{num}".
MENTION_OFFICE = re.compile(
    office_code_number(rf"(?P<office>{OFFICE_LETTER}(?<![\w/]{OFFICE_LETTER}){OFFICE_LETTER}{{1,5}})")
    + r"(?:-\d+(?:\.\d+)*)?(?![\d/])"
)
# "3.1.1-264/2019" without the cue word: a four-digit year
# ... or "2026.007 BUN" (year, serial, office code; a document number after it, "-047", is
# left out of the key)
_NOT_OFFICE_AHEAD = "(?!(?:" + "|".join(sorted(NOT_OFFICE_CODES)) + r")(?![\wåäöÅÄÖ]))"
MENTION_CLASSIFIED = re.compile(
    "(" + classified(levels=3, serial=SERIAL, year=YEAR, after_first_digit=r"(?<![\w./-]\d)") + r"(?![\d/])"
    + r"|[12](?<![\w./-][12])\d{3}\.\d{3,4}[ \u00a0]" + _NOT_OFFICE_AHEAD + rf"{OFFICE_LETTER}{{2,6}}(?=-\d|[^\w-]|$))"
)
# after the cue word (in any case: "DNR", "Diarienummer:"): a bare year and serial, or a
# classified number with a two-digit year
_CUED_CLASSIFIED = classified(levels=3, serial=SERIAL, year=r"\d{2,4}")
# ... and after the cue word only, the shapes of the structure parser's _DNR_OTHER that
# hold a digit on both sides of a separator: "31/16", "15/2014.002", "5-744-2011",
# "T 2010-313-01743", also glued to the cue ("Dnr60902-188/2013")
# The spaced "D nr 013 – 430 / 05" of typewritten lists is kept as printed, as the structure
# parser keeps it.
MENTION_CUED = re.compile(
    rf"[Dd](?<!\w[Dd])(?:(?i:{CUE_WORDS})|[ \u00a0](?i:nr)\.?)(?:[:\s]+|(?=\d))"
    rf"({_CODED_VALUE}|{YEAR}/{SERIAL}(?![\d/.])|{_CUED_CLASSIFIED}(?![\d/])"
    rf"|{_NOT_A_DATE}\d{{1,6}}(?:[-/.]\d{{1,6}}){{1,5}}(?![\w/-]|[.,]\d)"
    rf"|\d{{1,4}}[ \t\u00a0]*[–-][ \t\u00a0]*\d{{1,6}}[ \t\u00a0]*/[ \t\u00a0]*\d{{2,4}}(?![\d/]))"
)
