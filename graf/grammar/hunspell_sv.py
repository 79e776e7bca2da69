"""The Swedish Hunspell dictionary (PyPI package ``hunspell-sv``) as evidence about words.

A reader decides whether a capitalised word next to a name belongs to the name by knowing the
language: "Paragrafer", "Utses", "Närvarorätt" or "Sekreterare" are ordinary Swedish words
that a page layout happened to put after a name; "Lars", "Ewa" or "Kaj" are entries the
dictionary itself spells with a capital (proper nouns, given names among them). This module
answers those two questions from ``sv_SE.dic`` / ``sv_SE.aff``:

* ``is_ordinary_word(w)`` - the word, in lower case, is a dictionary word or one of its
  inflections (suffix rules of the .aff file, one level, no compounding);
* ``is_proper_noun(w)`` - the dictionary lists the word with its capital;
* ``is_personal_name(w)`` - and inflects it as a person's name (genitive only).

The files are installed by the ``hunspell-sv`` package under ``sys.prefix/share/hunspell``
(LGPL-3.0; read, not redistributed). They are read lazily, once per process; nothing is
downloaded. When they are absent both answers are False - the evidence is missing, and the
callers' other evidence (layout, parties, titles, the given-name list) still decides.
"""

from __future__ import annotations

import re
import sys
import sysconfig
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DIC = "sv_SE.dic"
_AFF = "sv_SE.aff"


def _candidate_dirs() -> list[Path]:
    dirs = []
    for prefix in dict.fromkeys((sys.prefix, sys.base_prefix, sysconfig.get_path("data"))):
        if prefix:
            dirs.append(Path(prefix) / "share" / "hunspell")
    dirs.append(Path("/usr/share/hunspell"))
    return dirs


def dictionary_dir() -> Path | None:
    """The folder holding sv_SE.dic and sv_SE.aff, or None when hunspell-sv is not installed."""
    for d in _candidate_dirs():
        if (d / _DIC).is_file() and (d / _AFF).is_file():
            return d
    return None


@dataclass(frozen=True)
class _Suffix:
    flag: str
    strip: str  # letters the rule removes from the stem ("" for none)
    add: str  # letters it appends
    condition: re.Pattern[str]  # what the stem must end with


@dataclass
class _Lexicon:
    words: dict[str, str]  # lower-case entry -> its affix flags
    proper: dict[str, str]  # entry spelt with a capital, as spelt -> its affix flags
    suffixes_by_ending: dict[str, list[_Suffix]]  # last letter of ``add`` -> rules ("" for none)


def _read_aff(path: Path) -> list[_Suffix]:
    rules: list[_Suffix] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) < 5 or parts[0] != "SFX":
            continue
        flag, strip, add, cond = parts[1], parts[2], parts[3], parts[4]
        add = add.split("/", 1)[0]  # continuation flags: one level is enough here
        strip = "" if strip == "0" else strip
        add = "" if add == "0" else add
        try:
            rx = re.compile("(?:" + cond + ")$") if cond != "." else re.compile("")
        except re.error:
            continue
        rules.append(_Suffix(flag, strip, add, rx))
    return rules


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon | None:
    d = dictionary_dir()
    if d is None:
        return None
    words: dict[str, str] = {}
    proper: dict[str, str] = {}
    lines = (d / _DIC).read_text(encoding="utf-8", errors="replace").splitlines()
    for line in lines[1:]:  # the first line is the entry count
        entry, _, flags = line.partition("/")
        entry = entry.strip()
        if not entry:
            continue
        if entry[:1].isupper():
            proper[entry] = proper.get(entry, "") + flags.strip()
        else:
            words[entry] = words.get(entry, "") + flags.strip()
    by_ending: dict[str, list[_Suffix]] = {}
    for rule in _read_aff(d / _AFF):
        by_ending.setdefault(rule.add[-1:] if rule.add else "", []).append(rule)
    return _Lexicon(words, proper, by_ending)


def available() -> bool:
    """Is the dictionary installed (so that its answers are evidence)?"""
    return _lexicon() is not None


@lru_cache(maxsize=65536)
def is_ordinary_word(word: str, inflecting: bool = False) -> bool:
    """Is ``word`` (any case) a Swedish dictionary word in lower case or an inflection of one
    ("Paragrafer" -> paragraf, "Utses" -> utse)? Hyphenated words are judged by their last part.
    ``inflecting``: only words the dictionary inflects (entries with affix flags) count - the
    entries without any are a mixed lot that holds some surnames in lower case."""
    lex = _lexicon()
    if lex is None or not word:
        return False
    low = word.lower().rstrip(".:,;")
    if "-" in low:
        low = low.rsplit("-", 1)[-1]
    if not low.isalpha():
        return False
    if low in lex.words and (lex.words[low] or not inflecting):
        return True
    for ending in (low[-1:], ""):
        for rule in lex.suffixes_by_ending.get(ending, ()):
            if rule.add and not low.endswith(rule.add):
                continue
            stem = low[: len(low) - len(rule.add)] + rule.strip
            if len(stem) < 2 or not rule.condition.search(stem):
                continue
            flags = lex.words.get(stem)
            if flags is not None and rule.flag in flags:
                return True
    return False


@lru_cache(maxsize=65536)
def is_proper_noun(word: str) -> bool:
    """Does the dictionary spell ``word`` with its capital (a name of a person or place)?
    The genitive "-s" is accepted ("Lars" itself is an entry; "Evas" -> Eva)."""
    lex = _lexicon()
    if lex is None or not word[:1].isupper():
        return False
    if word in lex.proper:
        return True
    return word.endswith("s") and word[:-1] in lex.proper


def is_proper_noun_entry(word: str) -> bool:
    """Does the dictionary list ``word`` itself, capital and all (no genitive accepted)? Tells a
    place whose name ends in "s" ("Alingsås", "Västerås") from a genitive ("Stockholms")."""
    lex = _lexicon()
    return lex is not None and word in lex.proper


# The dictionary marks how a proper noun inflects: a person's name takes only the genitive
# ("Kaj/A", "Lars/D"); a place also forms compounds or other forms ("Lerum/Adv",
# "Mellby/AX", "Vårgårda/AeX"), and some entries carry no flag at all ("Västra", "Stora").
_PERSONAL_NAME_FLAGS = frozenset("AD")


@lru_cache(maxsize=65536)
def is_personal_name(word: str) -> bool:
    """Is ``word`` a proper noun the dictionary inflects as a person's name (a genitive and
    nothing else)? "Kaj", "Ewa", "Barbara" are; "Lerum", "Vårgårda", "Västra" are not."""
    lex = _lexicon()
    if lex is None or not word[:1].isupper():
        return False
    flags = lex.proper.get(word)
    return flags is not None and bool(flags) and set(flags) <= _PERSONAL_NAME_FLAGS


# A place forms compounds and derivations ("Kista/AeX", "Lerum/Adv", "Alingsås/eX"); an
# organisation the dictionary lists takes the genitive and little else ("Saco/r", "Seko/A").
_PLACE_FLAGS = frozenset("eXvd")


@lru_cache(maxsize=65536)
def is_place_name(word: str) -> bool:
    """Is ``word`` a proper noun the dictionary inflects as a place (compounds, derivations)?
    "Kista", "Lerum", "Alingsås" are; "Saco", "Vårdförbundet", "Anna" are not."""
    lex = _lexicon()
    if lex is None or not word[:1].isupper():
        return False
    flags = lex.proper.get(word)
    if flags is None and word.endswith("s"):
        flags = lex.proper.get(word[:-1])
    return flags is not None and bool(set(flags) & _PLACE_FLAGS)
