"""Stable identities for parties, districts and bodies named in a paper.

``link_entities(mentions)`` groups PARTY, DISTRICT and ORG mentions by their recogniser key:

* party    key = party code ("L"), label = the party's name; ``alt_code`` links Liberalerna
           and its former name Folkpartiet liberalerna (L <-> FP);
* district key = canonical short name ("Järva"), attrs ``valid_from`` / ``valid_until`` when
           known (Stockholm's stadsdelsområden);
* body     key = canonical name lower-cased ("kommunstyrelsen"), label = canonical name
           ("Kommunstyrelsen").
"""

from __future__ import annotations

from graf.grammar import lexicon as gz
from graf.records import LinkedEntity, Mention, Span

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


def link_entities(mentions: list[Mention]) -> list[LinkedEntity]:
    """One LinkedEntity per party, district and body named, with every span that names it,
    in order of first mention."""
    groups: dict[tuple[str, str], dict] = {}
    for m in mentions:
        if m.label == "PARTY":
            code = (m.key or m.text).upper()
            gkey = ("party", code)
            label = party_name(code)
            attrs = (("alt_code", _ALT_CODE[code]),) if code in _ALT_CODE else ()
        elif m.label == "DISTRICT":
            name = m.key or m.text
            gkey = ("district", name)
            label = name
            attrs = _district_attrs(name)
        elif m.label == "ORG":
            name = m.key or m.text
            gkey = ("body", name.lower())
            label = name
            attrs = ()
        else:
            continue
        g = groups.setdefault(gkey, {"label": label, "attrs": attrs, "spans": []})
        g["spans"].append(m.span)
    out = []
    for (kind, key), g in groups.items():
        spans: list[Span] = sorted(set(g["spans"]))
        out.append(LinkedEntity(kind=kind, key=key, label=g["label"], spans=tuple(spans), attrs=g["attrs"]))
    return out
