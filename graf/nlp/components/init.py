"""graf_init: starts the candidate list and keeps the text the recognisers read."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from graf.nlp.components.candidate import CANDIDATES, TEXT


@Language.component("graf_init", assigns=[CANDIDATES, TEXT])
def init_candidates(doc: Doc) -> Doc:
    doc._.graf_candidates = []
    # Doc.text rebuilds the string from every token (a Python object per token); the
    # components read the text many times, so it is built once here.
    # recognise_entities hands the text in with the Doc, so it is only rebuilt for a Doc made
    # elsewhere (nlp("...") directly).
    if doc._.graf_text is None:
        doc._.graf_text = doc.text
    return doc
