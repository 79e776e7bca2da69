"""spaCy pipeline that recognises entity mentions in Swedish municipal papers.

``build_nlp()`` returns a ``spacy.blank("sv")`` pipeline whose tokenizer splits words from
punctuation only (the components read the text with regular expressions; spaCy's Swedish rule
tokenizer runs only where the gazetteer of bodies needs it), with graf's own components:

    graf_numbers    diarienummer, amounts of money, dates            (regular expressions)
    graf_parties    party names ("Moderaternas") and party codes printed with a person
    graf_districts  Stockholm's stadsdelsnämnder / -förvaltningar / -områden
    graf_bodies     nämnder, förvaltningar, kontor, utskott, agencies, companies (PhraseMatcher + patterns)
    graf_persons    natural persons, with party and official title when printed
    graf_resolve    drops overlapping candidates (longest span wins) -> ``doc._.graf_mentions``

Each component appends candidates ``(label, start, end, key, party, role)`` with character
offsets into ``doc.text`` to ``doc._.graf_candidates``; ``graf_resolve`` keeps a consistent
non-overlapping set and mirrors it into ``doc.spans["graf"]`` for inspection (displacy).

``recognise_entities(text)`` runs the pipeline chunk by chunk (chunks end at line breaks) and
maps offsets back, so the offsets of every ``Mention`` index the whole text.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import spacy
from spacy.language import Language, create_tokenizer
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from graf.grammar import dnr
from graf.grammar import lexicon as gz
from graf.grammar.scan import caseless, finditer_from, literal_starts
from graf.records import Mention, Span

LABELS = ("PERSON", "PARTY", "DISTRICT", "ORG", "DNR", "AMOUNT", "DATE")
CHUNK_CHARS = 20_000

for _ext in ("graf_candidates", "graf_mentions"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)

# --------------------------------------------------------------------------- shared pieces
# Patterns that begin with a look-behind make the regex engine try every position of the text;
# where the first character is a fixed class it is matched first and the look-behind checks the
# character before it ("X(?<!Y X)" = "(?<!Y)X"), so the scan can skip ahead to candidates.
# Latin letters of names from neighbouring and immigrant languages too ("Petrović", "Łukasz")
_UP = "A-ZÅÄÖÉÈÜÆØÇŠŽÁÍÓÚÑĆČĐŁŃŚŹŻŘĚŇŤĎŐŰ"
_LO = "a-zåäöéèüæøçšžáíóúñëïôâãõćčđłńśźżřěňťďőűğşıßàìòùêîû"
_NAME_TOK = rf"[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)*"
_PARTICLE = r"(?:von|af|de|van|der|den|del|da|di|du|la|le|el|al|bin|ibn|ben)"
_SP = r"[ \u00a0]"
# a run of capitalised name-like tokens on one line ("Veronica Wolgast Carstorp Förvaltningschef")
_NAME_RUN = re.compile(
    rf"([{_UP}](?<![\w\-.@/][{_UP}])[{_LO}]+(?:-[{_UP}][{_LO}]+)*(?:{_SP}(?:{_PARTICLE}{_SP})?{_NAME_TOK})*)(?![\w\-@])"
)
_NAME_TOK_RE = re.compile(rf"(?:{_PARTICLE}{_SP})?{_NAME_TOK}")
# e-signature layout "Johan Alexander Emanuel,Ojanne<TAB>2024-03-22"
_SIGNATURE = re.compile(
    rf"([{_UP}](?<![\w\-][{_UP}])[{_LO}]+(?:-[{_UP}][{_LO}]+)*(?:{_SP}{_NAME_TOK}){{0,3}}),({_NAME_TOK}(?:[ \-]{_NAME_TOK})?)"
    rf"(?=[ \t]*(?:\t|\d{{4}}-\d{{2}}-\d{{2}}|$))",
    re.M,
)

_CODES = "|".join(sorted(gz.PARTY_CODES | {"FI"}, key=len, reverse=True))
_PARTY_NAME_ALT = "|".join(
    re.escape(n) for n in sorted(gz.PARTY_SURFACES, key=len, reverse=True)
)
_DISTRIB = r"(?:(båda|bägge|samtliga|alla)\s+)?"
# what may follow a person's name to give the party
_AFTER_PAREN = re.compile(
    rf"(\s*m\.?\s?fl\.?)?[ \t\u00a0]*\(\s*{_DISTRIB}({_CODES}|{_CODES.lower()})\s*\)"
)
_AFTER_COMMA_NAME = re.compile(rf",\s+{_DISTRIB}(?:från\s+)?({_PARTY_NAME_ALT})(?![\w])")
_AFTER_FROM_NAME = re.compile(rf"(\s+m\.\s?fl\.?)?\s+från\s+({_PARTY_NAME_ALT})(?![\w])")
_AFTER_COMMA_CODE = re.compile(rf",[ \u00a0]({_CODES}),?(?=[\s,.;:)])")
# older lists: "Sten-Ove Dahl, s, ordförande" (lower case only between commas or at the line end)
_AFTER_COMMA_LOWER = re.compile(rf",[ \u00a0]({_CODES.lower()})(?=[ \t]*(?:,|\n|$))")
_ROLE_AFTER = re.compile(
    r"[ \u00a0]+(?:från[ \u00a0]+(?:sitt[ \u00a0]+)?uppdrag(?:et)?[ \u00a0]+)?(?:som|till)[ \u00a0]+(?:ny[ \u00a0]+|nytt[ \u00a0]+)?([a-zåäö]+)(?![\wåäö])"
)
_COORD_GAP = re.compile(r"\s*(?:,|,?\s+och|,?\s+samt|,?\s+&)\s*")
_STREETISH = (
    "gatan", "gata", "vägen", "väg", "gränd", "plan", "torget", "torg", "skolan", "parken",
    "backen", "huset", "gården", "hemmet", "kyrkan", "sjukhuset", "stiftelsen", "allén",
    "platsen", "hamnen", "institutet",
)
_STREET_NEXT = frozenset(
    "gata gatan väg vägen plats platsen torg torget park parken skola skolan gymnasium "
    "gymnasiet stiftelse stiftelsen hus huset sjukhus sjukhuset kyrka kyrkan allé gränd "
    "backe backen institut institutet förskola förskolan centrum".split()
)


@lru_cache(maxsize=65536)
def _fold(s: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)
    ).lower()


_GIVEN_FOLDED = frozenset(_fold(n) for n in gz.GIVEN_NAMES)
_NOT_NAME = frozenset(gz.NOT_NAME_WORDS)


def _is_given(tok: str) -> bool:
    if _fold(tok) in _GIVEN_FOLDED:
        return True
    parts = tok.split("-")
    return len(parts) > 1 and _fold(parts[0]) in _GIVEN_FOLDED


def _is_title(tok: str) -> bool:
    low = tok.lower()
    if low in gz.TITLE_WORDS or (len(low) > 5 and low.endswith(gz.TITLE_ENDINGS)):
        return True
    base = _indefinite(low)
    return base != low and (base in gz.TITLE_WORDS or (len(base) > 5 and base.endswith(gz.TITLE_ENDINGS)))


def _indefinite(low: str) -> str:
    """"stadsdelsdirektören" -> "stadsdelsdirektör", "sekreteraren" -> "sekreterare",
    "chefen" -> "chef" (titles in running text come in the definite form)."""
    if low.endswith("aren") and low[:-1].endswith(gz.TITLE_ENDINGS):
        return low[:-1]
    if low.endswith("en") and low[:-2].endswith(gz.TITLE_ENDINGS + ("chef", "direktör")):
        return low[:-2]
    return low


def _role_form(title: str) -> str:
    """Normalise meeting roles to the base form; keep an official's title as printed, in the
    indefinite form ("stadsdelsdirektören" -> "stadsdelsdirektör")."""
    low = title.lower()
    if low in ("ordföranden", "ordförande"):
        return "ordförande"
    if low in ("vice ordföranden", "vice ordförande"):
        return "vice ordförande"
    base = _indefinite(low)
    if base != low and " " not in title:
        return title[: len(base)]
    return title


def _party_code(printed: str) -> str:
    code = printed.upper()
    return code


def _party_from_name(printed: str) -> str | None:
    for name, code in gz.PARTY_SURFACES.items():
        if printed.lower() == name.lower():
            return code
    return None


# --------------------------------------------------------------------------- numbers
_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?"
_DATE_TEXT = re.compile(
    rf"(?<![\w])(?:(?:{_WEEKDAY}\s+)?den\s+)?(\d{{1,2}})(?:e|:e)?[ \u00a0]({_MONTH_ALT})\.?[ \u00a0](\d{{4}})(?!\d)",
    re.I,
)
_DATE_ISO = re.compile(r"(\d(?<![\w/.-]\d)\d{3})-(\d{2})-(\d{2})(?![\w/]|-\d)")
_CUE_LITERALS = tuple((word, 0) for word in dnr.CUE_LITERALS)
_AMOUNT = re.compile(
    r"(\d(?<![\w,.]\d)(?:\d{0,2}(?:[ \u00a0]\d{3})+|\d*))(?:,(\d+))?[ \u00a0]?"
    r"(miljarder kronor|miljard kronor|miljoner kronor|miljon kronor|tusen kronor|"
    r"mdkr|mnkr|mkr|mn kr|tkr|kkr|kronor|kr|SEK)(?![\wåäö])"
)
_AMOUNT_FACTOR = {
    "miljarder kronor": 10**9, "miljard kronor": 10**9, "mdkr": 10**9,
    "miljoner kronor": 10**6, "miljon kronor": 10**6, "mnkr": 10**6, "mkr": 10**6,
    "mn kr": 10**6, "tusen kronor": 10**3, "tkr": 10**3, "kkr": 10**3,
    "kronor": 1, "kr": 1, "SEK": 1,
}


_NUMBER_START = re.compile(r"\d(?<!\w\d)")


def _date_text_starts(text: str, numbers: list[int]) -> list[int]:
    """Where _DATE_TEXT can match (a superset): at the start of a number, at "den" before it
    and at the weekday before that, each only whitespace apart."""
    starts: set[int] = set()
    for d in numbers:
        starts.add(d)
        r = d
        while r > 0 and text[r - 1].isspace():
            r -= 1
        if r == d or r < 3:
            continue
        den = r - 3
        starts.add(den)
        r = den
        while r > 0 and text[r - 1].isspace():
            r -= 1
        if r == den:
            continue
        q = r
        while q > 0 and (text[q - 1].isalnum() or text[q - 1] == "_"):
            q -= 1
        if q < r:
            starts.add(q)
    return sorted(starts)


def _numbers(doc: Doc) -> Doc:
    text = _text(doc)
    out = doc._.graf_candidates
    # _DATE_ISO, dnr.MENTION_CLASSIFIED and _AMOUNT begin at a digit that no word character precedes,
    # as _NUMBER_START finds: one scan for the digits instead of one per pattern
    numbers = [m.start() for m in _NUMBER_START.finditer(text)]
    for m in finditer_from(_DATE_TEXT, text, _date_text_starts(text, numbers)):
        try:
            d = _dt.date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        except ValueError:
            continue
        out.append(("DATE", m.start(), m.end(), d.isoformat(), None, None))
    for m in finditer_from(_DATE_ISO, text, numbers):
        try:
            d = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        out.append(("DATE", m.start(), m.end(), d.isoformat(), None, None))
    for m in dnr.MENTION_OFFICE.finditer(text):
        if m.group("office") in dnr.NOT_OFFICE_CODES:
            continue
        key = f"{m.group('office')} {m.group('year')}/{m.group('num')}"
        out.append(("DNR", m.start(), m.end(), key, None, None))
    for m in finditer_from(dnr.MENTION_CLASSIFIED, text, numbers):
        out.append(("DNR", m.start(1), m.end(1), m.group(1), None, None))
    low = _caseless(doc)
    cued = dnr.MENTION_CUED
    bare = cued.finditer(text) if low is None else finditer_from(cued, text, literal_starts(low, _CUE_LITERALS))
    for m in bare:
        out.append(("DNR", m.start(1), m.end(1), m.group(1), None, None))
    for m in finditer_from(_AMOUNT, text, numbers):
        digits = re.sub(r"[ \u00a0]", "", m.group(1))
        try:
            value = Decimal(digits + ("." + m.group(2) if m.group(2) else ""))
        except InvalidOperation:
            continue
        kronor = value * _AMOUNT_FACTOR[m.group(3)]
        key = format(kronor.normalize(), "f") if kronor == kronor.to_integral() else str(kronor)
        if "." in key:
            key = key.rstrip("0").rstrip(".")
        out.append(("AMOUNT", m.start(), m.end(), key, None, None))
    return doc


# --------------------------------------------------------------------------- parties
_PARTY_NAME_RE = re.compile(rf"(?<![\w-])({_PARTY_NAME_ALT})(s)?(?![\w])", re.I)


# every match begins with a party name as printed, in any case
_PARTY_NAME_LITERALS = tuple((n.lower(), 0) for n in gz.PARTY_SURFACES)


def _parties(doc: Doc) -> Doc:
    out = doc._.graf_candidates
    text = _text(doc)
    low = _caseless(doc)
    matches = (
        _PARTY_NAME_RE.finditer(text) if low is None
        else finditer_from(_PARTY_NAME_RE, text, literal_starts(low, _PARTY_NAME_LITERALS))
    )
    for m in matches:
        surface = m.group(1)
        if not surface[0].isupper():  # "moderaterna" lower case is the voters, rarely the party
            continue
        code = _party_from_name(surface)
        if code:
            out.append(("PARTY", m.start(), m.end(), code, None, None))
    return doc


# --------------------------------------------------------------------------- districts
def _district_alt() -> str:
    names = sorted(gz.DISTRICTS, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\-", "[-–]") for n in names)


_D = _district_alt()
_D_ONE = rf"(?:{_D})s?"
_D_LIST = rf"{_D_ONE}(?:\s*,\s*{_D_ONE})*(?:\s*,?\s+(?:och|samt|&)\s+{_D_ONE})?"
_SDN = r"(?:stadsdels(?:nämnd|förvaltning|område)(?:en|ens|et|ets|s|er|erna|ernas|ar|arna|arnas|a|ena|enas|n)?|SDN|SDF|sdn|sdf)(?![\wåäö])"
_DISTRICT_BEFORE = re.compile(rf"(?<![\w-])({_D_LIST})\s+{_SDN}")
_DISTRICT_AFTER = re.compile(
    rf"[Ss](?<![\wåäö][Ss])(?:tadsdels(?:nämnd|förvaltning|område)(?:en|et|erna|arna|ena)?|(?<=S)DN|(?<=S)DF)(?:\s+i)?\s+({_D_LIST})(?![\wåäö-])"
)
_DISTRICT_ONE = re.compile(rf"(?<![\w-])({_D})(s?)(?![\wåäö])")
_DISTRICT_CANON = {_fold(n): n for n in gz.DISTRICTS}
# Another city's district printed in the same construction ("Angereds stadsdelsnämnd"):
# recognised with the printed name as key.
_OTHER_DISTRICT = re.compile(
    rf"([{_UP}](?<![\w-][{_UP}])[{_LO}]+(?:[-–][{_UP}][{_LO}]+)*)\s+stadsdels(?:nämnd|förvaltning)(?:en|ens|s)?(?![\wåäö])"
)
# Göteborg's style puts the name after the word: "Stadsdelsnämnden Askim-Frölunda-Högsbo",
# "stadsdelsnämnden Östra Göteborg".
_OTHER_DISTRICT_AFTER = re.compile(
    rf"[Ss](?<![\w-][Ss])tadsdels(?:nämnden|förvaltningen)[ \u00a0]+([{_UP}][{_LO}]+(?:[-–][{_UP}][{_LO}]+)*(?:[ \u00a0]Göteborg)?)(?![\wåäö-])"
)
_NOT_DISTRICT = frozenset(
    "Samtliga Alla Berörda Flera Övriga Andra Varje Respektive Dessa De Den En Ett Två Tre "
    "Stadens Stockholms Varje Aktuella Några Vissa Enskilda Nya Tidigare Nuvarande Vår Våra "
    "Denna Detta Utvalda Fyra Fem Sex Sju Åtta Nio Tio Elva Tolv Tretton Fjorton".split()
)


def _canon_district(surface: str) -> str | None:
    s = surface.replace("–", "-")
    key = _DISTRICT_CANON.get(_fold(s))
    if key is None and s.endswith("s"):
        key = _DISTRICT_CANON.get(_fold(s[:-1]))
    return key


# _DISTRICT_BEFORE begins with a district's name: its part before any hyphen is printed there;
# _DISTRICT_AFTER and _OTHER_DISTRICT_AFTER with "Stadsdels..." / "SDN" / "SDF"
_DISTRICT_LITERALS = tuple({(n.split("-")[0], 0) for n in gz.DISTRICTS})
_DISTRICT_AFTER_LITERALS = (("tadsdels", 1), ("SDN", 0), ("SDF", 0))
_OTHER_DISTRICT_AFTER_LITERALS = (("tadsdels", 1),)


_UP_CHARS = frozenset(ch for ch in re.sub(r"A-Z", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", _UP))
_LO_CHARS = frozenset(ch for ch in re.sub(r"a-z", "abcdefghijklmnopqrstuvwxyz", _LO))
_NAME_CHARS = _UP_CHARS | _LO_CHARS | {"-", "–"}


def _name_starts_before(text: str, word: str, whitespace: bool) -> list[int]:
    """Where a capitalised name printed before ``word`` can start (a superset, for the
    patterns "Name(-Name)* <whitespace> word" and "Name<space>word"): every capital letter in
    the run of letters and hyphens that ends right before the whitespace before ``word``."""
    starts: set[int] = set()
    p = text.find(word)
    while p >= 0:
        q = p
        while q > 0 and text[q - 1].isspace():
            q -= 1
        if q < p if whitespace else q == p - 1:
            r = q
            while r > 0 and text[r - 1] in _NAME_CHARS:
                r -= 1
            starts.update(i for i in range(r, q) if text[i] in _UP_CHARS)
        p = text.find(word, p + 1)
    return sorted(starts)


def _districts(doc: Doc) -> Doc:
    text = _text(doc)
    out = doc._.graf_candidates
    seen: set[int] = set()
    before = finditer_from(_DISTRICT_BEFORE, text, literal_starts(text, _DISTRICT_LITERALS))
    after = finditer_from(_DISTRICT_AFTER, text, literal_starts(text, _DISTRICT_AFTER_LITERALS))
    for matches in (before, after):
        for m in matches:
            base = m.start(1)
            for d in _DISTRICT_ONE.finditer(m.group(1)):
                key = _canon_district(d.group(0))
                if key and base + d.start() not in seen:
                    seen.add(base + d.start())
                    out.append(("DISTRICT", base + d.start(), base + d.end(1), key, None, None))
    for m in finditer_from(_OTHER_DISTRICT, text, _name_starts_before(text, "stadsdels", whitespace=True)):
        word = m.group(1)
        if m.start(1) in seen or word in _NOT_DISTRICT or _canon_district(word):
            continue
        key = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
        out.append(("DISTRICT", m.start(1), m.end(1), key, None, None))
    for m in finditer_from(_OTHER_DISTRICT_AFTER, text, literal_starts(text, _OTHER_DISTRICT_AFTER_LITERALS)):
        word = m.group(1)
        first = word.split()[0].split("-")[0]
        if m.start(1) in seen or first in _NOT_DISTRICT or first in _NOT_DISTRICT_AFTER or _canon_district(word):
            continue
        out.append(("DISTRICT", m.start(1), m.end(1), word.replace("–", "-"), None, None))
    return doc


_NOT_DISTRICT_AFTER = frozenset(
    "Januari Februari Mars April Maj Juni Juli Augusti September Oktober November December "
    "Måndag Tisdag Onsdag Torsdag Fredag Lördag Söndag Stockholm Stockholms Sverige Beslut "
    "Protokoll Sammanträde Dnr Bilaga Ordförande Nämnden Och Att Som".split()
)


# --------------------------------------------------------------------------- bodies
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


_COMPANY_AFTER = re.compile(
    rf"([{_UP}](?<![\w-][{_UP}])[\w&.-]*[ \u00a0](?:i[ \u00a0])?(?:[{_UP}][\w&.-]*[ \u00a0](?:i[ \u00a0])?){{0,2}})AB(?![\w])"
)
_COMPANY_BEFORE = re.compile(rf"A(?<![\w-]A)B[ \u00a0]((?:[{_UP}][\wåäö-]+)(?:[ \u00a0][{_UP}][\wåäö-]+)?)")
_CITY = re.compile(rf"([{_UP}](?<![\w-][{_UP}])[{_LO}]+)[ \u00a0](stad|kommun)(?![\wåäö])")
_REGION = re.compile(rf"R(?<![\w-]R)egion[ \u00a0]([{_UP}][{_LO}]+)(?![\wåäö])")
_COMPANY_LEAD_STOP = frozenset(
    "Den Det De Ett En Att Och Som Med För Från Till Vid Av Hos Genom Om Enligt Samt Inom "
    "Fastigheten Fastigheterna Hyresvärden Bolaget Företaget Avtal Avtalet".split()
)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class _BodyRecogniser:
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
        out = doc._.graf_candidates
        text = _text(doc)
        for start, end in self._gazetteer_matches(doc, text):
            surface = text[start:end]
            wanted = self.variant_case.get(surface.lower(), ())
            # acronyms must be printed as listed: "JO" is not "jo", "SiS" not "sis"
            if not any(len(w) > 5 or surface == w for w in wanted):
                continue
            out.append(("ORG", start, end, self.surface_to_canon[surface.lower()], None, None))
        # an acronym match ends right before "-" and a lower-case letter
        starts = sorted({h.start() - n for h in _HYPHEN_LOWER.finditer(text) for n in self.acronym_lengths})
        for m in finditer_from(self.acronym_compound, text, [p for p in starts if p >= 0]):
            out.append(("ORG", m.start(), m.end(), self.surface_to_canon[m.group(1).lower()], None, None))
        for m in finditer_from(_BODY_GENERIC, text, _run_starts(text, _BODY_WORD)):
            stem = m.group(1)
            if stem.lower() in _BODY_STEM_EXCLUDE or stem.lower().endswith("stadsdels"):
                continue
            key = _cap(stem + m.group(2))
            out.append(("ORG", m.start(), m.end(), key, None, None))
        for m in finditer_from(_UTSKOTT, text, _run_starts(text, _UTSKOTT_WORD)):
            key = f"{_cap(m.group(1))}s {m.group(2)}"
            out.append(("ORG", m.start(), m.end(), key, None, None))
        for m in _COMPANY_AFTER.finditer(text):
            words = [(w.group(0), m.start(1) + w.start()) for w in re.finditer(r"\S+", m.group(1))]
            while words and (words[0][0] in _COMPANY_LEAD_STOP or words[0][0] == "i"):
                words = words[1:]
            # a sentence-initial definite noun is not part of the name: "Byggaktören Klövern AB"
            if len(words) >= 2 and words[1][0] != "i" and re.search(r"(?:en|et|na)$", words[0][0]):
                before = text[max(0, words[0][1] - 3) : words[0][1]]
                if not before.strip() or before.rstrip().endswith((".", ":", "!", "?")):
                    words = words[1:]
            if not words:
                continue
            out.append(("ORG", words[0][1], m.end(), " ".join([w for w, _ in words] + ["AB"]), None, None))
        for m in _COMPANY_BEFORE.finditer(text):
            out.append(("ORG", m.start(), m.end(), "AB " + re.sub(r"\s+", " ", m.group(1)), None, None))
        city_starts = sorted(set(_name_starts_before(text, "stad", False)) | set(_name_starts_before(text, "kommun", False)))
        for m in finditer_from(_CITY, text, city_starts):
            if m.group(1) in _NOT_DISTRICT:
                continue
            out.append(("ORG", m.start(), m.end(), f"{m.group(1)} {m.group(2)}", None, None))
        for m in _REGION.finditer(text):
            name = m.group(1)
            if name.endswith("s") and not name.endswith("ss"):
                name = name[:-1]  # genitive "Region Stockholms"
            out.append(("ORG", m.start(), m.end(), f"Region {name}", None, None))
        return doc


# --------------------------------------------------------------------------- persons
def _title_before(text: str, pos: int) -> str | None:
    """An official's title printed right before a name ("Socialdirektör X", "vice ordförande X")."""
    m = re.search(r"(?:(vice|Vice)[ \u00a0])?([A-ZÅÄÖa-zåäö]+)(?:[ \u00a0]+|:[ \t\u00a0]*)\Z", text[max(0, pos - 60) : pos])
    if not m:
        return None
    word = m.group(2)
    if not _is_title(word):
        return None
    return _role_form(f"{m.group(1)} {word}" if m.group(1) else word)


def _title_after(text: str, pos: int) -> str | None:
    """A title printed after the name and party at the end of an attendance line."""
    m = re.match(r"[ \t\u00a0]+((?:[Vv]ice[ \u00a0])?[A-ZÅÄÖa-zåäö]+)[ \t\u00a0]*(?:\n|$)", text[pos : pos + 60])
    if m and _is_title(m.group(1).split()[-1]):
        return _role_form(m.group(1))
    # "Anna Berg, nämndsekreterare, telefon ..." / "Lisa Ek, kommunchef"
    m = re.match(r",[ \t\u00a0]*((?:[Vv]ice[ \u00a0])?[a-zåäö]+)(?=[ \t\u00a0]*(?:[,.;)\n]|$))", text[pos : pos + 60])
    if m and _is_title(m.group(1).split()[-1]):
        return _role_form(m.group(1))
    return None


_UNSET = object()


def _party_after(text: str, pos: int) -> re.Match | None:
    """The party printed right after a name ending at ``pos`` (offsets relative to ``pos``)."""
    after = text[pos : pos + 120]
    return (
        _AFTER_PAREN.match(after)
        or _AFTER_COMMA_NAME.match(after)
        or _AFTER_FROM_NAME.match(after)
        or _AFTER_COMMA_CODE.match(after)
        or _AFTER_COMMA_LOWER.match(after)
    )


def _person_candidates(text: str) -> list[tuple]:
    # [start, end, party, party_start, party_end, party covers a list, role, role covers a list]
    found: list[list] = []
    taken: list[tuple[int, int]] = []
    for m in _SIGNATURE.finditer(text):
        given = m.group(1).split()
        if not any(_is_given(g) for g in given):
            continue
        found.append([m.start(), m.end(), None, None, None, False, None, False])
        taken.append((m.start(), m.end()))

    for m in _NAME_RUN.finditer(text):
        run = m.group(1)
        if " " not in run and "\u00a0" not in run:
            continue  # a single token: a name needs two (the checks below drop it too)
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        toks = [(t.group(0), m.start() + t.start(), m.start() + t.end()) for t in _NAME_TOK_RE.finditer(m.group(1))]
        # two names run together where a line break or a column was lost ("Stina Vass Gunnar
        # Ekdahl (S)" under signature labels): given-surname-given-surname is two persons
        g0 = next((i for i, t in enumerate(toks) if _is_given(t[0]) and t[0] not in _NOT_NAME), None)
        while (
            g0 is not None
            and len(toks) - g0 >= 4
            and not _is_given(toks[g0 + 1][0]) and _is_given(toks[g0 + 2][0])
            and toks[g0 + 1][0] not in _NOT_NAME and not _is_title(toks[g0 + 1][0])
        ):
            found.append([toks[g0][1], toks[g0 + 1][2], None, None, None, False, None, False])
            toks = toks[g0 + 2 :]
            g0 = 0
        n = len(toks)
        party_m = _UNSET  # the party printed after the run: looked for only when needed
        start = next((i for i, t in enumerate(toks) if _is_given(t[0]) and t[0] not in _NOT_NAME), None)
        if start is None:
            party_m = _party_after(text, m.end())
            start = _unlisted_start(text, toks, m, party_m)
            if start is None:
                continue
        # the name runs from the given name up to a title, a non-name word or the end
        end = start
        role = None
        while end < n:
            word = toks[end][0]
            if _is_title(word) and end > start:
                role = _role_form(" ".join(t[0] for t in toks[end:]))
                break
            if word in _NOT_NAME or word.split()[-1] in _NOT_NAME:
                break
            end += 1
        if end - start < 2 or end - start > 4:
            continue
        if any(toks[i][0] in _NOT_NAME or _is_title(toks[i][0]) for i in range(start, end)):
            continue
        if start > 0 and role is None and _is_title(toks[start - 1][0]):
            role = _role_form(toks[start - 1][0])
        last = toks[end - 1][0]
        if any(last.lower().endswith(suf) and len(last) - len(suf) >= 4 for suf in _STREETISH):
            continue  # "Storforsplan", "Erik Dahlbergsgatan" (but the surname "Kaplan" stays)
        s_char, e_char = toks[start][1], toks[end - 1][2]
        rest = text[e_char : e_char + 40]
        nxt = re.match(r"[ \u00a0]+([\wåäöÅÄÖ]+)", rest)
        if nxt and (nxt.group(1).isdigit() or nxt.group(1).lower() in _STREET_NEXT):
            continue
        party = p_start = p_end = None
        distributive = False
        if end == n and party_m is _UNSET:
            party_m = _party_after(text, m.end())
        if end == n and party_m:
            party_printed = party_m.group(party_m.lastindex)
            code = _party_from_name(party_printed) or _party_code(party_printed)
            party, distributive = code, bool(party_m.re.groups >= 2 and any(
                g in ("båda", "bägge", "samtliga", "alla") for g in party_m.groups() if g))
            p_start = m.end() + party_m.start(party_m.lastindex)
            p_end = m.end() + party_m.end(party_m.lastindex)
            if role is None:
                role = _title_after(text, m.end() + party_m.end())
        elif end == n and nxt and _genitive(last, nxt.group(1)):
            e_char -= 1  # genitive: "Jan Jönssons motion"
        role_list = False
        if role is None:
            role = _title_before(text, s_char)
        if role is None and party is None:
            # "utse X och Y till dataskyddsombud", "entlediga X från uppdraget som dataskyddsombud"
            rm = _ROLE_AFTER.match(text, e_char)
            if rm and _is_title(rm.group(1)):
                role, role_list = _role_form(rm.group(1)), True
        if role is None and party is None and end == n:
            role = _title_after(text, e_char) or _title_next_line(text, s_char, e_char)
        found.append([s_char, e_char, party, p_start, p_end, distributive, role, role_list])

    found.sort()
    # "X och Y (båda L)", "X, Y och Z, samtliga Moderaterna": the party covers the whole list
    for i in range(len(found) - 1, -1, -1):
        if not found[i][5]:
            continue
        j = i
        while j > 0 and found[j - 1][2] is None and _COORD_GAP.fullmatch(text[found[j - 1][1] : found[j][0]]):
            found[j - 1][2] = found[i][2]
            j -= 1
    for i in range(len(found) - 1, -1, -1):
        if not found[i][7]:
            continue
        j = i
        while j > 0 and found[j - 1][6] is None and found[j - 1][2] is None and _COORD_GAP.fullmatch(text[found[j - 1][1] : found[j][0]]):
            found[j - 1][6] = found[i][6]
            j -= 1
    out = []
    for s, e, party, ps, pe, _dist, role, _rl in found:
        out.append(("PERSON", s, e, None, party, role))
        if ps is not None:
            out.append(("PARTY", ps, pe, party, None, None))
    return out


# Surnames that end in -s in the base form ("Wallerius", "Matthias", "Moses"): their
# genitive is printed without a further "s".
_BASE_S_ENDINGS = ("ius", "eus", "us", "is", "os", "ys", "es", "ss", "x", "z")
# words after a name that show it is not a genitive: conjunctions, prepositions, verbs
_NOT_AFTER_GENITIVE = frozenset(
    "och samt eller som har hade är var blev blir kan ska skall får fick med i på för till från "
    "om att vid efter under genom hos mot utan ej inte också även föredrog informerade yrkade yrkar "
    "anmälde anmäler anförde lämnade lämnar reserverade reserverar deltog deltar redogjorde redogör "
    "presenterade presenterar svarade svarar ersätter tjänstgör utsågs utses valdes väljs".split()
)


def _genitive(last: str, next_word: str) -> bool:
    """Is the name's last token a genitive ("Jönssons motion") rather than a surname that
    ends in -s ("Wallerius och")?"""
    if not next_word[:1].islower() or not last.endswith("s") or len(last) <= 4:
        return False
    if last.endswith(_BASE_S_ENDINGS) or next_word in _NOT_AFTER_GENITIVE:
        return False
    return not (next_word.endswith(("ade", "ar", "de", "te")) and not next_word.endswith(("nde", "ande")))


def _title_next_line(text: str, start: int, end: int) -> str | None:
    """A signature: the name alone on its line and a title alone on the next one
    ("Harriet Borgström" / "Ordförande")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0 or text[line_start:start].strip(" \t-•*") or text[end:line_end].strip():
        return None
    nxt_end = text.find("\n", line_end + 1)
    words = text[line_end + 1 : len(text) if nxt_end < 0 else nxt_end].split()
    if 1 <= len(words) <= 2 and _is_title(words[-1]) and all(w[:1].isalpha() for w in words):
        return _role_form(" ".join(words))
    return None


def _unlisted_start(text: str, toks: list, m: re.Match, party_m: re.Match | None) -> int | None:
    """Where a name whose given name is not in the gazetteer starts, when the context shows
    a person: a party printed after it, an official's title printed before it ("stadsdelsdirektör
    Sigvard Lönnqvist", "Enhetschef Torbjörn Wallerius"), or a title on the next line of a
    signature ("Harriet Borgström" / "Ordförande"). None when nothing shows it."""
    n = len(toks)
    if party_m and n >= 2:
        return n - 2
    # a capitalised title inside the run: "Förvaltningschef Sigvard Lönnqvist"
    for i in range(n - 1, -1, -1):
        if _is_title(toks[i][0]):
            rest = n - i - 1
            return i + 1 if 2 <= rest <= 3 else None
    if not 2 <= n <= 3:
        return None
    if _title_before(text, toks[0][1]) and text[max(0, toks[0][1] - 60) : toks[0][1]].strip()[-1:].islower():
        return 0
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start : m.start()].strip(" \t-•*") == "" and text[m.end() : line_end].strip() == "":
        nxt_end = text.find("\n", line_end + 1)
        nxt_line = text[line_end + 1 : len(text) if nxt_end < 0 else nxt_end].strip()
        words = nxt_line.split()
        if 1 <= len(words) <= 3 and _is_title(words[-1]):
            return 0
    return None


# Labels of an attendance list: every line under one names a person, whatever the given name.
_ROSTER_LABEL = re.compile(
    r"(?i)(?:närvarande |tjänstgörande |ordinarie |beslutande )?(?:ledamöter|ledamot)|beslutande|"
    r"(?:närvarande |tjänstgörande |icke tjänstgörande |ej tjänstgörande |övriga )?ersättare|"
    r"närvarande|övriga närvarande|övriga deltagare"
)
_ROSTER_LABEL_WORDS = ("ledamot", "ledamöter", "beslutande", "ersättare", "närvarande", "deltagare")
_CELL_GAP = re.compile(r"\t+|[ \u00a0]{2,}")


def _roster_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The column cells of one line (split at tabs and runs of spaces), stripped."""
    cells = []
    pos = start
    for m in _CELL_GAP.finditer(text, start, end):
        cells.append((pos, m.start()))
        pos = m.end()
    cells.append((pos, end))
    out = []
    for a, b in cells:
        while a < b and text[a] in " \t\u00a0-•*–":
            a += 1
        while b > a and text[b - 1] in " \t\u00a0,;.":
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def _roster_name(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The name that opens a roster cell ("Tiina Mäkelä", "Tiina Mäkelä, ordförande",
    "Tiina Mäkelä (S)"): 2-4 capitalised tokens, none a title or a heading word."""
    m = _NAME_RUN.match(text, a, b)
    if not m:
        return None
    toks = [t.group(0) for t in _NAME_TOK_RE.finditer(m.group(1))]
    if not 2 <= len(toks) <= 4 or any(t in _NOT_NAME or _is_title(t) for t in toks):
        return None
    tail = text[m.end() : b].strip()
    # what may follow the name in a list cell: a party, a role, "ersätter X"; not prose
    if tail and not (tail[0] in ",(" or tail.split()[0].lower() in ("ersätter", "för", "tjänstgör")):
        return None
    return m.start(), m.end()


def _roster_persons(text: str) -> list[tuple[int, int]]:
    """Names printed in an attendance list ("Ledamöter" / "Beslutande" / "Närvarande
    ersättare" and the lines under it), found by their place in the layout alone. The list
    ends at the first line that is neither a label nor a list of names."""
    out: list[tuple[int, int]] = []
    active = False
    # Outside a list only a label line matters, and every label holds one of
    # _ROSTER_LABEL_WORDS: the lines between are skipped to the next line holding one
    # (found with str.find on the caseless text, which matches where the (?i) pattern does).
    low = caseless(text)
    next_word = dict.fromkeys(_ROSTER_LABEL_WORDS, -1)
    n = len(text)
    pos = 0
    while pos <= n:
        if not active and low is not None:
            at = n + 1
            for word, p in next_word.items():
                if p < pos:
                    p = next_word[word] = low.find(word, pos)
                    if p < 0:
                        p = next_word[word] = n + 1  # none left
                if p < at:
                    at = p
            if at > n:
                break
            pos = low.rfind("\n", pos, at) + 1 or pos
        a = pos
        b = text.find("\n", a)
        if b < 0:
            b = n
        pos = b + 1
        cells = _roster_cells(text, a, b)
        if not cells:
            continue  # blank lines do not end the list
        label = _ROSTER_LABEL.fullmatch(text[cells[0][0] : cells[0][1]].rstrip(":"))
        if label:
            active = True
            cells = cells[1:]  # "Ledamöter<TAB>Anna Berg (S)": the first name beside the label
            if not cells or all(_ROSTER_LABEL.fullmatch(text[x:y].rstrip(":")) for x, y in cells):
                continue
        if not active:
            continue
        names = [n for n in (_roster_name(text, x, y) for x, y in cells) if n]
        if not names:
            active = False
            continue
        out.extend(names)
    return out


def _roster_candidates(text: str, found: list[tuple]) -> list[tuple]:
    """PERSON candidates for roster names the other rules missed (unlisted given name, no
    party), and for the other places the paper prints the same full name."""
    roster = _roster_persons(text)
    if not roster:
        return []
    taken = sorted((c[1], c[2]) for c in found if c[0] == "PERSON")
    starts = [s for s, _ in taken]

    def free(s: int, e: int) -> bool:
        i = bisect.bisect_left(starts, e)
        return not (i and taken[i - 1][1] > s)

    names: set[str] = set()
    for s, e in roster:
        names.add(" ".join(text[s:e].split()))
    out: list[tuple] = []
    seen: set[int] = set()
    # every printed occurrence of a roster name: scan the capitalised runs once, trying the
    # 2-4 token windows of each (linear in the text)
    for m in _NAME_RUN.finditer(text):
        if " " not in m.group(1) and "\u00a0" not in m.group(1):
            continue
        toks = [(t.start(), t.end()) for t in _NAME_TOK_RE.finditer(m.group(1))]
        i = 0
        while i < len(toks):
            hit = None
            for k in (4, 3, 2):
                if i + k <= len(toks):
                    s, e = m.start() + toks[i][0], m.start() + toks[i + k - 1][1]
                    if " ".join(text[s:e].split()) in names:
                        hit = (s, e, k)
                        break
            if hit and hit[0] not in seen and free(hit[0], hit[1]):
                seen.add(hit[0])
                party_m = _party_after(text, hit[1]) if hit[1] == m.end() else None
                party = None
                if party_m:
                    printed = party_m.group(party_m.lastindex)
                    party = _party_from_name(printed) or _party_code(printed)
                out.append(("PERSON", hit[0], hit[1], None, party, None))
            i += hit[2] if hit else 1
    return out


def _persons(doc: Doc) -> Doc:
    text = _text(doc)
    found = _person_candidates(text)
    found.extend(_roster_candidates(text, found))
    doc._.graf_candidates.extend(found)
    return doc


# --------------------------------------------------------------------------- resolve
_PRIORITY = {"DNR": 0, "DATE": 1, "DISTRICT": 2, "ORG": 3, "PARTY": 4, "PERSON": 5, "AMOUNT": 6}


def _resolve(doc: Doc) -> Doc:
    cands = doc._.graf_candidates or []
    # duplicates dropped keeping the first (dict.fromkeys, not set: a set's order of tuples
    # holding None changes from run to run, and candidates of the same label and span with
    # different keys tie in the sort, so the kept key changed with it); the sort is stable,
    # so of such a tie the candidate found first wins (the gazetteer's canonical name)
    cands = sorted(dict.fromkeys(cands), key=lambda c: (-(c[2] - c[1]), _PRIORITY[c[0]], c[1]))
    kept: list[tuple] = []
    # the kept spans never overlap, so sorted by start their ends rise too: only the last one
    # starting before a candidate's end can overlap it
    starts: list[int] = []
    ends: list[int] = []
    for c in cands:
        if c[2] <= c[1]:
            continue
        i = bisect.bisect_left(starts, c[2])
        if i and c[1] < ends[i - 1]:
            continue
        kept.append(c)
        starts.insert(i, c[1])
        ends.insert(i, c[2])
    kept.sort(key=lambda c: (c[1], c[2]))
    doc._.graf_mentions = kept
    spans = []
    for label, s, e, *_ in kept:
        sp = doc.char_span(s, e, label=label, alignment_mode="expand")
        if sp is not None:
            spans.append(sp)
    doc.spans["graf"] = spans
    return doc


def _init(doc: Doc) -> Doc:
    doc._.graf_candidates = []
    # Doc.text rebuilds the string from every token (a Python object per token); the
    # components read the text many times, so it is built once here.
    # recognise_entities hands the text in with the Doc, so it is only rebuilt for a Doc made
    # elsewhere (nlp("...") directly).
    if doc.user_data.get("graf_text") is None:
        doc.user_data["graf_text"] = doc.text
    return doc


def _caseless(doc: Doc) -> str | None:
    """The text lower-cased once for every component (see graf.grammar.scan.caseless)."""
    if "graf_caseless" not in doc.user_data:
        doc.user_data["graf_caseless"] = caseless(_text(doc))
    return doc.user_data["graf_caseless"]


def _text(doc: Doc) -> str:
    cached = doc.user_data.get("graf_text")
    return cached if cached is not None else doc.text


# --------------------------------------------------------------------------- registration
Language.component("graf_init")(_init)
Language.component("graf_numbers")(_numbers)
Language.component("graf_parties")(_parties)
Language.component("graf_districts")(_districts)
Language.component("graf_persons")(_persons)
Language.component("graf_resolve")(_resolve)


@Language.factory("graf_bodies")
def _make_bodies(nlp: Language, name: str) -> _BodyRecogniser:
    return _BodyRecogniser(nlp)


# The pipeline's tokenizer: words and single punctuation marks. The components read the
# text itself (with regular expressions); tokens serve the gazetteer's candidate matching and
# ``doc.spans`` for inspection. spaCy's Swedish rule tokenizer (prefix, suffix and infix
# expressions, exceptions) costs about as much as all of recognition, and nothing here needs
# its finer decisions except the gazetteer, which runs it locally (_BodyRecogniser).
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
    for name in ("graf_init", "graf_numbers", "graf_parties", "graf_districts",
                 "graf_bodies", "graf_persons", "graf_resolve"):
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
    doc.user_data["graf_text"] = text
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
        for label, s, e, key, party, role in doc._.graf_mentions:
            mentions.append(
                Mention(label=label, span=Span(offset + s, offset + e), text=piece[s:e],
                        key=key, party=party, role=role)
            )
    return mentions
