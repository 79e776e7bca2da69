"""Words a PDF broke at the line end ("social-\\ntjänsten"), joined again.

One scanner for two callers with different needs, each with its ``HyphenRule``:

* the reader (``graf.sources``) joins the PDF text once, before any offsets are taken:
  ``READER_RULE``;
* the citation grammar (``graf.nlp.citations``) reads a joined *view* of the text and maps
  every offset in it back to the text (``join_hyphenated_mapped``); its rule also drops
  soft hyphens and joins after a lower-case letter only.

A break before a conjunction is a suspended compound ("hälso-\\noch sjukvård") and stays.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import overload

# the words before which "x-\n" is a suspended compound ("hälso- och sjukvård")
SUSPENDED_COMPOUND_WORDS = frozenset({"och", "eller", "samt", "respektive", "resp"})


def is_word_char(c: str) -> bool:
    """A character of a word as regular expressions' ``\\w`` reads it (letters, digits, "_")."""
    return c.isalnum() or c == "_"


def is_lower_letter(c: str) -> bool:
    return c.isalpha() and c.islower()


@dataclass(frozen=True)
class HyphenRule:
    """Which line-end hyphens to drop: a hyphen right after a character that ``before``
    accepts, then a line break (with ``space_before_break``, spaces and a "\\r" may stand
    between the two), and a next line that goes on with a lower-case word not in
    ``keep_before``. With ``soft_hyphens``, soft hyphens are dropped as well."""

    before: Callable[[str], bool] = is_word_char
    keep_before: Collection[str] = SUSPENDED_COMPOUND_WORDS
    space_before_break: bool = False
    soft_hyphens: bool = False


READER_RULE = HyphenRule()

# the hyphen, the line break and the indent of the next line, when that line goes on with
# a lower-case letter (the "-" first, so the scan skips to hyphens)
_BREAK = re.compile(r"-[ \t]*\r?\n[ \t]*(?=[a-zåäöé])")
_BREAK_OR_SOFT = re.compile("\u00ad|-[ \t]*\r?\n[ \t]*(?=[a-zåäöé])")
_NEXT_WORD = re.compile(r"[a-zåäöé]+")


def join_hyphenated(text: str, rule: HyphenRule = READER_RULE) -> str:
    """``text`` with the words that ``rule`` finds broken at a line end joined again
    ("social-\\ntjänsten" -> "socialtjänsten")."""
    drops = _drops(text, rule)
    if not drops:
        return text
    return "".join(text[s:e] for s, e in _kept(len(text), drops))


class OffsetIndex(Sequence[int]):
    """From every character of a joined text back to its offset in the text it was joined
    from, with one more entry (the text's length). Kept as the joined pieces' starts, not a
    list with an entry per character: the citation grammar asks for a few offsets of a text
    of tens of thousands of characters."""

    def __init__(self, n: int, kept: list[tuple[int, int]]):
        self._n = n
        self._view_starts: list[int] = []  # where each kept piece starts in the joined text
        self._starts: list[int] = []  # ... and in the text
        pos = 0
        for s, e in kept:
            if e > s:
                self._view_starts.append(pos)
                self._starts.append(s)
                pos += e - s
        self._len = pos + 1

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[int]: ...

    def __getitem__(self, i: int | slice) -> int | Sequence[int]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._len))]
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("offset out of range")
        if i == self._len - 1:
            return self._n
        k = bisect.bisect_right(self._view_starts, i) - 1
        return self._starts[k] + i - self._view_starts[k]


def join_hyphenated_mapped(text: str, rule: HyphenRule = READER_RULE) -> tuple[str, Sequence[int]]:
    """``join_hyphenated``, with an index from every character of the joined text back to
    its offset in ``text``; the index has one more entry, ``len(text)``."""
    n = len(text)
    drops = _drops(text, rule)
    kept = _kept(n, drops)
    joined = "".join(text[s:e] for s, e in kept) if drops else text
    return joined, OffsetIndex(n, kept)


def _drops(text: str, rule: HyphenRule) -> list[tuple[int, int]]:
    """The [start, end) pieces to drop: each joined break's hyphen, line end and indent,
    and (by the rule) soft hyphens."""
    drops: list[tuple[int, int]] = []
    before, keep_before = rule.before, rule.keep_before
    for m in (_BREAK_OR_SOFT if rule.soft_hyphens else _BREAK).finditer(text):
        i = m.start()
        if text[i] == "\u00ad":
            drops.append((i, m.end()))
            continue
        if not rule.space_before_break and text[i + 1] != "\n":
            continue
        if i == 0 or not before(text[i - 1]):
            continue
        if keep_before:
            next_word = _NEXT_WORD.match(text, m.end())
            if next_word is not None and next_word.group() in keep_before:
                continue
        drops.append((i, m.end()))
    return drops


def _kept(n: int, drops: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The [start, end) ranges of a text of length ``n`` between the ``drops``."""
    kept: list[tuple[int, int]] = []
    pos = 0
    for s, e in drops:
        kept.append((pos, s))
        pos = e
    kept.append((pos, n))
    return kept
