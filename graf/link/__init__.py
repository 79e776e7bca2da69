"""Link stage: mentions and structure -> stable identities (persons, parties, districts,
bodies, statutes and reports)."""

from __future__ import annotations

import datetime as dt

from graf.nlp import Recognised
from graf.records import Linked, Mention, Paper


def reference_date(paper: Paper, mentions: tuple[Mention, ...] | list[Mention],
                   today: dt.date | None = None) -> dt.date | None:
    """The date a paper speaks from, for choosing the act in force.

    The meeting date when printed. Otherwise the latest full date the paper prints that is not
    in the future: agendas without a printed date still mention recent decisions, reports and
    deadlines, and a paper cannot refer to the past from before its own meeting. Future dates
    (contract end dates, plans) are ignored. None when the paper prints no usable date; the
    statute linker then uses today.
    """
    if paper.meeting.date is not None:
        return paper.meeting.date
    today = today or dt.date.today()
    best: dt.date | None = None
    for m in mentions:
        if m.label != "DATE" or not m.key:
            continue
        try:
            d = dt.date.fromisoformat(m.key)
        except ValueError:
            continue
        if d <= today and (best is None or d > best):
            best = d
    return best


def link(paper: Paper, recognised: Recognised) -> Linked:
    from graf.link.entities import link_entities
    from graf.link.people import link_persons
    from graf.link.statutes import resolve

    mentions = list(recognised.mentions)
    ref = reference_date(paper, mentions)
    return Linked(
        reference_date=ref,
        persons=list(link_persons(paper, mentions)),
        entities=list(link_entities(mentions, paper.meeting)),
        citations=list(resolve(list(recognised.citations), ref, paper.source.text or "")),
        mentions=mentions,
    )
