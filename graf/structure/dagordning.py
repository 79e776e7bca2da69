"""Dagordning (agenda): items from web lists, plain-text "Bilagor" blocks or numbered
lines; titles when printed, dnr per item, meeting body and date when printed."""

from __future__ import annotations

import dataclasses
import re

from graf.grammar.scan import finditer_from
from graf.records import AgendaItem, Dnr, Meeting, Span
from graf.structure.attendance import display_column, table_cells
from graf.structure.common import (
    SDN_HEAD,
    Line,
    collapse,
    collapse_wrapped,
    drop_furniture,
    find_dnr,
    first_date,
    heading_like,
    is_furniture_line,
    iter_lines,
    merge_dnr,
    split_lines,
    split_units,
    strip_span,
)
from graf.structure.header import breadcrumb_body, municipality, place_only, prose_body, title_line_body
from graf.structure.items import parse_items as parse_paragraph_items
from graf.structure.items import registry_code
from graf.structure.reflow import reflow_lines

# Web page furniture that gold never counts as an item.
_JUNK = re.compile(
    r"(?i)^(?:hoppa över navigering|hoppa till (?:innehåll|huvudinnehåll)|till toppen|skriv ut|dela(?: sidan)?|"
    r"det finns (?:ingen|inga) .*|vi använder cookies.*|.*\bcookies?\b.*|meny|sök|stäng|acceptera.*|"
    r"tillbaka(?: till .*)?|visa (?:mer|alla)|läs mer)$"
)
_BILAGOR = re.compile(r"(?i)bilag(?:a|or)\s*:?")
_MARK_NUM = re.compile(r"(?P<num>\d{1,3})[.)](?:\s+(?P<rest>\S.*))?$")
# A sub-item numbered under its item: "5.1 Title", "6 a. Title", "6b) Title".
_MARK_SUB = re.compile(r"(?P<num>\d{1,3})(?:\.(?P<dec>\d{1,2})\.?|[ \t]?(?P<let>[a-z])[.)])[ \t]+(?P<rest>[A-ZÅÄÖÉ«\"”].*)$")
_MARK_BULLET = re.compile(r"[•·▪◦●‣○]\s*(?P<rest>\S.*)?$")
_PRINTED_NUM = re.compile(r"(?P<num>\d{1,3}(?:\s?[A-Za-z])?)")
_NUM_LINE = re.compile(r"(?P<num>\d{1,4}(?:\s?[A-Z](?![\wåäö]))?)[.)]?[ \t]+(?P<rest>[A-ZÅÄÖ«\"”].*)$")
# A subtitle run onto the title line where a line break was lost ("Program för hamnen Svar på
# remiss från ...") is cut; one printed as the title's next sentence ("Angående X. Svar på
# skrivelse från (S)") is part of the title as printed.
_TITLE_CUT = re.compile(
    r"(?<![.,;:])\s+(?:Svar på (?:remiss|skrivelse)|Remiss från)|[,.]?\s+(?:Dnr\b|dnr\b|\(?D\s?nr\b"
    r"|(?:[A-ZÅÄÖ]{2,6}-(?:19|20)\d\d-\d{1,6}|[A-ZÅÄÖ]{1,3}\d{2,4}-\d{2,6}/\d{2,4})\s*$"
    # a registry number in parentheses closing the title: "Årsredovisning 2021 (RV 2022/0112)"
    # (not a report's or statute's number: "(SOU 2012:35)", "(1990:782)")
    r"|\((?!SOU\b|Ds\b|Prop\b|SFS\b)[A-ZÅÄÖ]{1,6}[ .-]?(?:19|20)\d\d[/.-]\d{1,6}\)\s*$)"
)


def _junk(s: str) -> bool:
    return bool(_JUNK.match(s))


def parse_items(text: str) -> list[AgendaItem]:
    lines = reflow_lines(text, split_lines(text))
    items = _table_layout(text, lines)
    if items is None:
        items = _list_layout(text, lines)
    if items is None:
        items = _bilagor_layout(text, lines)
    if items is None:
        units = drop_furniture(text, split_units(text))
        p_items, _ = parse_paragraph_items(text, units)
        if len(p_items) >= 2:
            items = p_items
    if items is None:
        items = _numbered_lines(text, lines)
    return items or []


# --------------------------------------------------------------------------- table layout

# The head of an agenda set as a table ("Nr  Ärende  Dnr  Föredragande"): which column holds
# what. A word processor's table comes out of the text layer as cells set off by tabs or runs
# of spaces, each row's cells under the head's.
_TABLE_COLUMNS = (
    ("number", re.compile(r"(?i)nr|§|punkt|ärende\s*nr|nummer")),
    ("title", re.compile(r"(?i)ärenden?|rubrik|ärenderubrik|ärendemening|beskrivning|ämne")),
    ("dnr", re.compile(r"(?i)dnr|d\.?\s?nr|diarienummer|diarienr|beteckning|ärendenummer")),
    ("other", re.compile(r"(?i)föredragande|handläggare|ansvarig|beslut|bilaga|tid|kommentar|anmärkning")),
)


def _table_head(text: str, ln: Line) -> list[tuple[int, str]] | None:
    """[(display column, kind)] when ``ln`` is the head of an agenda table: a title column and
    at least a number, registry-number or presenter column beside it."""
    if len(ln.text) > 160 or not ("\t" in ln.text or "  " in ln.text):
        return None
    start = ln.tstart
    cells = table_cells(text, start, start + len(ln.text))
    if len(cells) < 2:
        return None
    out: list[tuple[int, str]] = []
    for a, b in cells:
        label = collapse(text[a:b]).rstrip(":.")
        kind = next((k for k, rx in _TABLE_COLUMNS if rx.fullmatch(label)), None)
        if kind is None:
            return None
        out.append((display_column(text, a), kind))
    kinds = [k for _, k in out]
    if kinds.count("title") != 1 or len(set(kinds) - {"title"}) < 1:
        return None
    return out


def _column_of(columns: list[tuple[int, str]], col: int) -> str:
    """The kind of the column a cell starting at display column ``col`` stands in: the last
    head cell that begins at or before it (a little to its left: cells shift by a space)."""
    kind = columns[0][1]
    for c, k in columns:
        if col + 2 >= c:
            kind = k
    return kind


def _table_layout(text: str, lines: list[Line]) -> list[AgendaItem] | None:
    """Items of an agenda table: a row opens where the number column holds a number; the
    title is the title column's text on that row and the rows below it until the next
    number (a wrapped title), registry numbers come from the dnr column."""
    head = next(((i, cols) for i, ln in enumerate(lines[:80]) if (cols := _table_head(text, ln))), None)
    if head is None:
        return None
    head_at, columns = head
    rows: list[tuple[str, list[tuple[int, int]], list[tuple[int, int]], int, int]] = []
    blank = False
    for ln in lines[head_at + 1 :]:
        if not ln.text or is_furniture_line(ln.text):
            blank = blank or not ln.text
            continue
        cells = [(a, b, _column_of(columns, display_column(text, a)))
                 for a, b in table_cells(text, ln.tstart, ln.tstart + len(ln.text))]
        first = cells[0]
        # without a number column the number opens the title's cell: "4.  Årsredovisning 2019"
        # (a cell of its own when a run of spaces follows it, else the cell's first word)
        numbered_titles = columns[0][1] != "number" and first[2] == "title"
        number = (_TABLE_NUMBER.fullmatch(text, first[0], first[1])
                  if first[2] == "number" or numbered_titles and len(cells) > 1 else None)
        in_title = _NUMBERED_TITLE.match(text, first[0], first[1]) if numbered_titles and not number else None
        if number:
            rows.append((collapse(text[first[0] : first[1]]).rstrip(".)"), [], [], ln.tstart, ln.end))
            cells = cells[1:]
        elif in_title:
            # no number column: the number opens the title's cell ("4.  Årsredovisning 2019")
            rows.append((in_title.group("num"), [], [], ln.tstart, ln.end))
            cells = [(in_title.end(), first[1], "title")] + cells[1:]
        elif first[2] == "number" or not rows or blank and first[2] == "title":
            # a line in the number column without a number, or one after a blank line that
            # opens no row (the signatures below the table), ends the table
            if rows:
                break
            continue
        blank = False
        num, titles, dnrs, start, _end = rows[-1]
        for a, b, kind in cells:
            if kind == "title" and not (titles and (text[a] in "-–•·" or _item_meta(text[a:b])
                                                    or _TIME_OF_DAY.match(text, a, b))):
                # (a bulleted line, a time or a presenter under the title is no part of it)
                titles.append((a, b))
            elif kind == "dnr":
                dnrs.append((a, b))
        rows[-1] = (num, titles, dnrs, start, ln.end)
    if len(rows) < 2:
        return None
    items = []
    for pos, (num, titles, dnrs, start, end) in enumerate(rows, start=1):
        title_span = Span(titles[0][0], titles[-1][1]) if titles else None
        item = _agenda_item(text, pos, num, True, Span(start, end), title_span, end)
        if len(titles) > 1:  # a wrapped title: its pieces, without the other columns between
            item = dataclasses.replace(item, title=collapse_wrapped("\n".join(text[a:b] for a, b in titles)))
        own = [Dnr(d.value, d.span, "own") for a, b in dnrs for d in find_dnr(text, a, b, own_line=True)]
        own = own or [Dnr(collapse(text[a:b]), Span(a, b), "own") for a, b in dnrs if registry_code(text[a:b])]
        item = dataclasses.replace(item, dnr=merge_dnr(list(item.dnr) + own) if own else item.dnr)
        items.append(item)
    return items


_TABLE_NUMBER = re.compile(r"\d{1,3}(?:\s?[A-Za-z]|\s?½)?[.)]?")
_NUMBERED_TITLE = re.compile(r"(?P<num>\d{1,3}(?:\s?[A-Za-z](?![\wåäö]))?)[.)]?[ \t]+(?=\S)")


# --------------------------------------------------------------------------- list layout


def _list_layout(text: str, lines: list[Line]) -> list[AgendaItem] | None:
    marks: list[tuple[int, Line, str | None, str | None]] = []  # (line idx, line, marker number, rest)
    for i, ln in enumerate(lines):
        if not ln.text or ln.indent > 8:
            continue
        m = _MARK_SUB.match(ln.text)
        if m:
            marks.append((i, ln, _sub_number(m), m.group("rest")))
            continue
        if ln.indent > 3:
            continue
        m = _MARK_NUM.match(ln.text)
        if m:
            marks.append((i, ln, m.group("num"), m.group("rest")))
            continue
        m = _MARK_BULLET.match(ln.text)
        if m:
            marks.append((i, ln, None, m.group("rest")))
    if len(marks) < 2:
        return None
    numbered = [mk for mk in marks if mk[2] is not None]
    bullets = [mk for mk in marks if mk[2] is None]
    chosen = numbered if len(numbered) >= len(bullets) else bullets
    top = min((mk[1].indent for mk in chosen if not _is_sub(mk[2])), default=0)
    # sub-items ("5.1", "6 a.") may be indented under their item
    chosen = [mk for mk in chosen if mk[1].indent == top or _is_sub(mk[2]) and mk[1].indent >= top]
    if chosen and chosen[0][2] is not None:
        seq: list[tuple[int, Line, str | None, str | None]] = []
        last, last_sub = 0, ""
        for mk in chosen:
            printed_number = mk[2] or ""
            n, _, sub = printed_number.partition(" " if " " in printed_number else ".")
            if not sub:
                if not seq and int(n) <= 3 or seq and last < int(n) <= last + 3:
                    seq.append(mk)
                    last, last_sub = int(n), ""
            elif seq and (int(n) == last and _sub_key(sub) > _sub_key(last_sub)
                          or last < int(n) <= last + 3 and _sub_key(sub) == 1):
                # a sub-item belongs under the item above (or opens the next item's subs)
                seq.append(mk)
                last, last_sub = int(n), sub
        chosen = seq
    if len(chosen) < 2:
        return None
    generated = any(mk[3] and _PRINTED_NUM.fullmatch(mk[3]) for mk in chosen)
    items: list[AgendaItem] = []
    for pos, (i, ln, mnum, rest) in enumerate(chosen, start=1):
        next_i = chosen[pos][0] if pos < len(chosen) else len(lines)
        last_line = i
        for j in range(i + 1, next_i):
            lj = lines[j]
            if not lj.text:
                continue
            if (top > 0 and lj.indent < top) or _junk(lj.text):
                break
            last_line = j
        end = lines[last_line].tstart + len(lines[last_line].text)
        rest_start = ln.tstart + len(ln.text) - len(rest) if rest else ln.tstart + len(ln.text)
        title_span = None
        heading_to = i
        if rest and _PRINTED_NUM.fullmatch(rest):
            number, printed = collapse(rest), True
            # the heading: the next paragraph of the item
            first = next((j for j in range(i + 1, last_line + 1) if lines[j].text), None)
            if first is not None:
                stop = first
                while stop + 1 <= last_line and lines[stop + 1].text and stop - first < 3 and not is_furniture_line(lines[stop + 1].text):
                    stop += 1
                cand = collapse(text[lines[first].tstart : lines[stop].tstart + len(lines[stop].text)])
                if heading_like(cand, 300) and not _BILAGOR.fullmatch(cand):
                    title_span = Span(lines[first].tstart, lines[stop].tstart + len(lines[stop].text))
                    heading_to = stop
        else:
            number = mnum if mnum is not None else str(pos)
            printed = mnum is not None and not generated
            if rest and heading_like(rest, 150) and not _BILAGOR.fullmatch(rest):
                title_span = Span(rest_start, ln.tstart + len(ln.text))
        own_until = lines[heading_to].end if title_span else ln.tstart + len(ln.text) - len(rest or "")
        items.append(_agenda_item(text, pos, number, printed, Span(ln.tstart, end), title_span, own_until))
    return items


def _sub_number(m: re.Match) -> str:
    """A sub-item's number as printed, without its full stop: "5.1", "6 a"."""
    return f"{m.group('num')}.{m.group('dec')}" if m.group("dec") else f"{m.group('num')} {m.group('let')}"


def _is_sub(number: str | None) -> bool:
    return number is not None and ("." in number or " " in number)


def _sub_key(sub: str) -> int:
    """The place of a sub-number in its series: "1" and "a" are first."""
    if not sub:
        return 0
    return int(sub) if sub.isdigit() else ord(sub.lower()) - ord("a") + 1


_HEADING_MARKS = re.compile(r"(?:#{1,6}[ \t]+|[*_]{1,3})+")


def _agenda_item(text: str, pos: int, number: str, printed: bool, span: Span, title_span: Span | None,
                 own_until: int) -> AgendaItem:
    title = None
    if title_span:
        # web pages converted to text mark headings ("## Titel", "**Titel**"); the marks
        # are layout, not part of the printed title
        s, e = title_span.start, title_span.end
        m = _HEADING_MARKS.match(text, s, e)
        if m:
            s = m.end()
        while e > s and text[e - 1] in "*_ \t":
            e -= 1
        title_span = Span(s, e) if e > s else None
    if title_span:
        cut = _TITLE_CUT.search(text, title_span.start, title_span.end)
        if cut and cut.start() > title_span.start:
            s, e = strip_span(text, title_span.start, cut.start(), " \t\n,.-–")
            title_span = Span(s, e)
        title = collapse_wrapped(text[title_span.start : title_span.end]) or None
        if title is None:
            title_span = None
    own_until = _extend_own_zone(text, own_until, span.end)
    dnrs: list[Dnr] = []
    for d in find_dnr(text, span.start, span.end):
        role = "mentioned"
        if d.span.start < own_until:
            line_before = text[text.rfind("\n", 0, d.span.start) + 1 : d.span.start].lower()
            role = "referring" if "remiss från" in line_before or "remiss av" in line_before else "own"
        dnrs.append(Dnr(d.value, d.span, role))
    # a bare "2022/21" printed alone on a line of the heading
    for ln in split_lines(text[span.start : min(own_until, span.end)]):
        if ln.text and re.fullmatch(r"(?:19|20)\d\d/\d{1,6}", ln.text):
            s = span.start + ln.tstart
            dnrs.append(Dnr(ln.text, Span(s, s + len(ln.text)), "own"))
    return AgendaItem(position=pos, number=number, number_printed=printed, span=span, title=title,
                      title_span=title_span, dnr=merge_dnr(dnrs))


_META_LINE = re.compile(
    r"(?i)(?:föreligger\b|tjänsteutlåtande\b|bordlag[dt]|återremitterat|omedelbar justering|utsänds?\b|utsändes\b"
    r"|ärendedokument|läs dokument|handläggare\b)"
)
_DNR_LINE = re.compile(r"(?i)\(?(?:dnr|diarienummer|d nr)\b|(?:svar på )?remiss (?:från|av)\b")


def _dnr_lines_end(text: str, pos: int, hi: int) -> int:
    """End of the run of short lines right after ``pos`` that print the item's dnr ("Dnr
    1.5.1-431-2009", "Remiss från kommunstyrelsen, dnr 325-1188/2009."); blank lines between
    them are allowed. ``pos`` when none follows."""
    end = pos
    for ln in iter_lines(text, pos, hi):
        if not ln.text:
            continue
        if len(ln.text) <= 160 and _DNR_LINE.match(ln.text):
            end = ln.tstart + len(ln.text)
            continue
        if len(ln.text) <= 160 and _META_LINE.match(ln.text):  # item metadata between title and dnr
            continue
        break
    return end


def _extend_own_zone(text: str, own_until: int, hi: int) -> int:
    return max(own_until, _dnr_lines_end(text, own_until, hi))


# --------------------------------------------------------------------------- "Bilagor" blocks


def _bilagor_layout(text: str, lines: list[Line]) -> list[AgendaItem] | None:
    content = [ln for ln in lines if ln.text and not _junk(ln.text)]
    if sum(1 for ln in content if _BILAGOR.fullmatch(ln.text)) < 2:
        return None
    blocks: list[list[Line]] = [[]]
    for ln in content:
        blocks[-1].append(ln)
        if _BILAGOR.fullmatch(ln.text):
            blocks.append([])
    trailing = blocks.pop()
    items: list[AgendaItem] = []

    def add(block: list[Line], title_line: Line | None) -> None:
        span = Span(block[0].tstart, block[-1].tstart + len(block[-1].text))
        ts = Span(title_line.tstart, title_line.tstart + len(title_line.text)) if title_line else None
        own_until = title_line.end if title_line else block[0].tstart
        items.append(_agenda_item(text, len(items) + 1, str(len(items) + 1), False, span, ts, own_until))

    for bi, block in enumerate(blocks):
        body = block[:-1]  # without the closing "Bilagor"
        if bi == 0:
            # leading short headings of the page are items of their own
            k = 0
            while k < len(body) and heading_like(body[k].text, 150):
                k += 1
            if k >= 2 or (k == 1 and len(body) == 1):
                for ln in body[:k]:
                    add([ln], ln)
                block = block[k:]
                body = body[k:]
                title = None
            else:
                title = body[0] if body and heading_like(body[0].text, 200) and len(body) > 1 else None
            add(block, title)
            continue
        title = body[0] if len(body) > 1 and heading_like(body[0].text, 200) else None
        add(block, title)
    for ln in trailing:
        if heading_like(ln.text, 150):
            add([ln], ln)
    return items


# --------------------------------------------------------------------------- numbered lines

# An agenda number as printed: "7", "7.", "4 ½", "12 A", "20 a)", "17A"; the title follows
# on the line. A sub-item printed on its own line as "b) Title" continues the number above.
_NUM_LINE = re.compile(
    r"(?P<num>(?P<int>\d{1,4})(?:[ \t]?(?P<frac>[½¼¾])|[ \t]?(?P<let>[A-Za-z])(?:\)|(?=[ \t])))?)"
    r"(?(let)|[.)]?)[ \t]+(?P<rest>[A-ZÅÄÖÉ«\"”\'].*)$"
)
_SUB_LINE = re.compile(r"(?P<let>[A-Za-z])\)[ \t]+(?P<rest>[A-ZÅÄÖÉ«\"”].*)$")
# How far apart two neighbouring agenda numbers may be: agendas skip numbers (items withdrawn,
# numbers kept for the minutes) but not by dozens; a bigger jump is a number in running text.
_MAX_STEP = 10


def _agenda_number(m: re.Match) -> str:
    num = m.group("int")
    if m.group("frac"):
        return f"{num} {m.group('frac')}"
    if m.group("let"):
        return f"{num} {m.group('let')}"
    return num


def _numbered_lines(text: str, lines: list[Line]) -> list[AgendaItem]:
    """Items printed as "N Title" lines, numbered from any start, with gaps, fractions and
    letters ("4 ½", "12 A", "20 a)" and sub-items "b) ..." on their own lines). The items are
    the longest chain of such lines whose numbers never go down and never jump far, so a
    numbered decision point or a number that starts a line of prose cannot enter the list."""
    # candidates per printed label: None for bare numbers, "Ärende" for "Ärende 3 Title"
    groups: dict[str | None, list[tuple[int, Line, str, int, int]]] = {}  # (line idx, line, number, integer, rest offset)
    labels = _number_labels(lines)
    last_group: str | None = None
    for i, ln in enumerate(lines):
        if not ln.text or is_furniture_line(ln.text):
            continue
        if ln.indent > 3:
            # "4  Anmälan av nya motioner" / "    a) Motion av ...": a sub-item set in under
            # its item takes the item's number with its letter
            m = _SUB_LINE.match(ln.text)
            if m and groups.get(last_group) and ln.indent <= 12:
                groups[last_group].append((i, ln, "", -1, m.start("rest")))
            continue
        label = _NUM_LABEL.match(ln.text)
        group = label.group("label") if label and label.group("label") in labels else None
        m = _NUM_LINE.match(ln.text, label.end() if label and group else 0)
        if m and not _TIME_OF_DAY.match(ln.text):
            groups.setdefault(group, []).append((i, ln, _agenda_number(m), int(m.group("int")), m.start("rest")))
            last_group = group
            continue
        m = _SUB_LINE.match(ln.text)
        if m and groups.get(last_group):
            # "b) Title" under "20 a) Title": the number above with this letter
            groups[last_group].append((i, ln, "", -1, m.start("rest")))
    # the longest chain of one kind of line; bare numbers win a tie
    chains = {g: _longest_chain(c) for g, c in groups.items()}
    best = max(chains, key=lambda g: (len(chains[g]), g is None), default=None)
    cands = groups.get(best, [])
    chain = chains.get(best, [])
    if len(chain) < 2 or (len(chain) < 3 and cands[chain[0]][3] > 3):
        return []
    seq: list[tuple[int, Line, str, int]] = []
    for k in chain:
        i, ln, num, _n, rest_at = cands[k]
        if not num:  # sub-item: the integer of the item before, the letter printed
            num = f"{seq[-1][2].split()[0]} {ln.text[0]}"
        seq.append((i, ln, num, rest_at))
    # a registry number printed in the margin before the item number ("Dnr 15/2014.002 16
    # Title", run together from a two-column page) is the item's own, not the one above
    margin = {}
    for k, (i, ln, _num, _r) in enumerate(seq):
        if i > 0 and not _begins_physical_line(text, ln) and _dnr_only_line(text, lines[i - 1]):
            margin[k] = i - 1
    items = []
    for pos, (i, ln, num, rest_at) in enumerate(seq, start=1):
        next_i = seq[pos][0] if pos < len(seq) else len(lines)
        next_i = margin.get(pos, next_i)
        last_line = i
        for j in range(i + 1, next_i):
            t = lines[j].text
            if not t or _junk(t):
                continue
            if _group_heading(t):  # "BESLUTSÄRENDEN:" heads the items below, not this one
                break
            last_line = j
        stop = i
        # a title wraps onto following short lines of the same paragraph
        while (stop + 1 < next_i and lines[stop + 1].text and stop - i < 3 and len(lines[stop + 1].text) <= 150
               and _begins_physical_line(text, lines[stop + 1])
               and not is_furniture_line(lines[stop + 1].text) and not _item_meta(lines[stop + 1].text)):
            stop += 1
        end = lines[last_line].tstart + len(lines[last_line].text)
        start = lines[margin[pos - 1]].tstart if pos - 1 in margin else ln.tstart
        title_span = Span(ln.tstart + rest_at, lines[stop].tstart + len(lines[stop].text))
        items.append(_agenda_item(text, pos, collapse(num), True, Span(start, end), title_span,
                                  lines[stop].end))
    return items


# A word printed before every agenda number ("Ärende 1", "Punkt 3", "Nr 4", "Ärende nr 5"):
# a capitalised word (with "nr" after it), then the number.
_NUM_LABEL = re.compile(r"(?P<label>[A-ZÅÄÖ][a-zåäö]{1,11}(?:[ \t]+nr)?\.?)[ \t]+(?=\d)")


def _number_labels(lines: list[Line]) -> set[str]:
    """The labels that open at least three numbered lines: a label is the list's layout, not
    a word that happens to stand before a number at the start of a line of prose."""
    counts: dict[str, int] = {}
    for ln in lines:
        if not ln.text or ln.indent > 3:
            continue
        m = _NUM_LABEL.match(ln.text)
        if m and _NUM_LINE.match(ln.text, m.end()):
            counts[m.group("label")] = counts.get(m.group("label"), 0) + 1
    return {label for label, n in counts.items() if n >= 3}


def _begins_physical_line(text: str, ln: Line) -> bool:
    """The line starts a line of the text (not a piece cut from a run-together line)."""
    return ln.start == 0 or text[ln.start - 1] == "\n"


def _dnr_only_line(text: str, ln: Line) -> bool:
    ds = find_dnr(text, ln.tstart, ln.tstart + len(ln.text), own_line=True)
    return bool(ds) and len(ln.text) <= len(ds[0].value) + 10


# a time of day, with or without "kl." ("13.15", "kl. 09:30"): no item number
_TIME_OF_DAY = re.compile(r"(?i)(?:kl\.?\s*)?\d{1,2}[.:]\d{2}\b")


def _longest_chain(cands: list[tuple[int, Line, str, int, int]]) -> list[int]:
    """Indices of the longest run of candidates in text order whose integers never decrease
    and grow by at most ``_MAX_STEP``; a repeated number must differ in its suffix ("4" after
    "4 ½"), and a sub-item ("b)", integer -1) may only follow an item or sub-item."""
    n = len(cands)
    best = [1] * n
    prev = [-1] * n
    for j in range(n):
        nj, vj = cands[j][2], cands[j][3]
        lo = max(0, j - 60)  # a chain link further back than this is no neighbour
        for i in range(j - 1, lo - 1, -1):
            ni, vi = cands[i][2], cands[i][3]
            if vj < 0:
                ok = i == j - 1  # "b)" continues the item right above it
            elif vi < 0:
                vi_base = _chain_int(cands, prev, i)
                ok = vi_base is not None and vi_base < vj <= vi_base + _MAX_STEP
            else:
                ok = vi <= vj <= vi + _MAX_STEP and not (vi == vj and ni == nj)
            if ok and best[i] + 1 > best[j]:
                best[j] = best[i] + 1
                prev[j] = i
        if vj < 0 and prev[j] < 0:
            best[j] = 0  # a sub-item alone is no item
    if not n or max(best) == 0:
        return []
    k = max(range(n), key=lambda x: (best[x], -x))
    out = []
    while k >= 0:
        out.append(k)
        k = prev[k]
    return out[::-1]


def _chain_int(cands, prev, i: int) -> int | None:
    while i >= 0 and cands[i][3] < 0:
        i = prev[i]
    return cands[i][3] if i >= 0 else None


_GROUP_HEADING = re.compile(r"[A-ZÅÄÖ][A-ZÅÄÖ /,&-]{3,60}:?|[A-ZÅÄÖ][\wåäö /,&-]{3,60}:")
_ITEM_META = re.compile(r"(?i)(?:dnr\b|d nr\b|diarienummer|handläggare\b|remiss från\b|svar på remiss\b|omedelbar justering|bordlag[dt]|föreligger\b|utsänd)")


def _group_heading(s: str) -> bool:
    """A heading that groups the agenda items below it: "BESLUTSÄRENDEN:", "Anmälningsärenden:"."""
    return bool(_GROUP_HEADING.fullmatch(s.strip())) and not any(c.isdigit() for c in s)


def _item_meta(s: str) -> bool:
    """A line printed under an item's title about the case, not part of the title: its dnr,
    its handläggare, "Omedelbar justering", "Bordlagt 2013-03-19"."""
    return bool(_ITEM_META.match(s.strip("( \t")))


def numbered_items(text: str) -> list[AgendaItem]:
    """Items printed as numbered lines (also when run together on one line)."""
    return _numbered_lines(text, reflow_lines(text, split_lines(text)))


# --------------------------------------------------------------------------- meeting

_COMPOUND_HEAD = re.compile(r"[A-ZÅÄÖa-zåäö]+-\s+(?:och|samt)\s+$")
_BODY_ANY = re.compile(r"\b(?P<body>(?:[A-ZÅÄÖa-zåäö]+-\s+(?:och|samt)\s+)?[\wåäöÅÄÖ-]*(?:nämnden|styrelsen)|[Kk]ommunfullmäktige)\b(?P<i>\s+i\s+[A-ZÅÄÖ][\w-]+(?:[- ][A-ZÅÄÖ][\w-]+){0,3})?")


_SDN_HEAD = SDN_HEAD


def _body_any_matches(text: str, limit: int):
    """``_BODY_ANY.finditer(text, 0, limit)``, run only where a match can begin. The pattern
    begins with ``\\b``, so the engine would try it at every position; a match holds
    "nämnden", "styrelsen" or "ommunfullmäktige" and begins in the run of word characters and
    hyphens just before it, at the run's start or next to a hyphen (where ``\\b`` can hold)."""
    starts: set[int] = set()
    for word in ("nämnden", "styrelsen"):
        k = text.find(word, 0, limit)
        while k >= 0:
            r = k
            while r > 0 and ((c := text[r - 1]).isalnum() or c == "_" or c == "-"):
                r -= 1
            starts.add(r)
            starts.update(p for p in range(r + 1, k + 1) if text[p - 1] == "-" or text[p] == "-")
            # "Social- och äldrenämnden": the name begins at the first part of the compound
            m = _COMPOUND_HEAD.search(text, max(0, r - 40), r)
            if m:
                starts.add(m.start())
            k = text.find(word, k + 1, limit)
    k = text.find("ommunfullmäktige", 1, limit)
    while k >= 0:
        starts.add(k - 1)
        k = text.find("ommunfullmäktige", k + 1, limit)
    yield from finditer_from(_BODY_ANY, text, sorted(starts), limit)






_PLACE_LABEL = re.compile(r"(?im)^[ \t*#>]*(?:plats(?: och tid)?|tid och plats|sammanträdeslokal|lokal)[ \t*]*:?[ \t]*")
_WEEKDAY_DATE = re.compile(r"(?i)\b(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\s+den\s+(?=\d)")
_PLACE_TIME_LABEL = re.compile(r"(?i)\b(?:plats och tid|tid och plats|dag och tid|tid och dag)\b")


def parse_meeting(text: str) -> Meeting:
    head_end = min(len(text), 3000)
    body, body_span = prose_body(text, head_end)
    if body is None:
        body, body_span = breadcrumb_body(text, head_end)
    if body is None:
        # a heading line naming a stadsdelsnämnd ("Älvsjö stadsdelsnämnd", "Stadsdelsnämnden
        # Askim-Frölunda-Högsbo")
        for ln in split_lines(text[:head_end]):
            if not ln.text or len(ln.text) > 160:
                continue
            m = _SDN_HEAD.search(ln.text)
            if m:
                s0 = ln.tstart + m.start("body")
                body, body_span = m.group("body"), Span(s0, s0 + len(m.group("body")))
                break
    if body is None:
        # the body alone on a title line, beside the word that names the paper (the reader the
        # protokoll header uses): "Kallelse" / "Tekniska nämnden"
        body, body_span = title_line_body(text, split_units(text[:head_end])[:16])
    if body is None:
        counts: dict[str, int] = {}
        first: dict[str, Span] = {}
        for m in _body_any_matches(text, min(len(text), 500_000)):
            key = collapse(m.group("body")).lower()
            if key in ("nämnden", "styrelsen"):
                continue
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(key, Span(m.start("body"), m.end("body")))
        if counts:
            key = max(counts.items(), key=lambda kv: kv[1])[0]
            body = key[:1].upper() + key[1:]
            body_span = first[key]
    date = date_span = None
    # a label opens a line, or stands inline where the line breaks were lost ("... Tid: 2031-09-12")
    for rx in (r"(?i)(?:sammanträde\w*|mötesdatum|datum)\s*:?",
               r"(?im)(?:^|(?<=\s))[ \t*#]*(?:[Tt]id(?: och plats)?|[Nn]är|[Dd]ag)\s*:"):
        # the first label the date stands beside (a transcript may print an empty
        # "Sammanträdesdatum" field in its title block and the filled one further down)
        for m in re.finditer(rx, text[:head_end]):
            found = first_date(text, m.end(), min(len(text), m.end() + 80))
            if found:
                date, date_span = found
                break
        if date is not None:
            break
    if date is None and body_span is not None:
        # a web page's title line: "Socialnämnden 2023-11-28", the body and its meeting's day
        line_end = text.find("\n", body_span.end)
        found = first_date(text, body_span.end, line_end if 0 <= line_end - body_span.end <= 40 else body_span.end)
        if found:
            date, date_span = found
    if date is None:
        # "Plats och tid Messingen, rum 3, Måndag den 27 februari 2012": a weekday and "den" name
        # the meeting's day, and the "Plats och tid" field holds it
        for cue in (_WEEKDAY_DATE, _PLACE_TIME_LABEL):
            m = cue.search(text, 0, head_end)
            found = first_date(text, m.end() if cue is _PLACE_TIME_LABEL else m.start(), min(len(text), m.end() + 250)) if m else None
            if found:
                date, date_span = found
                break
    place = place_span = None
    m = _PLACE_LABEL.search(text, 0, head_end)
    if m:
        # "Plats: Stadshuset" or the label alone with the place on the next line (web agendas)
        ps, pe = strip_span(text, m.end(), text.find("\n", m.end()) if "\n" in text[m.end() : head_end] else head_end)
        if ps >= pe:
            nxt = next((ln for ln in iter_lines(text, m.end() + 1, head_end) if ln.text), None)
            ps, pe = (nxt.tstart, nxt.tstart + len(nxt.text)) if nxt and len(nxt.text) <= 160 else (ps, ps)
        if ps < pe:
            place_span = place_only(text, ps, pe)
            place = collapse(text[place_span.start : place_span.end])
    return Meeting(body=body, body_span=body_span, municipality=municipality(text), date=date,
                   date_span=date_span, place=place, place_span=place_span)
