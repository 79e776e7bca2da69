"""Shared patterns for the structure parsers: lines and formatting units, page furniture,
persons printed with parties (found with the name grammar of ``graf.grammar.names``),
diarienummer, Swedish dates.

Everything here works on offsets into one text and never raises on odd input. Regexes are
written so that they cannot backtrack catastrophically (bounded repetitions, no nested
unbounded groups over the same characters).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from graf.grammar.dnr import find_dnr
from graf.grammar.lexicon import PARTY_NAME_WORDS, WORDS_BEFORE_NAMES
from graf.grammar.names import PERSON_RE, genitive_at, is_ordinary_word, name_extent, party_code, split_joined_names
from graf.grammar.scan import finditer_from, literal_starts, once_per_text
from graf.records import Dnr, PersonRef, Span

# --------------------------------------------------------------------------- text helpers


def collapse(text: str) -> str:
    """Whitespace collapsed to single spaces, ends stripped."""
    return " ".join(text.split())


_LINE_HYPHEN = re.compile(r"(?<=[a-zåäöéü])-[ \t]*\n[ \t]*(?=[a-zåäöéü])(?!(?:och|samt|eller)\b)")


def collapse_wrapped(text: str) -> str:
    """Like ``collapse``, and a word hyphenated at a line break (PDF text) joined again:
    "ledsagar-\nservice" -> "ledsagarservice"; "barn-\noch ungdom" keeps its hyphen."""
    return collapse(_LINE_HYPHEN.sub("", text))


def finditer_where(rx: re.Pattern, text: str, start: int, end: int, literals: Iterable[str]) -> Iterator[re.Match]:
    """``rx.finditer(text, start, end)`` for a pattern every match of which begins with one of
    ``literals`` (and is not empty): the pattern is matched only where ``str.find`` finds
    them, instead of being tried at every position (as it is when it begins with ``\\b``)."""
    return finditer_from(rx, text, literal_starts(text, ((lit, 0) for lit in literals), start, end), end)


def strip_span(text: str, start: int, end: int, chars: str = " \t\n\r\u00a0") -> tuple[int, int]:
    """Shrink [start, end) so it neither begins nor ends with any of ``chars``."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


# Line and Unit are named tuples rather than frozen dataclasses: a paper has thousands of
# them, and a frozen dataclass costs three times as much to build.
class Line(NamedTuple):
    start: int  # offset of the first character of the line
    end: int  # offset of the line end (the "\n" or len(text))
    indent: int  # leading spaces/tabs
    text: str  # the line with surrounding whitespace stripped
    tstart: int  # offset of ``text`` in the source


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Line]:
    """The lines of ``text[start:end]`` one at a time, with offsets into ``text``
    (``split_lines`` of the slice, lazily, for callers that stop after a few lines)."""
    pos = start
    n = len(text) if end is None else max(start, min(end, len(text)))
    while True:
        nl = text.find("\n", pos, n)
        if nl < 0:
            nl = n
        raw = text[pos:nl]
        stripped = raw.lstrip(" \t\u00a0\r")
        indent = len(raw) - len(stripped)
        yield Line(pos, nl, indent, stripped.rstrip(" \t\n\r\u00a0"), pos + indent)
        if nl == n:
            return
        pos = nl + 1


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` (a new list for each caller; the lines themselves are made once
    per text, as the readers of one paper ask for them several times)."""
    return list(once_per_text(text, "split_lines", lambda: _split_lines(text)))


def _split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    append = lines.append
    pos = 0
    for raw in text.split("\n"):
        nl = pos + len(raw)
        stripped = raw.lstrip(" \t\u00a0\r")
        indent = nl - pos - len(stripped)
        append(Line(pos, nl, indent, stripped.rstrip(" \t\n\r\u00a0"), pos + indent))
        pos = nl + 1
    return lines


class Unit(NamedTuple):
    """A logical piece of a paper: one plain line, or one bold run / markdown heading
    (which may span lines). ``text`` is the printed content without markup."""

    start: int
    end: int
    text: str  # collapsed
    heading: bool  # set in bold or as a markdown heading
    line_start: bool  # the unit begins its (physical) line
    blank_before: bool  # an empty line (or the start of the text) precedes it


_HASHES = re.compile(r"#{1,6}[ \t]+")


def split_units(text: str) -> list[Unit]:
    """Cut the text into units. Bold runs ("**...**") become units of their own, even when
    several are glued on one line ("**§ 3****Title****Beslut**") or one run spans a line
    break; bold state is reset at blank lines so a stray marker cannot spill over."""
    units: list[Unit] = []
    bold = False
    bold_start = -1
    bold_blank = False
    bold_line_start = False
    blank_before = True
    for line in split_lines(text):
        if not line.text:
            if bold and bold_start >= 0:
                _add_unit(units, text, bold_start, line.start, True, bold_line_start, bold_blank)
            bold = False
            bold_start = -1
            blank_before = True
            continue
        pos = line.tstart
        end = line.tstart + len(line.text)
        heading_line = False
        m = _HASHES.match(text, pos, end)
        if m:
            heading_line = True
            pos = m.end()
        first = True
        while pos < end:
            mark = text.find("**", pos, end)
            if mark < 0:
                mark = end
            if bold:
                if bold_start < 0:
                    bold_start = pos
                    bold_line_start = first
                    bold_blank = blank_before
                if mark < end:
                    _add_unit(units, text, bold_start, mark, True, bold_line_start, bold_blank)
                    bold_start = -1
                    bold = False
                    pos = mark + 2
                    first = False
                    blank_before = False
                    continue
                pos = end  # run continues onto the next line
                break
            if mark > pos and text[pos:mark].strip():
                _add_unit(units, text, pos, mark, heading_line, first, blank_before)
                first = False
                blank_before = False
            if mark < end:
                bold = True
                bold_start = -1
                pos = mark + 2
            else:
                pos = end
        if not bold or bold_start >= 0:
            blank_before = False
    if bold and bold_start >= 0:
        _add_unit(units, text, bold_start, len(text), True, bold_line_start, bold_blank)
    return units


def _add_unit(units: list[Unit], text: str, start: int, end: int, heading: bool, line_start: bool, blank: bool) -> None:
    s, e = strip_span(text, start, end, " \t\n\r\u00a0*#")
    if s < e:
        units.append(Unit(s, e, collapse(text[s:e]), heading, line_start, blank))


# --------------------------------------------------------------------------- page furniture

FURNITURE = re.compile(
    r"(?i)(?:sida|sidan|page|blad)\s*\d{1,4}\s*(?:(?:av|of|/)\s*\d{1,4}|\(\s*\d{1,4}\s*\))?"
    r"|\d{1,3}\s*\(\s*\d{1,3}\s*\)|\d{1,3}\s*/\s*\d{1,3}"
    r"|justerandes\s+sign(?:atur|\.)?(?:\s+utdragsbestyrkande)?|justerares\s+sign(?:atur|\.)?|utdragsbestyrkande"
    r"|ordförandes\s+sign(?:atur|\.)?(?:\s+justerandes\s+sign(?:atur|\.)?)?(?:\s+utdragsbestyrkande)?"
    r"|signatur\s+justerare"
)


def drop_furniture(text: str, units: list[Unit]) -> list[Unit]:
    """The units without page furniture that a PDF conversion leaves in the running text:
    page numbers ("Sida 3 av 12", "2 (9)"), signature boxes ("Justerandes signatur",
    "Utdragsbestyrkande") and page headers repeated on three or more pages ("KOMMUNSTYRELSEN
    SAMMANTRÄDESPROTOKOLL", "Sammanträdesdatum 2013-02-05 Sida 2 av 4")."""
    counts: dict[str, int] = {}
    for u in units:
        if u.line_start and 8 <= len(u.text) <= 120:
            key = _FURNITURE_DIGITS.sub("#", u.text.lower())
            counts[key] = counts.get(key, 0) + 1
    folios = _folios(units)
    out = []
    for u in units:
        if u.line_start and not u.heading and len(u.text) <= 120:
            if FURNITURE.fullmatch(u.text) or _furniture_tail(u.text) or u.start in folios:
                continue
            if len(u.text) >= 8 and counts.get(_FURNITURE_DIGITS.sub("#", u.text.lower()), 0) >= 3 and _header_like(u.text):
                continue
        out.append(u)
    return out


_FURNITURE_DIGITS = re.compile(r"\d+")
_FURNITURE_TAIL = re.compile(r"(?i)\s(?:sida|sidan)\s*\d{1,4}\s*(?:(?:av|/)\s*\d{1,4}|\(\s*\d{1,4}\s*\))\s*$")


def _header_like(s: str) -> bool:
    """What a repeated page header holds: a date, "protokoll", the body's name or words set in
    capitals; repeated section headings ("Förvaltningens förslag till beslut") hold none of
    these."""
    if "§" in s or re.search(r"[.!?:]$", s):
        return False
    if find_dnr(s, 0, len(s), own_line=True):
        return False
    return bool(
        DATE_RE.search(s) or re.search(r"(?i)protokoll|kommun\b|\bstad\b", s) or re.search(r"\b[A-ZÅÄÖ]{5,}\b", s)
        or BODY_NAME.fullmatch(s)
    )


# A committee's name as printed: "Socialnämnden", "Kommunstyrelsen", "Tekniska nämnden",
# "Barn- och ungdomsnämnden" (also in genitive: "Socialnämndens"). The groups are the parts a
# paragraph abbreviation is made of ("BUN"): first part of a compound, adjective, stem, kind.
BODY_NAME = re.compile(
    r"(?:(?P<first>[A-ZÅÄÖ][a-zåäö]+)-\s+(?:och|samt)\s+)?(?P<adj>[A-ZÅÄÖ][a-zåäö]+a\s+)?"
    r"(?P<stem>[A-ZÅÄÖa-zåäö][a-zåäö]*?)?(?P<suffix>nämnd|styrelse|fullmäktige|utskott|beredning)"
    r"(?:ens|ets|ns|en|et|n|s)?(?![a-zåäö])"
)
_BODY_SUFFIXES = (("nämnd", 0), ("styrelse", 0), ("fullmäktige", 0), ("utskott", 0), ("beredning", 0))
_BODY_NAME_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖabcdefghijklmnopqrstuvwxyzåäö")


def body_name_starts(text: str, end: int) -> list[int]:
    """Every position before ``end`` where BODY_NAME can match (a superset, for
    finditer_from): tried at every position, its lazy stem makes the scan quadratic in each
    word's length. A match holds a kind word ("nämnd"); before it the stem starts anywhere in
    that word's run of letters, the adjective ("Tekniska ") in the run before the whitespace
    before that run, and the first part ("Barn- och ") in the run before "-", whitespace and
    "och"/"samt" before either."""
    letters = _BODY_NAME_LETTERS
    starts: set[int] = set()

    def run_before(q: int) -> int:
        while q > 0 and text[q - 1] in letters:
            q -= 1
        return q

    def space_before(q: int) -> int:
        while q > 0 and text[q - 1].isspace():
            q -= 1
        return q

    for s in literal_starts(text, _BODY_SUFFIXES, 0, end):
        r = run_before(s)
        starts.update(range(r, s + 1))
        heads = [r]
        w = space_before(r)
        if w < r:  # an adjective's run before the whitespace
            a = run_before(w)
            starts.update(range(a, w))
            heads.append(a)
        for x in heads:  # "X- och " / "X- samt " before the adjective or the stem
            y = space_before(x)
            if y == x:
                continue
            for conj in ("och", "samt"):
                if text.startswith(conj, y - len(conj)) and y >= len(conj):
                    u = space_before(y - len(conj))
                    if u < y - len(conj) and u > 0 and text[u - 1] == "-":
                        f = run_before(u - 1)
                        starts.update(range(f, u - 1))
    return sorted(starts)


_FOLIO = re.compile(r"[0-9]{1,3}")


def _folios(units: list[Unit]) -> set[int]:
    """Starts of the page numbers printed alone on a line: three or more such lines whose
    numbers rise through the paper, mostly by one (a number alone in a list or a table does
    not rise page by page)."""
    lone = [(u.start, int(u.text)) for u in units if u.line_start and _FOLIO.fullmatch(u.text)]
    if len(lone) < 3:
        return set()
    steps = [b - a for (_, a), (_, b) in zip(lone, lone[1:])]
    if sum(1 for d in steps if d == 1) * 2 < len(steps) or any(d < 0 for d in steps):
        return set()
    return {start for start, _ in lone}


def is_furniture_line(s: str) -> bool:
    """A page number or signature-box line of a PDF page (see ``drop_furniture``)."""
    s = s.strip()
    return bool(s) and (bool(FURNITURE.fullmatch(s)) or _furniture_tail(s))


def _furniture_tail(s: str) -> bool:
    """A page header line that ends with the page number: "Norrbäcks kommun  Sammanträdesdatum
    2013-02-05  Sida 2 av 4"."""
    return bool(_FURNITURE_TAIL.search(s)) and len(s) <= 120 and not s.startswith("§")


# --------------------------------------------------------------------------- persons

# The grammar of a printed name and its party lives in graf.grammar.names (the recogniser can
# read it too); here it is applied to a paper's text.


def _trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading words that are titles or sentence words ("Ordföranden Alexander Ojanne")."""
    while True:
        sp = text.find(" ", start, end)
        if sp < 0:
            return start, end
        word = text[start:sp]
        rest_tokens = text[sp + 1 : end].split()
        if (word in WORDS_BEFORE_NAMES or word.lower() == word) and len(rest_tokens) >= 2:
            start = sp + 1
            continue
        if (word.lower() in PARTY_NAME_WORDS or word.rstrip("s").lower() in PARTY_NAME_WORDS) and len(rest_tokens) >= 2:
            start = sp + 1
            continue
        return start, end


def _token_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The words of a name as (start, end) offsets; a particle ("de", "af") joins the word after it."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    out: list[tuple[int, int]] = []
    pending = None
    for a, b in spans:
        if pending is None and text[start + a].islower() and out:
            pending = a
            continue
        out.append((start + (pending if pending is not None else a), start + b))
        pending = None
    return out


def _names_in_run(text: str, ns: int, ne: int, party: bool = False) -> list[tuple[int, int, bool]]:
    """The names a matched run of capitalised words holds, as (start, end, last): two names run
    together are split ("Ewa Samuelsson Leif Rönngren"), ordinary words at either end dropped
    ("Marit Kvarnlid Närvarorätt"), a genitive "-s" folded ("Nagwa Mourads (kd) begäran").
    ``last`` marks the name the run ends with (the party printed after the run is its); with a
    ``party`` printed after the run its last word is part of the name whatever it means."""
    toks = _token_spans(text, ns, ne)
    words = [text[a:b] for a, b in toks]
    out = []
    parts = split_joined_names(words)
    for k, (i, j) in enumerate(parts):
        last_part = k == len(parts) - 1
        after = text[toks[j - 1][1] : toks[j - 1][1] + 3] if last_part else ""
        if last_part and party:
            a, b = i, j
        else:
            a, b = name_extent(words[i:j], abbreviation_after=bool(re.match(r"\.\s*\S", after)))
            a, b = i + a, i + b
            if b - a < 2 or all(is_ordinary_word(w) for w in words[a:b]):
                continue
        s_, e_ = toks[a][0], toks[b - 1][1]
        if last_part and b == j and genitive_at(text, e_):
            e_ -= 1
        out.append((s_, e_, last_part and b == j))
    return out


def find_persons(text: str, start: int = 0, end: int | None = None, require_party: bool = False) -> list[PersonRef]:
    """Every person printed in text[start:end], with party when printed next to the name.

    Names without a party that stand in one list with a later party ("Jan Jönsson och Isabel
    Smedberg Palmqvist (L)") take that later party: the list shares it.
    """
    if end is None:
        end = len(text)
    found: list[tuple[PersonRef, int]] = []  # person, end of match
    for m in PERSON_RE.finditer(text, start, end):
        ns, ne = _trim_name(text, m.start("name"), m.end("name"))
        if len(text[ns:ne].split()) < 2 or text[ns:ne].split()[0] in WORDS_BEFORE_NAMES:
            continue
        if any(w.lower() in PARTY_NAME_WORDS for w in text[ns:ne].split()):
            continue
        party = None
        pspan = None
        if m.group("code"):
            party = party_code(m.group("code"))
            if party:
                pspan = Span(m.start("code"), m.end("code"))
        elif m.group("pname"):
            party = party_code(m.group("pname"))
            pspan = Span(m.start("pname"), m.end("pname"))
        elif m.group("ccode"):
            party = party_code(m.group("ccode"))
            pspan = Span(m.start("ccode"), m.end("ccode"))
        group = bool(m.group("group") or m.group("group2"))
        for s_, e_, last in _names_in_run(text, ns, ne, party is not None):
            name = collapse(text[s_:e_])
            if not last:
                found.append((PersonRef(name, Span(s_, e_)), e_))
                continue
            if require_party and party is None:
                found.append((PersonRef(name, Span(s_, e_)), -1))
                continue
            found.append((PersonRef(name, Span(s_, e_), party, pspan, group), m.end()))
    # share a later party across "A, B och C (L)": walk on while only list separators
    # stand between one person and the next
    out: list[PersonRef] = []
    for i, (p, mend) in enumerate(found):
        if p.party is None and mend >= 0:
            prev_end = mend
            for q, qend in found[i + 1 :]:
                if qend < 0 or not _LIST_SEP.fullmatch(text[prev_end : q.span.start]):
                    break
                if q.party:
                    p = PersonRef(p.name, p.span, q.party, q.party_span, p.group)
                    break
                prev_end = qend
        if require_party and p.party is None:
            continue
        out.append(p)
    return out


_LIST_SEP = re.compile(r"\s*(?:,|,?\s+och|,?\s+samt|\s*&)\s+|\s*,\s*")


# --------------------------------------------------------------------------- diarienummer

# The grammar of a diarienummer lives in graf.grammar.dnr (the recogniser reads it too).


def merge_dnr(dnrs: list[Dnr]) -> tuple[Dnr, ...]:
    """One entry per value, first span kept, strongest role (own > referring > mentioned)."""
    rank = {"own": 0, "referring": 1, "mentioned": 2}
    best: dict[str, Dnr] = {}
    order: list[str] = []
    for d in dnrs:
        if d.value not in best:
            best[d.value] = d
            order.append(d.value)
        elif rank.get(d.role, 3) < rank.get(best[d.value].role, 3):
            best[d.value] = Dnr(d.value, best[d.value].span, d.role)
    return tuple(best[v] for v in order)


# --------------------------------------------------------------------------- bodies

# A stadsdelsnämnd named in a heading: "Älvsjö stadsdelsnämnd" (Stockholm) or
# "Stadsdelsnämnden Askim-Frölunda-Högsbo" (Göteborg).
# A district's own body named with its district: "Älvsjö stadsdelsnämnd", "Stadsdelsnämnden
# Askim-Frölunda-Högsbo", "Stadsdelsnämnden Västra Hisingen", "Stadsområdesnämnd Öster"; the
# district's name is one to three capitalised words on the same line, not a word that names
# the paper or a header field.
_DISTRICT_WORD = r"[A-ZÅÄÖ][\wåäö]+(?:[-–][A-ZÅÄÖ][\wåäö]+)*"
_NOT_DISTRICT = r"(?!(?:Sammanträde|Protokoll|Kallelse|Dagordning|Föredragningslista|Sida|Datum|Plats|Tid)\w*(?![\wåäö]))"
SDN_HEAD = re.compile(
    rf"(?P<body>(?:{_DISTRICT_WORD}\s+stads(?:dels|områdes)nämnd"
    rf"|[Ss]tads(?:dels|områdes)nämnd(?:en)?[ \t]+{_NOT_DISTRICT}{_DISTRICT_WORD}(?:[ \t]+{_NOT_DISTRICT}{_DISTRICT_WORD}){{0,2}}))(?![\wåäö])"
)


# --------------------------------------------------------------------------- dates

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12,
}
DATE_RE = re.compile(
    r"(?P<iso>(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d))(?!\d)"
    r"|(?P<text>(?P<td>[0-3]?\d)(?:\s*:?e)?\s+(?P<tm>januari|februari|mars|april|maj|juni|juli|augusti|september|"
    r"oktober|november|december)\s+(?P<ty>(?:19|20)\d\d))",
    re.IGNORECASE,
)


def date_from_match(m: re.Match) -> _dt.date | None:
    try:
        if m.group("iso"):
            return _dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return _dt.date(int(m.group("ty")), MONTHS[m.group("tm").lower()], int(m.group("td")))
    except (ValueError, KeyError):
        return None


def first_date(text: str, start: int, end: int) -> tuple[_dt.date, Span] | None:
    for m in DATE_RE.finditer(text, start, end):
        d = date_from_match(m)
        if d:
            return d, Span(m.start(), m.end())
    return None


def heading_like(s: str, max_len: int = 200) -> bool:
    """A short line without closing punctuation: reads as a heading, not as prose."""
    s = s.strip()
    return 0 < len(s) <= max_len and s[-1] not in ".:;!?,»”\"" and s[0] not in "-•*–"
