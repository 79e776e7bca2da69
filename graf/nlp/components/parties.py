"""graf_parties: party names printed in running text ("Moderaternas", "Vänsterpartiet").
Party codes printed beside a person are found with the person (graf_persons)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from graf.grammar import lexicon as gz
from graf.grammar.scan import finditer_caseless
from graf.nlp.components.candidate import CANDIDATES, TEXT, Candidate, doc_text
from graf.nlp.components.names import PARTY_NAME_ALT, party_from_name

_PARTY_NAME_RE = re.compile(rf"(?<![\w-])({PARTY_NAME_ALT})(s)?(?![\w])", re.I)


# every match begins with a party name as printed, in any case
_PARTY_NAME_LITERALS = tuple((n.lower(), 0) for n in gz.PARTY_SURFACES)


@Language.component("graf_parties", assigns=[CANDIDATES], requires=[CANDIDATES, TEXT])
def recognise_parties(doc: Doc) -> Doc:
    out = doc._.graf_candidates
    text = doc_text(doc)
    for m in finditer_caseless(_PARTY_NAME_RE, text, _PARTY_NAME_LITERALS):
        surface = m.group(1)
        if not surface[0].isupper():  # "moderaterna" lower case is the voters, rarely the party
            continue
        code = party_from_name(surface)
        if code:
            out.append(Candidate("PARTY", m.start(), m.end(), code, None, None))
    return doc

