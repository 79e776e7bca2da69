"""What a read-only public endpoint refuses before a query reaches the store.

SERVICE (federation) is decided on the parsed query — rdflib's SPARQL parser gives the syntax
tree, and any ServiceGraphPattern node anywhere in it (sub-selects, EXISTS, OPTIONAL…) refuses
the query. A text scan missed forms the grammar allows (``?c .SERVICE``, a prefixed name with an
escaped ``\\#`` read as a comment). When rdflib cannot parse a query that the store might (RDF-star,
engine extensions), the fallback is deliberately blunt: the word SERVICE anywhere in the text,
after SPARQL's \\u escapes are expanded, refuses it. The guard is a courtesy that yields a clear
403; the guarantee is that query workers cannot open network connections at all
(graf.serve.sandbox).

Update detection still reads the text: the store's query entry point refuses updates anyway.
"""

from __future__ import annotations

import re

# Order matters: long strings before short ones; IRIREF per the grammar (no spaces inside);
# a backslash escape (PN_LOCAL_ESC such as \#) is consumed so its '#' does not open a comment.
_LEXICAL = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|\\."
    r"|#[^\n\r]*",
    re.DOTALL,
)
# after blanking, a prologue's IRIs are spaces: PREFIX name: ... BASE ...
_PROLOGUE = re.compile(r"^\s*(?:PREFIX\s+[^\s:]*:\s*|BASE\s*)*", re.IGNORECASE)
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def blank_lexical(query: str) -> str:
    """The query with comments, strings, IRIs and escapes replaced by spaces (same length)."""
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


def _expand_escapes(query: str) -> str:
    """SPARQL's codepoint escapes, which a parser applies before it tokenises."""
    def one(m: re.Match[str]) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except ValueError:
            return m.group(0)
    return _UNICODE_ESCAPE.sub(one, query)


def _tree_has_service(node: object) -> bool:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == "ServiceGraphPattern":
                return True
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, ParseResults)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return False


def uses_service(query: str) -> bool:
    """True when the query asks the server to fetch another endpoint (SPARQL federation)."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(query)
    except Exception:
        return "SERVICE" in _expand_escapes(query).upper()
    return _tree_has_service(tree)
