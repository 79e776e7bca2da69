"""What graf's spaCy components pass on to each other, declared as Doc extensions.

    doc._.graf_text         the text the components read (a str, see ``doc_text``)
    doc._.graf_candidates   list[Candidate]: every mention a recogniser found, overlaps and all
    doc._.graf_mentions     list[Candidate]: the consistent, non-overlapping set graf_resolve kept

Components name these in their ``assigns`` / ``requires`` so ``nlp.analyze_pipes()`` can check
the order of the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

TEXT = "doc._.graf_text"
CANDIDATES = "doc._.graf_candidates"
MENTIONS = "doc._.graf_mentions"

for _ext in ("graf_text", "graf_candidates", "graf_mentions"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


@dataclass(frozen=True)
class Candidate:
    """One recognised mention with character offsets into ``doc_text(doc)``.

    ``key`` is the canonical value (a date in ISO form, an amount in kronor, a body's listed
    name, a party code); ``party`` and ``role`` are what the paper prints beside a person.
    Equality and hashing are by every field: the resolver drops exact duplicates only."""

    label: str
    start: int
    end: int
    key: str | None = None
    party: str | None = None
    role: str | None = None


def doc_text(doc: Doc) -> str:
    """The text the components read. Doc.text rebuilds the string from a Python object per
    token, which costs as much as tokenising it; the text is kept once in ``doc._.graf_text``
    (set by the caller that made the Doc, else by graf_init)."""
    cached = doc._.graf_text
    return cached if cached is not None else doc.text
