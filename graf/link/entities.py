"""Stable identities for parties, districts and bodies named in a paper.

``link_entities(mentions)`` groups PARTY, DISTRICT and ORG mentions by their recogniser key:

* party    key = party code ("L"), label = the party's name; ``alt_code`` links Liberalerna
           and its former name Folkpartiet liberalerna (L <-> FP);
* district key = canonical short name ("Järva"), attrs ``valid_from`` / ``valid_until`` when
           known (Stockholm's stadsdelsområden);
* body     key = canonical name lower-cased ("kommunstyrelsen"), label = canonical name
           ("Kommunstyrelsen"); the meeting's own committee gets the name the paper's header
           gives it, so that both are one body;
* municipality  key = the paper's own municipality ("Norrvik") when a body mention names it
           ("Norrviks kommun", "Malmö stad"): the municipality the paper belongs to, not a body
           it refers to. Another municipality ("Granfors kommun") stays a body.

A body mention inside the meeting's place ("Plats: Socialkontoret, sal 2") names a building,
not the organisation, and is dropped.
"""

from __future__ import annotations

import re
from typing import Any

from graf.grammar import lexicon as gz
from graf.records import LinkedEntity, Meeting, Mention, Span

_ALT_CODE = {"L": "FP", "FP": "L"}


def party_name(code: str) -> str:
    """The party's name for a code ("L" -> "Liberalerna"); a local code is returned as is."""
    return gz.PARTY_NAMES.get(code.upper(), code) if code else code


def _district_attrs(key: str) -> tuple[tuple[str, str], ...]:
    valid_from, valid_until = gz.DISTRICTS.get(key, (None, None))
    attrs = []
    if valid_from:
        attrs.append(("valid_from", valid_from))
    if valid_until:
        attrs.append(("valid_until", valid_until))
    return tuple(attrs)


_CITY_OR_MUNICIPALITY = re.compile(r"(?P<name>.+?)\s+(?:kommun|stad)", re.IGNORECASE)


def _names_municipality(name: str, municipality: str) -> bool:
    """True when a body's name is that of ``municipality`` itself: "Norrviks kommun",
    "Malmö stad", "Stockholms stad" (the name in the genitive or not), or the paper speaking
    of its own as "kommunen", "staden"; for a region's paper "Region Västlanda" and "regionen"."""
    printed = name.strip().casefold()
    if municipality.casefold().startswith("region "):
        # a region's paper: "Region Västlanda" and "regionen" are its own; "kommunen" is not
        return printed in ("regionen", municipality.casefold())
    if printed in ("kommunen", "staden"):
        return True
    m = _CITY_OR_MUNICIPALITY.fullmatch(name.strip())
    if not m:
        return False
    printed, own = m.group("name").casefold(), municipality.casefold()
    return printed == own or printed == own + "s"


# a body mention that ends in its acronym in parentheses ("Stadsledningskontoret (SLK)"), see
# graf.nlp.components.bodies
_PRINTED_ACRONYM = re.compile(r"\((\w{2,6})\)$")


# an acronym printed alone for a body the lexicon knows by its name ("SiS" for Statens
# institutionsstyrelse)
_BARE_ACRONYM = re.compile(r"[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,4}[A-ZÅÄÖ]")


def _printed_acronym(printed: str, name: str) -> str | None:
    """The acronym a body mention prints: in parentheses after the name, or alone in place of
    the name the body is known by."""
    if m := _PRINTED_ACRONYM.search(printed):
        return m.group(1)
    if _BARE_ACRONYM.fullmatch(printed) and printed.casefold() != name.casefold():
        return printed
    return None


def _inside(span: Span, outer: Span | None) -> bool:
    return outer is not None and outer.start <= span.start and span.end <= outer.end


def _merge_type_word_forms(groups: dict[tuple[str, str], dict[str, Any]]) -> None:
    """One body for "Föreningen Holmalund City FF" and "Holmalund City FF": a paper names an
    association, a foundation or a care home with the word for its kind and then without it.
    The fuller form keeps the label."""
    for gkey in [k for k in groups if k[0] == "body"]:
        kind_word, _, rest = gkey[1].partition(" ")
        short = ("body", rest)
        if rest and short in groups and gkey in groups and gz.is_institution_type(kind_word):
            merged = groups.pop(short)
            groups[gkey]["spans"].extend(merged["spans"])
            groups[gkey]["acronym"] = groups[gkey]["acronym"] or merged["acronym"]


def link_entities(mentions: list[Mention], meeting: Meeting | None = None) -> list[LinkedEntity]:
    """One LinkedEntity per party, district and body named, with every span that names it,
    in order of first mention. ``meeting`` (the paper's header) tells the paper's own committee
    and municipality apart from the bodies it refers to."""
    meeting = meeting or Meeting()
    own_body = meeting.body.casefold() if meeting.body else None
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for m in mentions:
        if m.label == "PARTY":
            code = (m.key or m.text).upper()
            gkey = ("party", code)
            label = party_name(code)
            attrs: tuple[tuple[str, str], ...] = (("alt_code", _ALT_CODE[code]),) if code in _ALT_CODE else ()
        elif m.label == "DISTRICT":
            name = m.key or m.text
            gkey = ("district", name)
            label = name
            attrs = _district_attrs(name)
        elif m.label == "ORG":
            if _inside(m.span, meeting.place_span):
                continue
            name = m.key or m.text
            if meeting.municipality and _names_municipality(name, meeting.municipality):
                gkey = ("municipality", meeting.municipality)
                label = meeting.municipality
            else:
                if meeting.body and name.casefold() == own_body:
                    name = meeting.body
                gkey = ("body", name.lower())
                label = name
            attrs = ()
        else:
            continue
        g = groups.setdefault(gkey, {"label": label, "attrs": attrs, "spans": [], "acronym": None})
        g["spans"].append(m.span)
        if gkey[0] == "body" and (acronym := _printed_acronym(m.text, label)):
            g["acronym"] = g["acronym"] or acronym
    _merge_type_word_forms(groups)
    out = []
    for (kind, key), g in groups.items():
        spans: list[Span] = sorted(set(g["spans"]))
        label = g["label"]
        if g["acronym"] and g["acronym"].casefold() != label.casefold():
            label = f"{label} ({g['acronym']})"  # the fullest form the paper prints
        out.append(LinkedEntity(kind=kind, key=key, label=label, spans=tuple(spans), attrs=g["attrs"]))
    return out
