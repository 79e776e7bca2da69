"""Attendance in a protokoll: who took part and in what role, read from the header's lines
and tables (ledamöter, ersättare, ordförande, justerare, tjänstemän), members replaced by
ersättare ("A (S) ersätter B (S)"), officials with their titles, and the e-signature block.

``graf.structure.header`` decides which label a line stands under; this module reads the
persons on the line in that role.
"""

from __future__ import annotations

import re

from graf.grammar.lexicon import NOT_BARE_NAME_WORDS, OFFICE_TITLE_WORDS, OFFICIAL_TITLE_ENDINGS
from graf.grammar.names import BARE_NAME_WORD, PARTY_CODE_PRINTED
from graf.records import Attendance, PersonRef, Span
from graf.structure.common import Unit, collapse, find_persons, strip_span

# --------------------------------------------------------------------------- roles and titles

# a word that ends like an official's title ("Enhetschef", "verksamhetscontroller")
_TITLE_WORD = re.compile(rf"(?i).*(?:{'|'.join(OFFICIAL_TITLE_ENDINGS)})$")
_CHAIR = re.compile(r"(?i)(?P<role>(?:1:e |2:e |förste |andre )?vice ordförande|ordförande|ordf\.?)")
_CHAIR_AFTER = re.compile(
    r"[ \t)]*,?[ \t]*\(?(?P<role>(?:1:e |2:e |förste |andre )?vice ordförande|ordförande|ordf\.?)(?![\wåäö])", re.I
)
_CHAIR_LEAD = re.compile(r"[-•*–\s]*(?P<role>(?:1:e |2:e |förste |andre )?vice ordförande|ordförande|ordf\.?)[\s:,]*", re.I)
_REPLACES = re.compile(r"[\s(](?:ersätter|ersättare för|tjänstgör för|tjänstgörande för|i stället för|istället för|för)\s")

# --------------------------------------------------------------------------- tables

_CELL_GAP = re.compile(r"\t+|[ \u00a0]{2,}")


def table_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of a table row printed as one line (cut at tabs and runs of spaces)."""
    out = []
    pos = start
    bounds = [(m.start(), m.end()) for m in _CELL_GAP.finditer(text, start, end)] + [(end, end)]
    for a, b in bounds:
        cs, ce = strip_span(text, pos, a, " \t\u00a0")
        if cs < ce:
            out.append((cs, ce))
        pos = b
    return out


def display_column(text: str, pos: int) -> int:
    """Display column of ``pos`` on its line (tabs to multiples of 8)."""
    return len(text[text.rfind("\n", 0, pos) + 1 : pos].expandtabs(8))




def column_row(text: str, u: Unit, columns: list[tuple[int, str]]) -> list[Attendance]:
    """One row under a column head: each cell in the role of its column ("Anna Berg (S),
    ordförande<TAB>Erik Lund (S)"). A cell that holds only a role ("ordförande") belongs to
    the cell before it."""
    cells = table_cells(text, u.start, u.end)
    merged: list[tuple[int, int]] = []
    for a, b in cells:
        if merged and _CHAIR_LEAD.fullmatch(text, a, b):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    out: list[Attendance] = []
    for k, (a, b) in enumerate(merged):
        if len(merged) == len(columns):
            role = columns[k][1]
        else:  # cells left empty: the nearest column by position
            col = display_column(text, a)
            role = min(columns, key=lambda c: abs(c[0] - col))[1]
        out.extend(attendance_line(text, a, b, role, False))
    return out


# --------------------------------------------------------------------------- attendance lines

def attendance_line(text: str, start: int, end: int, role: str, tabular: bool) -> list[Attendance]:
    line_span = Span(start, end)
    seg = text[start:end]
    out: list[Attendance] = []
    if tabular:
        m = re.match(
            rf"(?P<name>[^\t\n]+?)[ \t]+(?P<party>{PARTY_CODE_PRINTED})(?:[ \t]+(?P<role>\S.*))?$", seg
        )
        if m:
            p = PersonRef(collapse(m.group("name")), Span(start + m.start("name"), start + m.end("name")),
                          m.group("party").upper(), Span(start + m.start("party"), start + m.end("party")))
            r = (m.group("role") or role).strip().lower()
            if _PRESENCE.fullmatch(r):  # a presence column: "Ja", "Nej", "x", "§§ 1-12"
                r = role
            if "tjänstgörande" in r:
                r = "tjänstgörande ersättare"
            elif "vice" in r:
                out.append(Attendance(p, "ledamot", span=line_span))
                r = "vice ordförande"
            elif r.startswith("ordf"):
                out.append(Attendance(p, "ledamot", span=line_span))
                r = "ordförande"
            out.append(Attendance(p, r, span=line_span))
            return out
    reps = list(_REPLACES.finditer(seg)) if role in ("ledamot", "ersättare", "tjänstgörande ersättare") else []
    if reps:
        # "A (KD) ersätter B (KD), C (V) ersätter D (V)": each pair on its own
        lo = start
        for k, mrep in enumerate(reps):
            hi = start + reps[k + 1].start() if k + 1 < len(reps) else end
            left = find_persons(text, lo, start + mrep.start())
            right = find_persons(text, start + mrep.end(), hi)
            if left and right:
                for extra in left[:-1]:
                    out.append(Attendance(extra, role, span=line_span))
                out.append(Attendance(left[-1], "tjänstgörande ersättare", right[0], line_span))
                out.append(Attendance(right[0], "ledamot", None, line_span))
                lo = right[0].party_span.end if right[0].party_span else right[0].span.end
        if out:
            for p in find_persons(text, lo, end):
                out.append(Attendance(p, role, span=line_span))
            return out
    if role == "official":
        return _official(text, start, end)
    if role in ("ordförande", "vice ordförande", "sekreterare", "justerare"):
        persons = find_persons(text, start, end)
        if not persons:
            persons = _bare_name(text, start, end)
        for p in persons:
            if role in ("ordförande", "vice ordförande"):
                out.append(Attendance(p, "ledamot", span=line_span))
            out.append(Attendance(p, role, span=line_span))
        return out
    persons = find_persons(text, start, end)
    if not persons:
        return out
    for i, p in enumerate(persons):
        out.append(Attendance(p, role, span=line_span))
        # "Anna Ek (S), ordförande, Bo Lind (M), vice ordförande": the role printed after each
        # person, up to the next one; a leading "Ordförande Anna Andersson (S)" for the first
        p_end = p.party_span.end if p.party_span else p.span.end
        nxt = persons[i + 1].span.start if i + 1 < len(persons) else end
        c = _CHAIR_AFTER.match(text, p_end, nxt) if nxt - p_end < 60 else None
        if c is None and i == 0 and len(persons) == 1:
            c = _CHAIR.search(text, p_end, end) or _CHAIR.match(text, start, p.span.start)
        if c is None and i == 0:
            c = _CHAIR_LEAD.fullmatch(text, start, p.span.start)
        if c:
            r = c.group("role").lower()
            r = "ordförande" if r.startswith("ordf") else re.sub(r"^(?:1:e|2:e|förste|andre) ", "", r)
            out.append(Attendance(p, r, span=line_span))
    return out




_PRESENCE = re.compile(r"(?i)ja|nej|x|närvarande|frånvarande|deltog|-|–|§§?\s*[\d\s,–-]+|kl\.?\s*[\d.:–-]+")


def _bare_name(text: str, start: int, end: int) -> list[PersonRef]:
    """A name printed alone ("Magnus Hillborg"): 2-5 capitalised words, none of them in
    capitals only (page headers such as "KOMMUNSTYRELSEN SAMMANTRÄDESPROTOKOLL") or a
    heading word."""
    s, e = strip_span(text, start, end, " \t,.:")
    words = text[s:e].split()
    if (
        2 <= len(words) <= 5
        and all(BARE_NAME_WORD.fullmatch(w) for w in words)
        and words[0][:1].isupper()
        and not any(w in NOT_BARE_NAME_WORDS for w in words)
    ):
        return [PersonRef(collapse(text[s:e]), Span(s, e))]
    return []




# --------------------------------------------------------------------------- officials

_OFFICIAL_SEP = re.compile(r"\s*(?:,|;|\s+och\s+|\s+samt\s+)\s*")


def _official(text: str, start: int, end: int) -> list[Attendance]:
    """Officials as printed: "Name, title", "Name Title", "Title Name", or several on one
    line ("Stadsdelsdirektör Lars Ek, avdelningschef Eva Berg och Per Lind, controller")."""
    segs: list[tuple[int, int]] = []
    pos = start
    for m in _OFFICIAL_SEP.finditer(text, start, end):
        segs.append((pos, m.start()))
        pos = m.end()
    segs.append((pos, end))
    segs = [strip_span(text, a, b, " \t.:§0123456789-–") for a, b in segs]
    segs = [(a, b) for a, b in segs if a < b]
    if len(segs) <= 1:
        return _official_single(text, start, end)
    line_span = Span(start, end)
    out: list[Attendance] = []
    i = 0
    while i < len(segs):
        a, b = segs[i]
        words = list(re.finditer(r"\S+", text[a:b]))
        # "Title Name Surname"
        if len(words) >= 3 and _is_title_word(words[0].group(0)):
            ns = a + words[1].start()
            p = _bare_name(text, ns, b)
            if p:
                out.append(Attendance(p[0], words[0].group(0), span=line_span))
                i += 1
                continue
        p = _bare_name(text, a, b)
        if p and i + 1 < len(segs):
            ta, tb = segs[i + 1]
            title = text[ta:tb]
            if len(title.split()) <= 4 and (title[:1].islower() or _TITLE_WORD.fullmatch(title.split()[-1])) and not _bare_name(text, ta, tb):
                out.append(Attendance(p[0], collapse(title), span=line_span))
                i += 2
                continue
        single = _official_single(text, a, b)
        out.extend(Attendance(x.person, x.role, span=line_span) for x in single)
        i += 1
    return out or _official_single(text, start, end)


def _is_title_word(w: str) -> bool:
    return bool(_TITLE_WORD.fullmatch(w)) or w.lower() in OFFICE_TITLE_WORDS


def _official_single(text: str, start: int, end: int) -> list[Attendance]:
    seg = text[start:end]
    line_span = Span(start, end)
    comma = seg.find(",")
    if comma > 0:
        ns, ne = strip_span(text, start, start + comma)
        ts, te = strip_span(text, start + comma + 1, end, " \t,.")
    else:
        words = list(re.finditer(r"\S+", seg))
        if len(words) < 3:
            p = _bare_name(text, start, end)
            return [Attendance(p[0], "övrig närvarande", span=line_span)] if p else []
        cut = None
        for i, w in enumerate(words[2:], start=2):
            if w.group(0)[:1].islower() or _TITLE_WORD.fullmatch(w.group(0)):
                cut = i
                break
        if cut is None:
            return []
        ns, ne = start + words[0].start(), start + words[cut - 1].end()
        ts, te = start + words[cut].start(), start + words[-1].end()
    if ns >= ne or ts >= te:
        return []
    name = collapse(text[ns:ne])
    if len(name.split()) < 2 or not all(w[:1].isupper() for w in name.split()):
        return []
    return [Attendance(PersonRef(name, Span(ns, ne)), collapse(text[ts:te]), span=line_span)]



# --------------------------------------------------------------------------- signatures

_SIGNATURE = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-ZÅÄÖÉ][^\t\n,]{1,60},[ \t]?[A-ZÅÄÖÉ][^\t\n,]{1,40}?)[ \t]+(?:19|20)\d\d-\d\d-\d\d[ \t]*$"
)


def parse_signatures(text: str) -> list[PersonRef]:
    out = []
    for m in _SIGNATURE.finditer(text):
        out.append(PersonRef(collapse(m.group("name")), Span(m.start("name"), m.end("name"))))
    return out


# An attendance list printed after the paragraphs (often as the protocol's first bilaga).
ATTENDANCE_LIST = re.compile(
    r"(?i)(?:bilaga\s*\d*\s*[:.–-]?\s*)?(?:närvarolista|närvaroförteckning|närvarande ledamöter och ersättare"
    r"|förteckning över (?:närvarande|tjänstgörande) ledamöter(?: och ersättare)?)(?:\s*[:,].*)?"
)

