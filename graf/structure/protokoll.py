"""Protokoll (minutes): ``parse`` sequences the parsers of its parts - the § items
(``items``, with what members move and declare in ``motions``), the meeting header and
attendance before the first item (``header``, ``attendance``), an attendance list printed
after the items, and the e-signatures."""

from __future__ import annotations

import dataclasses
import re

from graf.records import AgendaItem, Attendance, Meeting, PersonRef, Span
from graf.structure.attendance import ATTENDANCE_LIST, justering_sentences, parse_signatures
from graf.structure.common import drop_furniture, split_units, strip_span
from graf.structure.header import parse_header
from graf.structure.items import parse_items
from graf.structure.motions import relocate_statements, resolve_offices
from graf.structure.votes import attach_appended_lists
from graf.structure.reflow import reflow_units


def parse(text: str) -> tuple[Meeting, list[Attendance], list[AgendaItem], list[PersonRef]]:
    units = reflow_units(text, split_units(text))
    items, first = parse_items(text, drop_furniture(text, units))
    meeting, attendance = parse_header(text, units, first)
    if items:
        at = next(
            (i for i, u in enumerate(units) if u.start > first and u.line_start and len(u.text) < 120
             and ATTENDANCE_LIST.fullmatch(u.text)),
            None,
        )
        if at is not None:
            _, listed = parse_header(text, units[at + 1 :], len(text), role="ledamot")
            attendance = attendance + listed
            cut = strip_span(text, items[-1].span.start, units[at].start)[1]
            if items[-1].span.start < cut < items[-1].span.end:
                items[-1] = _cut_at(items[-1], cut)
    if items:
        # an appendix after the last § (a written reservation, a voting list) is no part of it
        appendix = _APPENDIX.search(text, items[-1].span.start, items[-1].span.end)
        if appendix and appendix.start() > (items[-1].title_span or items[-1].span).end:
            items[-1] = _cut_at(items[-1], strip_span(text, items[-1].span.start, appendix.start())[1])
    attendance = attendance + justering_sentences(text)
    items = relocate_statements(text, attach_appended_lists(text, resolve_offices(items, attendance, text)))
    return meeting, attendance, items, parse_signatures(text)


# "Bilaga § 116" / "Bilaga 2 till § 47", or "Bilaga 1" over a reservation, a statement or a
# voting list: the heading of a document appended to the protocol
_APPENDIX = re.compile(
    r"(?im)^[ \t]*bilaga\b[^\n]{0,30}?§[ \t]*\d+[^\n]{0,60}$"
    r"|^[ \t]*bilaga[ \t]*\d*[ \t]*:?[ \t]*\n[ \t]*(?:reservation|särskilt\s+yttrande|särskilt\s+uttalande|"
    r"protokollsanteckning|omröstning|votering|närvaro)"
)


def _cut_at(item: AgendaItem, cut: int) -> AgendaItem:
    """``item`` ending at ``cut`` (where an attendance list appended to the protocol begins),
    without what was read past it: a voting list there is the appendix's, not this §'s vote."""
    def before(records: tuple) -> tuple:
        return tuple(r for r in records if r.span.start < cut)
    return dataclasses.replace(
        item, span=Span(item.span.start, cut), votes=before(item.votes), proposals=before(item.proposals),
        reservations=before(item.reservations), statements=before(item.statements),
        non_participation=before(item.non_participation),
    )
