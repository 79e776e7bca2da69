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
    bad = sum(1 for ch in sample if ch in _CONTROL or ch == "\ufffd")
    if bad > max(8, len(sample) // 50):
        raise NotText("binary data, not text")


def fold_mixed_script(text: str) -> str:
    """Replace Cyrillic/Greek letters inside otherwise Latin words.

    Words written wholly in Cyrillic or Greek are left alone: they are real foreign text.
    """
    if not any(ch in _FOREIGN for ch in text):
        return text
    latin_words = Counter(
        m.group(0).lower()
        for m in _WORD.finditer(text)
        if not any(ch in _FOREIGN for ch in m.group(0))
    )

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if not any(ch in _FOREIGN for ch in word) or not _LATIN_LETTER.search(word):
            return word
        visual = "".join(_VISUAL.get(ch, ch) for ch in word)
        phonetic = "".join(_PHONETIC.get(ch, ch) for ch in word)
        if latin_words.get(phonetic.lower(), 0) > latin_words.get(visual.lower(), 0):
            return phonetic
        if visual.lower() in latin_words or not any(ch in _FOREIGN for ch in visual):
            return visual
        return phonetic

    return _WORD.sub(fix, text)


def normalise_text(text: str) -> str:
    """NFC, ``\\n`` line ends, no NULs or BOMs, non-breaking spaces as spaces, mixed-script
    words folded to Latin."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "").replace("\x00", "")
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2007", " ")
    text = text.replace("\u00ad", "")  # soft hyphen: invisible in print
    text = unicodedata.normalize("NFC", text)
    return fold_mixed_script(text)


_HYPHEN_BREAK = re.compile(r"(\w)-\n[ \t]*([a-zåäöé])")
_CONJUNCTIONS = {"och", "eller", "samt", "respektive", "resp"}


def join_hyphenated(text: str) -> str:
    """Join words that a PDF broke at the line end ("social-\\ntjänsten" -> "socialtjänsten").

    A break before a conjunction is a suspended compound ("hälso-\\noch sjukvård") and stays.
    """

    def fix(match: re.Match[str]) -> str:
        rest = text[match.start(2) : match.start(2) + 12]
        next_word = re.match(r"[a-zåäöé]+", rest)
        if next_word and next_word.group(0) in _CONJUNCTIONS:
            return match.group(0)
        return match.group(1) + match.group(2)

    return _HYPHEN_BREAK.sub(fix, text)
