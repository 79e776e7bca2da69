"""Readers: files (.txt .md .html .pdf) -> ``Source`` records with normalised text."""

from __future__ import annotations

import hashlib

from graf.records import Source


def source_from_text(text: str, path: str = "<text>", media_type: str = "text/plain") -> Source:
    """Wrap already-decoded text as a Source (normalisation is applied by the readers;
    this helper is for tests and for callers that hold text in memory)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Source(path=path, text=text, sha256=digest, raw_sha256=digest, media_type=media_type)
