"""graf_districts: districts run by a district committee, named before or after the
committee's word ("Farsta stadsdelsnämnd", "SDN Skärholmen", "stadsdelsnämnden i Östra
Göteborg", "Stadsområde Norr", lists of several), keyed by the gazetteer's canonical name
(graf.grammar.lexicon.DISTRICT_GAZETTEER: Stockholm, Göteborg, Malmö, with dates).

Only the gazetteer's names are districts: the word before "stadsdelsförvaltningens" in
"Förelåg stadsdelsförvaltningens tjänsteutlåtande" is a verb, and a capitalised word before
the committee word is as often the start of a sentence as a place. The committee's word is
read in the forms papers print: stadsdelsnämnd / -förvaltning / -område / -fullmäktige
(Malmö until 2013), stadsdelsnämndsområde, the common misspelling without the linking s
("stadsdelnämnd"), Malmö's stadsområde / stadsområdesnämnd / -förvaltning (2013-2017), and
SDN / SDF."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from graf.grammar import lexicon as gz
from graf.grammar.names import fold_name
from graf.grammar.scan import finditer_from, literal_scanner, literal_starts
from graf.nlp.components.candidate import CANDIDATES, TEXT, Candidate, doc_text


def _district_alt() -> str:
    names = sorted(gz.DISTRICTS, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\-", "[-–]").replace(r"\ ", r"[ \u00a0]") for n in names)


_D = _district_alt()
_D_ONE = rf"(?:{_D})s?"
_D_LIST = rf"{_D_ONE}(?:\s*,\s*{_D_ONE})*(?:\s*,?\s+(?:och|samt|&)\s+{_D_ONE})?"
# the committee's or its area's word after the name, in every inflection
_ENDINGS = r"(?:en|ens|et|ets|s|er|erna|ernas|ar|arna|arnas|a|ena|enas|n)?"
_SDN = (
    rf"(?:stadsdels?(?:nämnd|förvaltning|område|fullmäktige|nämndsområde){_ENDINGS}"
    rf"|stadsområdes(?:nämnd|förvaltning){_ENDINGS}|SDN|SDF|sdn|sdf)(?![\wåäö])"
)
_DISTRICT_BEFORE = re.compile(rf"(?<![\w-])({_D_LIST})\s+{_SDN}")
# ... and before the name ("Stadsdelsnämnden Askim-Frölunda-Högsbo", "stadsområde Norr")
_DISTRICT_AFTER = re.compile(
    rf"[Ss](?<![\wåäö][Ss])(?:tadsdels?(?:nämnd|förvaltning|område|fullmäktige)(?:en|et|erna|arna|ena|s)?"
    rf"|tadsområdes(?:nämnd|förvaltning)(?:en|s)?|tadsområde(?:t|ts|s)?|(?<=S)DN|(?<=S)DF)"
    rf"(?:\s+i)?\s+({_D_LIST})(?![\wåäö-])"
)
_DISTRICT_ONE = re.compile(rf"(?<![\w-])({_D})(s?)(?![\wåäö])")
_DISTRICT_CANON = {fold_name(n): n for n in gz.DISTRICTS}


def _canon_district(surface: str) -> str | None:
    s = re.sub(r"[ \u00a0]+", " ", surface.replace("–", "-"))
    key = _DISTRICT_CANON.get(fold_name(s))
    if key is None and s.endswith("s"):
        key = _DISTRICT_CANON.get(fold_name(s[:-1]))
    return key


# _DISTRICT_BEFORE begins with a district's name: its part before any hyphen or space is
# printed there; _DISTRICT_AFTER with "Stadsdel..." / "Stadsområde..." / "SDN" / "SDF"
_DISTRICT_FIRST_PARTS = literal_scanner({re.split(r"[- ]", n)[0] for n in gz.DISTRICTS})
_DISTRICT_AFTER_LITERALS = (("tadsdel", 1), ("tadsområde", 1), ("SDN", 0), ("SDF", 0))


@Language.component("graf_districts", assigns=[CANDIDATES], requires=[CANDIDATES, TEXT])
def recognise_districts(doc: Doc) -> Doc:
    text = doc_text(doc)
    out = doc._.graf_candidates
    seen: set[int] = set()
    before = finditer_from(_DISTRICT_BEFORE, text, [m.start() for m in _DISTRICT_FIRST_PARTS.finditer(text)])
    after = finditer_from(_DISTRICT_AFTER, text, literal_starts(text, _DISTRICT_AFTER_LITERALS))
    for matches in (before, after):
        for m in matches:
            base = m.start(1)
            for d in _DISTRICT_ONE.finditer(m.group(1)):
                key = _canon_district(d.group(0))
                if key and base + d.start() not in seen:
                    seen.add(base + d.start())
                    out.append(Candidate("DISTRICT", base + d.start(), base + d.end(1), key, None, None))
    return doc
