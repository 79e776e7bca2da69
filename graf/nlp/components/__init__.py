"""graf's spaCy components, one module each. Importing this package registers them.

Each declares what it reads and writes (``assigns`` / ``requires``, checked by
``nlp.analyze_pipes()``); the data they pass on are Doc extensions (see ``candidate``):

    graf_init       starts doc._.graf_candidates, keeps doc._.graf_text
    graf_numbers    diarienummer, amounts of money, dates            (regular expressions)
    graf_parties    party names ("Moderaternas")
    graf_districts  Stockholm's stadsdelsnämnder / -förvaltningar / -områden
    graf_bodies     nämnder, förvaltningar, kontor, utskott, agencies, companies (PhraseMatcher + patterns)
    graf_persons    natural persons, with party (and the party's own candidate) and official title
    graf_named_bodies  organisations by their own names (applicants, affiliations, institutions …)
    graf_resolve    drops overlapping candidates (longest span wins) -> doc._.graf_mentions

Every recogniser appends ``Candidate`` records with character offsets into the text.
"""

from __future__ import annotations

from graf.nlp.components import (  # noqa: F401  (imported to register the components)
    bodies,
    bodies_named,
    districts,
    init,
    numbers,
    parties,
    persons,
    resolve,
)
from graf.nlp.components.candidate import Candidate

# the order they run in: graf_resolve reads what all the others found
COMPONENTS = (
    "graf_init", "graf_numbers", "graf_parties", "graf_districts",
    "graf_bodies", "graf_persons", "graf_named_bodies", "graf_resolve",
)

__all__ = ["COMPONENTS", "Candidate"]
