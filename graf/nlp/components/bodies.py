"""graf_bodies: nämnder, förvaltningar, kontor, utskott, agencies, companies, cities and
regions. The lexicon's bodies through a PhraseMatcher (keyed by their canonical name), then
generic patterns for the rest (keyed as printed)."""

from __future__ import annotations

import dataclasses
import re

from spacy.language import Language, create_tokenizer
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from graf.grammar import lexicon as gz
from graf.grammar.names import LOWER, UPPER
from graf.grammar.scan import finditer_from, finditer_in_lines, literal_starts
from graf.nlp.components.candidate import CANDIDATES, TEXT, Candidate, doc_text
from graf.nlp.components.names import NOT_PLACE_NAME, name_starts_before

_BODY_GENERIC = re.compile(
    r"(?<![\w-])([A-ZÅÄÖa-zåäö][a-zåäö]{2,}(?:-\s(?:och|samt)\s[a-zåäö]+)?)"
    r"(nämnden|förvaltningen|kontoret|styrelsen)(s)?(?![\wåäö])"
)
_BODY_STEM_EXCLUDE = frozenset(
    {"stadsdels", "denna", "samma", "hela", "egna", "berörda", "ansvariga", "aktuella",
     "vård", "bolags", "förbunds", "skol", "läns"}
)
_UTSKOTT = re.compile(
    r"(?<![\w-])([A-ZÅÄÖa-zåäö][a-zåäö]+(?:nämnden|styrelsen|fullmäktige))s?\s+"
    r"([a-zåäö]+(?:-\s(?:och|samt)\s[a-zåäö]+)?utskott)(?:et|ets|s)?(?![\wåäö])"
)
# _BODY_GENERIC and _UTSKOTT may start at any word but only match where a body word follows
# in the same run of letters; the scan looks for those words and tries the pattern only at the
# start of their run (and of the run before "- och", "- samt").
_HYPHEN_LOWER = re.compile(r"-[a-zåäö]")
_BODY_WORD = re.compile(r"nämnden|förvaltningen|kontoret|styrelsen")
_UTSKOTT_WORD = re.compile(r"nämnden|styrelsen|fullmäktige")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖabcdefghijklmnopqrstuvwxyzåäö")
_COORD_BEFORE = re.compile(r"-\s(?:och|samt)\s")


def _run_starts(text: str, word: re.Pattern) -> list[int]:
    """Start of the letter run holding each ``word``, and of the run before it when the two
    are joined by "-\\s(och|samt)\\s" ("social- och arbetsmarknadsnämnden")."""
    starts = set()
    letters = _LETTERS
    for m in word.finditer(text):
        q = m.start()
        while q > 0 and text[q - 1] in letters:
            q -= 1
        starts.add(q)
        for k in (6, 7):  # len("- och ") / len("- samt ")
            if q >= k and _COORD_BEFORE.fullmatch(text, q - k, q):
                r = q - k
                while r > 0 and text[r - 1] in letters:
                    r -= 1
                starts.add(r)
    return sorted(starts)


# A definite adjective straight before a committee word, without the article "den", is how
# Swedish writes a committee's name ("Tekniska nämnden", "sociala delegationen"); a description
# takes the article or a plural. Only -iska/-iala adjectives: "berörda", "ansvariga",
# "kommunala" describe rather than name.
_BODY_ADJECTIVE = re.compile(
    r"(?<![\w-])([A-ZÅÄÖa-zåäö][a-zåäö]+(?:iska|iala))\s+(nämnden|delegationen|utskottet)s?(?![\wåäö])"
)
_BODY_ADJECTIVE_NOUNS = ("nämnden", "delegationen", "utskottet")


def _adjective_starts(text: str) -> list[int]:
    """Where _BODY_ADJECTIVE can match: the start of the letter run before the whitespace
    before each committee word (the look-behind allows no other start)."""
    starts = set()
    for p in literal_starts(text, ((noun, 0) for noun in _BODY_ADJECTIVE_NOUNS)):
        q = p
        while q > 0 and text[q - 1].isspace():
            q -= 1
        r = q
        while r > 0 and text[r - 1] in _LETTERS:
            r -= 1
        if r < q < p:
            starts.add(r)
    return sorted(starts)


# Compounds whose head names an office that is always a particular body: ombudsmän
# ("Äldreombudsmannen"), inspectorates ("Skolinspektionen"), the government's ministries
# ("Finansdepartementet", "Klimat- och näringslivsdepartementet"), and the audit office of a
# tier of government ("Stadsrevisionen", "Kommunrevisionen"; "Lönerevisionen" is a pay review).
# Capitalised only: lower case "skolinspektionen" may be the visit, not the agency.
_BODY_OFFICE = re.compile(
    rf"(?<![\w-])((?:[{UPPER}][{LOWER}]+-[ \u00a0]och[ \u00a0])?[{UPPER}]?[{LOWER}]{{2,}}departementet"
    rf"|[{UPPER}][{LOWER}]{{2,}}(?:ombudsmannen|inspektionen)"
    r"|(?:Stads|Kommun|Region|Landstings|Riks)revisionen)s?(?![\wåäö])"
)
_BODY_OFFICE_LITERALS = ("departementet", "ombudsmannen", "inspektionen", "revisionen")
# A kommunalförbund is named by a compound in -förbundet and its own name after it
# ("Räddningstjänstförbundet Mellersta Älvdalen"), also in capitals on a title line.
_FORBUND = re.compile(
    rf"(?<![\w-])([{UPPER}][{LOWER}]{{2,}}förbundet(?:[ \t]+[{UPPER}][{LOWER}]+){{1,3}}"
    rf"|[{UPPER}]{{3,}}FÖRBUNDET(?:[ \t]+[{UPPER}]{{2,}}){{1,3}})(?![\wåäö])"
)
_ACRONYM_AFTER = re.compile(rf"[ \u00a0]?\(([{UPPER}][{UPPER}{LOWER}]{{1,5}})\)")


def _title_case(s: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split())


_COMPANY_AFTER = re.compile(
    rf"([{UPPER}](?<![\w-][{UPPER}])[\w&.-]*[ \u00a0](?:(?:i|&)[ \u00a0])?(?:[{UPPER}][\w&.-]*[ \u00a0](?:(?:i|&)[ \u00a0])?){{0,2}})(AB|HB|KB)(?![\w])"
)
_COMPANY_BEFORE = re.compile(rf"A(?<![\w-]A)B[ \u00a0]((?:[{UPPER}][\wåäö-]+)(?:[ \u00a0][{UPPER}][\wåäö-]+)?)")
_CITY = re.compile(rf"([{UPPER}](?<![\w-][{UPPER}])[{LOWER}]+)[ \u00a0](stad|kommun)(?![\wåäö])")
# "Region Skåne", "Region Västra Götaland", "Region Jönköpings län"
_REGION = re.compile(
    rf"R(?<![\w-]R)egion[ \u00a0]([{UPPER}][{LOWER}]+(?:[ \u00a0][{UPPER}][{LOWER}]+)?)([ \u00a0]län)?(?![\wåäö])"
)
# The state's courts, named by the seat of each: "Förvaltningsrätten i Luleå", "Kammarrätten i
# Sundsvall", "Hovrätten för Övre Norrland", "Göteborgs tingsrätt"
_COURT = re.compile(
    rf"(?<![\w-])((?:Förvaltningsrätten|Kammarrätten|Migrationsdomstolen|Tingsrätten)[ \u00a0]i[ \u00a0][{UPPER}][{LOWER}]+"
    rf"|Hovrätten[ \u00a0](?:för|över)[ \u00a0][{UPPER}][{LOWER}]+(?:[ \u00a0][{UPPER}][{LOWER}]+)?"
    rf"|[{UPPER}][{LOWER}]+[ \u00a0]tingsrätt)(?![\wåäö])"
)
_COMPANY_LEAD_STOP = frozenset(
    "Den Det De Ett En Att Och Som Med För Från Till Vid Av Hos Genom Om Enligt Samt Inom "
    "Fastigheten Fastigheterna Hyresvärden Bolaget Företaget Avtal Avtalet".split()
)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class BodyRecogniser:
    """Gazetteer bodies through a PhraseMatcher on lower-case text; then generic patterns."""

    def __init__(self, nlp: Language):
        # The pipeline's own tokenizer only splits words from punctuation (see build_nlp); the
        # gazetteer is matched on spaCy's Swedish rule tokenization, as printed names are
        # tokenised in a Swedish pipeline. Running the rule tokenizer over the whole text would
        # cost more than all of recognition, so the rule tokenizer runs only around the places
        # where a gazetteer name matches the pipeline's word/punctuation tokens: every match on
        # the rule tokens is also a match on those finer tokens (the rule tokenizer only splits
        # at whitespace and at punctuation, apart from units after numbers and a few colloquial
        # contractions, none of which begins or ends a body's name).
        self.rule_tokenizer = create_tokenizer()(nlp)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.candidate_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.surface_to_canon: dict[str, str] = {}
        patterns = []
        candidates = []
        for canon, variants in gz.BODIES.items():
            for v in (canon, *variants):
                for form in (v, v + "s"):
                    self.surface_to_canon[form.lower()] = canon
                    patterns.append(self.rule_tokenizer(form))
                    candidates.append(nlp.tokenizer(form))
        self.matcher.add("BODY", patterns)
        self.candidate_matcher.add("BODY", candidates)
        # lower-cased surface -> the listed spellings (to check case beyond the first letter)
        self.variant_case: dict[str, set[str]] = {}
        acronyms = []
        for canon, variants in gz.BODIES.items():
            for v in (canon, *variants):
                self.variant_case.setdefault(v.lower(), set()).add(v)
                self.variant_case.setdefault(v.lower() + "s", set()).add(v + "s")
                if len(v) <= 5 and sum(c.isupper() for c in v) >= 2:
                    acronyms.append(v)
        # acronyms inside compounds: "SIS-institutionen", "IVO-anmälan"
        self.acronym_lengths = frozenset(len(a) for a in acronyms)
        self.acronym_compound = re.compile(
            r"(?<![\w-])(" + "|".join(map(re.escape, sorted(acronyms, key=len, reverse=True))) + r")(?=-[a-zåäö])"
        )

    def _gazetteer_matches(self, doc: Doc, text: str) -> list[tuple[int, int]]:
        """Character ranges of the gazetteer names the PhraseMatcher finds on the rule
        tokenization of ``text``: the candidates found on ``doc``'s tokens, confirmed on the
        rule tokens of the whitespace-delimited stretch around each."""
        found: set[tuple[int, int]] = set()
        done_until = -1
        n = len(text)
        for _, s, e in sorted(self.candidate_matcher(doc), key=lambda m: (m[1], m[2])):
            a = doc[s].idx
            b = doc[e - 1].idx + len(doc[e - 1])
            if b <= done_until:
                continue
            # the rule tokenizer splits whitespace-delimited stretches independently of each
            # other, so its tokens for this stretch are the ones it would give in the whole text
            while a > 0 and not text[a - 1].isspace():
                a -= 1
            while b < n and not text[b].isspace():
                b += 1
            rule_doc = self.rule_tokenizer(text[a:b])
            for _, rs, re_ in self.matcher(rule_doc):
                start = a + rule_doc[rs].idx
                found.add((start, a + rule_doc[re_ - 1].idx + len(rule_doc[re_ - 1])))
            done_until = b
        return sorted(found)

    def __call__(self, doc: Doc) -> Doc:
        found: list[Candidate] = []
        self._recognise(doc, found)
        text = doc_text(doc)
        doc._.graf_candidates.extend(_with_printed_acronym(text, c) for c in found)
        return doc

    def _recognise(self, doc: Doc, out: list[Candidate]) -> None:
        text = doc_text(doc)
        for start, end in self._gazetteer_matches(doc, text):
            surface = text[start:end]
            wanted = self.variant_case.get(surface.lower(), ())
            # acronyms must be printed as listed: "JO" is not "jo", "SiS" not "sis"
            if not any(len(w) > 5 or surface == w for w in wanted):
                continue
            out.append(Candidate("ORG", start, end, self.surface_to_canon[surface.lower()], None, None))
        # an acronym match ends right before "-" and a lower-case letter
        starts = sorted({h.start() - n for h in _HYPHEN_LOWER.finditer(text) for n in self.acronym_lengths})
        for m in finditer_from(self.acronym_compound, text, [p for p in starts if p >= 0]):
            out.append(Candidate("ORG", m.start(), m.end(), self.surface_to_canon[m.group(1).lower()], None, None))
        for m in finditer_from(_BODY_GENERIC, text, _run_starts(text, _BODY_WORD)):
            stem = m.group(1)
            if stem.lower() in _BODY_STEM_EXCLUDE or stem.lower().endswith("stadsdels"):
                continue
            key = _cap(stem + m.group(2))
            out.append(Candidate("ORG", m.start(), m.end(), key, None, None))
        for m in finditer_from(_BODY_ADJECTIVE, text, _adjective_starts(text)):
            out.append(Candidate("ORG", m.start(), m.end(), f"{_cap(m.group(1).lower())} {m.group(2)}", None, None))
        for m in finditer_in_lines(_BODY_OFFICE, text, _BODY_OFFICE_LITERALS):
            out.append(Candidate("ORG", m.start(), m.end(), m.group(1), None, None))
        for m in finditer_in_lines(_FORBUND, text, ("förbundet", "FÖRBUNDET")):
            name = re.sub(r"\s+", " ", m.group(1))
            out.append(Candidate("ORG", m.start(), m.end(), _title_case(name) if name.isupper() else name, None, None))
        for m in finditer_from(_UTSKOTT, text, _run_starts(text, _UTSKOTT_WORD)):
            key = f"{_cap(m.group(1))}s {m.group(2)}"
            out.append(Candidate("ORG", m.start(), m.end(), key, None, None))
        for m in _COMPANY_AFTER.finditer(text):
            words = [(w.group(0), m.start(1) + w.start()) for w in re.finditer(r"\S+", m.group(1))]
            # "Suppleant i Alingsås Energi AB": a seat on the company's board, then its name
            while words and (words[0][0] in _COMPANY_LEAD_STOP or words[0][0] == "i"
                             or (len(words) > 2 and words[1][0] == "i" and gz.is_position_word(words[0][0]))):
                words = words[1:]
            # a sentence-initial definite noun is not part of the name: "Byggaktören Klövern AB"
            if len(words) >= 2 and words[1][0] != "i" and re.search(r"(?:en|et|na)$", words[0][0]):
                before = text[max(0, words[0][1] - 3) : words[0][1]]
                if not before.strip() or before.rstrip().endswith((".", ":", "!", "?")):
                    words = words[1:]
            if not words:
                continue
            out.append(Candidate("ORG", words[0][1], m.end(), " ".join([w for w, _ in words] + [m.group(2)]), None, None))
        for m in _COMPANY_BEFORE.finditer(text):
            out.append(Candidate("ORG", m.start(), m.end(), "AB " + re.sub(r"\s+", " ", m.group(1)), None, None))
        city_starts = sorted(set(name_starts_before(text, "stad", False)) | set(name_starts_before(text, "kommun", False)))
        for m in finditer_from(_CITY, text, city_starts):
            if m.group(1) in NOT_PLACE_NAME:
                continue
            out.append(Candidate("ORG", m.start(), m.end(), f"{m.group(1)} {m.group(2)}", None, None))
        for m in _REGION.finditer(text):
            name = re.sub(r"[ \u00a0]+", " ", m.group(1))
            if name.endswith(" Län"):
                name = name[:-4]  # "Region Jönköpings Län" as printed in a signature
            if m.group(2) or m.group(0).endswith("Län"):
                name += " län"  # "Region Jönköpings län" is the region's name
            elif name.endswith("s") and not name.endswith("ss"):
                name = name[:-1]  # genitive "Region Stockholms"
            out.append(Candidate("ORG", m.start(), m.end(), f"Region {name}", None, None))
        for m in finditer_in_lines(_COURT, text, ("rätt", "domstolen")):
            out.append(Candidate("ORG", m.start(), m.end(), re.sub(r"\s+", " ", m.group(1)), None, None))


def _with_printed_acronym(text: str, c: Candidate) -> Candidate:
    """The candidate with the acronym the paper prints with the name: "Inspektionen för vård
    och omsorg (IVO)" ends after the parenthesis, an acronym printed in parentheses after an
    unrecognised spelling of the name ("brottsförebyggandet rådet (BRÅ)") takes them in. The
    link stage reads the acronym off the surface: the fullest form the paper prints."""
    m = _ACRONYM_AFTER.match(text, c.end)
    if m and not text[c.start:c.end].endswith(")"):
        return dataclasses.replace(c, end=m.end())
    if c.start > 0 and text[c.start - 1] == "(" and text.startswith(")", c.end) and _ACRONYM_AFTER.fullmatch(
            text, c.start - 1, c.end + 1):
        return dataclasses.replace(c, start=c.start - 1, end=c.end + 1)
    return c




@Language.factory("graf_bodies", assigns=[CANDIDATES], requires=[CANDIDATES, TEXT])
def make_body_recogniser(nlp: Language, name: str) -> BodyRecogniser:
    return BodyRecogniser(nlp)
