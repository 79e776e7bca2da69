"""graf_numbers: dates (ISO and written out), diarienummer and amounts of money, by regular
expressions. Keys: the ISO date, the diarienummer as printed (office-prefixed ones
normalised), the amount in kronor."""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation

from spacy.language import Language
from spacy.tokens import Doc

from graf.grammar import dnr
from graf.grammar.scan import finditer_caseless, finditer_from
from graf.nlp.components.candidate import CANDIDATES, TEXT, Candidate, doc_text

_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?"
_DATE_TEXT = re.compile(
    rf"(?<![\w])(?:(?:{_WEEKDAY}\s+)?den\s+)?(\d{{1,2}})(?:e|:e)?[ \u00a0]({_MONTH_ALT})\.?[ \u00a0](\d{{4}})(?!\d)",
    re.I,
)
_DATE_ISO = re.compile(r"(\d(?<![\w/.-]\d)\d{3})-(\d{2})-(\d{2})(?![\w/]|-\d)")
_CUE_LITERALS = tuple((word, 0) for word in dnr.CUE_LITERALS)
_AMOUNT = re.compile(
    r"(\d(?<![\w,.]\d)(?:\d{0,2}(?:[ \u00a0]\d{3})+|\d*))(?:,(\d+))?[ \u00a0]?"
    r"(miljarder kronor|miljard kronor|miljoner kronor|miljon kronor|tusen kronor|"
    r"mdkr|mnkr|mkr|mn kr|tkr|kkr|kronor|kr|SEK)(?![\wåäö])"
)
_AMOUNT_FACTOR = {
    "miljarder kronor": 10**9, "miljard kronor": 10**9, "mdkr": 10**9,
    "miljoner kronor": 10**6, "miljon kronor": 10**6, "mnkr": 10**6, "mkr": 10**6,
    "mn kr": 10**6, "tusen kronor": 10**3, "tkr": 10**3, "kkr": 10**3,
    "kronor": 1, "kr": 1, "SEK": 1,
}


_NUMBER_START = re.compile(r"\d(?<!\w\d)")


def _date_text_starts(text: str, numbers: list[int]) -> list[int]:
    """Where _DATE_TEXT can match (a superset): at the start of a number, at "den" before it
    and at the weekday before that, each only whitespace apart."""
    starts: set[int] = set()
    for d in numbers:
        starts.add(d)
        r = d
        while r > 0 and text[r - 1].isspace():
            r -= 1
        if r == d or r < 3:
            continue
        den = r - 3
        starts.add(den)
        r = den
        while r > 0 and text[r - 1].isspace():
            r -= 1
        if r == den:
            continue
        q = r
        while q > 0 and (text[q - 1].isalnum() or text[q - 1] == "_"):
            q -= 1
        if q < r:
            starts.add(q)
    return sorted(starts)


@Language.component("graf_numbers", assigns=[CANDIDATES], requires=[CANDIDATES, TEXT])
def recognise_numbers(doc: Doc) -> Doc:
    text = doc_text(doc)
    out = doc._.graf_candidates
    # _DATE_ISO, dnr.MENTION_CLASSIFIED and _AMOUNT begin at a digit that no word character precedes,
    # as _NUMBER_START finds: one scan for the digits instead of one per pattern
    numbers = [m.start() for m in _NUMBER_START.finditer(text)]
    for m in finditer_from(_DATE_TEXT, text, _date_text_starts(text, numbers)):
        try:
            d = _dt.date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        except ValueError:
            continue
        out.append(Candidate("DATE", m.start(), m.end(), d.isoformat(), None, None))
    for m in finditer_from(_DATE_ISO, text, numbers):
        try:
            d = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        out.append(Candidate("DATE", m.start(), m.end(), d.isoformat(), None, None))
    for m in dnr.MENTION_OFFICE.finditer(text):
        if m.group("office") in dnr.NOT_OFFICE_CODES:
            continue
        key = f"{m.group('office')} {m.group('year')}/{m.group('num')}"
        out.append(Candidate("DNR", m.start(), m.end(), key, None, None))
    for m in finditer_from(dnr.MENTION_CLASSIFIED, text, numbers):
        out.append(Candidate("DNR", m.start(1), m.end(1), m.group(1), None, None))
    for m in finditer_caseless(dnr.MENTION_CUED, text, _CUE_LITERALS):
        out.append(Candidate("DNR", m.start(1), m.end(1), m.group(1), None, None))
    for m in finditer_from(_AMOUNT, text, numbers):
        digits = re.sub(r"[ \u00a0]", "", m.group(1))
        try:
            value = Decimal(digits + ("." + m.group(2) if m.group(2) else ""))
        except InvalidOperation:
            continue
        kronor = value * _AMOUNT_FACTOR[m.group(3)]
        key = format(kronor.normalize(), "f") if kronor == kronor.to_integral() else str(kronor)
        if "." in key:
            key = key.rstrip("0").rstrip(".")
        out.append(Candidate("AMOUNT", m.start(), m.end(), key, None, None))
    return doc

