"""Recognition stage: Paper -> mentions (spaCy spans with character offsets) and citations."""

from __future__ import annotations

from dataclasses import dataclass

from graf.records import Citation, Mention, Paper


@dataclass(frozen=True)
class Recognised:
    mentions: tuple[Mention, ...]
    citations: tuple[Citation, ...]


def recognise(paper: Paper) -> Recognised:
    """Run the entity pipeline and the citation grammar over the paper's whole text."""
    from graf.nlp.citations import find_citations
    from graf.nlp.pipeline import recognise_entities

    text = paper.source.text
    return Recognised(tuple(recognise_entities(text)), tuple(find_citations(text)))
