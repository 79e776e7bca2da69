"""Protokoll (minutes): meeting header, attendance, § items with beslut, yrkanden,
propositionsordning, reservationer, särskilda uttalanden, ersättaryttranden, handlingar."""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from graf.grammar.scan import finditer_from
from graf.records import (
    AgendaItem,
    Attendance,
    DecisionPoint,
    Dnr,
    Handling,
    Meeting,
    PersonRef,
    Proposal,
    Reservation,
    Span,
    Statement,
)
from graf.structure.common import (
    drop_furniture,
    SDN_HEAD,
    collapse_wrapped,
    DATE_RE,
    Unit,
    collapse,
    date_from_match,
    find_dnr,
    find_persons,
    finditer_where,
    first_date,
    heading_like,
    merge_dnr,
    split_units,
    strip_span,
)

# --------------------------------------------------------------------------- headings

# Cyrillic letters folded both by look and by sound, so "Ersätтарыttrande" still reads as
# a heading whichever way the confusables were chosen.
_FOLD_LOOK = str.maketrans("аеорсухАВЕКМНОРСТХіј", "aeopcyxABEKMHOPCTXij")
_FOLD_SOUND = str.maketrans("абвгдезийклмнопрстуфхцыэ", "abvgdezijklmnoprstufhcye")

SECTION_KEYS: list[tuple[str, re.Pattern]] = [
    ("beslut", re.compile(r"(?:[\w-]+s\s+)?beslut|beslut(?:et)?|beslutade|(?:[\w-]+\s+(?:och\s+[\w-]+\s+)?)?beslutar(?:\s+att)?")),
    ("summary", re.compile(r"sammanfattning(?: av ärendet)?|ärendet|ärendebeskrivning|bakgrund|föredragning")),
    ("yrkanden", re.compile(r"yrkanden?(?: och propositionsordning)?|förslag och yrkanden")),
    ("proposition", re.compile(r"propositionsordning|proposition|beslutsgång|omröstning")),
    ("reservation", re.compile(r"reservationer|reservation")),
    # other municipalities call the särskilt uttalande a "särskilt yttrande"
    ("särskilt uttalande", re.compile(r"särskil(?:t|da) (?:uttalanden?|yttranden?)")),
    ("ersättaryttrande", re.compile(r"ersättaryttranden?")),
    ("protokollsanteckning", re.compile(r"protokollsanteckningar|protokollsanteckning")),
    ("handlingar", re.compile(r"handlingar i ärendet|handlingar|beslutsunderlag|anmälda handlingar|underlag")),
    ("förslag", re.compile(r"(?:[\w-]+s\s+)?förslag till beslut")),
]


@lru_cache(maxsize=4096)  # the same headings and short lines recur in every item
def section_kind(text: str) -> str | None:
    t = text.strip().rstrip(":").strip().lower()
    if len(t) > 60:
        return None
    for cand in {t, t.translate(_FOLD_LOOK), t.translate(_FOLD_SOUND)}:
        for kind, rx in SECTION_KEYS:
            if rx.fullmatch(cand):
                return kind
    return None


# --------------------------------------------------------------------------- items

_PARA = re.compile(r"§[ \t\u00a0]*(?P<num>\d{1,4})(?:[ \t]?(?P<suf>[A-Za-z])(?![\wåäöÅÄÖ]))?")
# Many kommuner print the body's abbreviation before the sign: "Ks § 12", "KF § 3", "BUN § 7".
PARA_PREFIX = re.compile(r"(?P<org>[A-ZÅÄÖ]{1,6}|[A-ZÅÄÖ][a-zåäö]{1,3})[ \t\u00a0]+(?=§)")
NOT_PARA_PREFIX = {"Att", "Om", "Av", "Enl", "Se", "I", "Med", "Den", "Det", "Och", "Vid", "Till", "Som", "Ur", "Jfr", "En", "Ett", "Nr", "Lag", "SFS", "SoL", "LSS", "KL", "FL", "OSL", "LVU", "LVM", "PBL"}


def para_start(text: str, start: int, end: int) -> int | None:
    """Offset of the "§" when text[start:end] opens with a paragraph number ("§ 5", "§5",
    "Ks § 5"), else None. "§§" (a range) is no paragraph head."""
    pos = start
    m = PARA_PREFIX.match(text, start, end)
    if m and m.group("org") not in NOT_PARA_PREFIX:
        pos = m.end()
    if text.startswith("§", pos) and not text.startswith("§§", pos):
        return pos
    return None


@dataclass
class _Cand:
    unit_index: int
    number: str
    key: tuple[int, str]
    start: int  # offset of "§"
    rest_start: int  # offset after the number (title may follow)


def _item_candidates(text: str, units: list[Unit]) -> list[_Cand]:
    cands = []
    for i, u in enumerate(units):
        if not u.line_start:
            continue
        sign = para_start(text, u.start, u.end)
        if sign is None:
            continue
        m = _PARA.match(text, sign, u.end)
        if not m:
            continue
        rest = text[m.end() : u.end]
        # "§ 5 i kommunallagen ..." in running prose: a heading has a short rest
        if not u.heading and len(collapse(rest)) > 250:
            continue
        num = m.group("num") + (" " + m.group("suf").upper() if m.group("suf") else "")
        cands.append(_Cand(i, num, (int(m.group("num")), (m.group("suf") or "").upper()), u.start, m.end()))
    run = _increasing(cands)
    return run if run else _prefix_candidates(text, units)


# Paragraphs numbered without the sign: "Ks 12 Budget 2014", "SN 45", "BUN 3".
_PREFIX_PARA = re.compile(r"(?P<org>[A-ZÅÄÖ]{2,6}|[A-ZÅÄÖ][a-zåäö]{1,3})[ \t\u00a0]+(?P<num>\d{1,3})(?![\d/:.,\-–]|\s*[/:%-])")


def _prefix_candidates(text: str, units: list[Unit]) -> list[_Cand]:
    """Paragraph heads printed as a body prefix and a number without "§". Taken only when
    the paper uses one prefix for at least three lines with increasing numbers, so a line
    that happens to open with "SN 45" is no paragraph."""
    by_org: dict[str, list[_Cand]] = {}
    for i, u in enumerate(units):
        if not u.line_start:
            continue
        m = _PREFIX_PARA.match(text, u.start, u.end)
        if not m or m.group("org") in NOT_PARA_PREFIX:
            continue
        rest = text[m.end() : u.end]
        if len(collapse(rest)) > 200 or (rest.strip() and not rest[:1].isspace()):
            continue
        by_org.setdefault(m.group("org"), []).append(_Cand(i, m.group("num"), (int(m.group("num")), ""), u.start, m.end()))
    best: list[_Cand] = []
    for cands in by_org.values():
        run = _increasing(cands)
        if len(run) >= 3 and len(run) > len(best):
            best = run
    return best


def _increasing(cands: list[_Cand]) -> list[_Cand]:
    """Longest strictly increasing run of § numbers (patience sort, O(n log n)); stray
    "§ 3" lines quoted inside an item cannot break the sequence."""
    if not cands:
        return []
    tails: list[tuple[int, str]] = []
    tail_idx: list[int] = []
    prev: list[int] = [-1] * len(cands)
    for i, c in enumerate(cands):
        j = bisect.bisect_left(tails, c.key)
        if j == len(tails):
            tails.append(c.key)
            tail_idx.append(i)
        else:
            tails[j] = c.key
            tail_idx[j] = i
        prev[i] = tail_idx[j - 1] if j > 0 else -1
    out = []
    k = tail_idx[-1]
    while k >= 0:
        out.append(cands[k])
        k = prev[k]
    out.reverse()
    return out


def parse_items(text: str, units: list[Unit]) -> tuple[list[AgendaItem], int]:
    """Items and the offset where the first item starts (the header ends there)."""
    cands = _item_candidates(text, units)
    items: list[AgendaItem] = []
    first_start = cands[0].start if cands else len(text)
    for n, c in enumerate(cands):
        end_unit = cands[n + 1].unit_index if n + 1 < len(cands) else len(units)
        end = cands[n + 1].start if n + 1 < len(cands) else _body_end(text, units, c.unit_index)
        item_units = units[c.unit_index + 1 : end_unit]
        items.append(_parse_item(text, n + 1, c, units[c.unit_index], item_units, end))
    return items, first_start


_SIGNATURE_HEAD = re.compile(r"digitala signaturer|signerats digitalt|underskrifter|justerandes signatur", re.I)


def _body_end(text: str, units: list[Unit], from_index: int) -> int:
    for u in units[from_index + 1 :]:
        if u.line_start and _SIGNATURE_HEAD.search(u.text[:60]):
            line_start = text.rfind("\n", 0, u.start) + 1
            return strip_span(text, units[from_index].start, line_start)[1]
    s, e = strip_span(text, 0, len(text))
    return e


def _parse_item(text: str, position: int, c: _Cand, head: Unit, units: list[Unit], end: int) -> AgendaItem:
    # title: the rest of the § unit, or the next unit
    title = title_span = None
    rs, re_ = strip_span(text, c.rest_start, head.end, " \t\n\r\u00a0*#.:–-")
    # a dnr printed on the § line ("Ks § 2   Dnr KS 2012/345", "§ 54 Budget 2015, dnr X") is
    # the item's own and no part of the title
    head_dnrs = [Dnr(d.value, d.span, "own") for d in find_dnr(text, rs, re_, own_line=False)] if rs < re_ else []
    if head_dnrs:
        cut = _HEAD_DNR_CUT.search(text, rs, re_)
        cut_at = cut.start() if cut else head_dnrs[0].span.start
        rs2, re2 = strip_span(text, rs, min(cut_at, head_dnrs[0].span.start), " \t\n\r\u00a0*#.:,;–-")
        rs, re_ = (rs2, re2) if rs2 < re2 else (re_, re_)
    body_from = 0
    if rs < re_:
        title_span = Span(rs, re_)
    elif units:
        u = units[0]
        if section_kind(u.text) is None and not _dnr_only(text, u) and heading_like(u.text, 400):
            ts, te = u.start, u.end
            body_from = 1
            if not u.heading:  # a plain title may wrap onto following lines
                for v in units[1:3]:
                    if v.heading or v.blank_before or section_kind(v.text) or find_dnr(text, v.start, v.end, True):
                        break
                    if not heading_like(v.text, 200) or v.text.lower().startswith(("svar på", "remiss")):
                        break
                    te = v.end
                    body_from += 1
            title_span = Span(ts, te)
    if title_span:
        title = collapse_wrapped(text[title_span.start : title_span.end])
    body_units = units[body_from:]

    sections = _sections(body_units)
    first_section_start = sections[0][1] if sections else end
    head_end = title_span.end if title_span else head.end

    # dnr: those printed between the title and the first section are the item's own
    # (or the referring body's); the rest are mentioned
    dnrs: list[Dnr] = list(head_dnrs)
    for u in body_units:
        if u.start >= end:
            break
        own_zone = u.start < first_section_start
        for d in find_dnr(text, u.start, u.end, own_line=own_zone):
            role = "mentioned"
            if own_zone:
                line_before = text[text.rfind("\n", 0, d.span.start) + 1 : d.span.start].lower()
                role = "referring" if re.search(r"remiss\w* från|från \w+\s*$", line_before) else "own"
                if role == "own" and re.fullmatch(r"\s*(?:dnr\.?:?)?\s*", line_before):
                    prev_line_end = text.rfind("\n", 0, d.span.start)
                    prev = text[text.rfind("\n", 0, max(0, prev_line_end)) + 1 : max(0, prev_line_end)].lower()
                    if re.search(r"remiss\w* från [\w-]+[,.]?\s*$", prev):
                        role = "referring"
            dnrs.append(Dnr(d.value, d.span, role))

    summary_span = None
    decisions_l: list[DecisionPoint] = []
    handlingar: list[Handling] = []
    outcome = outcome_span = None
    statements: list[Statement] = []
    statement_ranges: list[tuple[int, int]] = []
    proposal_ranges: list[tuple[int, int]] = []
    for idx, (kind, s_start, s_units) in enumerate(sections):
        s_end = sections[idx + 1][1] if idx + 1 < len(sections) else end
        content = [u for u in s_units if u.start < s_end]
        if kind == "beslut" and not decisions_l:
            decisions_l = _decision_points(text, content)
        elif kind == "summary" and content and summary_span is None:
            summary_span = Span(content[0].start, content[-1].end)
        elif kind == "proposition" and content and outcome is None:
            outcome_span = Span(content[0].start, content[-1].end)
            # a "Beslutsgång" that also holds the proposals: the outcome is the chair's sentence
            mo = _OUTCOME.search(text, outcome_span.start, outcome_span.end)
            if mo and (_YRKA.search(text, outcome_span.start, mo.start()) or _LAMNADE_FORSLAG.search(text, outcome_span.start, mo.start())):
                outcome_span = Span(*_sentence_bounds(text, mo.start(), outcome_span.start, outcome_span.end))
            outcome = collapse(text[outcome_span.start : outcome_span.end])
        elif kind == "handlingar":
            handlingar.extend(_handlingar(text, content))
        elif kind in ("särskilt uttalande", "ersättaryttrande", "protokollsanteckning"):
            statements.extend(_section_statements(text, kind, content, s_end))
            statement_ranges.append((s_start, s_end))
        elif kind == "yrkanden":
            proposal_ranges.append((s_start, s_end))

    body_start = body_units[0].start if body_units else head_end
    body_start = min(body_start, end)
    if outcome is None:
        m = _OUTCOME.search(text, body_start, end)
        if m:
            ps, pe = _sentence_bounds(text, m.start(), body_start, end)
            outcome_span = Span(ps, pe)
            outcome = collapse(text[ps:pe])

    proposals = _proposals(text, body_start, end, proposal_ranges)
    reservations = _reservations(text, body_start, end)
    statements.extend(_phrase_statements(text, body_start, end, statement_ranges))
    statements.sort(key=lambda s: s.span.start)

    return AgendaItem(
        position=position,
        number=c.number,
        number_printed=True,
        span=Span(c.start, max(c.start, end)),
        title=title,
        title_span=title_span,
        dnr=merge_dnr(dnrs),
        summary_span=summary_span,
        decisions=tuple(decisions_l),
        proposals=tuple(proposals),
        outcome=outcome,
        outcome_span=outcome_span,
        reservations=tuple(reservations),
        statements=tuple(statements),
        handlingar=tuple(handlingar),
    )


_HEAD_DNR_CUT = re.compile(r"[,;]?[ \t\u00a0]*\(?(?:[Dd]nr|DNR|[Dd]iarienummer|[Dd]iarienr)\b")


def _dnr_only(text: str, u: Unit) -> bool:
    ds = find_dnr(text, u.start, u.end, own_line=True)
    return bool(ds) and len(u.text) <= len(ds[0].value) + 8


def _sections(units: list[Unit]) -> list[tuple[str, int, list[Unit]]]:
    out: list[tuple[str, int, list[Unit]]] = []
    for u in units:
        kind = section_kind(u.text) if (u.line_start or u.heading) else None
        if kind:
            out.append((kind, u.start, []))
        elif out:
            out[-1][2].append(u)
    return out


_POINT = re.compile(r"(?P<num>\d{1,2})[.)]\s+(?P<body>\S.*)", re.S)


def _decision_points(text: str, units: list[Unit]) -> list[DecisionPoint]:
    points: list[DecisionPoint] = []
    if units and units[0].text.startswith("att "):
        # "att anta riktlinjerna," / "att ..." - one point per att-sats; a line that does not
        # begin with "att" continues the one before
        for u in units:
            if u.heading or (u.blank_before and points and not u.text.startswith("att ")):
                break
            if u.text.startswith("att ") or not points:
                points.append(DecisionPoint(None, u.text, Span(u.start, u.end)))
            else:
                last = points[-1]
                points[-1] = DecisionPoint(None, collapse_wrapped(text[last.span.start : u.end]), Span(last.span.start, u.end))
        return points
    for u in units:
        if not u.line_start:
            continue
        m = _POINT.fullmatch(text, u.start, u.end)
        if m:
            points.append(DecisionPoint(m.group("num"), collapse(m.group("body")), Span(u.start, u.end)))
        elif points and u.text.startswith(("-", "–")) and not u.blank_before:
            continue
        elif not points and u.text and not u.heading:
            points.append(DecisionPoint(None, u.text, Span(u.start, u.end)))
            break
        elif points:
            break
    return points


_HANDLING = re.compile(
    r"(?:[-•*–]|\d{1,2}[.)])?\s*(?:(?P<id>(?:[A-ZÅÄÖ]{2,6}[ \u00a0])?(?:19|20)\d\d/\d{1,6}(?:-[\d.]+)?)\s+)?(?P<title>\S.*)",
    re.S,
)


def _handlingar(text: str, units: list[Unit]) -> list[Handling]:
    out = []
    for u in units:
        if u.heading and not u.text.startswith(("-", "•")):
            break
        m = _HANDLING.fullmatch(text, u.start, u.end)
        if not m:
            continue
        ident = collapse(m.group("id")) if m.group("id") else None
        out.append(Handling(ident, collapse(m.group("title")), Span(u.start, u.end)))
    return out


# --------------------------------------------------------------------------- sentences

_OUTCOME = re.compile(
    r"[Oo]rdföranden\s+ställ(?:de|er)\s+(?:proposition|de\s+framställda|förslagen|följande)|"
    r"[Oo]rdföranden\s+(?:fann|finner)\s+att"
)
# The look-behinds stand after the mark they guard, not before it, so the pattern begins with
# a character class, which the engine skips to; a pattern that begins with a look-behind (or
# \b) is tried at every position. (Same for the \b-patterns below: "y(?<!\wy)rka" is
# "\byrka".)
_SENT_END = re.compile(
    r"[.!?](?<!m\.fl[.!?])(?<!\bfl[.!?])(?<!\bbl\.a[.!?])(?<!\bkl[.!?])(?<!\bnr[.!?])(?<!\bt\.ex[.!?])"
    r"(?=\s+[A-ZÅÄÖ\d*])"
)
_BLANK = re.compile(r"\n[ \t\u00a0]*\n")


def _sentence_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around ``pos``, not crossing blank lines or [lo, hi)."""
    a = max(lo, pos - 800)
    start = a
    for m in _BLANK.finditer(text, a, pos):
        start = m.end()
    # the look-ahead after the full stop must see the next sentence's first letter, which may
    # be the one at ``pos``
    for m in _SENT_END.finditer(text, start, min(len(text), pos + 3)):
        if m.start() < pos:
            start = m.end()
    end_limit = min(hi, pos + 1500)
    mb = _BLANK.search(text, pos, end_limit)
    stop = mb.start() if mb else end_limit
    me = _SENT_END.search(text, pos, stop)
    end = me.end() if me else stop
    s, e = strip_span(text, start, end, " \t\n\r\u00a0*")
    return s, max(s, e)


def _paragraph_end(text: str, pos: int, hi: int) -> int:
    m = _BLANK.search(text, pos, hi)
    return m.start() if m else hi


_YRKA = re.compile(r"y(?<!\wy)rka(?:de|r)\b")
_LAMNADE_FORSLAG = re.compile(
    r"l(?<!\wl)ämna(?:de|r)\s+(?:ett\s+)?(?:eget\s+|följande\s+|nytt\s+)?(?:förslag|ändringsförslag|tilläggsförslag|tilläggsyrkande|ändringsyrkande)\b"
)
_ATT_POINT = re.compile(r"(?m)^[ \t]*(?P<num>\d{1,2})[.)][ \t]+(?P<body>att\b[^\n]*)")


def _proposals(text: str, lo: int, hi: int, sections: list[tuple[int, int]]) -> list[Proposal]:
    out: list[Proposal] = []
    matches = list(_YRKA.finditer(text, lo, hi))
    # "X m.fl. (S) lämnade ett eget förslag": a proposal wherever it stands (outside a
    # yrkanden section the person must be printed with a party, checked below)
    matches.extend(_LAMNADE_FORSLAG.finditer(text, lo, hi))
    matches.sort(key=lambda m: m.start())
    for m in matches:
        s_start, s_end = _sentence_bounds(text, m.start(), lo, hi)
        persons = find_persons(text, s_start, m.start())
        if not persons:
            continue
        if not any(p.party for p in persons) and not any(a <= m.start() < b for a, b in sections):
            continue
        # what is moved: the rest of the paragraph, or the numbered att-list that follows
        para_end = _paragraph_end(text, m.end(), hi)
        rest = text[m.end() : para_end]
        window_end = para_end
        if len(rest.strip(" :\n\t")) < 5:
            nxt = _BLANK.search(text, para_end, hi)
            after = nxt.end() if nxt else para_end
            window_end = _paragraph_end(text, after, hi)
        points = tuple(
            DecisionPoint(p.group("num"), collapse(p.group("body")), Span(p.start("num"), p.end("body")))
            for p in _ATT_POINT.finditer(text, m.end(), window_end)
        )
        lead = points[0].text if points else collapse(text[m.end() : s_end])
        stance, target = _stance(lead)
        span_end = points[-1].span.end if points else s_end
        out.append(Proposal(tuple(persons), stance, Span(s_start, max(s_start, span_end)), points, target))
    return out


def _stance(s: str) -> tuple[str, str | None]:
    low = s.lower()
    target = None
    mt = re.search(r"\bbifall(?:a)?\s+(?:till\s+)?(?P<t>[^.;,]{3,150})", s)
    if mt:
        target = mt.group("t").strip()
    if "återremi" in low or "bordlägg" in low:
        return "annat", target
    if re.search(r"\bdelvis\b", low):
        return "delvis", target
    if re.search(r"\bavslag|\bavslå", low):
        mt = re.search(r"\bavsl(?:ag\s+(?:på|till)|å)\s+(?P<t>[^.;,]{3,150})", s)
        return "avslag", (mt.group("t").strip() if mt else target)
    if re.search(r"\bbifall|\bbifalla|\bgodkänn|\btillstyrk|\bantag|\bbesluta enligt", low):
        if re.search(r"\bmotion|\bmedborgarförslag|\bskrivelse|\binitiativ", low) and not re.search(
            r"förvaltningens|förslag(?:et)? till beslut|ordförandens", low
        ):
            return "annat", target
        return "bifall", target
    return "annat", target


_RESERV = re.compile(
    r"\breserver(?:ade|ar)\s+sig\b"
    # "X (M) anmäler (skriftlig) reservation", "Reservation anmäls av X (S)"
    r"|\banmä(?:ler|lde)\s+(?:en\s+)?(?:skriftlig\s+)?reservation\b|\b[Rr]eservation\s+anmäl(?:s|des)\s+av\b"
)


_RESERV_STARTS = ("reserv", "Reserv", "anmä")  # what every match of _RESERV begins with


def _reservations(text: str, lo: int, hi: int) -> list[Reservation]:
    out = []
    for m in finditer_where(_RESERV, text, lo, hi, _RESERV_STARTS):
        s_start, s_end = _sentence_bounds(text, m.start(), lo, hi)
        persons = find_persons(text, s_start, m.start())
        if not persons:  # "Mot beslutet reserverade sig A (M) och B (L)"
            persons = find_persons(text, m.end(), s_end)
        if not persons:
            continue
        tail = text[m.end() : s_end].lower()
        favour = None
        mf = re.search(r"till förmån för (?P<t>[^.\n]+)", tail)
        if mf:
            t = mf.group("t")
            if re.search(r"\begna\s+gemensamma\b|\bgemensamma\s+yrkande", t):
                favour = "joint"
            elif re.search(r"\b(?:det|sitt|sina|de)\s+egna\b", t):
                favour = "own"
            else:
                favour = collapse(text[m.end() + mf.start("t") : m.end() + mf.end("t")])
        out.append(Reservation(tuple(persons), Span(s_start, s_end), favour))
    return out


_STATEMENT_VERB = re.compile(
    r"\b(?:lämnade|lämnar|ställde\s+sig|ställer\s+sig|anförde|anför|anmälde|instämde|lät\s+anteckna|"
    r"framförde|gjorde|hade|yttrade)\b"
)


def _section_statements(text: str, kind: str, units: list[Unit], s_end: int) -> list[Statement]:
    out = []
    for i, u in enumerate(units):
        if not u.line_start or u.text.startswith(("*", "-", "•")):
            continue
        mv = _STATEMENT_VERB.search(text, u.start, u.end)
        stop = mv.start() if mv else u.end
        persons = find_persons(text, u.start, stop)
        if not persons or persons[0].span.start - u.start > 40:
            continue
        body_s, body_e = strip_span(text, u.end, s_end)
        text_span = Span(body_s, body_e) if body_s < body_e else None
        out.append(Statement(tuple(persons), kind, Span(u.start, u.end), text_span))
    return out


_PHRASE_STATEMENT = re.compile(
    r"\b(?:lämnade|lämnar|anmälde|anmäler|avgav)\s+(?:ett\s+|en\s+|följande\s+|gemensamt\s+|gemensam\s+)?"
    r"(?P<kind>särskilt\s+uttalande|särskilda\s+uttalanden|särskilt\s+yttrande|särskilda\s+yttranden|ersättaryttrande|protokollsanteckning)"
    r"|\blät\s+(?P<note>anteckna)\b|\b(?:får|fick)\s+(?:till\s+protokollet\s+)?(?P<note2>anteckna)\b"
)


# what every match of _PHRASE_STATEMENT begins with
_PHRASE_STATEMENT_STARTS = ("lämna", "anmäl", "avgav", "lät", "får", "fick")


def _phrase_statements(text: str, lo: int, hi: int, skip: list[tuple[int, int]]) -> list[Statement]:
    out = []
    for m in finditer_where(_PHRASE_STATEMENT, text, lo, hi, _PHRASE_STATEMENT_STARTS):
        if any(a <= m.start() < b for a, b in skip):
            continue
        s_start, s_end = _sentence_bounds(text, m.start(), lo, hi)
        persons = find_persons(text, s_start, m.start())
        if not persons:
            continue
        if m.group("note") or m.group("note2"):
            kind = "protokollsanteckning"
        else:
            k = m.group("kind").lower()
            kind = (
                "särskilt uttalande"
                if k.startswith("särskil")
                else ("ersättaryttrande" if k.startswith("ersättar") else "protokollsanteckning")
            )
        out.append(Statement(tuple(persons), kind, Span(s_start, s_end)))
    return out


# --------------------------------------------------------------------------- header

_HEADER_KEYS: list[tuple[str, re.Pattern]] = [
    ("tjänstgörande ersättare", re.compile(r"tjänstgörande ersättare")),
    ("ersättare", re.compile(r"(?:närvarande |icke tjänstgörande |ej tjänstgörande |övriga )?ersättare")),
    ("ledamot", re.compile(r"(?:närvarande |tjänstgörande )?ledamöter|beslutande(?: ledamöter)?|ledamöter som deltagit")),
    ("official", re.compile(r"övriga (?:närvarande|deltagande|deltagare)|närvarande tjänste(?:män|personer)|tjänste(?:män|personer)|övriga|närvarande|i övrigt närvarande")),
    ("justering_date", re.compile(r"(?:datum för |tid för |dag för )?justering(?:sdatum|ens (?:plats och )?tid)?|justeringsdag")),
    ("justerare", re.compile(r"justerare|utses att justera|utsedd(?:a)? att justera|justerande|justeras av|justeringsperson(?:er)?")),
    ("sekreterare", re.compile(r"sekreterare|protokollförare|nämndsekreterare")),
    ("vice ordförande", re.compile(r"(?:1:e |2:e |förste |andre )?vice ordförande")),
    ("ordförande", re.compile(r"ordförande")),
    ("paragraphs", re.compile(r"paragraf(?:er)?|§§")),
    ("stop", re.compile(r"underskrifter|anslag/bevis|anslag|bevis|utdragsbestyrkande")),
    ("place", re.compile(r"plats(?: och tid)?|tid och plats|sammanträdesplats|lokal")),
    ("time", re.compile(r"tid|sammanträdesdatum|sammanträdestid|datum")),
]
_HEADER_KEY_RE = re.compile(
    r"(?P<key>" + "|".join(f"(?:{rx.pattern})" for _, rx in _HEADER_KEYS) + r")\s*:?\s*(?P<rest>.*)",
    re.I | re.S,
)


def _header_key(text: str) -> tuple[str, str] | None:
    m = _HEADER_KEY_RE.fullmatch(text)
    if not m:
        return None
    key = m.group("key").lower()
    rest = m.group("rest")
    role = next((r for r, rx in _HEADER_KEYS if rx.fullmatch(key)), None)
    if role is None:
        return None
    if (
        rest
        and not re.match(r"\s*:|\t|[ \u00a0]{2,}", text[len(m.group("key")) :])
        and role not in ("ordförande", "vice ordförande", "sekreterare", "justerare", "paragraphs", "stop")
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


_TITLE_WORD = re.compile(
    r"(?i).*(?:chef|sekreterare|direktör|handläggare|ombud|controller|strateg|jurist|utredare|samordnare|ekonom|"
    r"registrator|specialist|rådgivare|assistent|ansvarig|läkare|kommunikatör|revisor|notarie|ledare|"
    r"föreståndare|inspektör|analytiker|representant|sjuksköterska|arkivarie|konsult|praktikant|tjänsteman|"
    r"tjänsteperson|administratör|biträde|planerare|expert|kurator|psykolog|ingenjör|arkitekt|handläggare)$"
)
_CHAIR = re.compile(r"(?i)(?P<role>(?:1:e |2:e |förste |andre )?vice ordförande|ordförande|ordf\.?)")
_CHAIR_AFTER = re.compile(
    r"[ \t)]*,?[ \t]*\(?(?P<role>(?:1:e |2:e |förste |andre )?vice ordförande|ordförande|ordf\.?)(?![\wåäö])", re.I
)
_CHAIR_LEAD = re.compile(r"[-•*–\s]*(?P<role>(?:1:e |2:e |förste |andre )?vice ordförande|ordförande|ordf\.?)[\s:,]*", re.I)
_REPLACES = re.compile(r"[\s(](?:ersätter|ersättare för|tjänstgör för|tjänstgörande för|i stället för|istället för|för)\s")


# Labels that a PDF conversion may run together onto one line with their content:
# "Beslutande Ledamöter Anna Ek (S), ... Tjänstgörande ersättare Bo Lind (M) ersätter ...
# Övriga närvarande Ersättare Eva Berg (V) Tjänstemän Kommundirektör Per Holm, ..."
_INLINE_LABEL = re.compile(
    r"(?<=[\s.,;:])(?:Tjänstgörande ersättare|Ej tjänstgörande(?: ersättare)?|Icke tjänstgörande(?: ersättare)?|"
    r"Närvarande ersättare|Ersättare|Övriga närvarande|Övriga deltagande|Övriga deltagare|Tjänstemän|"
    r"Tjänstepersoner|Utses att justera|Justeringens plats och tid|Justerande|Justerare|Paragrafer|Underskrifter|"
    r"ANSLAG/BEVIS|Anslag/bevis|Utdragsbestyrkande|Beslutande)(?![\wåäö])"
)


def _split_inline_labels(text: str, units: list[Unit]) -> list[Unit]:
    out: list[Unit] = []
    for u in units:
        cuts = [m.start() for m in _INLINE_LABEL.finditer(text, u.start, u.end)] if len(u.text) > 40 else []
        if not cuts:
            out.append(u)
            continue
        bounds = [u.start, *cuts, u.end]
        for i in range(len(bounds) - 1):
            a, b = strip_span(text, bounds[i], bounds[i + 1], " \t\n\r\u00a0,;")
            if a < b:
                out.append(Unit(a, b, collapse(text[a:b]), u.heading, u.line_start or i > 0, u.blank_before and i == 0))
    return out


_PARTY_PAREN = re.compile(r"\((?:S|V|MP|M|L|C|KD|SD|FP|s|v|mp|m|l|c|kd|sd|fp)\)")


def parse_header(text: str, units: list[Unit], end: int, role: str | None = None) -> tuple[Meeting, list[Attendance]]:
    """Meeting fields and attendance from the units before ``end``; ``role`` is the role of
    names printed before any label (a närvarolista that starts with the names)."""
    hdr_units = _split_inline_labels(text, [u for u in units if u.end <= end])
    attendance: list[Attendance] = []
    justering = None
    par_range = None
    place = place_span = None
    tabular = False
    in_signatures = False
    columns: list[tuple[int, str]] = []  # (column, role) of a "Ledamöter  Ersättare" table head
    for u in hdr_units:
        if u.line_start:
            head = _column_head(text, u)
            if head:
                columns, role, tabular = head, None, False
                continue
            row = _column_row(text, u, columns) if columns and _header_key(text[u.start : u.end]) is None else []
            if row:
                attendance.extend(row)
                continue
            columns = []  # a label or a line without names ends the table
        # a long line is a field only when it lists persons with parties (a flattened PDF
        # header); long prose lines are not fields
        long_ok = len(u.text) >= 200 and len(_PARTY_PAREN.findall(u.text, 0, 300)) >= 2
        key = _header_key(text[u.start : u.end]) if (u.line_start and (len(u.text) < 200 or long_ok)) else None
        content_start = u.start
        if key:
            role, rest = key
            tabular = False
            if role == "stop":  # signature block: names there stand under labels they are not next to
                role = None
                in_signatures = True
                continue
            if in_signatures and role in ("sekreterare", "ordförande", "vice ordförande", "justerare"):
                if len(find_persons(text, u.start, u.end)) > 1:  # "Justerande A B (S) C (FP)": not alignable
                    role = None
                    continue
            else:
                in_signatures = False
            if not rest.strip():
                continue
            content_start = u.end - len(text[u.start : u.end]) + text[u.start : u.end].find(rest[:10]) if rest else u.end
            content_start = max(u.start, content_start)
        elif re.fullmatch(r"(?i)namn\s+parti(?:\s+(?:roll|funktion|uppdrag|närvarande|närvaro|närv\.?|tjänstgörande|ersätter)\b.*)?", u.text):
            role = role if role in ("ledamot", "ersättare", "tjänstgörande ersättare") else "ledamot"
            tabular = True
            continue
        if role is None:
            continue
        if role == "justering_date":
            m = DATE_RE.search(text, content_start, u.end)
            if m and justering is None:
                justering = date_from_match(m)
            continue
        if role == "paragraphs":
            m = re.search(r"§*\s*\d+\s*[-–]\s*\d+|§§?\s*\d+", text[u.start : u.end])
            if m and par_range is None:
                par_range = collapse(m.group(0))
            continue
        if role in ("place", "time"):
            if role == "place" and place is None:
                ps, pe = strip_span(text, content_start, u.end, " \t,:")
                place, place_span = collapse(text[ps:pe]), Span(ps, pe)
            continue
        attendance.extend(_attendance_line(text, content_start, u.end, role, tabular))
    meeting = _meeting(text, hdr_units, end, justering, par_range, place, place_span)
    return meeting, attendance


_CELL_GAP = re.compile(r"\t+|[ \u00a0]{2,}")
# column heads of a Word table with one person per column ("Ledamot | Ersättare")
_COLUMN_ROLE = {
    "ledamot": "ledamot", "ledamöter": "ledamot", "ordinarie": "ledamot", "ordinarie ledamot": "ledamot",
    "ordinarie ledamöter": "ledamot", "beslutande": "ledamot", "beslutande ledamöter": "ledamot",
    "närvarande ledamöter": "ledamot", "tjänstgörande ledamöter": "ledamot",
}


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
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


def _column(text: str, pos: int) -> int:
    """Display column of ``pos`` on its line (tabs to multiples of 8)."""
    return len(text[text.rfind("\n", 0, pos) + 1 : pos].expandtabs(8))


def _column_head(text: str, u: Unit) -> list[tuple[int, str]] | None:
    """[(column, role)] when the line is a table head of two or more attendance labels
    side by side ("Ledamöter<TAB>Ersättare"), else None."""
    if len(u.text) > 120 or ("\t" not in text[u.start : u.end] and "  " not in text[u.start : u.end]):
        return None
    cells = _cells(text, u.start, u.end)
    if len(cells) < 2:
        return None
    out = []
    for a, b in cells:
        label = collapse(text[a:b]).rstrip(":").strip().lower()
        role = _COLUMN_ROLE.get(label)
        if role is None:
            key = _header_key(text[a:b])
            if not key or key[1].strip() or key[0] not in ("ledamot", "ersättare", "tjänstgörande ersättare"):
                return None
            role = key[0]
        out.append((_column(text, a), role))
    return out


def _column_row(text: str, u: Unit, columns: list[tuple[int, str]]) -> list[Attendance]:
    """One row under a column head: each cell in the role of its column ("Anna Berg (S),
    ordförande<TAB>Erik Lund (S)"). A cell that holds only a role ("ordförande") belongs to
    the cell before it."""
    cells = _cells(text, u.start, u.end)
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
            col = _column(text, a)
            role = min(columns, key=lambda c: abs(c[0] - col))[1]
        out.extend(_attendance_line(text, a, b, role, False))
    return out


def _attendance_line(text: str, start: int, end: int, role: str, tabular: bool) -> list[Attendance]:
    line_span = Span(start, end)
    seg = text[start:end]
    out: list[Attendance] = []
    if tabular:
        m = re.match(
            r"(?P<name>[^\t\n]+?)[ \t]+(?P<party>S|V|MP|M|L|C|KD|SD|FP|s|v|mp|m|l|c|kd|sd|fp)(?:[ \t]+(?P<role>\S.*))?$", seg
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


_NAME_WORD = re.compile(r"[A-ZÅÄÖÉÜØÆĆČĐŁŚŠŽ][a-zåäöéèüøæáíóúçëïñćčđłńśźżřěňšžőűğş'’]+(?:-[A-ZÅÄÖÉÜa-zåäöéèüøæ][a-zåäöéèüøæáíóúçëïñćčđłńśźżřěňšžőűğş'’]+)*|(?:af|von|van|de|der|den|da|di|du|la|le|el|al|bin|ben)")


_PRESENCE = re.compile(r"(?i)ja|nej|x|närvarande|frånvarande|deltog|-|–|§§?\s*[\d\s,–-]+|kl\.?\s*[\d.:–-]+")


def _bare_name(text: str, start: int, end: int) -> list[PersonRef]:
    """A name printed alone ("Magnus Hillborg"): 2-5 capitalised words, none of them in
    capitals only (page headers such as "KOMMUNSTYRELSEN SAMMANTRÄDESPROTOKOLL") or a
    heading word."""
    s, e = strip_span(text, start, end, " \t,.:")
    words = text[s:e].split()
    if (
        2 <= len(words) <= 5
        and all(_NAME_WORD.fullmatch(w) for w in words)
        and words[0][:1].isupper()
        and not any(w in _NOT_BARE_NAME for w in words)
    ):
        return [PersonRef(collapse(text[s:e]), Span(s, e))]
    return []


_NOT_BARE_NAME = {
    "Sida", "Sidan", "Protokoll", "Sammanträdesprotokoll", "Sammanträdesdatum", "Utdragsbestyrkande",
    "Justerandes", "Underskrifter", "Paragrafer", "Datum", "Plats", "Tid", "Anslag", "Bevis", "Kommun",
    "Stad", "Nämnden", "Kommunstyrelsen", "Kommunfullmäktige", "Bilaga", "Beslut", "Ärende",
}


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
    return bool(_TITLE_WORD.fullmatch(w)) or w.lower() in ("ordförande", "borgarråd", "kommunalråd")


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


# --------------------------------------------------------------------------- meeting

_BODY_GEN = re.compile(
    r"(?:vid|från|för)\s+(?P<body>(?:[A-ZÅÄÖ][\w-]*\s+)?[A-ZÅÄÖ]?[\wåäö-]*(?:nämnd|styrelse|fullmäktige|utskott|råd|beredning)(?:en|ens|s)?(?:\s+i\s+[A-ZÅÄÖ][\w-]+(?:[- ][A-ZÅÄÖ][\w-]+){0,3})?)(?:s)?\s+(?:sammanträde|möte)",
)
_BODY_MED = re.compile(
    r"sammanträde\s+med\s+(?P<body>[\wåäöÅÄÖ-]*(?:nämnden|styrelsen|fullmäktige|utskottet|rådet)(?:\s+i\s+[A-ZÅÄÖ][\w-]+(?:[- ][A-ZÅÄÖ][\w-]+){0,3})?)"
)
_BODY_LINE = re.compile(
    r"(?P<body>(?:[A-ZÅÄÖ][\wåäö-]*\s+)?(?:[A-ZÅÄÖ][\wåäö]*-\s+(?:och|samt)\s+[\wåäö-]*|[A-ZÅÄÖ][\wåäö-]*|(?<=\s)[a-zåäö][\wåäö-]*)(?:nämnden|styrelsen|fullmäktige|utskottet|nämnd)(?:\s+i\s+[A-ZÅÄÖ][\w-]+(?:[- ][A-ZÅÄÖ][\w-]+){0,3})?)"
)
# a body named at the start of a header line in any case: "KOMMUNSTYRELSEN   SAMMANTRÄDESPROTOKOLL"
_BODY_LINE_START = re.compile(
    r"(?i)(?P<body>(?:[\wåäö]+-\s+(?:och|samt)\s+)?[\wåäö-]*(?:nämnden|styrelsen|fullmäktige|utskottet|nämnd)"
    r"(?-i:\s+i\s+[A-ZÅÄÖ][\wåäö-]+)?)"
    r"(?=\s*$|\s{2,}|\s+(?:sammanträdes)?protokoll|\s+\d|\s+sid(?:a|an)?\b)"
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


def _meeting(text, units, end, justering, par_range, place, place_span) -> Meeting:
    head = text[:end]
    body = body_span = None
    for rx in (_BODY_GEN, _BODY_MED):
        m = rx.search(head)
        if m:
            body = body_from_genitive(m.group("body"))
            body_span = Span(m.start("body"), m.end("body"))
            break
    if body is None:
        for u in units[:15]:
            m = _BODY_LINE.fullmatch(u.text) if u.line_start else None
            if m:
                body = u.text
                body_span = Span(u.start, u.end)
                break
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
        found = first_date(text, 0, min(end, 3000))
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


def municipality(text: str, limit: int = 200_000) -> str | None:
    counts: dict[str, int] = {}
    for m in _muni_matches(text, min(len(text), limit)):
        if m.group("caps"):
            name = m.group("caps").capitalize()
            name = "-".join(w.capitalize() for w in name.split("-"))
            kind = m.group("capskind").lower()
        else:
            name = m.group("name")
            kind = m.group("kind")
        if name in _MUNI_STOP:
            continue
        if kind.lower() == "stad" and name.endswith("s") and not name.endswith("ss"):
            name = name[:-1]
        elif kind == "kommun" and name.endswith("s") and len(name) > 4:
            name = name[:-1]
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


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
_ATTENDANCE_LIST = re.compile(
    r"(?i)(?:bilaga\s*\d*\s*[:.–-]?\s*)?(?:närvarolista|närvaroförteckning|närvarande ledamöter och ersättare"
    r"|förteckning över (?:närvarande|tjänstgörande) ledamöter(?: och ersättare)?)(?:\s*[:,].*)?"
)


def parse(text: str) -> tuple[Meeting, list[Attendance], list[AgendaItem], list[PersonRef]]:
    units = split_units(text)
    items, first = parse_items(text, drop_furniture(text, units))
    meeting, attendance = parse_header(text, units, first)
    if items:
        at = next(
            (i for i, u in enumerate(units) if u.start > first and u.line_start and len(u.text) < 120
             and _ATTENDANCE_LIST.fullmatch(u.text)),
            None,
        )
        if at is not None:
            _, listed = parse_header(text, units[at + 1 :], len(text), role="ledamot")
            attendance = attendance + listed
            cut = strip_span(text, items[-1].span.start, units[at].start)[1]
            if items[-1].span.start < cut < items[-1].span.end:
                items[-1] = dataclasses.replace(items[-1], span=Span(items[-1].span.start, cut))
    return meeting, attendance, items, parse_signatures(text)
