"""What a read-only public endpoint refuses before a query reaches the store.

A SPARQL text is scanned the way the SPARQL grammar tokenises it — comments, string literals
and IRIs are blanked first — so the word SERVICE inside a string or an IRI does not count, but
the keyword does, whatever its case or spacing.
"""

from __future__ import annotations

import re

# Order matters: long strings before short ones; IRIREF per the grammar (no spaces inside).
_LEXICAL = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*",
    re.DOTALL,
)
# after blanking, a prologue's IRIs are spaces: PREFIX name: ... BASE ...
_PROLOGUE = re.compile(r"^\s*(?:PREFIX\s+[^\s:]*:\s*|BASE\s*)*", re.IGNORECASE)
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_SERVICE = re.compile(r"(?<![\w:?$\-.])SERVICE(?![\w\-:])", re.IGNORECASE)


def blank_lexical(query: str) -> str:
    """The query with comments, strings and IRIs replaced by spaces (same length)."""
    return _LEXICAL.sub(lambda m: " " * len(m.group(0)), query)


def is_update(query: str) -> bool:
    """True when the text is a SPARQL Update request rather than a query."""
    text = blank_lexical(query)
    text = _PROLOGUE.sub("", text)
    first = re.match(r"\s*([A-Za-z]+)", text)
    if first and first.group(1).upper() in _UPDATE_WORDS:
        return True
    # an update may follow a ';' after a first operation
    return any(re.match(rf"\s*{w}\b", part, re.IGNORECASE)
               for part in text.split(";")[1:] for w in _UPDATE_WORDS)


def uses_service(query: str) -> bool:
    """True when the query asks the server to fetch another endpoint (SPARQL federation)."""
    return bool(_SERVICE.search(blank_lexical(query)))
