"""The grammar of a person's name as these papers print it, and of the party printed beside
it: name tokens (Latin letters of neighbouring and immigrant languages too), middle initials
("Lars B Strand"), particles ("af", "von", "bin"), a party code or name after the name ("(S)",
"(båda M)", ", s,", "från Moderaterna"), the "m.fl." group, and ``party_code`` that normalises
what was printed.

And the evidence a reader uses to tell where a name begins and ends: a given name (the
lexicon's list, or a proper noun of the Swedish dictionary, ``graf.grammar.hunspell_sv``), an
initial, an ordinary Swedish word (no name word), two names run together, a genitive "-s".
``name_extent``, ``split_joined_names`` and ``genitive_at`` apply it; the structure parser
and the recogniser both read them, so a name is the same name in both.

The word lists come from ``graf.grammar.lexicon``. Below the stages (``graf.grammar``
imports no stage).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from graf.grammar import hunspell_sv, roles
from graf.grammar.lexicon import GIVEN_NAMES, NOT_NAME_WORDS, PARTY_CODES, PARTY_NAME_WORDS, PARTY_NAMES


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (and sorted, so the pattern is the
    same in every run whatever the order of a set)."""
    return "|".join(sorted((re.escape(w) for w in words), key=lambda w: (-len(w), w)))


# --------------------------------------------------------------------------- names

# Latin letters of names from neighbouring and immigrant languages too ("Petrović", "Łukasz")
UPPER = "A-ZÅÄÖÉÈÜØÆÁÍÓÚÇŠŽĆČĐŁŃŚŹŻŘĚŇŤĎŐŰÑ"
LOWER = "a-zåäöéèüøæáíóúçšžëïñćčđłńśźżřěňťďőűğşıßàìòùêîûâãõô"
# one capitalised word of a name, with up to two hyphenated parts ("Lars-Erik", "Sten-Ove");
# capitals inside a word only after a lower-case letter ("EvaMargareta", "McLean"): a word in
# capitals only is an abbreviation ("KVK", "S&P"), no name
NAME_TOKEN = rf"[{UPPER}][{LOWER}'’][{LOWER}{UPPER}'’]*(?:-[{UPPER}{LOWER}][{LOWER}'’]*){{0,2}}"
# a middle initial: "Lars B Strand", "Ingemar K. R. Andersson"
INITIAL = rf"[{UPPER}]\.?(?![{LOWER}{UPPER}\w])"
# lower-case words inside a name ("Eva af Ekström", "Omar bin Said")
PARTICLE = r"(?:af|von|van|de|der|den|da|di|du|la|le|el|al|bin|ben)"
# two to five name tokens, a particle allowed before each token after the first, initials
# between the first and the last
NAME = (
    rf"{NAME_TOKEN}(?:[ \u00a0]{INITIAL})*"
    rf"(?:[ \u00a0](?:{PARTICLE}[ \u00a0])?{NAME_TOKEN}(?:[ \u00a0]{INITIAL}(?=[ \u00a0]))*){{1,4}}"
)

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
# the closing parenthesis may be lost at a line end: "Mujde Rashid (v"
_PAREN_PARTY = (
    rf"\(\s*(?:(?:båda|bägge|alla|samtliga)\s+)?(?P<code>{PARTY_CODE_SHAPE}|{_LOWER_CODE})\s*"
    r"(?:\)|(?=[ \t]*(?:\n|$)))"
)
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
    # a local party's code as printed ("SfS"), but no ordinary word: "(Kommunal)" is a union
    if re.fullmatch(PARTY_CODE_SHAPE, p) and not hunspell_sv.is_ordinary_word(p):
        return p
    return None


# --------------------------------------------------------------------------- evidence: which words belong to a name
# A capitalised run of words is not yet a name: a page layout can put a label before it
# ("Paragrafen justeras Anna Berg"), an abbreviation or an ordinary word after it ("Anna Berg
# Tel. 508 ...", "Anna Berg Närvarorätt"), or two names side by side ("Anna Berg Leif Lind").
# The evidence a reader uses: a given name (the lexicon's list, or a proper noun of the
# Swedish dictionary), an initial, and whether a word is an ordinary Swedish word.

INITIAL_RE = re.compile(rf"[{UPPER}]\.?")


@lru_cache(maxsize=65536)
def fold_name(s: str) -> str:
    """Lower case without diacritics, for comparing a printed name with the lexicon."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


_GIVEN_FOLDED = frozenset(fold_name(n) for n in GIVEN_NAMES)


def is_initial(token: str) -> bool:
    return bool(INITIAL_RE.fullmatch(token))


def is_given_name(token: str, listed_only: bool = False) -> bool:
    """A given name by the lexicon's list (the first part of a hyphenated one: "Lars-Åke"),
    or - unless ``listed_only`` - a proper noun the Swedish dictionary inflects as a person's
    name ("Ewa", "Kaj"; surnames are such nouns too, so this is evidence of a name word, not of
    its place in the name)."""
    if token in NOT_NAME_WORDS:
        return False
    if fold_name(token) in _GIVEN_FOLDED:
        return True
    parts = token.split("-")
    if len(parts) > 1 and fold_name(parts[0]) in _GIVEN_FOLDED:
        return True
    return not listed_only and hunspell_sv.is_personal_name(token)


def is_ordinary_word(token: str) -> bool:
    """A capitalised word that is an ordinary Swedish word and no name: in the dictionary in
    lower case (or inflected), not spelt there with a capital, not a given name."""
    if token in NOT_NAME_WORDS:
        return True
    if is_initial(token) or "-" in token:
        return False
    return (
        hunspell_sv.is_ordinary_word(token)
        and not hunspell_sv.is_proper_noun(token)
        and fold_name(token) not in _GIVEN_FOLDED
    )


def name_extent(tokens: list[str], abbreviation_after: bool = False) -> tuple[int, int]:
    """The part [i, j) of a run of capitalised tokens that is the name: ordinary words are
    dropped from both ends ("Paragrafen justeras ..." is no name word; "Marit Kvarnlid
    Närvarorätt" ends before the last word), as long as two tokens remain and the name still
    ends in a surname (not an initial or a given name: "Lars B Strand" keeps "Strand").
    ``abbreviation_after``: the last token is followed by a full stop and more text ("Tel.")."""
    i, j = 0, len(tokens)
    # a listed given name after words that are no given names: the name starts there
    # ("Region Jönköpings Län Martin Höglund")
    k = next((x for x, t in enumerate(tokens) if is_given_name(t, listed_only=True)), None)
    if k and j - k >= 2 and not any(is_given_name(t) for t in tokens[:k]):
        i = k
    while j - i > 2 and not is_given_name(tokens[i]) and (
        is_ordinary_word(tokens[i])
        or roles.is_title_word(tokens[i])
        # a unit or place before a listed given name: "Kulturskolan/Upptech Marie Söderberg"
        or (is_given_name(tokens[i + 1], listed_only=True) and not is_initial(tokens[i + 1]))
    ):
        i += 1
    while j - i > 2:
        last = tokens[j - 1]
        ordinary = is_ordinary_word(last) or roles.is_title_word(last) or (
            abbreviation_after and j == len(tokens) and hunspell_sv.is_ordinary_word(last)
        )
        before = tokens[j - 2]
        # the name must still end in a surname: "Lars B Strand", "Anna Karin Lind" stay whole
        if not ordinary or is_initial(before) or is_given_name(before, listed_only=True):
            break
        j -= 1
        abbreviation_after = False
    return i, j


def split_joined_names(tokens: list[str]) -> list[tuple[int, int]]:
    """Two names run together where a line break or a column was lost ("Ewa Samuelsson Leif
    Rönngren"): given, surname, given, surname is two persons. [(i, j)] per name."""
    out: list[tuple[int, int]] = []
    start = 0
    k = 0
    while len(tokens) - start >= 4:
        k = start + 2
        if (
            is_given_name(tokens[start])
            and not is_given_name(tokens[start + 1], listed_only=True)
            and not is_initial(tokens[start + 1])
            and is_given_name(tokens[k])
            and len(tokens) - k >= 2
        ):
            out.append((start, k))
            start = k
            continue
        break
    out.append((start, len(tokens)))
    return out


# --------------------------------------------------------------------------- genitive

# Surnames that end in -s in the base form ("Wallerius", "Matthias", "Moses"): their
# genitive is printed without a further "s".
_BASE_S_ENDINGS = ("ius", "eus", "us", "is", "os", "ys", "es", "ss", "x", "z")
# words after a name that show it is not a genitive: conjunctions, prepositions, verbs
_NOT_AFTER_GENITIVE = frozenset(
    "och samt eller som har hade är var blev blir kan ska skall får fick med i på för till från "
    "om att vid efter under genom hos mot utan ej inte också även föredrog informerade yrkade yrkar "
    "anmälde anmäler anförde lämnade lämnar reserverade reserverar deltog deltar redogjorde redogör "
    "presenterade presenterar svarade svarar ersätter tjänstgör utsågs utses valdes väljs".split()
)


def is_genitive(last: str, next_word: str) -> bool:
    """Is the name's last token a genitive ("Jönssons motion", "Mourads (kd) begäran" - the
    word after a party printed with the name counts) rather than a surname that ends in -s
    ("Wallerius och")? The word after must be a noun: lower case, no conjunction,
    preposition or past-tense verb."""
    if not next_word[:1].islower() or not last.endswith("s") or len(last) <= 4:
        return False
    if last.endswith(_BASE_S_ENDINGS) or next_word in _NOT_AFTER_GENITIVE:
        return False
    return not (next_word.endswith(("ade", "ar", "de", "te")) and not next_word.endswith(("nde", "ande")))


# what may stand between a name and the word that shows its genitive: "m fl", a party, and
# one line break ("Ebba Ståhls" / "ändringsyrkande")
_AFTER_NAME = re.compile(
    rf"(?:{GROUP})?(?:\s*{_PAREN_PARTY.replace('?P<code>', '')})?(?:{GROUP})?"
    r"(?:[ \u00a0]*\n[ \u00a0]*|[ \u00a0]+)(?P<word>[\wåäö]+)"
)


def genitive_at(text: str, name_end: int) -> bool:
    """Does the name ending at ``name_end`` stand in the genitive, judged by the word after it
    (after "m fl" and a party in parentheses: "Birgit Marklund Beijers m fl (S) yrkande")?"""
    j = text.rfind(" ", 0, name_end)
    last = text[j + 1 : name_end]
    if not last.endswith("s") or len(last) <= 4 or last.endswith(_BASE_S_ENDINGS):
        return False
    if _GROUP_GENITIVE.match(text, name_end, min(len(text), name_end + 20)):
        return True  # "Jan-Erik Wallins med fleras förslag": the group is in the genitive too
    m = _AFTER_NAME.match(text, name_end, min(len(text), name_end + 40))
    return m is not None and is_genitive(last, m.group("word"))


_GROUP_GENITIVE = re.compile(r"\s+(?:med\s+fleras|m\.?\s?fl:?s)(?![\wåäö])")
