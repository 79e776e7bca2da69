"""`graf cite`: recognise and link statute / report citations in JSON-lines input.

Input: one JSON object per line with "id" and "text" (other keys are ignored except the
context keys below). Output: one {"id", "links": [...]} per input line, in input order.

Context: paragraphs of one document share memory (a law named with its SFS number in one
paragraph resolves a bare mention in the next; "samma lag" refers back across paragraphs).
Records belong to the same document when they carry the same "file" value, or, without
"file", when their ids share the part before "#" ("doc.txt#1", "doc.txt#2"). A text that
starts with "RESET:" clears the remembered names (the legalref benchmark's directive).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator

from graf.errors import InputError
from graf.graph.iri import Minter
from graf.link.statutes import Resolver, resolve_with
from graf.nlp.citations import find_citations


def _document_key(record: dict) -> str | None:
    if isinstance(record.get("file"), str):
        return record["file"]
    rid = record.get("id")
    if isinstance(rid, str) and "#" in rid:
        return rid.split("#", 1)[0]
    return None


def link_dicts(linked, base: str) -> list[dict]:
    """``iri`` is the IRI the graph gives the cited act or provision (graf.graph.iri.Minter)."""
    mint = Minter(base)
    return [
        {
            "start": lc.citation.span.start,
            "end": lc.citation.span.end,
            "text": lc.citation.text,
            "lagen_nu": lc.lagen_nu,
            "sfs": lc.sfs,
            "provision": lc.provision,
            "iri": mint.cited(lc),
            "kind": lc.kind,
            "celex": lc.celex,
            "report_id": lc.report_id,
            "kfs": lc.kfs,
        }
        for lc in linked
    ]


def cite_lines(lines: Iterable[str], date: dt.date | None, base: str, source: str = "<input>") -> Iterator[dict]:
    """Yield one {"id", "links"} per non-blank input line. Raises InputError (with the line
    number) for a line that is not a JSON object with a string "text"."""
    resolver: Resolver | None = None
    current_doc: str | None = None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(source, f"line {lineno}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(source, f'line {lineno}: expected a JSON object with a string "text"')
        doc = _document_key(record)
        if resolver is None or doc is None or doc != current_doc:
            resolver = Resolver(date)
        current_doc = doc
        text = record["text"]
        if text.lstrip().startswith("RESET:"):
            resolver.reset()
        linked = resolve_with(resolver, find_citations(text))
        yield {"id": record.get("id"), "links": link_dicts(linked, base)}
