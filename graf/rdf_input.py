"""Refusals for RDF files graf is asked to read (validate, query --data, serve --data, push).

Checked before any parser sees the file, in one place for every reader:

* XML entity declarations (``<!ENTITY``) in RDF/XML: a 1 kB "billion laughs" file expands to
  gigabytes (rdflib spun for minutes, pyoxigraph tried to allocate 4.8 GB). RDF/XML written by
  tools never needs them, so any DOCTYPE with an entity is refused.
* A JSON-LD ``@context`` given by reference (a URL or a file name): the parser would fetch it
  at run time — a network request to wherever the file points, and an answer that can change
  under the same file. graf never fetches; the context must be inline.

Sits at the bottom of the layers (imports only graf.errors).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from graf.errors import InputError

_XML_SUFFIXES = {".rdf", ".xml", ".owl", ".rdfxml"}
_JSONLD_SUFFIXES = {".jsonld", ".json"}
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
# the prolog (declaration, comments, DOCTYPE) comes before the first element; a DOCTYPE with
# an internal subset larger than this is itself suspicious and refused
_PROLOG_BYTES = 1 << 20


def refuse_hazards(path: str | Path) -> None:
    """Raise InputError when the file at ``path`` would expand entities or fetch a context."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in _XML_SUFFIXES:
        with p.open("rb") as f:
            head = f.read(_PROLOG_BYTES)
        if _ENTITY.search(head):
            raise InputError(str(path), "declares XML entities (<!ENTITY>); graf refuses entity "
                                        "expansion — write the values out")
    elif suffix in _JSONLD_SUFFIXES:
        try:
            data = json.loads(p.read_bytes())
        except (ValueError, OSError):
            return  # the parser reports it
        if (where := _remote_context(data)) is not None:
            raise InputError(str(path), f"JSON-LD @context refers to {where!r}; graf never fetches a "
                                        "context at run time — put the context inline")


def _remote_context(node: object) -> str | None:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "@context":
                    for ctx in value if isinstance(value, list) else [value]:
                        if isinstance(ctx, str):
                            return ctx
                        stack.append(ctx)
                elif key == "@import" and isinstance(value, str):
                    return value
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return None
