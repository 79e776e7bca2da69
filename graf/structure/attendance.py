"""Attendance: who took part and in what role, read from attendance lists and tables
(ledamöter, ersättare, ordförande, justerare, tjänstemän) in a protokoll's header or anywhere in
another paper, members replaced by ersättare ("A (S) ersätter B (S)", "A (M) för B (M)"),
officials with their titles ("Name (title)", "Name, title", "title Name"), justerare named in
running text, and the e-signature block.

Roles follow what is printed (the gold annotation conventions): a label with a role word gives
it ("Ledamöter" -> ledamot), "Beslutande" gives none; a role word beside a name adds its role
("(ordförande)", ", 2:e vice ordf.") or replaces the label's ("tjg ersättare"); an official's
title is kept as written.

``graf.structure.header`` decides which label a line stands under; this module reads the
persons on the line in that role.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import replace

from graf.grammar.lexicon import NOT_BARE_NAME_WORDS
from graf.grammar.names import BARE_NAME_WORD, PARTY_CODE_PRINTED, is_ordinary_word, party_code
from graf.grammar.roles import (
    CHAIR,
    MEETING_ROLE,
    SERVING_MARK,
    TITLE_ADJECTIVE,
    TITLE_COMPOUND_PART,
    expand_abbreviated_title,
    is_title_word,
    meeting_role,
    signing_role,
    title_form,
)
from graf.grammar.scan import finditer_from, literal_starts
from graf.records import Attendance, PersonRef, Span
from graf.structure.common import Unit, collapse, find_persons, strip_span

# --------------------------------------------------------------------------- roles and titles

# a chair's role word alone in a cell or before the first name ("Ordförande Anna Ek (S)")
_CHAIR_LEAD = re.compile(rf"[-•*–\s]*(?P<role>{CHAIR})[\s:,]*", re.I)

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




# Columns of an attendance table that describe the name in the label column before them
# ("Ledamöter  Parti  Närv  Ersättare  Parti  Tjg för"): their kinds, as a column head's role.
COLUMN_PARTY = "@party"
COLUMN_PRESENCE = "@presence"
COLUMN_SERVES_FOR = "@serves-for"
COLUMN_ROLE = "@role"
_COLUMN_KIND = re.compile(
    r"(?P<party>parti(?:beteckning)?|partitillhörighet)"
    r"|(?P<presence>närv\.?|närvaro|närvarande|frånvaro|deltog|x)"
    r"|(?P<serves>(?:tjg\.?|tjänstgör(?:ande)?|tjänstgjorde)(?:\s+för|\s+ersättare)?|ersätter|ersatte|i\s+stället\s+för)"
    r"|(?P<role>funktion|roll|uppdrag)"
)


def column_kind(label: str) -> str | None:
    """The kind of a describing column from its head ("Parti" -> COLUMN_PARTY, "Tjg för" ->
    COLUMN_SERVES_FOR), or None."""
    m = _COLUMN_KIND.fullmatch(" ".join(label.lower().split()).rstrip(":"))
    if not m:
        return None
    return {"party": COLUMN_PARTY, "presence": COLUMN_PRESENCE, "serves": COLUMN_SERVES_FOR,
            "role": COLUMN_ROLE}[m.lastgroup or ""]


def is_column_kind(role: str) -> bool:
    return role.startswith("@")


# what a "Tjg för" or presence cell prints for "no": a dash, "nej", nothing but a mark of absence
_NO_MARK = re.compile(r"(?i)[-–—]|nej|ej|frånvarande")


def described_row(text: str, u: Unit, columns: list[tuple[int, str]]) -> list[Attendance]:
    """One row of a table whose label columns each have describing columns after them: a
    name cell under each label, and its party, role and whom it serves for read off the cells
    under the describing columns up to the next label. A cell belongs to the rightmost column
    that starts at or before it (a cell may start a character or two early). A mark under
    "Tjg för" makes an ersättare a tjänstgörande ersättare, for the member named there."""
    by_column: dict[int, list[tuple[int, int]]] = {}
    for a, b in table_cells(text, u.start, u.end):
        col = display_column(text, a)
        k = max((i for i, (c, _) in enumerate(columns) if c <= col + 2), default=0)
        by_column.setdefault(k, []).append((a, b))
    line_span = Span(u.start, u.end)
    out: list[Attendance] = []
    for k, (_, section) in enumerate(columns):
        if is_column_kind(section) or k not in by_column:
            continue
        a, b = by_column[k][0][0], by_column[k][-1][1]
        lead = _CHAIR_LEAD.match(text, a, b)
        printed = meeting_role(lead.group("role")) if lead and lead.end() < b else None
        name_start = lead.end() if printed and lead else a
        named = _bare_name(text, name_start, b) or find_persons(text, name_start, b)
        if not named:
            continue
        person = named[0]
        replaces = None
        for j in range(k + 1, len(columns)):
            kind = columns[j][1]
            if not is_column_kind(kind):
                break
            for ca, cb in by_column.get(j, []):
                cell = text[ca:cb].strip()
                if kind == COLUMN_PARTY and person.party is None:
                    code = party_code(cell)
                    if code:
                        person = replace(person, party=code, party_span=Span(ca, cb))
                elif kind == COLUMN_ROLE and meeting_role(cell):
                    printed = meeting_role(cell)
                elif kind == COLUMN_SERVES_FOR and not _NO_MARK.fullmatch(cell):
                    printed = "tjänstgörande ersättare"
                    served = _bare_name(text, *strip_span(text, ca, cb, " \t()xX"))
                    if served and replaces is None:
                        replaces = served[0]
        out.extend(_member_roles(person, SECTION_ROLES.get(section), printed, replaces, line_span))
    return out


def column_row(text: str, u: Unit, columns: list[tuple[int, str]]) -> list[Attendance]:
    """One row under a column head: each cell in the role of its column ("Anna Berg (S),
    ordförande<TAB>Erik Lund (S)"). A cell that holds only a role ("ordförande") belongs to
    the cell before it."""
    if any(is_column_kind(r) for _, r in columns):
        return described_row(text, u, columns)
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

# The role a section label gives the names under it. "Beslutande" and "Förhinder" name no
# role: the names under them get only the role words printed beside them.
SECTION_ROLES: dict[str, str | None] = {
    "ledamot": "ledamot",
    "ersättare": "ersättare",
    "tjänstgörande ersättare": "tjänstgörande ersättare",
    "beslutande": None,
    "absent": None,
}
MEMBER_ROLES = ("ledamot", "ersättare", "tjänstgörande ersättare")
# what a list prints after a member and before the next one without meaning a role: the
# paragraphs or hours served ("§§34-37", "kl. 08:15-11:30", "ej 13", "13-16"), "(-)" for
# no party, "(tom. kl 16.00)"
_NOISE = (
    r"(?:[\s,]+|§§?\s*\d+(?:\s*[-–]\s*\d+)?|kl\.?\s*\d{1,2}(?:[.:]\d{2})?(?:\s*[-–]\s*\d{1,2}(?:[.:]\d{2})?)?"
    r"|ej\s+\d+|\d+(?:\s*[-–]\s*\d+)?(?![\d:.])|\(\s*[-–]\s*\)|\(t\.?o\.?m\.?[^)\n]{0,20}\)|\))*+"
)
# (possessive: the noise between two names is read one way only, so a gap that is no list
# gap fails at once instead of after trying every way to split its spaces and digits)
_REPLACE_VERB = r"(?:ersätter|ersättare\s+för|tjänstgör(?:ande)?\s+för|tjg\.?\s+för|tjänstgör|i\s+stället\s+för|istället\s+för|istf\.?|för)"
# after a member: a role word ("(ordförande)", ", 2:e vice ordf.", ", tjg ersättare"), a
# replacement ("ersätter Y", "för Y"), or a role in words ("närvarande som fackrepresentant")
_AFTER_MEMBER = re.compile(
    # a role in parentheses stands alone in them: "(ordförande kommunrevisionen)" is another
    # body's chair
    rf"{_NOISE}(?:\(\s*(?P<role>{MEETING_ROLE})\s*\)|(?P<neg>(?:ej|icke)\.?\s+)?(?P<role2>{MEETING_ROLE}))?{_NOISE}"
    rf"(?:\(?(?P<rep>{_REPLACE_VERB})\s|(?:närvarande\s+)?som\s+(?P<as>[a-zåäö][\wåäö-]+)"
    # "Göran Ek (KD), tjänstgörande, Älvby kommun": serving, for no member named
    rf"|\(?(?P<serving>{SERVING_MARK})(?!\s+(?:för|i\s+stället|istället)\b)\)?)?",
    re.I,
)


def _printed_role(after: re.Match | None) -> str | None:
    """The meeting role printed after a member (an ``_AFTER_MEMBER`` match); "X (KD) ej tjg
    ers" is a substitute who does not serve."""
    printed = meeting_role(after.group("role") or after.group("role2") or "") if after else None
    if printed == "tjänstgörande ersättare" and after is not None and after.group("neg"):
        return "ersättare"
    return printed


def _person_end(text: str, p: PersonRef) -> int:
    """Where what is printed with a person ends: after the party and its parenthesis."""
    end = p.party_span.end if p.party_span else p.span.end
    if text.startswith(")", end):
        end += 1
    elif p.party_span is None:
        # a code in parentheses that is no party ("(SfS)" of a local list, "(Kommunal)")
        m = _OTHER_PAREN.match(text, end)
        if m and not is_title_word(m.group(1)):
            end = m.end()
    return end


_OTHER_PAREN = re.compile(r"[ \t]*\(([A-ZÅÄÖ][\wåäöÅÄÖ!&]{0,9})\)")
def _party_cell_row(text: str, start: int, end: int) -> tuple[PersonRef, str] | None:
    """A table row without a head whose text layer sets the party off in a cell of its own
    ("Anna Ek<TAB>S<TAB>ordförande", "Bo Lind    M"): the one person of the first cell with
    that party, and what the next cell prints (a role, a presence mark, or nothing)."""
    m = _PARTY_CELL_ROW.match(text, start, end)
    if not m:
        return None
    party, party_span = m.group("party").upper(), Span(m.start("party"), m.end("party"))
    persons = find_persons(text, m.start("name"), m.end("name"))
    printed = (m.group("role") or "").strip()
    if len(persons) == 1 and persons[0].party is None:
        # the role may stand in the name's cell: "Elin Grahn, 1:e vice ordförande   C   X"
        in_cell = text[persons[0].span.end : m.end("name")].strip(" \t,")
        if in_cell and meeting_role(in_cell) and (not printed or not meeting_role(printed)):
            printed = in_cell
        return dataclasses.replace(persons[0], party=party, party_span=party_span), printed
    # a name the grammar doubts alone ("Cia Berg": "berg" is a word) is a name beside its
    # party, as in a table with a head, unless every word of it is an ordinary word
    words = m.group("name").split()
    if (not persons and 2 <= len(words) <= 4 and all(w[:1].isupper() and w[1:2].islower() for w in words)
            and not all(is_ordinary_word(w) for w in words)):
        ns, ne = strip_span(text, m.start("name"), m.end("name"))
        return PersonRef(collapse(text[ns:ne]), Span(ns, ne), party, party_span), printed
    return None


_PARTY_CELL_ROW = re.compile(
    rf"(?P<name>[^\t\n]+?)(?:\t+|[ \u00a0]{{2,}})(?P<party>{PARTY_CODE_PRINTED})(?:(?:\t+|[ \u00a0]{{2,}})(?P<role>\S.*))?[ \t]*$"
)


def attendance_line(text: str, start: int, end: int, role: str | None, tabular: bool) -> list[Attendance]:
    """The persons on one line (or flattened run) of an attendance list under a label whose
    role is ``role`` (a key of SECTION_ROLES, "official", or a signing role)."""
    line_span = Span(start, end)
    seg = text[start:end]
    if tabular:
        m = re.match(
            rf"(?P<name>[^\t\n]+?)[ \t]+(?P<party>{PARTY_CODE_PRINTED})(?:[ \t]+(?P<role>\S.*))?$", seg
        )
        if m:
            if len(m.group("name").split()) < 2 or all(is_ordinary_word(w) for w in m.group("name").split()):
                return []  # "Vakant  M  Ledamot": a seat, no person
            p = PersonRef(collapse(m.group("name")), Span(start + m.start("name"), start + m.end("name")),
                          m.group("party").upper(), Span(start + m.start("party"), start + m.end("party")))
            printed = (m.group("role") or "").strip()
            r = None if not printed or _PRESENCE.fullmatch(printed) else meeting_role(printed)
            return _member_roles(p, SECTION_ROLES.get(role or ""), r, None, line_span, role == "beslutande")
    elif role != "official":
        row = _party_cell_row(text, start, end)
        if row:
            p, printed = row
            r = None if not printed or _PRESENCE.fullmatch(printed) else meeting_role(printed)
            return _member_roles(p, SECTION_ROLES.get(role or ""), r, None, line_span, role == "beslutande")
    if role == "official":
        return _officials(text, start, end)
    if role in ("ordförande", "vice ordförande", "sekreterare", "justerare"):
        persons = find_persons(text, start, end) or _bare_name(text, start, end)
        signers: list[Attendance] = []
        for i, p in enumerate(persons):
            signers.append(Attendance(p, role, span=line_span))
            # "Sekreterare: Tomas Ek, kanslichef": the official's own title after the name too
            nxt = persons[i + 1].span.start if i + 1 < len(persons) else end
            printed_after = text[_person_end(text, p) : nxt]
            title = _title_in(printed_after) if p.party is None and re.match(r"[ \t]*,", printed_after) else None
            if title and is_title_word(title.split()[-1]) and not meeting_role(title):
                signers.append(Attendance(p, title, span=line_span))
        return signers
    persons = find_persons(text, start, end)
    section = SECTION_ROLES.get(role or "")
    out: list[Attendance] = []
    replaced: set[int] = set()
    prev_end = start
    for i, p in enumerate(persons):
        if i in replaced:
            prev_end = _person_end(text, p)
            continue
        p_end = _person_end(text, p)
        nxt = persons[i + 1].span.start if i + 1 < len(persons) else end
        after = _AFTER_MEMBER.match(text, p_end, nxt)
        # "samt sekreterare Patrik Ek": an official listed with the members
        title = _title_before(text, prev_end, p.span.start) if p.party is None else None
        prev_end = p_end
        if title:
            out.append(Attendance(p, title, span=line_span))
            continue
        if after and after.group("rep") and i + 1 < len(persons):
            # "X (S) ersätter Y (S)", "X (M) för Y (M)": X serves in Y's place
            y = persons[i + 1]
            replaced.add(i + 1)
            out.append(Attendance(p, "tjänstgörande ersättare", y, line_span))
            out.append(Attendance(y, section if section == "ledamot" else None, None, line_span))
            continue
        if after and after.group("as"):
            out.append(Attendance(p, title_form(after.group("as")), span=line_span))
            continue
        printed = _printed_role(after)
        if after and after.group("serving") and section != "ledamot" and printed is None:
            # a serving mark beside a substitute (under "Ersättare" or no member label)
            printed = "tjänstgörande ersättare"
        if printed is None and i == 0:
            # "Ordförande Anna Andersson (S)": the role printed before the first name
            lead = _CHAIR_LEAD.fullmatch(text, start, p.span.start)
            printed = meeting_role(lead.group("role")) if lead else None
        out.extend(_member_roles(p, section, printed, None, line_span, role == "beslutande"))
    return out


_MEMBER_GAP = re.compile(rf"{_NOISE}(?:\(?\s*{MEETING_ROLE}\s*\)?)?{_NOISE}", re.I)


def member_run(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of a run of three or more names printed with parties one after the other,
    with nothing but role words and paragraph or hour marks between them ("Anna Ek (KD),
    ordförande Bo Lind (M) Eva Berg (S) 14-27"): a list of members whatever label it lost.
    Prose that names members ("A (M), ledamöterna B (FP) och C (C)") is no such run."""
    persons = find_persons(text, start, end)
    best = None
    i = 0
    while i < len(persons):
        j = i
        while j + 1 < len(persons) and _MEMBER_GAP.fullmatch(
            text, _person_end(text, persons[j]), persons[j + 1].span.start
        ):
            j += 1
        if persons[i].party and j - i + 1 >= 3 and (best is None or j - i > best[1] - best[0]):
            best = (i, j)
        i = j + 1
    if best is None:
        return None
    last = persons[best[1]]
    return persons[best[0]].span.start, _person_end(text, last)


def _member_roles(p: PersonRef, section: str | None, printed: str | None, replaces: PersonRef | None,
                  span: Span, deciding: bool = False) -> list[Attendance]:
    """A member's roles: the role word printed with the name, and the section's role unless
    the printed word says what kind of member the person is ("tjg ersättare" under
    "Ledamöter"). A chair under "Ledamöter" is a ledamot too; under "Beslutande" only chair."""
    if printed in MEMBER_ROLES:
        return [Attendance(p, printed, replaces, span)]
    out = []
    if section or not printed:
        out.append(Attendance(p, section, replaces, span, deciding=deciding and section is None))
    if printed:
        out.append(Attendance(p, printed, replaces, span))
    return out


def _title_before(text: str, lo: int, name_start: int) -> str | None:
    """An official's title printed right before a name ("samt sekreterare Patrik Ek",
    ", områdeschef Eva Lind", "Kommundirektör Per Holm"), as written; None when the words
    before the name end in no title."""
    piece = _PIECE_SPLIT.split(text[lo:name_start])[-1]
    words = piece.split()
    if not words or re.search(r"\d|§", piece):
        return None
    k = len(words)
    if not (is_title_word(words[-1]) or expand_abbreviated_title(words[-1])) or meeting_role(words[-1]):
        return None
    # "tf avdelningschef", "biträdande förvaltningschef": lower-case words before the title
    j = k - 1
    while j > 0 and (words[j - 1][:1].islower() and len(words[j - 1]) <= 12 or _TITLE_ADJECTIVE.fullmatch(words[j - 1])) \
            and not is_title_word(words[j - 1]) and k - j < 3:
        j -= 1
    if j < k - 1 and words[j] in ("och", "samt", "av", "med"):
        j += 1
    return title_form(" ".join(words[j:]))


# ("Hälso- och sjukvårdsdirektör" is one title: "och" after a hyphen joins a compound)
_PIECE_SPLIT = re.compile(r"[,();:]|(?<!-)\s+och\s+|\s+samt\s+")


# a word a title may open with, capitalised at a line's start ("Teknisk chef", "Hälso- och")
_TITLE_ADJECTIVE = re.compile(rf"{TITLE_ADJECTIVE}|{TITLE_COMPOUND_PART}|och")


def _title_in(seg: str) -> str | None:
    """The title printed after an official's name ("(förvaltningschef)", ", konsult, del av
    6", ", S&P, nämndsekr.", ", avdelningschef samordningsavdelningen"): the first piece
    between commas or parentheses that holds a title word, cut after that word, or a piece in
    lower case only ("facklig representant"). Units in capitals ("KVK", "S&P"), places and
    ranges ("del av 6", "punkt A") are no titles."""
    fallback = None
    for piece in _PIECE_SPLIT.split(seg):
        words = piece.split()
        if not words or re.search(r"\d|§", piece):
            continue
        cut = None
        for k, w in enumerate(words):
            if is_title_word(w) or expand_abbreviated_title(w):
                cut = k
        if cut is not None:
            return title_form(" ".join(words[: cut + 1]))
        if fallback is None and len(words) <= 3 and all(w[:1].islower() for w in words):
            fallback = title_form(" ".join(words))
    return fallback


def _officials(text: str, start: int, end: int) -> list[Attendance]:
    """Officials and others present: "Name (title)", "Name, title", "Name Title", "title
    Name", several on one line. The first name shows the order: a title printed before it
    means every title stands before its name ("sekreterare A B, socialchef C D"), else after
    it ("A B, utbildningsdirektör C D, avdelningschef"). Persons printed with a party are
    politicians: no title is read for them."""
    persons = find_persons(text, start, end)
    if not persons:
        return _official(text, start, end)
    line_span = Span(start, end)
    title_first = _title_before(text, start, persons[0].span.start) is not None
    out: list[Attendance] = []
    prev_end = start
    for i, p in enumerate(persons):
        p_end = _person_end(text, p)
        nxt = persons[i + 1].span.start if i + 1 < len(persons) else end
        title = None
        if p.party is None:
            title = _title_before(text, prev_end, p.span.start) if title_first else _title_in(text[p_end:nxt])
        else:  # "Britta Ek (KD), ersättare" among others present
            title = _printed_role(_AFTER_MEMBER.match(text, p_end, nxt))
        prev_end = p_end
        out.append(Attendance(p, title, span=line_span))
    return out


_PRESENCE = re.compile(r"(?i)ja|nej|x|närvarande|frånvarande|deltog|-|–|§§?\s*[\d\s,–-]+|kl\.?\s*[\d.:–-]+")


def _bare_name(text: str, start: int, end: int) -> list[PersonRef]:
    """A name printed alone ("Magnus Hillborg"): 2-5 capitalised words, none of them in
    capitals only (page headers such as "KOMMUNSTYRELSEN SAMMANTRÄDESPROTOKOLL") or a
    heading word."""
    s, e = strip_span(text, start, end, " \t,.:")
    words = text[s:e].split()
    # a signature row run together ("Eva Ek Ordförande Bo Lind Justerande ..."): the name ends
    # at the next signing label
    cut = next((k for k, w in enumerate(words) if meeting_role(w) or signing_role(w)), None)
    if cut is not None and cut >= 2:
        words = words[:cut]
        e = text.index(words[-1], s) + len(words[-1])
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
        if len(words) >= 3 and is_title_word(words[0].group(0)):
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
            if len(title.split()) <= 4 and (title[:1].islower() or is_title_word(title.split()[-1])) and not _bare_name(text, ta, tb):
                out.append(Attendance(p[0], collapse(title), span=line_span))
                i += 2
                continue
        single = _official_single(text, a, b)
        out.extend(Attendance(x.person, x.role, span=line_span) for x in single)
        i += 1
    return out or _official_single(text, start, end)


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
            return [Attendance(p[0], None, span=line_span)] if p else []
        cut = None
        for i, w in enumerate(words[2:], start=2):
            if w.group(0)[:1].islower() or is_title_word(w.group(0)):
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
    r"|närvaro-\s*och\s*(?:voterings|omröstnings)lista"
    r"|förteckning över (?:närvarande|tjänstgörande) ledamöter(?: och ersättare)?)(?:\s*[:,].*|\s+[^.]*)?"
)



# --------------------------------------------------------------------------- justering in running text

# "Ordförande A (M) och vice ordförande B (MP) uppdras att justera dagens protokoll", "C (M)
# utses att tillsammans med ordföranden justera protokollet": the persons of the sentence
# before the verb; "nämnden utser D (S) att jämte ordföranden justera": the persons between
_NAMED_TO_JUSTERA = re.compile(
    r"(?P<verb>u(?<![\wåäö]u)ppdras|u(?<![\wåäö]u)ppdrogs|u(?<![\wåäö]u)tses|u(?<![\wåäö]u)tsågs|v(?<![\wåäö]v)aldes|v(?<![\wåäö]v)äljs)"
    # ("utses att jämte ordföranden Eva Holm (KD) justera protokollet": the chair named
    # between signs as chair)
    r"\s+(?:till\s+)?att\s+(?:[\wåäö()-]+\s+){0,6}?justera(?![\wåäö])"
    r"|u(?<![\wåäö]u)tse[r]?\s+(?P<between>[^.\n]{5,160}?)\s+att\s+(?:[\wåäö]+\s+){0,4}?justera(?![\wåäö])"
)
# every match begins with its verb (a pattern beginning with a group is tried at every
# position of the text; it runs where str.find finds a verb)
_NAMED_TO_JUSTERA_VERBS = tuple((verb, 0) for verb in ("uppdr", "utse", "utsågs", "valdes", "väljs"))
# "Paragrafen justeras A (M), ordf. B (M), ledamot": the signatures of one paragraph, each
# with the role the signer signs in
_JUSTERAS_SIGNED = re.compile(r"j(?<![\wåäö]j)usteras(?![\wåäö])(?!\s+(?:den|vid|senast|på|i|digitalt|omedelbart)\b)")
_SENTENCE_START = re.compile(r"[.!?:\n](?<!\bm\.)(?<!\bfl\.)(?<!\bordf\.)\s")


def justering_sentences(text: str) -> list[Attendance]:
    """Justerare named in sentences ("X (M) utses att justera protokollet") and roles printed
    with the signatures of a paragraph ("Paragrafen justeras X (M), ordf. Y (M), ledamot")."""
    out: list[Attendance] = []
    for m in finditer_from(_NAMED_TO_JUSTERA, text, literal_starts(text, _NAMED_TO_JUSTERA_VERBS)):
        if m.group("between"):
            lo, hi = m.start("between"), m.end("between")
        else:
            lo = max(0, m.start() - 300)
            starts = [s.end() for s in _SENTENCE_START.finditer(text, lo, m.start())]
            lo, hi = (starts[-1] if starts else lo), m.start()
        for p in find_persons(text, lo, hi):
            out.append(Attendance(p, "justerare", span=Span(lo, m.end())))
    for m in _JUSTERAS_SIGNED.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        persons = find_persons(text, m.end(), line_end)
        for i, p in enumerate(persons):
            nxt = persons[i + 1].span.start if i + 1 < len(persons) else line_end
            after = _AFTER_MEMBER.match(text, _person_end(text, p), nxt)
            printed = _printed_role(after)
            if printed:
                out.append(Attendance(p, printed, span=Span(m.start(), line_end)))
    return out
