"""Text normalisation shared by every reader.

All offsets downstream refer to the text this module returns, so it runs exactly once, in the
reading stage. It decodes bytes (BOMs, UTF-16, UTF-8, cp1252 fallback), rejects binary data,
normalises to NFC and ``\\n`` line ends, and folds Cyrillic/Greek letters that sit inside Latin
words (papers copied through PDF converters or deliberately obfuscated contain headings like
"Ersätтарыttrande").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from graf.grammar.hyphenation import (
    is_word_char,
    join_hyphenated,  # noqa: F401  (the reader joins PDF text)
)
from graf.grammar.scan import caseless

# Cyrillic/Greek letter -> Latin letter, two readings. VISUAL maps look-alikes (the usual
# confusables: Cyrillic "р" looks like "p"); PHONETIC maps transliteration ("р" is "r"). Which
# one a writer meant differs per word, so a mixed word is folded both ways and the reading
# that occurs elsewhere in the same paper as a plain Latin word wins (see fold_mixed_script).
_VISUAL = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s", "і": "i",
    "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "к": "k", "м": "m", "т": "t", "н": "h", "в": "b",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "τ": "t", "ι": "i", "κ": "k",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}
_PHONETIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "з": "z", "и": "i", "й": "j",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "h", "ц": "c", "ы": "y", "э": "e", "ё": "e",
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "З": "Z", "И": "I", "Й": "J",
    "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T",
    "У": "U", "Ф": "F", "Х": "H", "Ц": "C", "Ы": "Y", "Э": "E",
}
_FOREIGN = set(_VISUAL) | set(_PHONETIC)
_WORD = re.compile(r"\w+", re.UNICODE)
_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ɏ]")

# Characters that carry no text: a file with many of them is binary, not a paper.
_CONTROL = {chr(c) for c in range(32)} - {"\n", "\r", "\t", "\f", "\v"}
_CONTROL_AND_REPLACEMENT = tuple(sorted(_CONTROL | {"\ufffd"}))


def _char_class(code_points: list[int]) -> str:
    """A regular-expression class of ``code_points`` written as ranges: a class of ~160 single
    characters, astral ones among them, is tried one character at a time at every position of
    the text (~8x slower over a paper than the dozen ranges it folds into)."""
    runs: list[list[int]] = []
    for c in code_points:
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                         for a, b in runs) + "]"


_FORMAT_CHARS = re.compile(_char_class([c for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]))


class NotText(ValueError):
    """The bytes are not text in any encoding graf accepts."""


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises NotText for binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    sample = data[:65536]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without BOM: every other byte of ASCII text is NUL.
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        codec = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise NotText("binary data (NUL bytes), not text") from exc
        _reject_binary(text)
        return text, codec
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        # Windows Swedish text: cp1252 is a superset of Latin-1 for the printable range.
        text = data.decode("cp1252", errors="replace")
        encoding = "cp1252"
    _reject_binary(text)
    return text, encoding


def _reject_binary(text: str) -> None:
    sample = text[:65536]
    if not sample:
        return
    # str.count per character (C loops) rather than a Python loop over every character
    bad = sum(sample.count(ch) for ch in _CONTROL_AND_REPLACEMENT)
    if bad > max(8, len(sample) // 50):
        raise NotText("binary data, not text")


# any Cyrillic/Greek letter that fold_mixed_script may replace
_FOREIGN_CHAR = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_FOREIGN)) + "]")
# Above this many distinct mixed words, counting every Latin word of the paper once is cheaper
# than looking each reading up on its own.
_MIXED_WORDS_LOOKUP_LIMIT = 24


def _word_end(text: str, pos: int) -> int:
    m = _WORD.match(text, pos)
    return m.end() if m else pos


def _mixed_words(text: str) -> list[tuple[int, int]]:
    """The spans of the words (\\w+ runs) that hold a Cyrillic/Greek letter, in text order."""
    spans: list[tuple[int, int]] = []
    end = -1
    for m in _FOREIGN_CHAR.finditer(text):
        if m.start() < end:
            continue
        start = m.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
        end = _word_end(text, m.start())
        spans.append((start, end))
    return spans


def _word_starts(low: str, word: str) -> list[int]:
    """Where ``word`` (word characters only) stands as a whole word in ``low``."""
    out = []
    n = len(word)
    p = low.find(word)
    while p >= 0:
        before = low[p - 1] if p > 0 else " "
        after = low[p + n] if p + n < len(low) else " "
        if not is_word_char(before) and not is_word_char(after):
            out.append(p)
        p = low.find(word, p + 1)
    return out


def fold_mixed_script(text: str) -> str:
    """Replace Cyrillic/Greek letters inside otherwise Latin words.

    Words written wholly in Cyrillic or Greek are left alone: they are real foreign text.
    """
    if _FOREIGN_CHAR.search(text) is None:
        return text
    spans = _mixed_words(text)
    words = {text[s:e] for s, e in spans}
    latin_counts: dict[str, int] = {}
    counted_all = len(words) > _MIXED_WORDS_LOOKUP_LIMIT
    if counted_all:
        latin_counts.update(Counter(
            m.group(0).lower()
            for m in _WORD.finditer(text)
            if not any(ch in _FOREIGN for ch in m.group(0))
        ))

    low = None if counted_all else caseless(text)

    def latin_count(word_lower: str) -> int:
        """How often ``word_lower`` is printed as a plain Latin word (any case)."""
        if word_lower not in latin_counts:
            if counted_all:
                return 0
            if low is None:
                rx = re.compile(r"(?<!\w)" + re.escape(word_lower) + r"(?!\w)", re.IGNORECASE)
                found = (m.group(0) for m in rx.finditer(text))
            else:
                # the same words found with str.find in the caseless text (a case-insensitive
                # pattern that begins with a look-behind is tried at every position)
                found = (text[p:p + len(word_lower)] for p in _word_starts(low, caseless(word_lower) or word_lower))
            latin_counts[word_lower] = sum(
                1 for w in found if w.lower() == word_lower and not _FOREIGN_CHAR.search(w))
        return latin_counts[word_lower]

    def fix(word: str) -> str:
        if not _LATIN_LETTER.search(word):
            return word
        visual = "".join(_VISUAL.get(ch, ch) for ch in word)
        phonetic = "".join(_PHONETIC.get(ch, ch) for ch in word)
        if latin_count(phonetic.lower()) > latin_count(visual.lower()):
            return phonetic
        if latin_count(visual.lower()) or not _FOREIGN_CHAR.search(visual):
            return visual
        return phonetic

    fixed = {w: fix(w) for w in words}
    parts: list[str] = []
    pos = 0
    for s, e in spans:
        parts.append(text[pos:s])
        parts.append(fixed[text[s:e]])
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def normalise_text(text: str) -> str:
    """NFC, ``\\n`` line ends, no NULs, BOMs or other format characters, non-breaking spaces as spaces, mixed-script
    words folded to Latin."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "").replace("\x00", "")
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2007", " ")
    # format characters (Unicode Cf: soft hyphen, zero-width space/joiners, LRM/RLM and the
    # bidi embeddings, word joiner…) are invisible in print but split words, names, § signs
    # and dnr for every pattern downstream; they carry no text, so they go
    text = _FORMAT_CHARS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return fold_mixed_script(text)
