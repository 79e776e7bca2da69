"""The header of a protokoll: the labels its lines stand under (``header_key``), the
meeting's fields (body, date, time, place, municipality, protocol number, paragraph range,
justering date) and the walk over the header lines that hands each attendance line to
``graf.structure.attendance`` in the role of its label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graf.grammar.hunspell_sv import is_proper_noun_entry
from graf.grammar.names import PARTY_IN_PARENS
from graf.grammar.scan import finditer_from
from graf.records import Attendance, Meeting, PersonRef, Span
from graf.structure.attendance import (
    attendance_line,
    column_kind,
    column_row,
    display_column,
    is_column_kind,
    member_run,
    table_cells,
)
from graf.structure.common import (
    DATE_RE,
    SDN_HEAD,
    Unit,
    collapse,
    date_from_match,
    find_persons,
    first_date,
    iter_lines,
    strip_span,
)

# --------------------------------------------------------------------------- header labels

_HEADER_KEYS: list[tuple[str, re.Pattern]] = [
    ("tjänstgörande ersättare", re.compile(r"tjänstgörande ersättare")),
    ("ersättare", re.compile(r"(?:närvarande |icke tjänstgörande |ej tjänstgörande |övriga )?ersättare")),
    ("ledamot", re.compile(r"(?:närvarande |tjänstgörande |beslutande |ordinarie )?ledamöter|ledamöter som deltagit")),
    # members who decide, with no role word: the names under it get only the roles printed beside them
    ("beslutande", re.compile(r"beslutande")),
    ("absent", re.compile(r"förhinder|anmält förhinder|frånvarande|ej närvarande")),
    ("official", re.compile(r"övriga (?:närvarande|deltagande|deltagare)|närvarande tjänste(?:män|personer)|tjänste(?:män|personer)|övriga|närvarande|i övrigt närvarande|dessutom (?:var |närvarade)?(?:närvarande)?")),
    ("justering_date", re.compile(r"(?:datum för |tid för |dag för )?justering(?:sdatum|ens (?:plats och )?tid)?|justeringsdag")),
    ("justerare", re.compile(r"justerare|utses att justera|utsedd(?:a)? att justera|justerande|justeras av|justeringsperson(?:er)?")),
    # the signatures under "Justerat den 23 augusti 2007": the justerare, the chair signing as chair
    ("signed", re.compile(r"justerat(?: den \d{1,2} [a-zåäö]+ \d{4}| \d{4}-\d\d-\d\d)?")),
    ("sekreterare", re.compile(r"sekreterare|protokollförare|nämndsekreterare")),
    ("vice ordförande", re.compile(r"(?:1:e |2:e |förste |andre )?vice ordförande")),
    ("ordförande", re.compile(r"ordförande")),
    ("paragraphs", re.compile(r"paragraf(?:er)?|§§")),
    ("stop", re.compile(r"underskrifter|anslag/bevis|anslag|bevis|utdragsbestyrkande")),
    ("place", re.compile(r"plats(?: och tid)?|tid och plats|sammanträdesplats|lokal")),
    ("time", re.compile(r"tid|sammanträdesdatum|sammanträdestid|datum")),
]
_LABEL_SPACE = r"[ \t\n]+"
_HEADER_KEY_RE = re.compile(
    # a label may wrap onto the next line ("Ej tjänstgörande" / "ersättare"): any whitespace
    # between its words
    r"(?P<key>" + "|".join("(?:" + rx.pattern.replace(" ", _LABEL_SPACE) + ")" for _, rx in _HEADER_KEYS)
    + r")(?![\wåäö])\s*:?\s*(?P<rest>.*)",
    re.I | re.S,
)


def header_key(text: str) -> tuple[str, str] | None:
    m = _HEADER_KEY_RE.fullmatch(text)
    if not m:
        return None
    key = " ".join(m.group("key").lower().split())
    rest = m.group("rest")
    role = next((r for r, rx in _HEADER_KEYS if rx.fullmatch(key)), None)
    if role is None:
        return None
    if (
        rest
        and not re.match(r"\s*:|\t|[ \u00a0]{2,}", text[len(m.group("key")) :])
        and role not in ("ordförande", "vice ordförande", "sekreterare", "justerare", "signed", "paragraphs", "stop")
        and not _SIGN_LINE.fullmatch(rest)
        # a field's content starts with a name, a place or a number; prose goes on in lower case
        and not re.match(r"[A-ZÅÄÖÉ0-9§]", rest.lstrip())
    ):
        # "Ledamöter" followed by prose is a sentence, not a field
        return None
    if _SIGN_LINE.fullmatch(rest):
        rest = ""
    return role, rest


# the dotted or underlined line a signature goes on: "Sekreterare  ..............."
_SIGN_LINE = re.compile(r"[\s.…_]*")


# Labels that a PDF conversion may run together onto one line with their content:
# "Beslutande Ledamöter Anna Ek (S), ... Tjänstgörande ersättare Bo Lind (M) ersätter ...
# Övriga närvarande Ersättare Eva Berg (V) Tjänstemän Kommundirektör Per Holm, ..."
_INLINE_LABEL = re.compile(
    r"(?<=[\s.,;:])(?:Tjänstgörande ersättare|Ej tjänstgörande(?: ersättare)?|Icke tjänstgörande(?: ersättare)?|"
    r"Närvarande ersättare|Ersättare|Övriga närvarande|Övriga deltagande|Övriga deltagare|Tjänstemän|"
    r"Tjänstepersoner|Utses att justera|Justeringens plats och tid|Justerande|Justerare|Paragrafer|Underskrifter|"
    r"ANSLAG/BEVIS|Anslag/bevis|Utdragsbestyrkande|Beslutande|Ledamöter(?=:| [A-ZÅÄÖ])|Förhinder(?=:)"
    # signature labels in a row ("Sekreterare Ordförande Justerande A B C"): cut only where
    # another label or a signature line follows, not in "Anna Ek (S), Ordförande"
    r"|(?<![,(] )(?:Sekreterare|Ordförande)(?=\s*(?:\.{2,}|…|Ordförande|Justerande|Justerare|Sekreterare)))(?![\wåäö])"
)


def _split_inline_labels(text: str, units: list[Unit]) -> list[Unit]:
    out: list[Unit] = []
    for u in units:
        # a table row ("Anna Ek   KD   Tjänstgörande ersättare") keeps its cells together
        row = "\t" in text[u.start : u.end] or "   " in text[u.start : u.end]
        cuts = [m.start() for m in _INLINE_LABEL.finditer(text, u.start, u.end)] if len(u.text) > 40 and not row else []
        if not cuts:
            out.append(u)
            continue
        bounds = [u.start, *cuts, u.end]
        for i in range(len(bounds) - 1):
            a, b = strip_span(text, bounds[i], bounds[i + 1], " \t\n\r\u00a0,;")
            if a < b:
                out.append(Unit(a, b, collapse(text[a:b]), u.heading, u.line_start or i > 0, u.blank_before and i == 0))
    return out


# --------------------------------------------------------------------------- header walk


def parse_header(text: str, units: list[Unit], end: int, role: str | None = None) -> tuple[Meeting, list[Attendance]]:
    """Meeting fields and attendance from the units before ``end``; ``role`` is the role of
    names printed before any label (a närvarolista that starts with the names)."""
    hdr_units = _join_wrapped_labels(text, _split_inline_labels(text, [u for u in units if u.end <= end]))
    walk = _walk(text, hdr_units, role, whole_text=False)
    meeting = _meeting(text, hdr_units, end, walk.justering, walk.par_range, walk.place, walk.place_span)
    return meeting, walk.attendance


def find_attendance(text: str, units: list[Unit]) -> list[Attendance]:
    """Attendance printed anywhere in a paper that is no protokoll by its layout (a web page
    whose "Mötesinformation" follows the agenda, a transcript whose header is one long line):
    the lists under attendance labels, each ending at the first line that names no one."""
    walk = _walk(text, _join_wrapped_labels(text, _split_inline_labels(text, units)), None, whole_text=True)
    return walk.attendance


_SIGNING_LABELS = ("sekreterare", "ordförande", "vice ordförande", "justerare")
_ATTENDANCE_ROLES = ("ledamot", "ersättare", "tjänstgörande ersättare", "beslutande", "absent", "official",
                     "ordförande", "vice ordförande", "sekreterare", "justerare", "signed")
# a label wrapped over two lines: "Ej tjänstgörande" / "ersättare", "Justeringens plats och" / "tid"
_LABEL_HEAD = re.compile(r"(?i)(?:ej|icke|närvarande|övriga)(?: tjänstgörande)?|justeringens plats och|tjänstgörande")


def _join_wrapped_labels(text: str, units: list[Unit]) -> list[Unit]:
    out: list[Unit] = []
    i = 0
    while i < len(units):
        u = units[i]
        if (
            i + 1 < len(units) and u.line_start and _LABEL_HEAD.fullmatch(u.text)
            and header_key(u.text) is None and header_key(u.text + " " + units[i + 1].text) is not None
            and len(units[i + 1].text.split()) == 1
        ):
            v = units[i + 1]
            out.append(Unit(u.start, v.end, collapse(u.text + " " + v.text), u.heading, True, u.blank_before))
            i += 2
            continue
        out.append(u)
        i += 1
    return out


@dataclass
class _Walk:
    attendance: list[Attendance] = field(default_factory=list)
    justering: object = None
    par_range: str | None = None
    place: str | None = None
    place_span: Span | None = None


def _walk(text: str, hdr_units: list[Unit], role: str | None, whole_text: bool) -> _Walk:
    """Hand each line to the attendance parser in the role of the label it stands under.

    Labels printed in a row with their values after them (a flattened signature table:
    "Sekreterare Ordförande Justerande A B (S) C (S)") are paired with the names in order.
    In ``whole_text`` mode only attendance is read, and a list ends at the first line under
    it that names no one."""
    w = _Walk()
    attendance = w.attendance
    tabular = False
    in_signatures = False
    pending: list[str] = []  # labels printed in a row, still waiting for their names
    signed: list[int] = []  # indices into attendance of the "Justerat" signatures
    columns: list[tuple[int, str]] = []  # (column, role) of a "Ledamöter  Ersättare" table head
    for u in hdr_units:
        if u.line_start:
            head = _column_head(text, u)
            if head:
                columns, role, tabular = head, None, False
                continue
            row = column_row(text, u, columns) if columns and header_key(text[u.start : u.end]) is None else []
            if row:
                attendance.extend(row)
                continue
            columns = []  # a label or a line without names ends the table
        # a long line is a field only when it lists persons with parties (a flattened PDF
        # header); long prose lines are not fields
        long_ok = len(u.text) >= 200 and len(PARTY_IN_PARENS.findall(u.text, 0, 300)) >= 2
        key = header_key(text[u.start : u.end]) if u.line_start else None
        if key and len(u.text) >= 200 and not long_ok and key[0] != "stop" and not (
            key[0] in _ATTENDANCE_ROLES and find_persons(text, u.start, u.start + 120)
        ):
            key = None  # a long prose line is no field; a flattened list of names is
        content_start = u.start
        if whole_text and key is None and role is None:
            # a run of names with parties is a list of members whatever label it lost
            # ("Plats och tid ande Kommunhuset ... Anna Ek (KD), ordförande Bo Lind (M) ...")
            run = member_run(text, u.start, u.end)
            if run:
                attendance.extend(attendance_line(text, run[0], run[1], "beslutande", False))
            continue
        if key:
            role, rest = key
            inner = header_key(rest) if rest.strip() and role in _ATTENDANCE_ROLES else None
            if inner and inner[0] in _ATTENDANCE_ROLES and inner[1].strip():
                # "Övriga deltagande   Ersättare: A (S), B (M)": a label inside another label's
                # column names the role of the names after it
                role, rest = inner
            tabular = False
            if role == "stop":  # signature block: names there stand under labels they are not next to
                role = None
                in_signatures = True
                pending = []
                # "Underskrifter   Sekreterare  ......": the first label of the block on its line
                inner = header_key(rest) if rest.strip() else None
                if inner and inner[0] in _SIGNING_LABELS and not inner[1].strip():
                    pending.append(inner[0])
                continue
            if role in ("sekreterare", "ordförande", "vice ordförande", "justerare") and not rest.strip():
                pending.append(role)
                continue
            if not rest.strip():
                pending = []
                continue
            content_start = u.end - len(text[u.start : u.end]) + text[u.start : u.end].find(rest[:10]) if rest else u.end
            content_start = max(u.start, content_start)
            if pending:
                # "Utses att justera Justeringens plats och tid Sofia Ek (V) Kommunhuset ...": the
                # first names after the row of labels belong to the labels waiting for them
                persons = find_persons(text, content_start, u.end)
                if role in _ATTENDANCE_ROLES and len(persons) == len(pending) + 1:
                    take = persons
                    labels = pending + [role]
                elif role not in _ATTENDANCE_ROLES:
                    take = persons[: len(pending)]
                    labels = pending[: len(take)]
                else:
                    take, labels = [], []
                pending = []
                if take:
                    for p, r in zip(take, labels):
                        attendance.append(Attendance(p, r, span=Span(u.start, u.end)))
                    if role in _ATTENDANCE_ROLES:
                        continue
                    content_start = take[-1].party_span.end + 1 if take[-1].party_span else take[-1].span.end
            if in_signatures and role in ("sekreterare", "ordförande", "vice ordförande", "justerare"):
                if len(find_persons(text, u.start, u.end)) > 1:  # "Justerande A B (S) C (FP)": not alignable
                    role = None
                    continue
            else:
                in_signatures = False
        elif _OFFICIALS_TABLE_HEAD.fullmatch(u.text):
            continue  # "Namn  Titel" over a table of officials: a head, no person
        elif re.fullmatch(r"(?i)namn\s+parti(?:\s+(?:roll|funktion|uppdrag|närvarande|närvaro|närv\.?|tjänstgörande|ersätter)\b.*)?", u.text):
            role = role if role in ("ledamot", "ersättare", "tjänstgörande ersättare", "beslutande") else "beslutande"
            tabular = True
            continue
        else:
            if in_signatures and len(pending) == 1:
                # "Ordförande  ......" / "Anna Ek": the name alone on the line under its label
                signer = attendance_line(text, u.start, u.end, pending[0], False)
                if len(signer) == 1:
                    attendance.extend(signer)
                    pending = []
                    continue
            pending = []
        if role is None:
            continue
        if role == "justering_date":
            m = DATE_RE.search(text, content_start, u.end)
            if m and w.justering is None:
                w.justering = date_from_match(m)
            continue
        if role == "paragraphs":
            m = re.search(r"§*\s*\d+\s*[-–]\s*\d+|§§?\s*\d+", text[u.start : u.end])
            if m and w.par_range is None:
                w.par_range = collapse(m.group(0))
            continue
        if role in ("place", "time"):
            # a flattened header whose place runs into the list of members ("Plats och tid
            # Kommunhuset ... kl. 17:30 Anna Ek (KD), ordförande Bo Lind (M) ..."): the
            # members, with no label left to name their role
            members = [p for p in find_persons(text, content_start, u.end) if p.party]
            cut = members[0].span.start if len(members) >= 2 else u.end
            if role == "place" and w.place is None and not whole_text:
                ps, pe = strip_span(text, content_start, cut, " \t,:")
                if ps < pe:
                    w.place_span = place_only(text, ps, pe)
                    w.place = collapse(text[w.place_span.start : w.place_span.end])
            if len(members) >= 2:
                attendance.extend(attendance_line(text, cut, u.end, "beslutande", False))
            continue
        if role not in _ATTENDANCE_ROLES:
            continue
        line = attendance_line(text, content_start, u.end, "justerare" if role == "signed" else role, tabular)
        if role == "signed":
            signed.extend(range(len(attendance), len(attendance) + len(line)))
        if whole_text and not line and not key:
            role = None  # the list has ended
            continue
        attendance.extend(line)
    if signed:
        # two signatures run together on one line ("Gunvor Ek Okke Rantala"): split where both
        # halves are names the list prints
        listed = {a.person.name for i, a in enumerate(attendance) if i not in set(signed)}
        for i in signed:
            a = attendance[i]
            words = a.person.name.split()
            for k in range(2, len(words) - 1):
                first, second = " ".join(words[:k]), " ".join(words[k:])
                if first in listed and second in listed:
                    cut = text.find(words[k], a.person.span.start + len(" ".join(words[:k])))
                    attendance[i] = Attendance(PersonRef(first, Span(a.person.span.start, a.person.span.start + len(first))), a.role, span=a.span)
                    attendance.append(Attendance(PersonRef(second, Span(cut, a.person.span.end)), a.role, span=a.span))
                    signed.append(len(attendance) - 1)
                    break
        # the chair signs the justering as chair: "justerare" is for the others who sign
        chairs = {a.person.name for a in attendance if a.role and a.role.endswith("ordförande") and "vice" not in a.role}
        drop = {i for i in signed if attendance[i].person.name in chairs}
        attendance[:] = [a for i, a in enumerate(attendance) if i not in drop]
    return w


# --------------------------------------------------------------------------- attendance table heads

# the head of a table of officials: "Namn  Titel", "Namn  Befattning  §§"
_OFFICIALS_TABLE_HEAD = re.compile(
    r"(?i)namn(?:\s+(?:titel|befattning|tjänst|funktion|roll|uppdrag|förvaltning|enhet|avdelning|närvarande|§§?|paragrafer?))+"
)

# column heads of a Word table with one person per column ("Ledamot | Ersättare")
_COLUMN_ROLE = {
    "ledamot": "ledamot", "ledamöter": "ledamot", "ordinarie": "ledamot", "ordinarie ledamot": "ledamot",
    "ordinarie ledamöter": "ledamot", "beslutande": "ledamot", "beslutande ledamöter": "ledamot",
    "närvarande ledamöter": "ledamot", "tjänstgörande ledamöter": "ledamot",
}


def _column_head(text: str, u: Unit) -> list[tuple[int, str]] | None:
    """[(column, role)] when the line is a table head of attendance labels side by side
    ("Ledamöter<TAB>Ersättare"), or of labels with the columns that describe their names
    ("Ledamöter  Parti  Närv  Ersättare  Parti  Tjg för"): a describing column's role is its
    ``ColumnKind`` (``COLUMN_PARTY`` ...). None for any other line."""
    if len(u.text) > 120 or ("\t" not in text[u.start : u.end] and "  " not in text[u.start : u.end]):
        return None
    cells = table_cells(text, u.start, u.end)
    if len(cells) < 2:
        return None
    out = []
    for a, b in cells:
        label = collapse(text[a:b]).rstrip(":").strip().lower()
        role = _COLUMN_ROLE.get(label) or column_kind(label)
        if role is None:
            key = header_key(text[a:b])
            if not key or key[1].strip() or key[0] not in ("ledamot", "ersättare", "tjänstgörande ersättare"):
                return None
            role = key[0]
        out.append((display_column(text, a), role))
    labels = [r for _, r in out if not is_column_kind(r)]
    # one label and a describing column is a table too; a row of describing words alone is not
    if not labels or (len(labels) < 2 and len(out) < 2) or is_column_kind(out[0][1]):
        return None
    return out


# --------------------------------------------------------------------------- meeting

BODY_GEN = re.compile(
    r"(?:vid|från|för)\s+(?P<body>(?:[A-ZÅÄÖ][\w-]*\s+)?[A-ZÅÄÖ]?[\wåäö-]*(?:nämnd|styrelse|fullmäktige|utskott|råd|beredning)(?:en|ens|s)?(?:\s+i\s+[A-ZÅÄÖ][\w-]+(?:[- ][A-ZÅÄÖ][\w-]+){0,3})?)(?:s)?\s+(?:sammanträde|möte)",
)
BODY_MED = re.compile(
    r"sammanträde\s+med\s+(?P<body>[\wåäöÅÄÖ-]*(?:nämnden|styrelsen|fullmäktige|utskottet|rådet)(?:\s+i\s+[A-ZÅÄÖ][\w-]+(?:[- ][A-ZÅÄÖ][\w-]+){0,3})?)"
)
# "Socialnämnden", "Barn- och ungdomsnämnden", "Tekniska nämnden", "Kommunstyrelsen i Norrvik"
# a kommunalförbund's board is its "Direktion" ("Direktionen", "Förbundsdirektionen")
_BODY_LINE = re.compile(
    r"(?P<body>(?:[A-ZÅÄÖ][\wåäö-]*\s+)?(?:[A-ZÅÄÖ][\wåäö]*-\s+(?:och|samt)\s+[\wåäö-]*|[A-ZÅÄÖ][\wåäö-]*|(?<=\s)[a-zåäö][\wåäö-]*|(?<=[a-zåäö]a\s))(?:nämnden|styrelsen|fullmäktige|utskottet|utskott|nämnd|direktionen)(?:\s+i\s+[A-ZÅÄÖ][\w-]+(?:[- ][A-ZÅÄÖ][\w-]+){0,3})?"
    r"|Direktionen)"
)
# what follows the body's name on a header line whose line breaks were lost ("Vård- och
# omsorgsnämnden Sammanträdesdatum 2023-10-12 Sida 1"): a header field, a date or a page number
_AFTER_BODY = re.compile(r"\s+(?:[Ss]ammanträde\w*|[Dd]atum|[Tt]id\b|[Ss]id(?:a|an)?|[Pp]lats|\d|\(\d)")
# the municipality printed after the body ("Socialnämnden i Sjölunda kommun") names the
# municipality, not the body
_IN_MUNICIPALITY = re.compile(r"\s+i\s+[A-ZÅÄÖ][\wåäö-]+\s+(?:kommun|stad)$")
# the word that names the paper beside the body on a title line ("Sammanträdesprotokoll
# Socialnämnden", "Kommunstyrelsen Protokoll")
_KIND_WORD = re.compile(r"(?i)(?:sammanträdes)?protokoll(?:sutdrag)?|kallelse|dagordning|föredragningslista")
# a body named at the start of a header line in any case: "KOMMUNSTYRELSEN   SAMMANTRÄDESPROTOKOLL"
# also after a page number and before a page count, as document portals print each page's
# header: "2 Socialnämnden (27) ..."
_BODY_LINE_START = re.compile(
    r"(?i)(?:\d{1,3}\s+(?=[^\W\d_]))?(?P<body>(?:[\wåäö]+-\s+(?:och|samt)\s+)?[\wåäö-]*(?:nämnden|styrelsen|fullmäktige|utskottet|nämnd)"
    r"(?-i:\s+i\s+[A-ZÅÄÖ][\wåäö-]+)?)"
    r"(?=\s*$|\s{2,}|\s+(?:sammanträdes)?protokoll|\s+\d|\s+sid(?:a|an)?\b|\s+\(\d{1,3}\))"
)
_NUMBER = re.compile(
    r"(?i)protokoll(?:\s+nr\.?|\s+nummer)?\s+(?P<num>\d{1,3}(?:\s*/\s*\d{2,4})?)\b(?!\s*\(\d|\s+av\s+\d|\s*\))"
)
_TIME = re.compile(r"(?i)\bkl(?:ockan|\.)?\s*(?P<a>\d{1,2}[.:]\d{2})(?:\s*[-–]\s*(?P<b>\d{1,2}[.:]\d{2}))?")


def body_from_genitive(s: str) -> str:
    """"Socialnämndens" -> "Socialnämnden", "Rinkeby-Kista stadsdelsnämnds" -> "... stadsdelsnämnd"."""
    s = collapse(s)
    head, sep, tail = s.partition(" i ")
    if head.endswith("s") and head[:-1].endswith(
        ("en", "et", "nämnd", "styrelse", "fullmäktige", "utskott", "råd", "beredning")
    ):
        head = head[:-1]
    body = head + (sep + tail if sep else "")
    return body[:1].upper() + body[1:]


_CRUMB_SEP = re.compile(r"[ \t]+(?:>|›|»|/)[ \t]+")
_CRUMB_BODY = re.compile(r"(?i)(?:nämnd|styrelse|fullmäktige|utskott|beredning|råd)(?:en|et)?\b")


def breadcrumb_body(text: str, head_end: int) -> tuple[str | None, Span | None]:
    """The body a web page's breadcrumb trail names: the last step before the meeting
    ("Hem > Norrviks kommun > Omsorgsnämnden > Sammanträde 2013-04-16"). The trail is the
    page's own address, so it outranks bodies named in the agenda's titles."""
    for ln in iter_lines(text, 0, head_end):
        seps = list(_CRUMB_SEP.finditer(ln.text))
        if len(seps) < 2:
            continue
        # a trail's steps are short; on a line that runs on (a page whose line breaks were
        # lost) the trail is the first run of separators, its first and last steps cut to a
        # step's length
        run = [seps[0]]
        for m in seps[1:]:
            if m.start() - run[-1].end() > _CRUMB_STEP:
                break
            run.append(m)
        if len(run) < 2:
            continue
        steps = []
        pos = max(0, run[0].start() - _CRUMB_STEP) if len(ln.text) > 300 else 0
        for m in run:
            steps.append((pos, m.start()))
            pos = m.end()
        steps.append((pos, min(len(ln.text), pos + _CRUMB_STEP) if len(ln.text) > 300 else len(ln.text)))
        for k, (a, b) in reversed(list(enumerate(steps))):
            step = ln.text[a:b]
            if (k in (0, len(steps) - 1) and len(ln.text) > 300):
                continue  # cut at an arbitrary point: not a step as printed
            if _CRUMB_BODY.search(step) and not re.search(r"(?i)sammanträde|protokoll|kallelse|möte", step):
                s0 = ln.tstart + a
                return collapse(step), Span(s0, s0 + len(step.rstrip()))
    return None, None


_CRUMB_STEP = 80  # the longest step of a breadcrumb trail ("Hässelby-Vällingby stadsdelsnämnd")


def prose_body(text: str, end: int) -> tuple[str | None, Span | None]:
    """The body named in the sentence that names the meeting, before ``end`` ("Protokoll
    från sammanträde med stadsdelsnämnden Västra Hisingen", "Socialnämndens sammanträde"):
    a district's body with its district's name after it."""
    for rx in (BODY_GEN, BODY_MED):
        m = rx.search(text, 0, end)
        if m:
            district = SDN_HEAD.match(text, m.start("body"), end)
            if district and district.end("body") > m.end("body"):
                name = collapse(district.group("body"))
                return name[:1].upper() + name[1:], Span(district.start("body"), district.end("body"))
            return body_from_genitive(m.group("body")), Span(m.start("body"), m.end("body"))
    return None, None


def title_line_body(text: str, units: list[Unit]) -> tuple[str | None, Span | None]:
    """The body named alone on a title line, beside the word that names the paper, or broken
    over two lines of a title page ("Vård- och" / "omsorgsnämnden", "Tekniska" / "nämnden")."""
    for k, u in enumerate(units):
        after_kind = k > 0 and not u.line_start and _KIND_WORD.fullmatch(units[k - 1].text)
        if not (u.line_start or after_kind):
            continue
        spans = [(u.start, u.end, u.text)]
        v = units[k + 1] if k + 1 < len(units) else None
        if v is not None and v.line_start and not v.blank_before and (
            v.text[:1].islower() or re.search(r"(?:-|\boch|\bsamt)$", u.text)
        ):
            spans.insert(0, (u.start, v.end, u.text + " " + v.text))
        for a, b, printed in spans:
            lead = _MUNICIPALITY_LEAD.match(printed)
            if lead:  # "JÖNKÖPINGS KOMMUN Barn- och utbildningsnämnden": the municipality first
                a = text.find(printed[lead.end() :].split()[0], a, b) if printed[lead.end() :].split() else a
                printed = printed[lead.end() :]
            words = printed.split()
            # the paper's kind printed before or after the body on the same line
            kind_first = len(words) > 1 and bool(_KIND_WORD.fullmatch(words[0]))
            if kind_first:
                a = text.find(words[1], a, b)
                printed = " ".join(words[1:])
            elif len(words) > 1 and _KIND_WORD.fullmatch(words[-1]):
                b = text.rfind(words[-1], a, b)
                printed = " ".join(words[:-1])
            in_municipality = _IN_MUNICIPALITY.search(printed)
            if in_municipality:
                printed = printed[: in_municipality.start()]
                b = text.rfind(" i ", a, b)
            if _KIND_WORD.match(printed):
                continue
            if _BODY_LINE.fullmatch(printed):
                a, b = strip_span(text, a, b, " \t\n*#")
                return collapse(printed), Span(a, b)
            m = _BODY_LINE.match(printed)
            if m and kind_first and _AFTER_BODY.match(printed, m.end()) and text.startswith(m.group("body"), a):
                # "SAMMANTRÄDESPROTOKOLL Vård- och omsorgsnämnden Sammanträdesdatum ...", one line
                return m.group("body"), Span(a, a + len(m.group("body")))
    return None, None


# where the day or the time begins in a "Plats och tid" field
_WHEN = re.compile(
    r"(?i)\b(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\b|\bden\s+\d|\b(?:19|20)\d\d-\d\d-\d\d\b"
    r"|\bkl(?:ockan|\.)?(?=\s|\d|$)|\b\d{1,2}[.:]\d{2}\b"
)

def place_only(text: str, start: int, end: int) -> Span:
    """The place in a "Plats och tid" field: what stands before the day and the time
    ("Stadshuset, tisdagen den 20 mars 2018 kl. 09.00" -> "Stadshuset")."""
    when = _WHEN.search(text, start, end)
    if when:
        cs, ce = strip_span(text, start, when.start(), " \t,:")
        if cs < ce:
            return Span(cs, ce)
    return Span(start, end)


_MUNICIPALITY_LEAD = re.compile(r"(?i)[\wåäö-]+\s+(?:kommun|stad)\s+(?=\S)")

_MEETING_DATE_LABEL = re.compile(r"(?i)\bsammanträdesdatum\s*:?\s*")
# Dates in these fields are not the meeting's: when the minutes are checked and posted.
_NOT_MEETING_DATE = re.compile(r"(?i)justering|justeras|anslag|uppsätt|nedtag|underskrift|signer")


def _meeting(text, units, end, justering, par_range, place, place_span) -> Meeting:
    head = text[:end]
    body, body_span = prose_body(text, end)
    if body is None:
        body, body_span = breadcrumb_body(text, min(end, 3000))
    if body is None:
        body, body_span = title_line_body(text, units[:16])
    if body is None:
        for u in units[:15]:
            m = _BODY_LINE_START.match(text, u.start, u.end) if u.line_start else None
            if m and len(m.group("body")) > 6:
                printed = collapse(m.group("body"))
                body = printed[:1] + printed[1:].lower() if printed.isupper() else printed
                body_span = Span(m.start("body"), m.end("body"))
                break
    if body is None:
        for u in units[:15]:
            m = SDN_HEAD.search(text, u.start, u.end) if len(u.text) < 160 else None
            if m:
                body, body_span = collapse(m.group("body")), Span(m.start("body"), m.end("body"))
                break
    number = None
    m = _NUMBER.search(head)
    if m:
        number = collapse(m.group("num")).replace(" ", "")
    date = date_span = None
    # the meeting date: on the line that names the meeting, else the first date of the header
    anchor = re.search(r"(?i)sammanträde|sammanträdesdatum|datum", head)
    found = None
    if anchor:
        line_start = head.rfind("\n", 0, anchor.start()) + 1
        found = first_date(text, line_start, min(end, anchor.end() + 300))
    if found is None:
        # "Sammanträdesdatum 2010-03-16" wherever the header prints it with its date (a
        # transcript may leave the title block's field empty and print it in the ANSLAG block)
        for m in _MEETING_DATE_LABEL.finditer(text, 0, min(end, 5000)):
            found = first_date(text, m.end(), min(len(text), m.end() + 20))
            if found:
                break
    if found is None:
        for m in DATE_RE.finditer(text, 0, min(end, 3000)):
            d = date_from_match(m)
            if d and not _NOT_MEETING_DATE.search(text, max(0, m.start() - 80), m.start()):
                found = d, Span(m.start(), m.end())
                break
    if found:
        date, date_span = found
    start_time = end_time = None
    mt = _TIME.search(head)
    if mt:
        start_time = mt.group("a").replace(".", ":")
        end_time = mt.group("b").replace(".", ":") if mt.group("b") else None
        if place is None:
            line_end = head.find("\n", mt.end())
            line_end = end if line_end < 0 else line_end
            ps, pe = strip_span(text, mt.end(), line_end, " \t,.:")
            if ps < pe and len(text[ps:pe]) < 200:
                place, place_span = collapse(text[ps:pe]), Span(ps, pe)
    if par_range is None:
        mp = re.search(r"§§\s*\d+\s*[-–]\s*\d+", head)
        if mp:
            par_range = collapse(mp.group(0))
    if justering is None:
        mj = re.search(r"(?i)justering\w*\s+(?:sker|ska ske|äger rum)[^.\n]{0,60}?", text)
        if mj:
            jd = first_date(text, mj.start(), min(len(text), mj.end() + 60))
            if jd:
                justering = jd[0]
    return Meeting(
        body=body,
        body_span=body_span,
        municipality=municipality(text),
        number=number,
        date=date,
        date_span=date_span,
        start_time=start_time,
        end_time=end_time,
        place=place,
        place_span=place_span,
        paragraph_range=par_range,
        justering_date=justering,
    )


# --------------------------------------------------------------------------- municipality

_MUNI = re.compile(
    r"\b(?P<name>[A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)?)\s+(?P<kind>[Ss]tad|kommun)\b"
    r"|\b(?P<caps>[A-ZÅÄÖ]{3,}(?:-[A-ZÅÄÖ]{3,})?)\s+(?P<capskind>STAD|KOMMUN)\b"
)
_MUNI_STOP = {"Den", "Hela", "Vår", "Denna", "Staden", "Varje", "En", "Annan", "Andra", "Egen", "Samma", "Mottagande", "Placerande", "Hem"}


_MUNI_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖabcdefghijklmnopqrstuvwxyzåäö-")
_MUNI_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ")


def _muni_matches(text: str, limit: int):
    """``_MUNI.finditer(text, 0, limit)``, run only where a match can begin. The pattern
    begins with ``\\b``, so the engine would try it at every position; a match ends with
    "stad" or "kommun" after whitespace, and begins at a capital in the run of name letters
    just before that whitespace."""
    low = text[:limit].lower()
    if len(low) != limit:  # a letter such as "İ" lower-cases to two characters
        yield from _MUNI.finditer(text, 0, limit)
        return
    starts: set[int] = set()
    for word in ("stad", "kommun"):
        k = low.find(word)
        while k >= 0:
            w = k
            while w > 0 and text[w - 1].isspace():
                w -= 1
            if w < k:
                r = w
                while r > 0 and text[r - 1] in _MUNI_NAME_CHARS:
                    r -= 1
                starts.update(p for p in range(r, w) if text[p] in _MUNI_UPPER)
            k = low.find(word, k + 1)
    yield from finditer_from(_MUNI, text, sorted(starts), limit)


def _without_genitive(name: str, kind: str) -> str:
    """The municipality's name without a genitive "-s" ("Stockholms stad", "Jönköpings kommun")
    but with an "s" of its own ("Alingsås kommun", "Borås stad"). The Swedish dictionary lists
    place names, so it decides where it knows either form; otherwise an "s" before "stad", or
    before "kommun" after a longer name, is taken for the genitive."""
    if not name.endswith("s") or name.endswith("ss"):
        return name
    if is_proper_noun_entry(name[:-1]):
        return name[:-1]
    if is_proper_noun_entry(name):
        return name
    if kind.lower() == "stad" or kind == "kommun" and len(name) > 4:
        return name[:-1]
    return name


def municipality(text: str, limit: int = 200_000) -> str | None:
    counts: dict[str, int] = {}
    for m in _muni_matches(text, min(len(text), limit)):
        if m.group("caps"):
            name = _from_capitals(m.group("caps"))
            kind = m.group("capskind").lower()
        else:
            name = m.group("name")
            kind = m.group("kind")
        if name in _MUNI_STOP:
            continue
        name = _without_genitive(name, kind)
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        # a region's paper names the region ("Region Västlanda", "REGION ÖSTERFJÄLL") where a
        # municipality's names the kommun
        # (the region's name in full: "Region Stockholm" is not Stockholms stad)
        m = _REGION.search(text, 0, min(len(text), 3000))
        if m:
            name = m.group("name")
            return "Region " + (_from_capitals(name) if name.isupper() else name)
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


def _from_capitals(name: str) -> str:
    """A name set in capitals as it is written: "ÖSTER-MALMA" -> "Öster-Malma"."""
    return "-".join(w.capitalize() for w in name.capitalize().split("-"))


_REGION = re.compile(r"\b(?:Region|REGION)[ \t]+(?P<name>[A-ZÅÄÖ][A-ZÅÄÖa-zåäö-]+)(?![ \t]+län\b)")

