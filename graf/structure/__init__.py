"""Structure stage: ``parse(source) -> Paper``.

The paper's kind is read from its content (``detect_kind``); protokoll and dagordning have
their own parsers (``protokoll.py``, which sequences ``header.py``, ``attendance.py``,
``items.py`` and ``motions.py``; ``dagordning.py``) built on shared patterns (``common.py``). Every span points into ``source.text``; parsing never raises on odd text.
"""

from __future__ import annotations

import re
from collections import Counter

from graf.grammar.scan import finditer_caseless
from graf.records import Meeting, Paper, PersonRef, Source
from graf.structure import dagordning, protokoll
from graf.structure.attendance import justering_sentences, parse_signatures
from graf.structure.common import drop_furniture, split_units
from graf.structure.header import find_attendance
from graf.structure.items import NOT_PARA_PREFIX, parse_items, read_motions
from graf.structure.motions import resolve_offices
from graf.structure.reflow import inline_heads, reflow_units

__all__ = ["parse", "detect_kind"]

_PROTOKOLL_WORD = re.compile(r"(?i)\b(?:sammanträdes)?protokoll(?:sutdrag)?\b(?!\s+(?:från|och)\b)|\bprotokoll\s+(?:nr|\d)")
_AGENDA_WORD = re.compile(r"(?i)\b(?:dagordning|föredragningslista|kallelse)\b")
_PARA_LINE = re.compile(r"(?m)^[ \t#*]*(?:(?:[A-ZÅÄÖ]{1,6}|[A-ZÅÄÖ][a-zåäö]{1,3})[ \t])?§[ \t]*\d{1,4}\b")
_PROTOKOLL_SIGNS = re.compile(r"(?im)^[ \t#*]*(?:justerare|utses att justera|justeras|beslutande|närvarande ledamöter|ledamöter)\b|\b(?:yrkade|yrkar|reserverade sig|reserverar sig|justering sker)\b")
# What only minutes print, never an agenda (which says "Val av justerare", "Justering"): a
# justerare appointed ("X (M) utses att ... justera"), a justering clause under a paragraph,
# the signature block's labels, the chair's finding on a proposal
_MINUTES_ONLY = re.compile(
    r"(?i)\butses\b[^.\n]{0,80}?\bjustera\b|\bparagrafen\s+justeras\b|\bjusterandes\s+sign|"
    r"\butdragsbestyrkande\b|\bvid\s+protokollet\b|\bordföranden\s+finner\s+(?:bifall|att)\b"
)
# every match begins with one of these words (any case): the pattern, which begins with "\b"
# and so is tried at every position, runs where str.find finds one in the caseless text
_MINUTES_ONLY_WORDS = tuple((w, 0) for w in ("utses", "paragrafen", "justerandes", "utdragsbestyrkande", "vid",
                                                 "ordföranden"))


def _minutes_only_sign(text: str) -> bool:
    return next(finditer_caseless(_MINUTES_ONLY, text, _MINUTES_ONLY_WORDS), None) is not None


_BILAGOR_LINE = re.compile(r"(?im)^[ \t•*-]*bilagor[ \t]*$")
_NUM_ITEM_LINE = re.compile(r"(?m)^ {0,3}\d{1,3}(?:[ \t][A-Za-z](?=[ \t]))?[ \t]+[A-ZÅÄÖ][\wåäö]")
_PREFIX_PARA_LINE = re.compile(r"(?m)^[ \t#*]*([A-ZÅÄÖ]{2,6}|[A-ZÅÄÖ][a-zåäö]{1,3})[ \t\u00a0]+\d{1,3}(?![\d/:.,\-–]|\s*[/:%-])(?=\s)")
_LIST_LINE = re.compile(r"(?m)^ {0,3}(?:\d{1,3}[.)]|[•·▪●])[ \t]+\S")


def detect_kind(text: str) -> str:
    """"protokoll", "dagordning" or "other", from what the text says and how it is laid out."""
    head = text[:1500]
    paras = len(_PARA_LINE.findall(text[:2_000_000]))
    if not paras:
        # "Ks 12", "SN 45": paragraphs numbered without the sign, one prefix used throughout
        counts = Counter(m.group(1) for m in _PREFIX_PARA_LINE.finditer(text[:2_000_000]))
        paras = max((n for org, n in counts.items() if org not in NOT_PARA_PREFIX), default=0)
        paras = paras if paras >= 3 else 0
    if not paras:
        # a paper whose line breaks were lost: the heads that reflow finds inside its lines
        paras = inline_heads(text)
    if (paras >= 1 and _PROTOKOLL_WORD.search(head)
            and not re.search(r"(?i)förslag till (?:dagordning|föredragningslista)", head)
            and not (_AGENDA_WORD.search(text[:200]) and not _PROTOKOLL_SIGNS.search(text[:5000]))):
        return "protokoll"
    if paras >= 2 and _PROTOKOLL_SIGNS.search(text[:200_000]):
        return "protokoll"
    if _AGENDA_WORD.search(text[:3000]) and (
        paras >= 1 or _LIST_LINE.search(text) or len(text) < 20000 or len(_NUM_ITEM_LINE.findall(text[:200_000])) >= 3
    ):
        return "dagordning"
    if len(_BILAGOR_LINE.findall(text[:2_000_000])) >= 2:
        return "dagordning"
    if len(_LIST_LINE.findall(text[:200_000])) >= 3 and re.search(
        r"(?i)godkännande av dagordning|val av justerare|anmälningar|delegationsbeslut|delegeringsbeslut", text[:200_000]
    ):
        return "dagordning"
    # web agendas of older portals: "Sammanträde 2009-10-22" and items as "4 Title" / "4 A Title"
    if len(_NUM_ITEM_LINE.findall(text[:200_000])) >= 3 and re.search(
        r"(?i)\bsammanträde\b|val av (?:protokolls)?justerare|justering av|utseende av protokoll", text[:200_000]
    ) and not _PROTOKOLL_SIGNS.search(text[:200_000]):
        return "dagordning"
    if paras >= 3:
        return "protokoll"
    return "other"


def parse(source: Source) -> Paper:
    """Parse one paper's structure: meeting, attendance, items (with yrkanden, reservationer,
    uttalanden, handlingar and dnr) and e-signatures."""
    text = source.text or ""
    kind = detect_kind(text)
    if kind == "protokoll":
        meeting, attendance, paragraphs, signed = protokoll.parse(text)
        return Paper(source, kind, meeting, tuple(attendance), tuple(paragraphs), tuple(signed))
    # other papers may print attendance too: a web page's meeting information after the
    # agenda, a transcript of a protokoll whose layout was lost
    all_units = split_units(text)
    listed = tuple(find_attendance(text, all_units) + justering_sentences(text))
    if kind == "dagordning":
        items = dagordning.parse_items(text)
        meeting = dagordning.parse_meeting(text)
        signatures: tuple[PersonRef, ...] = ()
        from_list = True
    else:
        # unknown layout: keep what is recognisable (numbered § paragraphs, the body)
        units = drop_furniture(text, reflow_units(text, all_units))
        items, _first = parse_items(text, units)
        from_list = not items  # § paragraphs were read with their motions
        if not items:
            # a register or agenda list without the words that name the paper's kind
            register = dagordning.numbered_items(text)
            items = register if len(register) >= 3 else []
        meeting = dagordning.parse_meeting(text) if text.strip() else Meeting()
        signatures = tuple(parse_signatures(text))
    if items and from_list and _minutes_only_sign(text):
        # minutes whose § heads carry no sign read as a numbered list; what their items
        # record (yrkanden, omröstningar, reservationer) makes them the meeting's minutes
        recorded = [read_motions(text, it) for it in items]
        if any(it.proposals or it.votes or it.reservations for it in recorded):
            items = resolve_offices(recorded, list(listed), text)
            # (an agenda's signatures were not read above; an unknown layout's were)
            signers = signatures if kind != "dagordning" else tuple(parse_signatures(text))
            return Paper(source, "protokoll", meeting, listed, tuple(items), signers)
    return Paper(source, kind, meeting, listed, tuple(items), signatures)
