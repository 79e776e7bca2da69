"""graf_named_bodies: organisations known by their own names, found where a reader finds them.

``graf_bodies`` recognises bodies by what they are called in general (a listed agency, a word in
-nämnden or -förvaltningen, "… AB"). Associations, foundations, care homes, restaurants and
unions have names no list can hold; a reader still knows them from where they stand and how
they are printed. Each rule below is one such place, and the printed capital letters (a name in
the middle of a sentence is capitalised, an ordinary word is not) or the Swedish dictionary
(graf.grammar.hunspell_sv: a word it does not know is no ordinary word) tell the name apart:

* the applicant after an application or grant title: "Ansökan om serveringstillstånd - NAME",
  "verksamhetsbidrag för NAME";
* the holder of an organisation number: "NAME, org.nr. 802000-0000";
* a person's affiliation in parentheses where a party code would stand: "Eva Ek (Vision)",
  and the same after a comma where the line or its heading says the person represents someone
  ("Personalföreträdare" / "Eva Ek, Vision");
* acronyms and association compounds among the senders of minutes or letters and among funders:
  "protokoll från pensionärsrådet, ABC och DEF", "bidrag från ABC och Sparbanksstiftelsen" (not
  statutes, parties or the paper's own diarienummer prefix);
* an institution's type word before its proper name: "Äldreboendet Solgläntan",
  "Stiftelsen Gröna Lyktan"; a genitive name before an association word: "Tallbackens
  intresseförening"; an association compound in mid-sentence: "Hyresgästföreningen";
* a name followed by an acronym spelling its initials: "Föreningen för lokala kulturchefer
  (FLK)";
* a partner after "i samverkan med" / "i samarbete med" / "tillsammans med";
* a sports club by its abbreviation ("Holmalunds IF"); a university or hospital by its town
  ("Umeå universitet", "Södra Älvsborgs sjukhus").

It runs after graf_persons and reads the candidates found so far: a person is not an
organisation, and "(S)" after a name is the party graf_parties found. Last of the recognisers of
bodies, it also drops every body named right after a place label: that is a building.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from graf.grammar import hunspell_sv
from graf.grammar import lexicon as gz
from graf.grammar.names import LOWER, UPPER
from graf.grammar.roles import MEETING_ROLE_RE, is_title_word, signing_role
from graf.grammar.scan import caseless, finditer_caseless, finditer_from, finditer_in_lines, literal_starts
from graf.nlp.citations import is_statute_abbreviation
from graf.nlp.components.candidate import CANDIDATES, TEXT, Candidate, doc_text

_SP = r"[ \u00a0]"
# Speed, with the same matches: a pattern that begins with a look-behind is tried at every
# position of the text, so a name's first capital comes first and the look-behind after it
# ("[A-Z](?<![\w-].)": no word character before the capital) and the engine skips from capital
# to capital; a pattern that begins with case-insensitive words runs only where str.find finds
# them in the caseless text, and one that stays within a line and holds a word only over the
# lines holding it (graf.grammar.scan).
# one word of a proper name: capitalised or an acronym, hyphens and "&" inside allowed
_NAME_WORD = rf"[{UPPER}][{UPPER}{LOWER}0-9&'’-]*"
# a proper name as printed: capitalised words (an "&" between them), at most six
_PROPER_NAME = rf"{_NAME_WORD}(?:{_SP}(?:&{_SP})?{_NAME_WORD}){{0,5}}"
_ACRONYM = rf"[{UPPER}]{{2,6}}"

# The title of an application or grant, its applicant after a dash at the end of the line or
# after "för": "Yttrande över ansökan om serveringstillstånd - NAME", "Ansökan om bidrag för NAME".
_APPLICATION = re.compile(
    r"(?i:ansökan|ansöker|tillstånd|servering|bidrag)[^\n]{0,120}?"
    rf"(?:{_SP}+[-–]{_SP}+|{_SP}för{_SP}+)(?P<name>{_PROPER_NAME})(?=[ \t]*(?:$|[,.(]|{_SP}[a-zåäö]))",
    re.MULTILINE,
)
_APPLICATION_LITERALS = tuple((word, 0) for word in ("ansök", "tillstånd", "servering", "bidrag"))
# A name with its organisation number beside it: "NAME, org.nr. 802000-0000", "NAME (org nr …)"
_ORG_NUMBER = re.compile(
    rf"(?P<name>{_PROPER_NAME}),?{_SP}*\(?(?i:org\.?{_SP}?nr\.?|org\.?{_SP}?nummer|organisationsnummer)"
    rf"[ :.]*\d{{6}}-?\d{{4}}"
)
# What stands in parentheses after a person where a party code would: a word, not a local
# party's code ("SfS", "LPo": mixed case, short)
_AFFILIATION = re.compile(rf"{_SP}?\((?P<name>[{UPPER}][{LOWER}]{{2,}}[\w&-]*(?:{_SP}[\w&-]+){{0,3}})\)")
_AFFILIATION_AFTER_COMMA = re.compile(
    rf",{_SP}+(?P<name>[{UPPER}][{LOWER}]{{2,}}[\w&-]*(?:{_SP}[{UPPER}][\w&-]*){{0,3}})(?=[,.;]|{_SP}|$)"
)
# A word for a person by what they do ("Verksamhetsutvecklare", "Controller", "Sakkunnig",
# "Förvaltningschef"): the agent and title endings of Swedish nouns for people
_PERSON_NOUN_ENDINGS = ("are", "ör", "ist", "log", "ent", "ant", "iker", "chef", "ig", "ombud")
# the person is there for an organisation: a union's or the staff's representative
_REPRESENTS = re.compile(r"(?i)fack|representant|företrädare|ombud")
# Minutes, notes and letters come from bodies: the list after "från" names them
_FROM_LIST = re.compile(
    r"(?i:protokoll(?:et|en)?|minnesanteckningar(?:na)?|anteckningar(?:na)?|skrivelser?|skrivelsen"
    r"|yttranden?|rapport(?:en|er)?|information|inbjudan"
    # and money comes from funders: "bidrag från ABC och Sparbanksstiftelsen"
    rf"|bidrag(?:et)?|medel|finansiering){_SP}+från\s+(?P<list>(?:[^\n.;:]|\n(?![ \t]*\n)){{1,200}})"
)
_FROM_LIST_LITERALS = tuple((word, 0) for word in (
    "protokoll", "minnesanteckningar", "anteckningar", "skrivelse", "yttrande", "rapport", "information",
    "inbjudan", "bidrag", "medel", "finansiering"))
_LIST_SEP = re.compile(r",\s*|\s+(?:och|samt)\s+")
_PROPER_NAME_RE = re.compile(_PROPER_NAME)
_PARTNER = re.compile(
    rf"(?i:i{_SP}+samverkan{_SP}+med|i{_SP}+samarbete{_SP}+med|tillsammans{_SP}+med)\s+(?P<name>{_PROPER_NAME})"
)
_PARTNER_WORDS = ("samverkan", "samarbete")


def _partner_starts(low: str) -> list[int]:
    """Where _PARTNER can match in the caseless text: at "tillsammans", and at the "i" before
    the spaces before "samverkan" / "samarbete"."""
    starts = set(literal_starts(low, (("tillsammans", 0),)))
    for p in literal_starts(low, ((word, 0) for word in _PARTNER_WORDS)):
        q = p
        while q > 0 and low[q - 1] in " \u00a0":
            q -= 1
        if 0 < q < p:
            starts.add(q - 1)
    return sorted(starts)


# A sports club: its name and the abbreviation of the kind of club ("Holmalunds IF")
_CLUB = re.compile(
    rf"(?P<name>[{UPPER}](?<![\w-].)[{LOWER}]+(?:{_SP}[{UPPER}][{LOWER}]+){{0,2}}){_SP}"
    rf"(?P<club>{'|'.join(sorted(gz.CLUB_ABBREVIATIONS, key=len, reverse=True))})(?![\w-])"
)
# A compound naming an association by what it is for, capitalised in mid-sentence:
# "Hyresgästföreningen", "Sparbanksstiftelsen", "Pensionärsförbundet"
_ASSOCIATION_HEAD_WORD = rf"[{UPPER}][{LOWER}]*(?:förening(?:en)?|stiftelsen?|förbund(?:et)?)(?![\w-])"
# "Ängsby Hembygdsförening", "Åby och Lerby Räddningstjänstförbund" (the places before it,
# capitalised)
_ASSOCIATION_WORD = re.compile(
    rf"(?<![\w-])(?P<place>(?!{_ASSOCIATION_HEAD_WORD})[{UPPER}][{LOWER}]+(?:{_SP}och{_SP}[{UPPER}][{LOWER}]+)?{_SP})?[{UPPER}][{LOWER}]{{3,}}(?:förening(?:en)?|stiftelsen?|förbund(?:et)?)(?![\w-])"
)
_ASSOCIATION_LITERALS = ("förening", "stiftelse", "förbund")
# A university, a college or a hospital named by its town: "Umeå universitet", "Södra
# Älvsborgs sjukhus", "Högskolan i Borås", "Universitetssjukhuset i Linköping"
_SEAT_INSTITUTION = re.compile(
    rf"(?<![\w-])(?:(?:[{UPPER}][{LOWER}]+{_SP})?[{UPPER}][{LOWER}]+{_SP}(?:universitet|högskola|(?:universitets)?sjukhus(?:et)?)"
    rf"|(?:Universitetet|Högskolan|Universitetssjukhuset|Sjukhuset){_SP}i{_SP}[{UPPER}][{LOWER}]+)(?![\w-])"
)
_SEAT_INSTITUTION_LITERALS = ("niversitet", "ögskola", "jukhus")
# A place or a proper name in the genitive and the kind of association in lower case:
# "Nolbygårds intresseförening", "Pelarbackens vårdcentral"
_GENITIVE_INSTITUTION = re.compile(
    rf"(?P<owner>[{UPPER}](?<![\w-].)[{LOWER}]{{2,}}s){_SP}(?P<kind>[{LOWER}]{{3,}})(?![\w-])"
)
# An acronym in parentheses after the words it abbreviates
_ACRONYM_IN_PARENS = re.compile(rf"{_SP}?\((?P<acr>{_ACRONYM})\)")
_FUNCTION_WORDS = frozenset("för och i av på med om till samt".split())


def _parenthesis_starts(text: str) -> list[int]:
    """Where _ACRONYM_IN_PARENS can match: at each "(" and at the space before one."""
    starts = []
    for p in literal_starts(text, (("(", 0),)):
        if p > 0 and text[p - 1] in " \u00a0":
            starts.append(p - 1)
        starts.append(p)
    return starts


# a capitalised word and one or two capitalised words after it; the first must name a kind of
# institution (gz.is_institution_type)
_INSTITUTION = re.compile(
    rf"(?P<type>[{UPPER}](?<![\w-].)[{LOWER}]{{2,}})"
    rf"{_SP}(?P<name>[{UPPER}][{LOWER}]{{2,}}(?:{_SP}[{UPPER}][{LOWER}]{{2,}})?)(?![\w-])"
)


_PLACE_LABEL = re.compile(
    r"(?i:(?:justeringens[ \t]+)?(?:plats(?:[ \t]+och[ \t]+tid)?|tid[ \t]+och[ \t]+plats)"
    # a two-column label wrapped onto the next line ("Justeringens" / "plats och tid")
    r"|justering(?:ens)?|(?:sammanträdes|mötes)?lokal)[ \t]*:?[ \t]*$"
)


# what the label's last letter can be, as the case-insensitive pattern reads it ("platS",
# "tiD", "justerinG", "justeringenS", "lokaL"; "ſ" is a long s to the engine)
_PLACE_LABEL_LAST = frozenset("sSſdDgGlL")


def _after_place_label(text: str, pos: int) -> bool:
    # the label ends right before ``pos`` but for spaces, tabs and a colon: the pattern (which
    # begins with case-insensitive words, so it is tried at every position of its window)
    # runs only where the last letter before them can end one
    q = pos
    if q > 0 and text[q - 1] == "\n":
        q -= 1  # "$" matches before a line break that ends the window too
    while q > 0 and text[q - 1] in " \t:":
        q -= 1
    if q == 0 or text[q - 1] not in _PLACE_LABEL_LAST:
        return False
    return bool(_PLACE_LABEL.search(text, max(0, pos - 40), pos))


def _collapse(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


_ITEM_NUMBER_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:§[ \t]*)?\d+[a-zA-Z]?[.)]?[ \t]*$")


def _sentence_initial(text: str, pos: int) -> bool:
    """Does ``pos`` start a sentence, a line, a numbered agenda line or a title after a dash
    (where any word is capitalised)?"""
    j = pos - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    if j < 0 or text[j] in "\n.!?:•":
        return True
    if text[j] in "-–" and j > 0 and text[j - 1].isspace():
        return True
    return text[j].isdigit() and bool(_ITEM_NUMBER_BEFORE.search(text, max(0, j - 12), pos))


def _is_acronym(word: str) -> bool:
    return bool(re.fullmatch(_ACRONYM, word))


def _not_an_organisation_acronym(word: str) -> bool:
    """A statute ("LSS"), a party code ("SD") or a diarienummer prefix shape is not an
    organisation a paper names."""
    return is_statute_abbreviation(word) or word in gz.PARTY_CODES


def _names_an_affiliation(name: str, represents: bool) -> bool:
    """Is ``name``, printed beside a person, the organisation they come from: not a party, a
    role, an official's title or a given name; one ordinary word only where the person is said
    to represent someone (``represents``)."""
    words = name.split()
    first = words[0]
    if (first.upper() in gz.PARTY_CODES or first.lower() in gz.PARTY_NAME_WORDS
            or first.lower().endswith("partiet") or MEETING_ROLE_RE.match(name)
            # not the dictionary's proper nouns: it lists unions among them, inflected like a
            # person's name ("Vårdförbundet")
            or signing_role(name) or is_title_word(first) or first in gz.GIVEN_NAMES
            or words[-1].lower().endswith(_PERSON_NOUN_ENDINGS)
            # where the person comes from: "Eva Lind (Lerum)"
            or (len(words) == 1 and hunspell_sv.is_place_name(first))):
        return False
    return represents or len(words) > 1 or not hunspell_sv.is_ordinary_word(first)


def _names_something(words: list[str], initial: bool) -> bool:
    """Is this run of capitalised words a proper name? In the middle of a sentence the capitals
    say so; at its start (where every word is capitalised) some word must be one the
    dictionary does not hold as an ordinary word, or the name has two capitalised words."""
    if not words:
        return False
    if not initial:
        return True
    if len(words) >= 2:
        return True
    return not hunspell_sv.is_ordinary_word(words[0])


def _is_place_or_person(words: list[str]) -> bool:
    """One word the dictionary spells as a proper noun ("Kista", "Anna") names a place or a
    person, not an organisation."""
    return len(words) == 1 and hunspell_sv.is_proper_noun(words[0])


def _trim_lead(text: str, start: int, name: str) -> tuple[int, str]:
    """Drop leading words that are sentence-initial ordinary words ("Ansökan", "Bidrag") from a
    name found by a pattern that may start at any capital."""
    words = name.split()
    pos = start
    while len(words) > 1 and _sentence_initial(text, pos) and hunspell_sv.is_ordinary_word(words[0]) \
            and not gz.is_institution_type(words[0]):
        pos = text.index(words[1], pos + len(words[0]))
        words = words[1:]
    return pos, " ".join(words)


class NamedBodyRecogniser:
    """Organisations by their own names; see the module docstring for the places looked at."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        cands: list[Candidate] = doc._.graf_candidates
        persons = [c for c in cands if c.label == "PERSON"]
        taken = {(c.start, c.end) for c in cands if c.label in ("PERSON", "PARTY", "DISTRICT", "DNR", "DATE")}
        person_starts = {c.start for c in persons}
        found = []
        dnr_prefixes = frozenset(
            c.key.split()[0] for c in cands if c.label == "DNR" and c.key and re.match(r"[A-ZÅÄÖ]{2,6} ", c.key))
        for c in self._recognise(text, persons, dnr_prefixes):
            if (c.start, c.end) in taken or c.start in person_starts:
                continue
            found.append(c)
        cands.extend(found)
        # a body named right after a place label is the building the meeting or the justering
        # is held in ("Justeringens plats och tid: Socialkontoret", "Plats och tid Vårdcentrum
        # Linden"), not an organisation the paper refers to; this holds for every recogniser's
        # bodies, and this is the last one to add them
        doc._.graf_candidates = [c for c in cands if c.label != "ORG" or not _after_place_label(text, c.start)]
        return doc

    def _recognise(self, text: str, persons: list[Candidate], dnr_prefixes: frozenset[str] = frozenset()
                   ) -> Iterator[Candidate]:
        yield from self._applicants(text)
        yield from self._org_number_holders(text)
        yield from self._affiliations(text, persons)
        yield from self._senders(text, dnr_prefixes)
        yield from self._institutions(text)
        yield from self._initialisms(text)
        yield from self._partners(text)
        yield from self._clubs(text)
        for m in finditer_in_lines(_ASSOCIATION_WORD, text, _ASSOCIATION_LITERALS):
            # a capital in mid-sentence, or on the second word of a name, says it is a name;
            # an ordinary word before it ("Enligt Hyresgästföreningen") is not part of it
            start = m.start()
            if m.group("place") and hunspell_sv.is_ordinary_word(m.group("place").strip()):
                start = m.start() + len(m.group("place"))
            elif m.group("place"):
                yield self._org(start, m.end(), m.group(0))
                continue
            if not _sentence_initial(text, start):
                yield self._org(start, m.end(), text[start:m.end()])
        for m in finditer_in_lines(_SEAT_INSTITUTION, text, _SEAT_INSTITUTION_LITERALS):
            start, name = _trim_lead(text, m.start(), m.group(0))
            # at a sentence's start only with a town the dictionary knows ("Umeå universitet")
            if name[:1].isupper() and (not _sentence_initial(text, start)
                                       or any(hunspell_sv.is_proper_noun(w) for w in name.split())):
                yield self._org(start, m.end(), name)
        yield from self._genitive_institutions(text)

    @staticmethod
    def _org(start: int, end: int, name: str) -> Candidate:
        return Candidate("ORG", start, end, _collapse(name), None, None)

    def _applicants(self, text: str) -> Iterator[Candidate]:
        for m in finditer_caseless(_APPLICATION, text, _APPLICATION_LITERALS):
            start, name = _trim_lead(text, m.start("name"), m.group("name"))
            words = name.split()
            if _is_place_or_person(words) or not _names_something(words, initial=True):
                continue
            yield self._org(start, m.end("name"), name)

    def _org_number_holders(self, text: str) -> Iterator[Candidate]:
        low = caseless(text)
        matches = _ORG_NUMBER.finditer(text) if low is None else finditer_in_lines(_ORG_NUMBER, text, ("org",), low)
        for m in matches:
            start, name = _trim_lead(text, m.start("name"), m.group("name"))
            words = name.split()
            if _is_place_or_person(words):
                continue
            yield self._org(start, m.end("name"), name)

    def _affiliations(self, text: str, persons: list[Candidate]) -> Iterator[Candidate]:
        for p in persons:
            if p.party:
                continue
            line_start = text.rfind("\n", 0, p.start) + 1
            line_end = text.find("\n", p.end)
            line_end = len(text) if line_end < 0 else line_end
            m = _AFFILIATION.match(text, p.end)
            if m:
                # one ordinary word ("Kommunal", "Vision", but also "Sakkunnig") is an organisation
                # only where the line says the person represents one ("närvarande som fackrepresentant")
                context = text[m.end():line_end]
            else:
                # "Eva Ek, Vision" under "Personalföreträdare" or with "facklig representant"
                # beside it: after a comma only where the line or the heading above says so
                m = _AFFILIATION_AFTER_COMMA.match(text, p.end, line_end)
                heading_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
                context = text[heading_start:line_end]
                if not m or not _REPRESENTS.search(context):
                    continue
            name = m.group("name")
            if _names_an_affiliation(name, _REPRESENTS.search(context) is not None):
                yield self._org(m.start("name"), m.end("name"), name)

    def _senders(self, text: str, dnr_prefixes: frozenset[str]) -> Iterator[Candidate]:
        for m in finditer_caseless(_FROM_LIST, text, _FROM_LIST_LITERALS):
            base = m.start("list")
            pos = 0
            items = _LIST_SEP.split(m.group("list"))
            for item in items:
                at = m.group("list").index(item, pos)
                pos = at + len(item)
                # "PRO 2019": the acronym, and the year its papers are from
                word = re.match(r"\S*", item.strip()).group(0)  # type: ignore[union-attr]
                if item.strip() != word and not re.match(r"\s+\d", item.strip()[len(word):]):
                    continue
                # an acronym, or one capitalised word for an institution ("Sparbanksstiftelsen")
                # the prefix of the paper's diarienummer is the paper's own body ("BUN")
                if (_is_acronym(word) and not _not_an_organisation_acronym(word) and word not in dnr_prefixes) or (
                        word[:1].isupper() and word[1:].islower() and gz.is_institution_type(word)):
                    lead = len(item) - len(item.lstrip())
                    yield self._org(base + at + lead, base + at + lead + len(word), word)

    def _institutions(self, text: str) -> Iterator[Candidate]:
        for m in _INSTITUTION.finditer(text):
            if not gz.is_institution_type(m.group("type")):
                continue
            name_words = m.group("name").split()
            # "Förskolan Ekorren", not "Förskolan Anna Berg": a given name and a surname
            if len(name_words) == 2 and (name_words[0] in gz.GIVEN_NAMES or hunspell_sv.is_proper_noun(name_words[0])):
                continue
            yield self._org(m.start(), m.end(), f"{m.group('type')} {m.group('name')}")

    def _initialisms(self, text: str) -> Iterator[Candidate]:
        for m in finditer_from(_ACRONYM_IN_PARENS, text, _parenthesis_starts(text)):
            acr = m.group("acr")
            if len(acr) < 3 or _not_an_organisation_acronym(acr):
                continue
            start = _spelled_by(text, m.start(), acr)
            if start is None:
                continue
            first = text[start:].split(None, 1)[0]
            if not first[:1].isupper():
                continue
            if _sentence_initial(text, start) and not gz.is_institution_type(first):
                continue
            name = text[start:m.start()]
            if re.search(r"(?i)lag(?:en|ens)?\b|förordning|balk", name):
                continue
            yield self._org(start, m.end(), name)  # the link stage adds the printed acronym

    def _clubs(self, text: str) -> Iterator[Candidate]:
        for m in _CLUB.finditer(text):
            start, name = _trim_lead(text, m.start("name"), m.group("name"))
            yield self._org(start, m.end(), f"{name} {m.group('club')}")

    def _genitive_institutions(self, text: str) -> Iterator[Candidate]:
        for m in _GENITIVE_INSTITUTION.finditer(text):
            owner, kind = m.group("owner"), m.group("kind")
            # the owner capitalised in mid-sentence (at a sentence's start "Kommunens förening"
            # is no name) and not a town or a person the dictionary knows ("Stockholms
            # föreningar" are the city's, not one named); the kind a word for an association
            if not gz.is_association_type(kind) or hunspell_sv.is_proper_noun(owner) \
                    or _sentence_initial(text, m.start()):
                continue
            yield self._org(m.start(), m.end(), f"{owner} {kind}")

    def _partners(self, text: str) -> Iterator[Candidate]:
        """The partners named after the cue, one or a list ("tillsammans med Polisen och
        Ängsbyhem"): each a proper name, capitalised in mid-sentence."""
        low = caseless(text)
        for m in _PARTNER.finditer(text) if low is None else finditer_from(_PARTNER, text, _partner_starts(low)):
            pos = m.start("name")
            while True:
                name = _PROPER_NAME_RE.match(text, pos)
                if not name:
                    break
                words = name.group(0).split()
                if not _is_place_or_person(words):
                    yield self._org(name.start(), name.end(), name.group(0))
                sep = _LIST_SEP.match(text, name.end())
                if not sep or "\n\n" in sep.group(0):
                    break
                pos = sep.end()


def _spelled_by(text: str, end: int, acronym: str) -> int | None:
    """Where the words before ``end`` begin whose initials spell ``acronym`` ("Föreningen för
    lokala kulturchefer" <- "FLK"; function words are skipped where they can be, "kultur- och
    fritidschefer" gives two initials); None when they do not."""
    offset = max(0, end - 200)
    words = [(w.group(0), offset + w.start()) for w in re.finditer(r"\w+", text[offset:end])]
    letters = acronym.lower()
    # memoised: a run of function words that start with the acronym's letters ("och och …")
    # could otherwise be tried in every combination
    memo: dict[tuple[int, int], int | None] = {}

    def first_word(k: int, i: int) -> int | None:
        if (k, i) not in memo:
            memo[(k, i)] = spell(k, i)
        return memo[(k, i)]

    def spell(k: int, i: int) -> int | None:
        # words[k] and the letters up to i are still to spell; the index of the name's first word
        if i < 0:
            return k + 1 if words[k + 1][0].lower() not in _FUNCTION_WORDS else None
        if k < 0:
            return None
        word = words[k][0]
        if word.lower() in _FUNCTION_WORDS and (found := first_word(k - 1, i)) is not None:
            return found
        return first_word(k - 1, i - 1) if word[0].lower() == letters[i] else None

    k = first_word(len(words) - 1, len(letters) - 1)
    return None if k is None else words[k][1]


@Language.factory("graf_named_bodies", assigns=[CANDIDATES], requires=[CANDIDATES, TEXT])
def make_named_body_recogniser(nlp: Language, name: str) -> NamedBodyRecogniser:
    return NamedBodyRecogniser()
