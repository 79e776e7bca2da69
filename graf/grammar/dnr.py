"""What a Swedish diarienummer (registry number) looks like.

One grammar for the two readers of registry numbers: the structure parser (``find_dnr``: an
agenda item's own and referred numbers) and the mention recogniser (the ``MENTION_*`` patterns
that ``graf.nlp.pipeline`` runs over the whole text). The shapes:

* office code, year, serial: "KS 2023/1231", "SN2019/45" (``office_code_number``);
* classification code, serial, year: "3.1.1-264/2019", "1.2-45/21" (``classified``);
* a year and serial after the cue word: "Dnr 2022/21" (``CUE`` before ``YEAR/SERIAL``);
* further shapes the structure parser knows: "KSN-2015-0123", "N139-0122/14", the spaced
  "D nr 013 – 430 / 05" of old typewritten lists, and anything printed after "Dnr".

The two readers differ in how much context they ask for, as parameters of the shapes here:
the structure parser reads small ranges (a heading, a line) and may take a bare "2022/21"
when the range is nothing else, while the recogniser reads running text and asks for a
four-digit year unless the cue word stands before the number.

Regexes are written so that they cannot backtrack catastrophically (bounded repetitions, no
nested unbounded groups over the same characters).
"""

from __future__ import annotations

import re

from graf.records import Dnr, Span

# --------------------------------------------------------------------------- the pieces

OFFICE_LETTER = "[A-ZÅÄÖ]"  # the letters of an office code ("KS", "SDN", "ÄN")
YEAR = r"(?:19|20)\d\d"
SERIAL = r"\d{1,6}"  # the running number within the year
CUE_WORDS = r"nr\.?|iarienummer"  # after the "D" of "Dnr" / "Diarienummer"
CUE = rf"[Dd](?:{CUE_WORDS})"
# the cue word as the recogniser looks for it (lower-cased, for str.find)
CUE_LITERALS = ("dnr", "diarienummer")
# the cue word ending the text before a number ("Dnr: 2022/21")
_CUE_AT_END = re.compile(rf"{CUE}:?\s*$")

# Other series printed as CODE YEAR/NUMBER (SFS 2001:453 is a colon, but "SOU 2019/20",
# "Prop. 2020/21:1" and "EU 2016/679" are not registry numbers), and money units set in
# capitals ("5 MNKR 2020/21").
NOT_OFFICE_CODES = frozenset(
    {"SFS", "KFS", "SOU", "EU", "EG", "EEG", "ISBN", "ISSN", "CELEX", "MNKR", "KR", "DS", "PROP"}
)


def classified(*, levels: int, serial: str, year: str, after_first_digit: str = "") -> str:
    """A classification code of one to ``levels`` + 1 dotted parts, a serial and a year:
    "3.1.1-264/2019". ``after_first_digit`` goes right after the first digit (a look-behind
    there lets the engine skip ahead to digits)."""
    return rf"\d{after_first_digit}\d{{0,2}}(?:\.\d{{1,3}}){{0,{levels}}}-{serial}/{year}"


def office_code_number(office: str) -> str:
    """``office`` (a pattern for the office code), then year and serial, groups "year" and
    "num": "KS 2023/1231"."""
    return rf"{office}[ \u00a0]?(?P<year>{YEAR})/(?P<num>{SERIAL})"


# --------------------------------------------------------------------------- structure parser

_DNR_PREFIX = re.compile(
    rf"(?<![\w/.-])(?P<dnrword>{CUE}:?\s*)?"
    + office_code_number(rf"(?P<prefix>{OFFICE_LETTER}{{2,6}}|(?<=[Dd]nr )[a-zåäö]{{2,6}})")
    + r"(?![\d/]|-\d|:\d|\.\d)"
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
# any other shape printed right after "Dnr": kept as printed ("14-2021-0877")
_DNR_OTHER = re.compile(r"\b[Dd]nr\.?:?[ \t\u00a0]+(?P<value>[A-ZÅÄÖ0-9][\w.\-/]{0,30}\d(?:[\w.\-/]{0,30}[\w])?)")

# pieces that every match of a shape holds (they begin with a character class, which the
# regex engine skips to quickly): a digit (every shape), "2021/3" (prefixed, bare), "1-23/4"
# (dotted), "D nr" (spaced), "1-2" (codes)
_DIGIT, _HAS_YEAR_SLASH, _HAS_DOTTED, _HAS_SPACED, _HAS_CODE = map(
    re.compile, (r"\d", r"(?:19|20)\d\d/\d", r"\d-\d{2,6}/\d\d", r"D[ \u00a0]?nr", r"\d-\d")
)


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
    for m in _DNR_PREFIX.finditer(text, start, end) if year_slash else ():
        prefix = m.group("prefix").upper()
        if prefix in NOT_OFFICE_CODES:
            continue
        value = f"{prefix} {m.group('year')}/{m.group('num')}"
        out.append(Dnr(value, Span(m.start("prefix"), m.end())))
    for m in _DNR_DOTTED.finditer(text, start, end) if slash and _HAS_DOTTED.search(text, start, end) else ():
        out.append(Dnr(m.group("value"), Span(m.start("value"), m.end("value"))))
    for m in _DNR_SPACED.finditer(text, start, end) if slash and _HAS_SPACED.search(text, start, end) else ():
        # "(D nr 013 – 430 / 05)": the spacing of old typewritten lists dropped
        value = re.sub(r"\s+", "", m.group("value")).replace("–", "-")
        out.append(Dnr(value, Span(m.start("value"), m.end("value"))))
    for m in _DNR_CODE.finditer(text, start, end) if (text.find("-", start, end) >= 0
                                                      and _HAS_CODE.search(text, start, end)) else ():
        if not any(d.span.start <= m.start("value") < d.span.end for d in out):
            out.append(Dnr(m.group("value"), Span(m.start("value"), m.end("value"))))
    taken = [d.span for d in out]
    for m in _DNR_BARE.finditer(text, start, end) if year_slash else ():
        s, e = m.start("value"), m.end("value")
        if any(t.start <= s < t.end for t in taken):
            continue
        before = text[max(start, s - 20) : s]
        whole = text[start:end].strip() == m.group("value")
        if _CUE_AT_END.search(before) or (own_line and whole):
            out.append(Dnr(m.group("value"), Span(s, e)))
    for m in _DNR_OTHER.finditer(text, start, end) if (text.find("nr", start, end) >= 0 and (
            text.find("Dnr", start, end) >= 0 or text.find("dnr", start, end) >= 0)) else ():
        s, e = m.start("value"), m.end("value")
        if not any(d.span.start <= s < d.span.end for d in out):
            out.append(Dnr(m.group("value"), Span(s, e)))
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
MENTION_CLASSIFIED = re.compile(
    "(" + classified(levels=3, serial=SERIAL, year=YEAR, after_first_digit=r"(?<![\w./-]\d)") + r")(?![\d/])"
)
# after the cue word (in any case: "DNR", "Diarienummer:"): a bare year and serial, or a
# classified number with a two-digit year
_CUED_CLASSIFIED = classified(levels=3, serial=SERIAL, year=r"\d{2,4}")
MENTION_CUED = re.compile(
    rf"[Dd](?<!\w[Dd])(?i:{CUE_WORDS})[:\s]+({YEAR}/{SERIAL}|{_CUED_CLASSIFIED})(?![\d/])"
)
