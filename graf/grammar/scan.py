r"""Cheap scans that find where a pattern can start, so the pattern runs only there (used by the
structure parser and the recogniser alike).

Python's regex engine skips ahead quickly only when a pattern begins with a literal or a
character class; a pattern that begins with a look-behind or a case-insensitive alternation is
tried at every position of the text. When every match holds a literal string at a known
offset from its start, ``str.find`` (a C loop) locates the candidates and the pattern is
matched at those positions alone, with the same result as scanning the whole text:

* ``literal_starts`` + ``finditer_from``: at the places a literal stands (in the ``caseless``
  text for a case-insensitive pattern);
* ``finditer_in_lines``: a pattern that stays within a line, over the lines holding a literal;
* ``literal_scanner``: many capitalised literals in one scan;
* and where a pattern begins with a look-behind for a word's start, the look-behind written
  after the first character (``[A-Z](?<![\w-].)``) lets the engine skip to that character.

``once_per_text`` keeps what several readers of one paper ask for (its caseless form, its
lines) so it is computed once. tests/test_fast_scans.py holds each shortcut to the plain scan.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import TypeVar, cast

# sre's case-insensitive matching treats these as equal to ASCII letters; str.lower does not
_CASE_FOLD_EXTRA = (("ſ", "s"), ("ı", "i"))


_T = TypeVar("_T")
_per_text = threading.local()
_TEXTS_KEPT = 4


def once_per_text(text: str, key: Hashable, compute: Callable[[], _T]) -> _T:
    """``compute()`` for ``key`` once per text: several readers of one paper ask for the same
    things of it (its caseless form, its lines, the cuts of its long lines). Kept for the
    last few texts asked about (per thread: a paper's text and the pieces read between its
    questions); a text is immutable, so a result stays right for as long as the same text
    object is asked about."""
    recent: list[tuple[str, dict[Hashable, object]]] = _per_text.__dict__.setdefault("recent", [])
    results = next((held_results for held, held_results in recent if held is text), None)
    if results is None:
        results = {}
        recent.append((text, results))
        if len(recent) > _TEXTS_KEPT:
            del recent[0]
    if key not in results:
        results[key] = compute()
    return cast(_T, results[key])


def caseless(text: str) -> str | None:
    """``text`` lower-cased with every character at its offset, in which a case-insensitive
    regex literal matches where the lower-cased literal is found; None when lower-casing
    changes the length (a few letters such as "İ" lower-case to two characters)."""
    return once_per_text(text, "caseless", lambda: _caseless(text))


def _caseless(text: str) -> str | None:
    low = text.lower()
    for odd, letter in _CASE_FOLD_EXTRA:
        if odd in low:  # (str.translate with a table is a slow per-character loop)
            low = low.replace(odd, letter)
    return low if len(low) == len(text) else None


def literal_starts(text: str, literals: Iterable[tuple[str, int]], start: int = 0,
                   end: int | None = None) -> list[int]:
    """Sorted positions ``p - back`` for every occurrence ``p`` of each (literal, back) that
    lies within ``text[start:end]``."""
    found: set[int] = set()
    if end is None:
        end = len(text)
    find = text.find
    for literal, back in literals:
        p = find(literal, start, end)
        while p >= 0:
            if p >= back:
                found.add(p - back)
            p = find(literal, p + 1, end)
    return sorted(found)


def finditer_from(rx: re.Pattern[str], text: str, starts: Iterable[int], end: int | None = None
                  ) -> Iterator[re.Match[str]]:
    """``rx.finditer(text[:end])`` when every match begins at one of ``starts`` (sorted)."""
    if end is None:
        end = len(text)
    taken = 0
    for pos in starts:
        if pos < taken:
            continue
        m = rx.match(text, pos, end)
        if m:
            yield m
            taken = m.end() if m.end() > pos else pos + 1


def finditer_caseless(rx: re.Pattern[str], text: str, literals: Iterable[tuple[str, int]]
                       ) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a case-insensitive pattern every match of which begins with one
    of ``literals`` ((lower-case literal, back) pairs, as for ``literal_starts``): matched where
    ``str.find`` finds them in the caseless text; over the whole text where there is none
    (lower-casing moved characters)."""
    low = caseless(text)
    if low is None:
        return rx.finditer(text)
    return finditer_from(rx, text, literal_starts(low, literals))


def finditer_in_lines(rx: re.Pattern[str], text: str, literals: Iterable[str], search_text: str | None = None
                      ) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern every match of which lies within one line and holds
    one of ``literals``: the pattern runs over the lines that hold one (found with ``str.find``
    in ``search_text``, by default ``text`` itself; the caseless text for a case-insensitive
    pattern). A look-behind at a line's start still sees the line break before it, and each
    line is scanned with its line break, which a look-ahead sees; so the matches are those of
    the whole-text scan for a pattern without ``$`` or ``\\Z``."""
    if search_text is None:
        search_text = text
    lines: set[int] = set()
    find, rfind = search_text.find, search_text.rfind
    for literal in literals:
        p = find(literal)
        while p >= 0:
            start = rfind("\n", 0, p) + 1
            lines.add(start)
            end = find("\n", p)
            if end < 0:
                break
            p = find(literal, end)
    for start in sorted(lines):
        end = text.find("\n", start)
        yield from rx.finditer(text, start, len(text) if end < 0 else end + 1)


def literal_scanner(literals: Iterable[str]) -> re.Pattern[str]:
    """One pattern that matches the first character of every occurrence of any of
    ``literals`` (overlapping ones too): ``[m.start() for m in scanner.finditer(text)]`` is
    ``literal_starts`` with every back 0. For many literals that begin with capitals (place
    names) one scan skipping from capital to capital beats a ``str.find`` pass per literal
    (~8x for 57 district names); for a few, or lower-case ones, ``literal_starts`` is faster."""
    rests_by_first: dict[str, set[str]] = {}
    for literal in literals:
        rests_by_first.setdefault(literal[0], set()).add(literal[1:])
    alternatives = []
    for first, rests in sorted(rests_by_first.items()):
        if "" in rests:
            alternatives.append(re.escape(first))
        else:
            ahead = "|".join(re.escape(r) for r in sorted(rests, key=len, reverse=True))
            alternatives.append(f"{re.escape(first)}(?={ahead})")
    return re.compile("|".join(alternatives))
