"""graf_districts: Stockholm's stadsdelsnämnder / -förvaltningar / -områden named before or
after the word ("Farsta stadsdelsnämnd", "SDN Skärholmen", lists of several), keyed by the
lexicon's canonical name; another city's districts in the same constructions, keyed as
printed."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from graf.grammar import lexicon as gz
from graf.grammar.scan import finditer_from, literal_starts
from graf.nlp.components.candidate import CANDIDATES, TEXT, Candidate, doc_text
from graf.nlp.components.names import LO, NOT_PLACE_NAME, UP, fold, name_starts_before


def _district_alt() -> str:
    names = sorted(gz.DISTRICTS, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\-", "[-–]") for n in names)


_D = _district_alt()
_D_ONE = rf"(?:{_D})s?"
_D_LIST = rf"{_D_ONE}(?:\s*,\s*{_D_ONE})*(?:\s*,?\s+(?:och|samt|&)\s+{_D_ONE})?"
_SDN = r"(?:stadsdels(?:nämnd|förvaltning|område)(?:en|ens|et|ets|s|er|erna|ernas|ar|arna|arnas|a|ena|enas|n)?|SDN|SDF|sdn|sdf)(?![\wåäö])"
_DISTRICT_BEFORE = re.compile(rf"(?<![\w-])({_D_LIST})\s+{_SDN}")
_DISTRICT_AFTER = re.compile(
    rf"[Ss](?<![\wåäö][Ss])(?:tadsdels(?:nämnd|förvaltning|område)(?:en|et|erna|arna|ena)?|(?<=S)DN|(?<=S)DF)(?:\s+i)?\s+({_D_LIST})(?![\wåäö-])"
)
_DISTRICT_ONE = re.compile(rf"(?<![\w-])({_D})(s?)(?![\wåäö])")
_DISTRICT_CANON = {fold(n): n for n in gz.DISTRICTS}
# Another city's district printed in the same construction ("Angereds stadsdelsnämnd"):
# recognised with the printed name as key.
_OTHER_DISTRICT = re.compile(
    rf"([{UP}](?<![\w-][{UP}])[{LO}]+(?:[-–][{UP}][{LO}]+)*)\s+stadsdels(?:nämnd|förvaltning)(?:en|ens|s)?(?![\wåäö])"
)
# Göteborg's style puts the name after the word: "Stadsdelsnämnden Askim-Frölunda-Högsbo",
# "stadsdelsnämnden Östra Göteborg".
_OTHER_DISTRICT_AFTER = re.compile(
    rf"[Ss](?<![\w-][Ss])tadsdels(?:nämnden|förvaltningen)[ \u00a0]+([{UP}][{LO}]+(?:[-–][{UP}][{LO}]+)*(?:[ \u00a0]Göteborg)?)(?![\wåäö-])"
)


def _canon_district(surface: str) -> str | None:
    s = surface.replace("–", "-")
    key = _DISTRICT_CANON.get(fold(s))
    if key is None and s.endswith("s"):
        key = _DISTRICT_CANON.get(fold(s[:-1]))
    return key


# _DISTRICT_BEFORE begins with a district's name: its part before any hyphen is printed there;
# _DISTRICT_AFTER and _OTHER_DISTRICT_AFTER with "Stadsdels..." / "SDN" / "SDF"
_DISTRICT_LITERALS = tuple({(n.split("-")[0], 0) for n in gz.DISTRICTS})
_DISTRICT_AFTER_LITERALS = (("tadsdels", 1), ("SDN", 0), ("SDF", 0))
_OTHER_DISTRICT_AFTER_LITERALS = (("tadsdels", 1),)


@Language.component("graf_districts", assigns=[CANDIDATES], requires=[CANDIDATES, TEXT])
def recognise_districts(doc: Doc) -> Doc:
    text = doc_text(doc)
    out = doc._.graf_candidates
    seen: set[int] = set()
    before = finditer_from(_DISTRICT_BEFORE, text, literal_starts(text, _DISTRICT_LITERALS))
    after = finditer_from(_DISTRICT_AFTER, text, literal_starts(text, _DISTRICT_AFTER_LITERALS))
    for matches in (before, after):
        for m in matches:
            base = m.start(1)
            for d in _DISTRICT_ONE.finditer(m.group(1)):
                key = _canon_district(d.group(0))
                if key and base + d.start() not in seen:
                    seen.add(base + d.start())
                    out.append(Candidate("DISTRICT", base + d.start(), base + d.end(1), key, None, None))
    for m in finditer_from(_OTHER_DISTRICT, text, name_starts_before(text, "stadsdels", whitespace=True)):
        word = m.group(1)
        if m.start(1) in seen or word in NOT_PLACE_NAME or _canon_district(word):
            continue
        key = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
        out.append(Candidate("DISTRICT", m.start(1), m.end(1), key, None, None))
    for m in finditer_from(_OTHER_DISTRICT_AFTER, text, literal_starts(text, _OTHER_DISTRICT_AFTER_LITERALS)):
        word = m.group(1)
        first = word.split()[0].split("-")[0]
        if m.start(1) in seen or first in NOT_PLACE_NAME or first in _NOT_DISTRICT_AFTER or _canon_district(word):
            continue
        out.append(Candidate("DISTRICT", m.start(1), m.end(1), word.replace("–", "-"), None, None))
    return doc


_NOT_DISTRICT_AFTER = frozenset(
    "Januari Februari Mars April Maj Juni Juli Augusti September Oktober November December "
    "Måndag Tisdag Onsdag Torsdag Fredag Lördag Söndag Stockholm Stockholms Sverige Beslut "
    "Protokoll Sammanträde Dnr Bilaga Ordförande Nämnden Och Att Som".split()
)

