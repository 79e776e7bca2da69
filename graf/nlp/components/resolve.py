"""graf_resolve: keeps a consistent, non-overlapping set of the candidates (the longest span
wins, then the label's priority) as ``doc._.graf_mentions`` and mirrors it into
``doc.spans["graf"]`` for inspection (displacy)."""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc

from graf.nlp.components.candidate import CANDIDATES, MENTIONS, Candidate

_PRIORITY = {"DNR": 0, "DATE": 1, "DISTRICT": 2, "ORG": 3, "PARTY": 4, "PERSON": 5, "AMOUNT": 6}


@Language.component("graf_resolve", assigns=[MENTIONS, "doc.spans"], requires=[CANDIDATES])
def resolve_candidates(doc: Doc) -> Doc:
    cands: list[Candidate] = doc._.graf_candidates or []
    # duplicates dropped keeping the first (dict.fromkeys, not set: a set's order of candidates
    # holding None changes from run to run, and candidates of the same label and span with
    # different keys tie in the sort, so the kept key changed with it); the sort is stable,
    # so of such a tie the candidate found first wins (the gazetteer's canonical name)
    cands = sorted(dict.fromkeys(cands), key=lambda c: (-(c.end - c.start), _PRIORITY[c.label], c.start))
    kept: list[Candidate] = []
    # the kept spans never overlap, so sorted by start their ends rise too: only the last one
    # starting before a candidate's end can overlap it
    starts: list[int] = []
    ends: list[int] = []
    for c in cands:
        if c.end <= c.start:
            continue
        i = bisect.bisect_left(starts, c.end)
        if i and c.start < ends[i - 1]:
            continue
        kept.append(c)
        starts.insert(i, c.start)
        ends.insert(i, c.end)
    kept.sort(key=lambda c: (c.start, c.end))
    doc._.graf_mentions = kept
    spans = []
    for c in kept:
        sp = doc.char_span(c.start, c.end, label=c.label, alignment_mode="expand")
        if sp is not None:
            spans.append(sp)
    doc.spans["graf"] = spans
    return doc
