"""spaCy pipeline that recognises entity mentions in Swedish municipal papers.

``build_nlp()`` returns a ``spacy.blank("sv")`` pipeline whose tokenizer splits words from
punctuation only (the components read the text with regular expressions; spaCy's Swedish rule
tokenizer runs only where the gazetteer of bodies needs it), with graf's own components, one
module each in ``graf.nlp.components`` (see there for what each finds and declares):

    graf_init -> graf_numbers -> graf_parties -> graf_districts -> graf_bodies -> graf_persons
    -> graf_named_bodies -> graf_resolve

Each recogniser appends ``Candidate`` records with character offsets into the text to
``doc._.graf_candidates``; ``graf_resolve`` keeps a consistent non-overlapping set as
``doc._.graf_mentions`` and mirrors it into ``doc.spans["graf"]`` for inspection (displacy).

``recognise_entities(text)`` runs the pipeline chunk by chunk (chunks end at line breaks) and
maps offsets back, so the offsets of every ``Mention`` index the whole text.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from graf.nlp.components import COMPONENTS
from graf.records import Mention, Span

LABELS = ("PERSON", "PARTY", "DISTRICT", "ORG", "DNR", "AMOUNT", "DATE")
CHUNK_CHARS = 20_000


# The pipeline's tokenizer: words and single punctuation marks. The components read the
# text itself (with regular expressions); tokens serve the gazetteer's candidate matching and
# ``doc.spans`` for inspection. spaCy's Swedish rule tokenizer (prefix, suffix and infix
# expressions, exceptions) costs about as much as all of recognition, and nothing here needs
# its finer decisions except the gazetteer, which runs it locally (graf.nlp.components.bodies).
_PUNCT_PREFIX = re.compile(r"^[^\w\s]")
_PUNCT_SUFFIX = re.compile(r"[^\w\s]$")
_PUNCT_INFIX = re.compile(r"[^\w\s]")


def _word_punct_tokenizer(nlp: Language) -> Tokenizer:
    return Tokenizer(
        nlp.vocab,
        prefix_search=_PUNCT_PREFIX.search,
        suffix_search=_PUNCT_SUFFIX.search,
        infix_finditer=_PUNCT_INFIX.finditer,
    )


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """The recognition pipeline (built once per process)."""
    nlp = spacy.blank("sv")
    nlp.tokenizer = _word_punct_tokenizer(nlp)
    nlp.max_length = CHUNK_CHARS * 4
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def _chunks(text: str, size: int = CHUNK_CHARS):
    """Split at line breaks into pieces of at most ``size`` characters (a longer line is cut at
    whitespace). Yields (offset, piece)."""
    pos, n = 0, len(text)
    while pos < n:
        end = min(n, pos + size)
        if end < n:
            cut = text.rfind("\n", pos, end)
            if cut <= pos:
                cut = max(text.rfind(" ", pos, end), text.rfind("\t", pos, end))
            if cut > pos:
                end = cut + 1
        yield pos, text[pos:end]
        pos = end


# spaCy's tokenizer splits a long run without whitespace one affix at a time, rescanning the
# run each time: quadratic. No entity is a 64-character token, so such runs (rules, ASCII art,
# base64, quoting markers) are masked with letters of the same length before tokenising —
# offsets stay exact.
# (written to start at a whitespace character, so the scan skips from one to the next instead
# of trying every position; a run at the very start is checked on its own)
_LONG_RUN = re.compile(r"\s(\S{64,})")
_LONG_RUN_AT_START = re.compile(r"\S{64,}")


def _mask_long_runs(piece: str) -> str:
    spans = [m.span(1) for m in _LONG_RUN.finditer(piece)]
    first = _LONG_RUN_AT_START.match(piece)
    if first:
        spans.insert(0, first.span())
    if not spans:
        return piece
    parts = []
    pos = 0
    for a, b in spans:
        parts.append(piece[pos:a])
        parts.append("x" * (b - a))
        pos = b
    parts.append(piece[pos:])
    return "".join(parts)


def _run(nlp: Language, text: str) -> Doc:
    """nlp(text), with the text handed to the components: spaCy's Doc.text rebuilds the
    string from a Python object per token, which costs as much as tokenising it."""
    doc = nlp.make_doc(text)
    doc._.graf_text = text
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc


def recognise_entities(text: str) -> list[Mention]:
    """Recognise PERSON, PARTY, DISTRICT, ORG, DNR, AMOUNT and DATE mentions in ``text``.

    Offsets are exact character offsets into ``text``. Never raises on any string."""
    if not text:
        return []
    nlp = build_nlp()
    chunks = list(_chunks(text))
    mentions: list[Mention] = []
    for offset, piece in chunks:
        doc = _run(nlp, _mask_long_runs(piece))
        for c in doc._.graf_mentions:
            mentions.append(
                Mention(label=c.label, span=Span(offset + c.start, offset + c.end),
                        text=piece[c.start : c.end], key=c.key, party=c.party, role=c.role)
            )
    return mentions
