"""The items of a protokoll: § heads (with or without the sign, with a body prefix such
as "Ks § 12"), each item's title, diarienummer, sections (beslut, sammanfattning, yrkanden,
propositionsordning, handlingar ...), decision points and handlingar. What members move and
declare inside an item is read by ``graf.structure.motions``.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from graf.records import AgendaItem, DecisionPoint, Dnr, Handling, Span, Statement
from graf.structure.common import (
    DATE_RE,
    Unit,
    collapse,
    collapse_wrapped,
    find_dnr,
    heading_like,
    merge_dnr,
    strip_span,
)
from graf.structure.motions import (
    non_participation,
    outcome_sentence,
    phrase_statements,
    proposals,
    reservations,
    section_outcome,
    section_statements,
)
from graf.structure.reflow import SECTION_WORD, body_abbreviations
from graf.structure.votes import parse_votes

# --------------------------------------------------------------------------- headings

# Cyrillic letters folded both by look and by sound, so "Ersätтарыttrande" still reads as
# a heading whichever way the confusables were chosen.
_FOLD_LOOK = str.maketrans("аеорсухАВЕКМНОРСТХіј", "aeopcyxABEKMHOPCTXij")
_FOLD_SOUND = str.maketrans("абвгдезийклмнопрстуфхцыэ", "abvgdezijklmnoprstufhcye")

SECTION_KEYS: list[tuple[str, re.Pattern]] = [
    # "Beslut", "Nämndens beslut", "Barn- och utbildningsnämndens beslut", "Nämnden beslutar"
    ("beslut", re.compile(r"(?:(?:[\w-]+\s+(?:och|samt)\s+)?[\w-]+s\s+)?beslut|beslut(?:et)?|beslutade|(?:[\w-]+\s+(?:och\s+[\w-]+\s+)?)?beslutar(?:\s+att)?")),
    ("summary", re.compile(r"sammanfattning(?: av ärendet)?|ärendet|ärendebeskrivning|bakgrund|föredragning")),
    # today's templates head the members' proposals "Förslag till beslut på sammanträdet" and
    # give amendments headings of their own ("Tilläggsyrkande")
    ("yrkanden", re.compile(
        r"yrkanden?(?:\s*(?:och|/)\s*(?:propositionsordning|förslag(?: till beslut)?(?: på sammanträdet)?))?|"
        r"förslag och yrkanden|förslag(?: till beslut)? på sammanträdet|"
        r"(?:tilläggs|ändrings|återremiss)(?:yrkanden?|förslag)")),
    ("proposition", re.compile(r"propositionsordning|proposition|beslutsgång|beslutsordning|omröstning(?:sresultat)?|votering")),
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


def _item_candidates(text: str, units: list[Unit], abbreviations: frozenset[str] = frozenset()) -> list[_Cand]:
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
        rest_start = m.end()
        year = _PARA_YEAR.match(text, rest_start, u.end)  # "§ 63/20": the number and the year
        if year:
            rest_start = year.end()
        rest = text[rest_start : u.end]
        # "§ 5 i kommunallagen ..." in running prose: a heading has a short rest
        if not u.heading and len(collapse(rest)) > 250:
            continue
        if _CONTINUES_SENTENCE.match(rest):  # "§148)." wrapped to the start of a line of prose
            continue
        if _CONTINUED.match(rest):  # "KF § 47 (forts)": the paragraph goes on after a page break
            continue
        num = m.group("num") + (" " + m.group("suf").upper() if m.group("suf") else "")
        cands.append(_Cand(i, num, (int(m.group("num")), (m.group("suf") or "").upper()), u.start, rest_start))
    run = _increasing(_without_contents_lists(text, units, cands))
    return run if run else _prefix_candidates(text, units, abbreviations)


_CONTINUED = re.compile(r"(?i)[ \t\u00a0]*[(,–-]?[ \t]*(?:forts(?:\.|att|ättning|ätter)?|fortsättning)[ \t]*\)?[ \t.]*$")
_PARA_YEAR = re.compile(r"/(?:19|20)?\d\d(?![\d/])")
# what follows a § number that is a reference inside a sentence, not a head: a closing
# parenthesis or punctuation ("§148).", "§ 9, stycke 1"), or a lower-case word ("§ 84 behandlat")
_CONTINUES_SENTENCE = re.compile(r"[ \t\u00a0]*(?:[),.;:]|[a-zåäö])")


def _without_contents_lists(text: str, units: list[Unit], cands: list[_Cand]) -> list[_Cand]:
    """The candidates without the lines of a table of contents (or a § list on the title
    page): a head whose number is printed again as a head further on, with no body of its
    own before the next head, only its title (wrapped onto a line or two) and page furniture."""
    last = {c.key: k for k, c in enumerate(cands)}
    out = []
    for k, c in enumerate(cands):
        if last[c.key] != k:
            nxt = cands[k + 1].unit_index if k + 1 < len(cands) else len(units)
            body = units[c.unit_index + 1 : nxt]
            if len(body) <= 4 and not any(section_kind(u.text) for u in body):
                continue
        out.append(c)
    return out


# Paragraphs numbered without the sign: "Ks 12 Budget 2014", "SN 45", "BUN 3".
_PREFIX_PARA = re.compile(r"(?P<org>[A-ZÅÄÖ]{2,6}|[A-ZÅÄÖ][a-zåäö]{1,3})[ \t\u00a0]+(?P<num>\d{1,3})(?![\d/:.,\-–]|\s*[/:%-])")


def _prefix_candidates(text: str, units: list[Unit], abbreviations: frozenset[str] = frozenset()) -> list[_Cand]:
    """Paragraph heads printed as a body prefix and a number without "§". Taken only when
    the paper uses one prefix for at least three lines with increasing numbers, so a line
    that happens to open with "SN 45" is no paragraph; in run-together text also when the
    prefix is the abbreviation of the body named at the paper's head ("SN" for
    Socialnämnden)."""
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
        # a head that reflow cut out of a run-together line stood after a sentence end or a
        # page header, with the body's own abbreviation: evidence enough on its own
        cut_from_line = all(c.start > 0 and text[c.start - 1] != "\n" for c in run)
        enough = 1 if cut_from_line and _org_of(text, cands[0]) in abbreviations else 3
        if len(run) >= enough and len(run) > len(best):
            best = run
    return best


def _org_of(text: str, c: _Cand) -> str:
    return text[c.start : c.rest_start].split()[0].upper()


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
    cands = _item_candidates(text, units, body_abbreviations(text))
    if not cands:
        single = _unnumbered_item(text, units)
        return ([single], single.span.start) if single else ([], len(text))
    # where each item begins: its head, or a registry number printed in the margin before it
    begins = [_margin_dnr_unit(text, units, c) for c in cands]
    items: list[AgendaItem] = []
    first_start = units[begins[0]].start if cands else len(text)
    for n, c in enumerate(cands):
        end_unit = begins[n + 1] if n + 1 < len(cands) else len(units)
        end = units[begins[n + 1]].start if n + 1 < len(cands) else _body_end(text, units, c.unit_index)
        item_units = units[c.unit_index + 1 : end_unit]
        margin = units[begins[n] : c.unit_index]
        items.append(_parse_item(text, n + 1, c, units[c.unit_index], item_units, end, margin))
    return items, first_start


def _unnumbered_item(text: str, units: list[Unit]) -> AgendaItem | None:
    """A paper of one ärende printed without a § number (a web page per decision): the
    decision heading ("Stadsdelsnämndens beslut") shows there is an item, and it begins at
    the registry number printed above that heading (else at the paper's first line). Its
    number is its list position, 1, as the contract numbers unprinted items."""
    decision = next((k for k, u in enumerate(units) if u.line_start and section_kind(u.text) == "beslut"), None)
    if decision is None:
        return None
    begin = next((k for k in range(decision - 1, -1, -1) if _dnr_line(text, units[k]) or _dnr_only(text, units[k])), 0)
    head = units[begin]
    c = _Cand(begin, "1", (1, ""), head.start, head.start)
    item = _parse_item(text, 1, c, head, units[begin + 1 :], _body_end(text, units, begin))
    if item.title is None:
        # no heading: the matter is named where the paper says what lay before the meeting
        # ("Förelåg förvaltningens tjänsteutlåtande med förslag till svar på medborgarförslag om X.")
        before = units[decision].start
        m = _MATTER_BEFORE_MEETING.search(text, head.start, before)
        if m:
            ts, te = strip_span(text, m.start("matter"), m.end("matter"), " \t\n.")
            item = dataclasses.replace(item, title=collapse_wrapped(text[ts:te]), title_span=Span(ts, te))
    return dataclasses.replace(item, number_printed=False)


# "Förelåg <a document> med förslag till svar på / angående / rörande <the matter>." - the
# sentence older minutes open a paragraph with; the matter runs to the sentence's end
_MATTER_BEFORE_MEETING = re.compile(
    r"\b(?:Förelåg|Föreligger)\b[^.\n]{0,200}?\b(?:med\s+förslag\s+till\s+(?:svar\s+på|yttrande\s+över|beslut\s+om)|"
    r"angående|avseende|rörande|beträffande)\s+(?P<matter>[^\n]{5,300}?)\.(?=\s|$)"
)


def _margin_dnr_unit(text: str, units: list[Unit], c: _Cand) -> int:
    """Index of the unit where the item of head ``c`` begins: the unit before the head when it
    holds only a registry number printed on the head's line, before the head ("Dnr MHN
    2017/44 MHN 22 Tillsynsplan", a two-column page run together), else the head's."""
    k = c.unit_index - 1
    if k < 0 or text[c.start - 1 : c.start] == "\n" or "\n" in text[units[k].end : c.start]:
        return c.unit_index
    u = units[k]
    return k if _dnr_line(text, u) or _dnr_only(text, u) else c.unit_index


_SIGNATURE_HEAD = re.compile(r"digitala signaturer|signerats digitalt|underskrifter|justerandes signatur", re.I)


def _body_end(text: str, units: list[Unit], from_index: int) -> int:
    for u in units[from_index + 1 :]:
        if u.line_start and _SIGNATURE_HEAD.search(u.text[:60]):
            line_start = text.rfind("\n", 0, u.start) + 1
            return strip_span(text, units[from_index].start, line_start)[1]
    s, e = strip_span(text, 0, len(text))
    return e


def _parse_item(text: str, position: int, c: _Cand, head: Unit, units: list[Unit], end: int,
                margin: list[Unit] | None = None) -> AgendaItem:
    margin = margin or []
    # title: the rest of the § unit, or the next unit
    title = title_span = None
    rs, re_ = strip_span(text, c.rest_start, head.end, " \t\n\r\u00a0*#.:–-")
    # a dnr printed on the § line ("Ks § 2   Dnr KS 2012/345", "§ 54 Budget 2015, dnr X") is
    # the item's own and no part of the title
    head_dnrs = [Dnr(d.value, d.span, "own") for d in find_dnr(text, rs, re_, own_line=False)] if rs < re_ else []
    code = _head_code(text, rs, re_) if not head_dnrs and rs < re_ else None
    if code and (code.start > rs or units and heading_like(units[0].text, 400) and not section_kind(units[0].text)):
        # a code in the registry number's place, kept as printed: the last column of the §
        # line ("§ 14  Budget 2021      TN.2021.0456"), or all of it with the title on the
        # next line ("§ 8  2025.031 TN")
        head_dnrs = [Dnr(collapse(text[code.start : code.end]), code, "own")]
    if head_dnrs:
        cut = _HEAD_DNR_CUT.search(text, rs, re_)
        cut_at = cut.start() if cut else head_dnrs[0].span.start
        rs2, re2 = strip_span(text, rs, min(cut_at, head_dnrs[0].span.start), " \t\n\r\u00a0*#.:,;–-")
        rs, re_ = (rs2, re2) if rs2 < re2 else (re_, re_)
    body_from = 0
    # the registry number on a line of its own between the § line and the title ("§ 31" /
    # "KFN 2019/12" / "Budgetuppföljning april"): the paragraph's own; the title follows it
    lead: list[Dnr] = []
    if rs >= re_:
        while body_from < min(2, len(units) - 1) and _dnr_line(text, units[body_from]):
            u = units[body_from]
            lead += [Dnr(d.value, d.span, "own") for d in find_dnr(text, u.start, u.end, own_line=True)]
            lead = lead or [Dnr(u.text, Span(u.start, u.end), "own")]
            body_from += 1
        if lead and (section_kind(units[body_from].text) or not heading_like(units[body_from].text, 400)):
            body_from, lead = 0, []  # no title after it: leave the number to the body's reading
    head_dnrs += lead
    if rs < re_:
        title_span = Span(rs, re_)
    elif units:
        u = units[body_from]
        if section_kind(u.text) is None and not _dnr_only(text, u) and heading_like(u.text, 400):
            ts, te = u.start, u.end
            body_from += 1
            if not u.heading:  # a plain title may wrap onto following lines
                above = u
                for v in units[body_from : body_from + 2]:
                    if v.heading or v.blank_before or section_kind(v.text) or find_dnr(text, v.start, v.end, True):
                        break
                    if not heading_like(v.text, 200) or v.text.lower().startswith(("svar på", "remiss")):
                        break
                    if _LIST_MARK.match(v.text) or not _wraps(text, above):
                        break
                    te = v.end
                    body_from += 1
                    above = v
            title_span = Span(ts, te)
        elif section_kind(u.text) is None and not _dnr_only(text, u):
            # a paper whose line breaks were lost: the title runs on into the first section
            title_span = _run_in_title(text, u)
    if title_span:
        title = collapse_wrapped(text[title_span.start : title_span.end])
    body_units = units[body_from:]

    sections = _sections(body_units)
    first_section_start = sections[0][1] if sections else end
    head_end = title_span.end if title_span else head.end

    # dnr: those printed between the title and the first section are the item's own
    # (or the referring body's); the rest are mentioned
    dnrs: list[Dnr] = [Dnr(d.value, d.span, "own") for u in margin for d in find_dnr(text, u.start, u.end, own_line=True)]
    dnrs += head_dnrs
    for u in body_units:
        if u.start >= end:
            break
        # a number in a bulleted list is a listed document's ("• 2022.088 SN-020 Protokollsutdrag")
        own_zone = u.start < first_section_start and not (u.line_start and _LIST_MARK.match(u.text))
        unit_dnrs = find_dnr(text, u.start, u.end, own_line=own_zone)
        if not unit_dnrs and own_zone and u.line_start and registry_code(u.text):
            # a code alone on a line between the title and the first section
            unit_dnrs = [Dnr(u.text, Span(u.start, u.end))]
        for d in unit_dnrs:
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
            outcome, outcome_span = section_outcome(text, content[0].start, content[-1].end)
        elif kind == "handlingar":
            handlingar.extend(_handlingar(text, content))
        elif kind in ("särskilt uttalande", "ersättaryttrande", "protokollsanteckning"):
            statements.extend(section_statements(text, kind, content, s_end))
            statement_ranges.append((s_start, s_end))
        elif kind == "yrkanden":
            proposal_ranges.append((s_start, s_end))
        elif kind == "förslag" and idx and sections[idx - 1][0] == "yrkanden" and proposal_ranges:
            # "Förslag till beslut på sammanträdet" / "Arbetsutskottets förslag till beslut:" /
            # "X (C) föreslår ...": the committee's proposal quoted among the meeting's
            # proposals does not end them
            proposal_ranges[-1] = (proposal_ranges[-1][0], s_end)

    body_start = body_units[0].start if body_units else head_end
    body_start = min(body_start, end)
    item = AgendaItem(
        position=position,
        number=c.number,
        number_printed=True,
        span=Span(margin[0].start if margin else c.start, max(c.start, end)),
        title=title,
        title_span=title_span,
        dnr=merge_dnr(dnrs),
        summary_span=summary_span,
        decisions=tuple(decisions_l),
        outcome=outcome,
        outcome_span=outcome_span,
        statements=tuple(statements),
        handlingar=tuple(handlingar),
    )
    return _with_motions(text, item, body_start, end, proposal_ranges,
                         tuple(s for _, s, _ in sections), statement_ranges)


def _with_motions(text: str, item: AgendaItem, body_start: int, end: int,
                  proposal_ranges: list[tuple[int, int]], section_starts: tuple[int, ...],
                  statement_ranges: list[tuple[int, int]]) -> AgendaItem:
    """``item`` with what was moved and declared in its body text[body_start:end]: yrkanden,
    the chair's outcome sentence (when no section gave one), omröstningar, reservationer,
    who took no part, and statements printed as phrases."""
    outcome, outcome_span = item.outcome, item.outcome_span
    if outcome is None:
        found = outcome_sentence(text, body_start, end)
        if found:
            outcome, outcome_span = found
    statements = list(item.statements) + phrase_statements(text, body_start, end, statement_ranges)
    statements.sort(key=lambda s: s.span.start)
    return dataclasses.replace(
        item,
        proposals=tuple(proposals(text, body_start, end, proposal_ranges)),
        outcome=outcome,
        outcome_span=outcome_span,
        reservations=tuple(reservations(text, body_start, end, section_starts)),
        statements=tuple(statements),
        votes=tuple(parse_votes(text, body_start, end)),
        non_participation=tuple(non_participation(text, body_start, end)),
    )


def read_motions(text: str, item: AgendaItem) -> AgendaItem:
    """``item``, parsed from a list layout (an agenda, or minutes whose § heads carry no
    sign), with the motions its body records. Such bodies are often run together on a few
    lines, so section headings are read where they stand inline ("... Yrkanden Ordföranden
    yrkar ..."): a proposals section runs from its heading to the next heading."""
    lo = item.title_span.end if item.title_span else item.span.start
    hi = item.span.end
    if lo >= hi:
        return item
    heads = [(m, section_kind(m.group(0))) for m in SECTION_WORD.finditer(text, lo, hi)]
    heads = [(m, k) for m, k in heads if k]
    proposal_ranges = [(m.end(), heads[i + 1][0].start() if i + 1 < len(heads) else hi)
                       for i, (m, k) in enumerate(heads) if k == "yrkanden"]
    return _with_motions(text, item, lo, hi, proposal_ranges, tuple(m.start() for m, _ in heads), [])


_CAPITALISED = re.compile(r"(?<=\s)[A-ZÅÄÖ][\wåäö-]*")


def _run_in_title(text: str, u: Unit) -> Span | None:
    """The title at the start of a line that runs on into the item's first section, where
    the paper's line breaks were lost ("Lokal värdighetsgaranti Ärendebeskrivning Enligt ...",
    "Delegationsbeslut maj Beslut Redovisningen godkänns."): the text before a section
    heading of one to three words that a capitalised word or a digit follows."""
    hi = min(u.end, u.start + 150)  # a title is short; further on the heading ends prose, not a title
    for m in _CAPITALISED.finditer(text, u.start, hi):
        words = text[m.start() : u.end].split(None, 4)
        for n in range(1, min(3, len(words) - 1) + 1):
            if section_kind(" ".join(words[:n])) and words[n][:1].isupper() | words[n][:1].isdigit():
                # a sentence before the heading is the item's prose, not its title
                s, e = strip_span(text, u.start, m.start(), " \t\n\u00a0")
                sentence = re.search(r"[.!?]\s+[A-ZÅÄÖ]", text[s:e])
                return Span(s, e) if s < e and heading_like(text[s:e], 150) and not sentence else None
    return None


# a line that opens a list under the title ("A/ Redogörelse ...", "• ...", "- ...")
_LIST_MARK = re.compile(r"(?:[A-ZÅÄÖ0-9]{1,2}/|[A-Za-z0-9]{1,2}[.)]\s|[-–•·▪\uf0b7\uf0a7*])")
_TITLE_JOINS = re.compile(
    r"(?i)(?:\b(?:i|av|för|om|till|vid|från|med|på|och|samt|inom|mellan|enligt|mot|hos|gällande|avseende|"
    r"angående|rörande|över|under|efter|inför|kring|genom|längs|eller|åt|per|via|en|ett|den|det|de)|[-–,:/&])$"
)


@lru_cache(maxsize=8)
def _full_line(text: str) -> int:
    """Length of a full line of the paper's running text (the 90th percentile of its line
    lengths): a title line that long was wrapped by the layout, not ended by its author."""
    lengths = sorted(len(ln.strip()) for ln in text.split("\n") if len(ln.strip()) > 20)
    return lengths[int(len(lengths) * 0.9)] if len(lengths) >= 10 else 60


def _wraps(text: str, line: Unit) -> bool:
    """A title line goes on below: it fills the line, or it ends on a word that cannot end a
    title ("... längs", "... och", "... -")."""
    return len(line.text) >= 0.6 * _full_line(text) or bool(_TITLE_JOINS.search(line.text))


_CODE_TOKEN = re.compile(r"[A-ZÅÄÖa-zåäö0-9]+(?:[./:\-][A-ZÅÄÖa-zåäö0-9]+)*")


def registry_code(s: str) -> bool:
    """Reads as a registry number by its place and make-up alone, whatever its shape: one to
    three tokens of letters and digits joined by "." "/" ":" "-" ("2025.031 TN", "Bun/2024:233
    041", "SN/2024:309"), mostly digits, with a year-like run of four digits, and neither a
    date nor a time. For the places where a paper prints its own number: after the § number
    on the head line, alone on a line under the title."""
    s = collapse(s)
    tokens = s.split(" ")
    if not 1 <= len(tokens) <= 3 or len(s) > 30 or not all(_CODE_TOKEN.fullmatch(t) for t in tokens):
        return False
    alnum = [c for c in s if c.isalnum()]
    digits = sum(c.isdigit() for c in alnum)
    if digits * 2 < len(alnum) or not re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", s):
        return False
    if re.search(r"[a-zåäö]{4}", s):  # a word ("Bostäder 2021-2025"), not an office code
        return False
    if DATE_RE.fullmatch(s) or re.fullmatch(r"[\d\s.:\-–]+", s) and ":" in s:
        return False
    # a bare number or a year alone is no registry number; a code has a separator or letters
    return bool(re.search(r"[A-ZÅÄÖa-zåäö]|\d[./:\-]\d", s)) and not re.fullmatch(r"(?:19|20)\d\d-\d\d-\d\d", s)


_COLUMN_GAP = re.compile(r"[ \u00a0]{3,}|\t")


def _head_code(text: str, start: int, end: int) -> Span | None:
    """The registry number printed on a § line after the number and title, by layout and
    make-up: the line's last column (set off by a wide gap, or the whole rest of the line),
    without its cue word, that reads as a registry code (``registry_code``)."""
    col = start
    for gap in _COLUMN_GAP.finditer(text, start, end):
        col = gap.end()
    cue = _DNR_CUE_WORD.match(text[col:end])
    s, e = strip_span(text, col + cue.end() if cue else col, end)
    if s < e and registry_code(text[s:e]):
        return Span(s, e)
    return None


_HEAD_DNR_CUT = re.compile(r"[,;]?[ \t\u00a0]*\(?(?:[Dd]nr|DNR|[Dd]iarienummer|[Dd]iarienr)\b")


def _dnr_line(text: str, u: Unit) -> bool:
    """A line that holds only a registry number, with or without its cue word."""
    return u.line_start and (_dnr_only(text, u) or registry_code(_DNR_CUE_WORD.sub("", u.text)))


_DNR_CUE_WORD = re.compile(r"^(?:[Dd]nr|DNR|[Dd]iarienummer)\.?:?\s*")


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
    if units and _BULLET.fullmatch(units[0].text):
        # "- Nya avgiftsnivåer fastställs." / "- ...": one point per bullet; a line without a
        # bullet right below one continues it
        for u in units:
            m = _BULLET.fullmatch(text, u.start, u.end)
            if m:
                points.append(DecisionPoint(None, collapse(m.group("body")), Span(m.start("body"), u.end)))
            elif points and not u.heading and not u.blank_before:
                last = points[-1]
                points[-1] = DecisionPoint(None, collapse_wrapped(text[last.span.start : u.end]), Span(last.span.start, u.end))
            else:
                break
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


_BULLET = re.compile(r"[ \t]*[-–−•·▪\uf0b7][ \t]+(?P<body>\S.*)", re.S)


_HANDLING = re.compile(
    r"(?:[-•*–]|\d{1,2}[.)])?\s*(?:(?P<id>(?:[A-ZÅÄÖ]{2,6}[ \u00a0])?(?:19|20)\d\d/\d{1,6}(?:-[\d.]+)?)\s+)?(?P<title>\S.*)",
    re.S,
)


# the mark that begins an entry of a bulleted or numbered list of documents
_HANDLING_MARK = re.compile(r"(?:[-–−•·▪*\uf0b7]|\d{1,2}[.)])\s")


def _handlingar(text: str, units: list[Unit]) -> list[Handling]:
    """One Handling per listed document. When the list is marked (bullets or numbers), an
    unmarked line printed right below an entry is that entry wrapped, and other unmarked lines
    are not documents: a page's header and footer where the list crosses a page, or a voting
    list printed as an appendix after the last entry."""
    marked = any(_HANDLING_MARK.match(u.text) for u in units)
    out: list[Handling] = []
    continues = False  # the previous unit was an entry (or its wrapped line)
    for u in units:
        if u.heading and not u.text.startswith(("-", "•")):
            break
        start = u.start
        if marked and not _HANDLING_MARK.match(u.text):
            if not (continues and u.line_start and text.count("\n", out[-1].span.end, u.start) == 1
                    and not text[out[-1].span.end : u.start].strip()):
                continues = False
                continue
            start = out.pop().span.start
        m = _HANDLING.fullmatch(text, start, u.end)
        if not m:
            continues = False
            continue
        ident = collapse(m.group("id")) if m.group("id") else None
        out.append(Handling(ident, collapse(m.group("title")), Span(start, u.end)))
        continues = True
    return out

