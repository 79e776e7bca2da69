"""The grammar of a person's name as these papers print it, and of the party printed beside
it: name tokens (Latin letters of neighbouring and immigrant languages too), particles
("af", "von", "bin"), a party code or name after the name ("(S)", "(båda M)", ", s,",
"från Moderaterna"), the "m.fl." group, and ``party_code`` that normalises what was printed.

Regex building blocks (strings) and compiled patterns only; the word lists come from
``graf.grammar.lexicon``. Below the stages: the structure parser reads it, and the recogniser
can (``graf.grammar`` imports no stage).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from graf.grammar.lexicon import PARTY_CODES, PARTY_NAME_WORDS, PARTY_NAMES


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (and sorted, so the pattern is the
    same in every run whatever the order of a set)."""
    return "|".join(sorted((re.escape(w) for w in words), key=lambda w: (-len(w), w)))


# --------------------------------------------------------------------------- names

# Latin letters of names from neighbouring and immigrant languages too ("Petrović", "Łukasz")
UPPER = "A-ZÅÄÖÉÈÜØÆÁÍÓÚÇŠŽĆČĐŁŃŚŹŻŘĚŇŤĎŐŰÑ"
LOWER = "a-zåäöéèüøæáíóúçšžëïñćčđłńśźżřěňťďőűğşıßàìòùêîûâãõô"
# one capitalised word of a name, with up to two hyphenated parts ("Lars-Erik", "Sten-Ove")
NAME_TOKEN = rf"[{UPPER}][{LOWER}{UPPER}'’]*(?:-[{UPPER}{LOWER}][{LOWER}'’]*){{0,2}}"
# lower-case words inside a name ("Eva af Ekström", "Omar bin Said")
PARTICLE = r"(?:af|von|van|de|der|den|da|di|du|la|le|el|al|bin|ben)"
# two to five name tokens, a particle allowed before each token after the first
NAME = rf"{NAME_TOKEN}(?:[ \u00a0](?:{PARTICLE}[ \u00a0])?{NAME_TOKEN}){{1,4}}"

# One word of a name printed alone on a line ("Magnus Hillborg"): a capitalised word in
# letters only (no capitals inside, unlike NAME_TOKEN, so "KOMMUNSTYRELSEN" is none), or a
# particle.
BARE_NAME_WORD = re.compile(
    r"[A-ZÅÄÖÉÜØÆĆČĐŁŚŠŽ][a-zåäöéèüøæáíóúçëïñćčđłńśźżřěňšžőűğş'’]+"
    r"(?:-[A-ZÅÄÖÉÜa-zåäöéèüøæ][a-zåäöéèüøæáíóúçëïñćčđłńśźżřěňšžőűğş'’]+)*"
    rf"|{PARTICLE}"
)

# --------------------------------------------------------------------------- parties

# what a party code looks like, local lists included ("(S)", "(Kv)", "(SPI)", "(Fi!)")
PARTY_CODE_SHAPE = r"[A-ZÅÄÖ][A-Za-zÅÄÖåäö!]{0,7}"
# the national codes as printed, in capitals or (older papers) in lower case
PARTY_CODE_PRINTED = _alternation(PARTY_CODES | {c.lower() for c in PARTY_CODES})
# older papers print the codes in lower case: "(s)", "(fp)", "(mp)"; every code the lexicon
# names a party for (Fi too)
_LOWER_CODE = rf"(?:{_alternation(c.lower() for c in PARTY_NAMES)})"
# a national code alone in parentheses: "(S)", "(mp)"
PARTY_IN_PARENS = re.compile(rf"\((?:{PARTY_CODE_PRINTED})\)")
_PARTY_NAME_RE = "|".join(sorted((n.capitalize() for n in PARTY_NAME_WORDS), key=len, reverse=True))
_PAREN_PARTY = rf"\(\s*(?:(?:båda|bägge|alla|samtliga)\s+)?(?P<code>{PARTY_CODE_SHAPE}|{_LOWER_CODE})\s*\)"
_NAMED_PARTY = (
    rf"(?:,\s*|\s+från\s+|\s+\((?:båda\s+)?)(?P<pname>{_PARTY_NAME_RE})\)?"
    # "Sten-Ove Danielsson, s, ordförande": a code between commas (or ending the line)
    rf"|,[ \t]?(?P<ccode>{PARTY_CODE_PRINTED})(?=[ \t]*(?:,|\n|$))"
)

# "m.fl." / "med flera": the person speaks for a group
GROUP = r"(?:\s+m\.?\s?fl\.?|\s+med\s+flera)"

# A person as printed in running text: the name, then an optional group mark and party.
# Groups: name, group, code (in parentheses), pname (a party name), ccode (a code between
# commas), group2.
PERSON_RE = re.compile(
    rf"(?P<name>{NAME})(?P<group>{GROUP})?(?:\s*{_PAREN_PARTY}|{_NAMED_PARTY})?(?P<group2>{GROUP})?"
)


def party_code(printed: str) -> str | None:
    """Normalise a printed party (code or name) to its short code; local codes as printed."""
    p = printed.strip().strip("()").strip()
    if not p:
        return None
    low = p.lower()
    for name, code in PARTY_NAME_WORDS.items():
        if low.startswith(name):
            return code
    up = p.upper()
    if up in PARTY_CODES:
        return up
    if re.fullmatch(PARTY_CODE_SHAPE, p):
        return p
    return None
