"""How names and parties are printed: character classes and helpers that more than one
recogniser reads (places, bodies, persons, parties). Not a component.

Patterns that begin with a look-behind make the regex engine try every position of the text;
where the first character is a fixed class it is matched first and the look-behind checks the
character before it ("X(?<!Y X)" = "(?<!Y)X"), so the scan can skip ahead to candidates.
"""

from __future__ import annotations

import re

from graf.grammar import lexicon as gz
from graf.grammar.names import LOWER, UPPER

# the name grammar's letter classes (graf.grammar.names.UPPER / LOWER) as character sets
UP_CHARS = frozenset(ch for ch in re.sub(r"A-Z", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", UPPER))
LO_CHARS = frozenset(ch for ch in re.sub(r"a-z", "abcdefghijklmnopqrstuvwxyz", LOWER))
NAME_CHARS = UP_CHARS | LO_CHARS | {"-", "–"}

# regex alternations of the party codes and of the party names as printed, longest first
PARTY_CODE_ALT = "|".join(sorted(gz.PARTY_CODES | {"FI"}, key=len, reverse=True))
PARTY_NAME_ALT = "|".join(
    re.escape(n) for n in sorted(gz.PARTY_SURFACES, key=len, reverse=True)
)

# Capitalised determiners and numerals that stand where a place's name would ("Samtliga
# stadsdelsnämnder", "Tre kommun..."): never a district or a city.
NOT_PLACE_NAME = frozenset(
    "Samtliga Alla Berörda Flera Övriga Andra Varje Respektive Dessa De Den En Ett Två Tre "
    "Stadens Stockholms Varje Aktuella Några Vissa Enskilda Nya Tidigare Nuvarande Vår Våra "
    "Denna Detta Utvalda Fyra Fem Sex Sju Åtta Nio Tio Elva Tolv Tretton Fjorton".split()
)



def party_code(printed: str) -> str:
    code = printed.upper()
    return code


def party_from_name(printed: str) -> str | None:
    for name, code in gz.PARTY_SURFACES.items():
        if printed.lower() == name.lower():
            return code
    return None


def name_starts_before(text: str, word: str, whitespace: bool) -> list[int]:
    """Where a capitalised name printed before ``word`` can start (a superset, for the
    patterns "Name(-Name)* <whitespace> word" and "Name<space>word"): every capital letter in
    the run of letters and hyphens that ends right before the whitespace before ``word``."""
    starts: set[int] = set()
    p = text.find(word)
    while p >= 0:
        q = p
        while q > 0 and text[q - 1].isspace():
            q -= 1
        if q < p if whitespace else q == p - 1:
            r = q
            while r > 0 and text[r - 1] in NAME_CHARS:
                r -= 1
            starts.update(i for i in range(r, q) if text[i] in UP_CHARS)
        p = text.find(word, p + 1)
    return sorted(starts)
