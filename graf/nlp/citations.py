"""Citation grammar: statute, EU-act, government-report and KFS references in running text.

A ferenda-style grammar written with regular expressions and a small position-based parser
(no spaCy needed). ``find_citations`` returns one :class:`graf.records.Citation` per *link*:
a provision reference ("9 kap. 2 § tredje stycket alkohollagen (2010:1622)"), a whole act
("socialtjänstlagen", "LSS", "lagen (1982:80)"), an EU act, a report or a KFS number.

Link segmentation follows lagen.nu's (the legalref benchmark's) conventions:

* one reference followed by a named act is one link ("5 § räntelagen (1975:635)");
* several references ("6 kap. 3 § och 7 kap. 19 § alkohollagen (1994:1738)") give one link
  per reference plus one for the act; a chapter with a list of paragraphs under one §-sign
  ("4 kap. 19 och 20 §§") gives a link for the chapter and one per paragraph;
* "lagen (1982:80) om anställningsskydd" links only the SFS number.

References printed without an act ("enligt 11 kapitlet 5§") carry no act; when the same
sentence goes on to name an act for a coordinated reference ("enligt 9 § och ... 28 f § LSS")
the act is copied, otherwise the link stage binds them to the last named act.

Unknown law names ("okändalagen") are proposed as well; the link stage drops what it cannot
resolve, or resolves them when the same text printed the name with an SFS number earlier.
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from graf.grammar.hyphenation import HyphenRule, is_lower_letter, join_hyphenated_mapped
from graf.grammar.scan import caseless, finditer_from, literal_starts
from graf.grammar.spans import SpanIndex
from graf.records import Citation, Span

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class _Tables:
    names: frozenset[str]  # normalised name keys (see name_key)
    abbreviations: frozenset[str]  # case-sensitive
    titles: tuple[str, ...]  # "lag om offentlig upphandling" (base form, several words)


# Abbreviations that are ordinary words or other acronyms in municipal prose: they only count
# when printed next to a provision ("3 § MBL") or right after a law name ("(RF)").
_AMBIGUOUS_ABBREVIATIONS = frozenset(
    "SO BB HB GB JP OL EL ML AL PL UB UF RO IL URL SAL LIA LIF LIP LOA ESL LSK LRA LRV "
    "AVLN AVLK BVL BfL IURF SINK KML JB UtlL Avgift Upplåtelser Tillhandahållande".split()
)

EU_NAMES = {
    # name key -> CELEX
    "dataskyddsförordning": "32016R0679",
    "allmän dataskyddsförordning": "32016R0679",
    "gdpr": "32016R0679",
}


@lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """Normalise a printed law name to a lookup key: lower case, no hyphens, genitive and
    definite suffix removed ("Socialtjänstlagens" -> "socialtjänstlag",
    "offentlighets- och sekretesslagen" -> "offentlighet och sekretesslag"). Memoised: a
    paper names the same few acts hundreds of times."""
    key = name.lower().replace("\u00ad", "")
    key = re.sub(r"-\s*", " ", key)
    key = re.sub(r"\s+", " ", key).strip()
    if key.endswith("ens") or key.endswith("ans") or key.endswith("ets"):
        key = key[:-1]
    for definite, base in (
        ("lagstiftningen", "lag"),
        ("lagstiftning", "lag"),
        ("lagen", "lag"),
        ("balken", "balk"),
        ("förordningen", "förordning"),
        ("ordningen", "ordning"),
        ("kungörelsen", "kungörelse"),
        ("stadgan", "stadga"),
    ):
        if key.endswith(definite):
            key = key[: -len(definite)] + base
            break
    else:
        if key.endswith("s") and re.search(r"(lag|balk|förordning|ordning)s$", key):
            key = key[:-1]
    key = re.sub(r"s? och ", " och ", key)
    return key


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    names: set[str] = set()
    abbreviations: set[str] = set()
    titles: list[str] = []
    with open(DATA_DIR / "sfs-names.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["kind"] == "name":
                names.add(name_key(row["name_or_abbreviation"]))
            else:
                abbreviations.add(row["name_or_abbreviation"])
    with open(DATA_DIR / "statutes.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            for abbr in filter(None, (row.get("abbreviations") or "").split(",")):
                abbreviations.add(abbr.strip())
            for name in [row["name"], *filter(None, (row.get("aliases") or "").split("|"))]:
                names.add(name_key(name))
                if " " in name and not name.startswith("offentlighet"):
                    titles.append(name)
    return _Tables(frozenset(names), frozenset(abbreviations), tuple(titles))


def is_statute_abbreviation(word: str) -> bool:
    """Is ``word`` (case as printed) an act's abbreviation ("LSS", "SoL", "PBL")? Other
    recognisers ask so as not to take a statute for an organisation's acronym."""
    return word in _tables().abbreviations


# --------------------------------------------------------------------------- text view


def _dehyphenate(text: str) -> tuple[str, Sequence[int]]:
    """Join words hyphenated across a line break ("patientsäker-\\nhetslagen") and drop soft
    hyphens, keeping an index from every character of the view back to ``text``: a hyphen
    at a line break after a lower-case letter goes when the next line goes on with a
    lower-case letter (not "och": "hälso- och")."""
    return join_hyphenated_mapped(text, _VIEW_RULE)


_VIEW_RULE = HyphenRule(before=is_lower_letter, keep_before=frozenset({"och"}), space_before_break=True, soft_hyphens=True)


# --------------------------------------------------------------------------- grammar atoms

_W = r"[ \t\u00a0\r\n]*"
_ORD = {
    "första": 1, "andra": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sjätte": 6,
    "sjunde": 7, "åttonde": 8, "nionde": 9, "tionde": 10, "elfte": 11, "tolfte": 12,
}
_ORD_RX = "|".join(_ORD)
_LETTER_AHEAD = r"(?=[ \t\u00a0]*(?:§|kap|[-–,]|och\b|eller\b|samt\b))"
_NUM = re.compile(r"([1-9]\d{0,2})(?!\d)(?:[ \t\u00a0]?([a-h]|[i-z](?=[ \t\u00a0]*§))(?![\wåäöÅÄÖ])" + _LETTER_AHEAD + ")?")
_KAP = re.compile(r"(?:[Kk]ap(?:itlet|itel)?\b\.?)")
_PARA = re.compile(r"§§?")
_SEP = re.compile(r",?[ \t\u00a0\r\n]*(?:och|samt|eller|respektive|jämte)(?![\wåäö])|,|[-–](?!\d{2,}\b[-/:])")
_RANGE = re.compile(r"[-–]")
_LETTER_RANGE = re.compile(r"[-–]([a-h])(?![\wåäöÅÄÖ])(?=[ \t\u00a0]*(?:§|,|och\b))")
# a paragraph printed without its §-sign right before the act ("16 kap. 6 h SoL", "4 kap 1
# SoL"): the number and a letter written apart from it
_BARE_PARAGRAPH = re.compile(r"([1-9]\d{0,2})(?!\d)(?:[ \t\u00a0]?([a-z])(?![\wåäöÅÄÖ]))?(?![-–:/.,]?\d)")
# "kap 5 § 4", "kapitel 6 § 2": the chapter's word printed before its number
_KAP_BEFORE = re.compile(r"(?<![\wåäöÅÄÖ])[Kk]ap(?:itel)?\.?[ \t\u00a0]+$")
# "1 p", "3 p." after a §-sign's number: the punkt's abbreviation
_PUNKT_ABBR = re.compile(r"[ \t\u00a0]*(?:p\.|p(?![\wåäöÅÄÖ])|punkten(?![\wåäöÅÄÖ]))")
_ORD_RE = re.compile(r"(" + _ORD_RX + r")(?![\wåäö])", re.IGNORECASE)
_STYCKE_WORD = re.compile(r"(?:stycket|styckena|st\.|st(?![\wåäö]))")
_MENING_WORD = re.compile(r"(?:meningen|meningarna)(?![\wåäö])")
_PUNKT_WORD = re.compile(r"(?:punkten|punkterna)(?![\wåäö])")
_MOM = re.compile(r"(\d{1,2})" + _W + r"mom\.")
_ANVISNING = re.compile(
    r"anvisningarna" + _W + r"punkt" + _W + r"(\d{1,3})" + _W + r"(" + _ORD_RX + r")" + _W + r"stycket"
)
# A bare number after a §-sign is a punkt unless it is something else: an amount, a date,
# a year, a count of things.
_PUNKT_NUM = re.compile(
    r"([1-9]\d{0,1})(?!\d)([.)](?!\d))?"
    r"(?![ \t\u00a0]*(?:§|[Kk]ap|st\b|st\.|stycke|mom\.|kr\b|kronor|procent|%|år\b|dag|vecka|veckor|"
    r"månad|timm|person|ärende|beslut|\d))(?![-:/,.]\d)"
)
_PUNKT_LETTER = re.compile(r"([a-h])(?![\wåäöÅÄÖ.])")
_SFS_NUM = r"(1\d\d\d|20\d\d)[ \t]?:[ \t]?(\d{1,4})(?:[ \t]+s\.[ \t]*(\d+))?"
_SFS_PAREN = re.compile(r"\(" + _W + _SFS_NUM + _W + r"\)")
# A number "(2012:6)" after a word of another numbered series is that series' number, not an
# SFS number: motions, audit and other reports, skrivelser, interpellations, proposals
# ("Motion (2012:6) om ...", "Revisionsrapport (2013:5)"); the series word may carry a
# genitive or definite ending and stand in a compound ("Stadsrevisionens rapport").
_OTHER_SERIES_BEFORE = re.compile(
    r"(?i:motion|rapport|skrivelse|interpellation|fråga|förslag|promemoria|pm|utredning|"
    r"revision|granskning|yttrande|protokoll|beslut|ärende|cirkulär|meddelande)"
    r"(?:en|et|n|na|er|erna|ar|arna)?s?[ \t\u00a0]*$"
)
_SFS_PREFIXED = re.compile(r"SFS" + _W + _SFS_NUM + r"(?!\d)")

_LAW_SUFFIX = r"(?i:lagstiftning|grundlag|lag|balk|förordning|ordning|kungörelse|stadga|regeringsform)(?:en|ens|s|n|ns|ar)?"
_NAME = re.compile(
    r"(?<![\wåäöÅÄÖ-])(?:([A-Za-zÅÄÖåäöé]+s?)(-?)" + _W + r"och" + _W + r")?"
    r"([A-Za-zÅÄÖåäöé]*(?:-[A-Za-zÅÄÖåäöé]+)?" + _LAW_SUFFIX + r")(?![\wåäöÅÄÖ])"
)
_NAME_SIMPLE = re.compile(
    r"(?<![\wåäöÅÄÖ-])[A-Za-zÅÄÖåäöé]*(?:-[A-Za-zÅÄÖåäöé]+)?" + _LAW_SUFFIX + r"(?![\wåäöÅÄÖ])"
)
_NOT_A_LAW = re.compile(
    r"(?:före|för|av|under|an|in|be|bo|på|ut|över|sam|till|om|upp|fakta|besluts|mot|huvud|^)s?lagens?$"
)
_GENERIC_WORDS = frozenset(
    "lag lagen lagens lagar lagstiftning lagstiftningen förordning förordningen förordningens "
    "balk balken kungörelse kungörelsen stadga stadgan ordning ordningen grundlag grundlagen "
    "grundlagar lagarna".split()
)
_GENERIC = re.compile(
    r"(?<![\wåäöÅÄÖ])(?:[Ll]ag(?:en)?|[Ff]örordning(?:en)?|[Kk]ungörelse(?:n)?|[Ss]tadgan?|"
    r"[Ii]nstruktion(?:en)?|[Tt]illkännagivande(?:t)?|[Rr]eglemente(?:t)?)" + _W + r"(?=\()"
)
_SAME = re.compile(r"samma" + _W + r"(?:lag|förordning|balk|författning|kungörelse|stadga)(?![\wåäö])")
_ABBR_TOKEN = re.compile(r"[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5}(?![\wåäöÅÄÖ])")
_ABBR_COLON = re.compile(_W + r"([1-9]\d{0,2}[a-z]?)[ \t]?:[ \t]?([1-9]\d{0,2}[a-z]?)(?![\d:])")

_SENTENCE_END = re.compile(r"[.!?][ \t\u00a0]*(?:\r?\n|[ \t\u00a0]+[A-ZÅÄÖ])|\n[ \t]*\n|\n[ \t]*[-•*]")


# --------------------------------------------------------------------------- parse records


@dataclass
class _Item:
    start: int
    end: int
    chapter: str | None = None
    paragraph: str | None = None
    stycke: int | None = None
    punkt: str | None = None
    mening: int | None = None
    moment: str | None = None


@dataclass
class _Law:
    start: int
    end: int
    kind: str  # named | generic | abbrev | same | number
    link_start: int
    link_end: int
    name: str | None = None
    abbreviation: str | None = None
    sfs: str | None = None
    extra_abbreviation: str | None = None  # "(SoL)" printed after the name: bound, not linked


@dataclass
class _Group:
    start: int
    end: int
    items: list[_Item] = field(default_factory=list)
    law: _Law | None = None


def _num_value(m: re.Match) -> str:
    return m.group(1) + (m.group(2) or "")


class _Parser:
    def __init__(self, text: str):
        self.t = text
        self.tables = _tables()

    # -- primitives
    def ws(self, p: int) -> int:
        t = self.t
        while p < len(t) and t[p] in " \t\u00a0\r\n":
            p += 1
        return p

    def match(self, rx: re.Pattern, p: int) -> re.Match | None:
        return rx.match(self.t, self.ws(p))

    # -- numbers lists before a §-sign: "19 och 20 §§", "2-5, 7 och 8 §§", "15 eller 16 §"
    def num_list(self, p: int) -> tuple[list[tuple[int, int, str]], int] | None:
        m = self.match(_NUM, p)
        if not m:
            return None
        nums = [(m.start(), m.end(), _num_value(m))]
        p = self._letter_range(m, nums)
        while True:
            s = self.match(_SEP, p)
            if not s:
                break
            n = self.match(_NUM, s.end())
            if not n:
                break
            # the next number starts a new chapter or stands alone with its own §-sign
            after = self.ws(n.end())
            if _KAP.match(self.t, after):
                break
            nums.append((n.start(), n.end(), _num_value(n)))
            p = self._letter_range(n, nums)
            if _PARA.match(self.t, self.ws(p)):
                break
        return nums, p

    def _letter_range(self, m: re.Match, nums: list[tuple[int, int, str]]) -> int:
        """"6 f-g §": after a number with a letter, a hyphen and a second letter give the
        paragraph with that letter too (the ends of the range, as for "6-9 §§")."""
        if not m.group(2):
            return m.end()
        r = _LETTER_RANGE.match(self.t, m.end())
        if not r:
            return m.end()
        nums.append((r.start(1), r.end(1), m.group(1) + r.group(1)))
        return r.end()

    def pieces(self, p: int) -> tuple[list[_Item], int]:
        """Parts of one paragraph after its §-sign. Returns piece items (offsets of each part's
        own text) and the end; the first item's start is meaningless (joined to the §)."""
        t = self.t
        m = self.match(_MOM, p)
        if m:
            return [_Item(m.start(), m.end(), moment=m.group(1))], m.end()
        m = self.match(_ANVISNING, p)
        if m:
            return [_Item(m.start(), m.end(), punkt=m.group(1), stycke=_ORD[m.group(2).lower()])], m.end()
        items: list[_Item] = []
        end = p
        comma = re.compile(r"[ \t\u00a0]*,(?=[ \t\u00a0]*(?:\d{1,2}[ \t\u00a0]*st|" + _ORD_RX + r"))").match(t, p)
        if comma:  # "§ 15 a, 2 st.": a comma before the stycke
            end = comma.end()
        # stycke list
        while True:

            if items:
                s = self.match(_SEP, end)
                if not s:
                    break
                q = s.end()
            else:
                q = end
            ords: list[tuple[int, int, int]] = []
            o = self.match(_ORD_RE, q)
            if o:
                ords.append((o.start(), o.end(), _ORD[o.group(1).lower()]))
                r = o.end()
                while True:
                    s2 = self.match(_SEP, r)
                    o2 = self.match(_ORD_RE, s2.end()) if s2 else None
                    if not o2:
                        break
                    ords.append((o2.start(), o2.end(), _ORD[o2.group(1).lower()]))
                    r = o2.end()
                w = self.match(_STYCKE_WORD, r)
                if not w:
                    # "andra punkten" / "första meningen" directly after §
                    pw = self.match(_PUNKT_WORD, r)
                    if pw and len(ords) == 1 and not items:
                        items.append(_Item(ords[0][0], pw.end(), punkt=str(ords[0][2])))
                        end = pw.end()
                    break
                for k, (a, b, v) in enumerate(ords):
                    e = w.end() if k == len(ords) - 1 else b
                    items.append(_Item(a, e, stycke=v))
                end = w.end()
            else:
                n = self.match(re.compile(r"([1-9]\d?)(?!\d)"), q)
                w = self.match(_STYCKE_WORD, n.end()) if n else None
                if not (n and w) or (w.group(0) == "st" and not re.match(r"[ \t\u00a0\r\n]", t[w.end() : w.end() + 1] or " ")):
                    break
                items.append(_Item(n.start(), w.end(), stycke=int(n.group(1))))
                end = w.end()
            # punkt and mening after this stycke
            end = self._punkt_mening(items, end)
        if not items:
            # punkt directly after the §-sign: "2 § 9", "10 § f", "3 § 7.", "14 § andra punkten"
            dummy = _Item(p, p)
            items.append(dummy)
            end = self._punkt_mening(items, p, letters=True)
            if len(items) == 1 and items[0] is dummy and dummy.punkt is None and dummy.mening is None:
                return [], p
        return items, end

    def _punkt_mening(self, items: list[_Item], p: int, letters: bool = False) -> int:
        cur = items[-1]
        end = p
        o = self.match(_ORD_RE, end)
        if o:
            w = self.match(_PUNKT_WORD, o.end())
            if w:
                cur.punkt = str(_ORD[o.group(1).lower()])
                cur.end = w.end()
                end = w.end()
        if cur.punkt is None:
            nums: list[tuple[int, int, str]] = []
            m = self.match(_PUNKT_NUM, end)
            if not m and letters:
                m = self.match(_PUNKT_LETTER, end)
            if m:
                nums.append((m.start(), m.end(), m.group(1)))
                q = m.end()
                while True:
                    s = self.match(_SEP, q)
                    n = self.match(_PUNKT_NUM, s.end()) if s else None
                    if not n:
                        break
                    nums.append((n.start(), n.end(), n.group(1)))
                    q = n.end()
                if len(nums) == 1:
                    cur.punkt = nums[0][2]
                    cur.end = nums[0][1]
                    pa = _PUNKT_ABBR.match(self.t, cur.end)
                    if pa:  # "2 kap. 7 § 1 p": the word belongs to the punkt
                        cur.end = pa.end()
                        nums[-1] = (nums[-1][0], pa.end(), nums[-1][2])
                else:
                    for a, b, v in nums:
                        items.append(_Item(a, b, stycke=cur.stycke, punkt=v))
                end = nums[-1][1]
        o = self.match(_ORD_RE, end)
        if o:
            w = self.match(_MENING_WORD, o.end())
            if w:
                cur = items[-1]
                cur.mening = _ORD[o.group(1).lower()]
                cur.end = w.end()
                end = w.end()
        return end

    # -- one unit: "N kap. [paragraphs]" or "paragraphs"
    def para_set(self, p: int, chapter: str | None) -> tuple[list[_Item], int] | None:
        got = self.num_list(p)
        if not got:
            return None
        nums, q = got
        sign = self.match(_PARA, q)
        if not sign:
            return None
        if len(nums) == 1:
            a, _, v = nums[0]
            pieces, end = self.pieces(sign.end())
            if not pieces:
                return [_Item(a, sign.end(), chapter=chapter, paragraph=v)], sign.end()
            first = pieces[0]
            items = [
                _Item(a, max(first.end, sign.end()), chapter=chapter, paragraph=v, stycke=first.stycke,
                      punkt=first.punkt, mening=first.mening, moment=first.moment)
            ]
            multi_punkt = len(pieces) > 1 and pieces[1].punkt is not None and pieces[1].stycke == first.stycke
            if multi_punkt and first.punkt is None:
                items[0].end = first.end if first.stycke else sign.end()
            for piece in pieces[1:]:
                items.append(_Item(piece.start, piece.end, chapter=chapter, paragraph=v, stycke=piece.stycke,
                                   punkt=piece.punkt, mening=piece.mening, moment=piece.moment))
            return items, end
        items = []
        for k, (a, b, v) in enumerate(nums):
            items.append(_Item(a, sign.end() if k == len(nums) - 1 else b, chapter=chapter, paragraph=v))
        return items, sign.end()

    def _chapter_word_list(self, items: list[_Item]) -> bool:
        """The items so far are chapters only, the first printed after the chapter word."""
        return all(it.chapter and not it.paragraph for it in items) and bool(_KAP.match(self.t, items[0].start))

    def sign_first(self, p: int, chapter: str) -> tuple[list[_Item], int] | None:
        """"7 kap § 20", "6 kap. § 15 a, 2 st.": the §-sign printed before the paragraph's
        number (only after a chapter: a lone "§ 20" is a paragraph of the minutes)."""
        sign = self.match(_PARA, p)
        if not sign:
            return None
        n = self.match(_NUM, sign.end())
        if not n or _KAP.match(self.t, self.ws(n.end())) or _PARA.match(self.t, self.ws(n.end())):
            return None
        pieces, end = self.pieces(n.end())
        first = pieces[0] if pieces else _Item(n.start(), n.end())
        items = [_Item(sign.start(), max(first.end, n.end()), chapter=chapter, paragraph=_num_value(n),
                       stycke=first.stycke, punkt=first.punkt, mening=first.mening, moment=first.moment)]
        for piece in pieces[1:]:
            items.append(_Item(piece.start, piece.end, chapter=chapter, paragraph=_num_value(n),
                               stycke=piece.stycke, punkt=piece.punkt, mening=piece.mening, moment=piece.moment))
        return items, max(end, n.end())

    def bare_paragraph(self, p: int, chapter: str) -> tuple[list[_Item], int] | None:
        """"16 kap. 6 h SoL", "4 kap 1 SoL": a paragraph without its §-sign counts only when
        the act follows at once (the act is what says the number is a paragraph)."""
        n = self.match(_BARE_PARAGRAPH, p)
        if not n:
            return None
        law = self.law_after(n.end())
        if law is None or law.kind not in ("named", "abbrev") or law.start - n.end() > 3:
            return None
        return [_Item(n.start(), n.end(), chapter=chapter, paragraph=n.group(1) + (n.group(2) or ""))], n.end()

    def unit(self, p: int, chapter: str | None) -> tuple[list[_Item], int, str | None] | None:
        m = self.match(_NUM, p)
        if not m:
            return None
        k = self.match(_KAP, m.end())
        kap_first = None if k else _KAP_BEFORE.search(self.t, max(0, m.start() - 12), m.start())
        if k or kap_first:
            chap = _num_value(m).replace(" ", "")
            chap = re.sub(r"\s", "", chap)
            start, k_end = (m.start(), k.end()) if k else (kap_first.start() if kap_first else m.start(), m.end())
            ps = self.para_set(k_end, chap) or self.sign_first(k_end, chap) or self.bare_paragraph(k_end, chap)
            if not ps:
                return [_Item(start, k_end, chapter=chap)], k_end, chap
            items, end = ps
            if len(items) == 1:
                items[0].start = start
                return items, end, chap
            return [_Item(start, k_end, chapter=chap)] + items, end, chap
        ps = self.para_set(p, chapter)
        if not ps:
            return None
        items, end = ps
        return items, end, chapter

    def group(self, p: int) -> _Group | None:
        got = self.unit(p, None)
        if not got:
            return None
        items, end, chapter = got
        while True:
            s = self.match(_SEP, end)
            if not s:
                break
            nxt = self.unit(s.end(), chapter)
            if not nxt and self._chapter_word_list(items):
                # "kapitel 6 och 7 i kommunallagen": the chapter word before the first number
                # covers the numbers listed after it
                n = self.match(_NUM, s.end())
                if n and not n.group(2) and not (_PARA.match(self.t, self.ws(n.end())) or _KAP.match(self.t, self.ws(n.end()))):
                    nxt = [_Item(n.start(), n.end(), chapter=n.group(1))], n.end(), n.group(1)
            if not nxt:
                break
            items += nxt[0]
            end, chapter = nxt[1], nxt[2]
        for it in items:
            if it.paragraph:
                it.paragraph = re.sub(r"\s", "", it.paragraph)
        g = _Group(items[0].start, end, items)
        g.law = self.law_after(end)
        if g.law:
            g.end = g.law.end
        return g

    # -- the act named after a reference ("alkohollagen (2010:1622)", "LSS", "samma lag")
    def law_after(self, p: int) -> _Law | None:
        q = self.ws(p)
        m = re.compile(r"i(?:[ \t\u00a0\r\n]+)(?!den\b)").match(self.t, q)
        if m:
            law = self.law_at(m.end(), after_ref=True)
            if law:
                return law
        return self.law_at(q, after_ref=True)

    def law_at(self, p: int, after_ref: bool = False) -> _Law | None:
        t = self.t
        p = self.ws(p) if after_ref else p
        m = _SAME.match(t, p)
        if m:
            return _Law(m.start(), m.end(), "same", m.start(), m.end())
        m = _GENERIC.match(t, p)
        if m:
            n = _SFS_PAREN.match(t, m.end())
            if n:
                sfs = _sfs_value(n)
                law = _Law(m.start(), n.end(), "generic", n.start(1), n.end(3) if n.group(3) else n.end(2), sfs=sfs)
                self._trailing_abbreviation(law, title_scan=True)
                return law
        m = _NAME.match(t, p)
        if m:
            law = self._named(m)
            if law:
                return law
        m = _ABBR_TOKEN.match(t, p)
        if m and m.group(0) in self.tables.abbreviations and (after_ref or m.group(0) not in _AMBIGUOUS_ABBREVIATIONS):
            return _Law(m.start(), m.end(), "abbrev", m.start(), m.end(), abbreviation=m.group(0))
        return None

    def _named(self, m: re.Match) -> _Law | None:
        t = self.t
        start = m.start()
        name = m.group(0)
        if m.group(1):
            key = name_key(name)
            if not m.group(2) and key not in self.tables.names:
                # "Kommunen och socialtjänstlagen": the first word is not part of the name
                m = _NAME_SIMPLE.match(t, m.start())
                if not m:
                    return None
                name = m.group(0)
        if name.lower() in _GENERIC_WORDS or name_key(name) in EU_NAMES:
            return None
        end = start + len(name)
        law = _Law(start, end, "named", start, end, name=name)
        n = _SFS_PAREN.match(t, self.ws(end))
        if n and n.start() - end <= 40:
            law.sfs = _sfs_value(n)
            law.end = law.link_end = n.end()
        else:
            n = _SFS_PREFIXED.match(t, self.ws(end))
            if n:
                law.sfs = _sfs_value(n)
                law.end = law.link_end = n.end()
        key = name_key(name)
        if law.sfs is None and re.search(r"lagstiftning(?:en|ens|s)?$", name.lower()):
            # "diskrimineringslagstiftningen" is the legislation of a field, not one act,
            # unless it prints the act's number ("sekretesslagstiftningen (2009:400)")
            return None
        if law.sfs is None and key not in self.tables.names and key not in EU_NAMES:
            # an unknown name is only a candidate in the definite form of an act ("påhittadelagen"),
            # never an ordinary noun that happens to end in -lag ("förslagen", "underlag")
            low = name.lower()
            if not re.search(r"(lagen|balken|förordningen)s?$", low) or _NOT_A_LAW.search(low):
                return None
            law.kind = "unknown-name"
        self._trailing_abbreviation(law)
        return law

    def _trailing_abbreviation(self, law: _Law, title_scan: bool = False) -> None:
        """Bind an abbreviation printed after the act: "(SoL)", ", SoL", "(2009:400) OSL".
        For "lag (2016:1145) om offentlig upphandling (LOU)" look through the title."""
        t = self.t
        m = re.compile(r"[ \t\u00a0\r\n]*(?:\(|,[ \t]*)?(" + _ABBR_TOKEN.pattern + r")\)?").match(t, law.end)
        if m and self._abbr_like(m.group(1)):
            law.extra_abbreviation = m.group(1)
            law.end = m.end()
            return
        if title_scan:
            m = re.compile(r"[ \t\u00a0\r\n]+om[ \t\u00a0\r\n][^.;()\n]{0,120}?\(([A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,5})\)").match(t, law.end)
            if m and self._abbr_like(m.group(1)):
                law.extra_abbreviation = m.group(1)
                law.end = m.end()

    def _abbr_like(self, token: str) -> bool:
        if token in self.tables.abbreviations:
            return True
        return bool(re.fullmatch(r"[A-ZÅÄÖ][a-zåäö]?[A-ZÅÄÖ]{1,4}", token)) and token not in {"EU", "EG", "EES"}


def _sfs_value(m: re.Match) -> str:
    value = f"{m.group(1)}:{m.group(2)}"
    if m.group(3):
        value += f" s. {m.group(3)}"
    return value


# --------------------------------------------------------------------------- statutes

# The first character is matched before the look-behinds (which then look one further back) so
# the scan can skip to candidate characters; the same holds for the other "X(?<!…X)" patterns.
_REF_START = re.compile(r"[1-9](?<![\w§/:.][1-9])(?<!\d[-–/:.,][1-9])(?<!\d [-–][1-9])\d{0,2}(?!\d)")
_LAW_START = re.compile(
    r"(?<![\wåäöÅÄÖ])(?:[A-Za-zÅÄÖåäöé]|\(" + _W + r"(?:1\d|20)\d\d|SFS\b)"
)


# What law_at needs to find at a word start, checked before calling it (most word starts are
# ordinary words): the literal openings of _SAME, _GENERIC and the SFS-number forms ...
_LAW_WORD_PREFIXES = (
    "samma", "lag", "Lag", "förordning", "Förordning", "kungörelse", "Kungörelse", "stadga", "Stadga",
    "instruktion", "Instruktion", "tillkännagivande", "Tillkännagivande", "reglemente", "Reglemente",
    "SFS", "(",
)
_LAW_WORD_PREFIX_LITERALS = tuple((w, 0) for w in _LAW_WORD_PREFIXES)
# a capitalised word of at most six letters at a word start (_ABBR_TOKEN's shape); the first
# letter is matched before the look-behind so the scan can skip to capital letters
_SHORT_CAPITALISED = re.compile(r"[A-ZÅÄÖ](?<![\wåäöÅÄÖ][A-ZÅÄÖ])[A-Za-zÅÄÖåäö]{0,5}(?![\wåäöÅÄÖ])")
# ... and for _NAME, a law word somewhere in the name: the name is one run of letters and
# hyphens, or "X och Y" (three runs apart by whitespace) with the law word in the last run.
_LAW_KEYWORD = re.compile(r"(?i:lag|balk|ordning|kungörelse|stadga|regeringsform)")
_LAW_KEYWORDS = tuple((w, 0) for w in ("lag", "balk", "ordning", "kungörelse", "stadga", "regeringsform"))
_NAME_RUN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÅÄÖåäöé-")
_NAME_GAP_CHARS = frozenset(" \t\u00a0\r\n")


def _name_starts(text: str) -> set[int]:
    """Every position where _NAME can match (a superset): the start of the run of letters and
    hyphens holding a law word, and of the two runs before it when only whitespace separates
    them ("offentlighets- och sekretesslagen")."""
    starts: set[int] = set()
    run_chars, gap_chars = _NAME_RUN_CHARS, _NAME_GAP_CHARS
    low = caseless(text)
    # every place a law word is printed, in any case (found with str.find on the lower-cased
    # text; overlapping words are all found, which only adds candidates)
    keywords = (
        [k.start() for k in _LAW_KEYWORD.finditer(text)] if low is None else literal_starts(low, _LAW_KEYWORDS)
    )
    for q in keywords:
        while q > 0 and text[q - 1] in run_chars:
            q -= 1
        starts.add(q)
        for _ in range(2):
            r = q
            while r > 0 and text[r - 1] in gap_chars:
                r -= 1
            if r == q:
                break
            q = r
            while q > 0 and text[q - 1] in run_chars:
                q -= 1
            if q == r:
                break
            starts.add(q)
    return starts


def _law_candidates(text: str, abbreviations: frozenset[str]) -> list[int]:
    """The word starts (_LAW_START) where law_at or an SFS number can begin, in text order:
    _LAW_START matches every word, and law_at finds nothing at almost all of them."""
    found = _name_starts(text)
    found.update(literal_starts(text, _LAW_WORD_PREFIX_LITERALS))
    found.update(m.start() for m in _SHORT_CAPITALISED.finditer(text) if m.group(0) in abbreviations)
    return [pos for pos in sorted(found) if _LAW_START.match(text, pos)]


def _citation_from_item(item: _Item, text: str, law: _Law | None, start: int | None = None, end: int | None = None) -> Citation:
    s = item.start if start is None else start
    e = item.end if end is None else end
    c = Citation(
        kind="sfs", span=Span(s, e), text=text[s:e], chapter=item.chapter, paragraph=item.paragraph,
        stycke=item.stycke, punkt=item.punkt, mening=item.mening, moment=item.moment,
    )
    return _with_law(c, law)


def _with_law(c: Citation, law: _Law | None) -> Citation:
    if law is None:
        return c
    abbreviation = law.abbreviation or law.extra_abbreviation
    return replace(
        c,
        act_name=name_key(law.name) if law.name else None,
        abbreviation=abbreviation,
        sfs=law.sfs,
        same_law=law.kind == "same",
    )


def _law_citation(law: _Law, text: str) -> Citation | None:
    if law.kind == "same":
        return None
    c = Citation(kind="sfs", span=Span(law.link_start, law.link_end), text=text[law.link_start : law.link_end])
    if law.name and name_key(law.name) in EU_NAMES and not law.sfs:
        return Citation(kind="eu", span=c.span, text=c.text, act_name=name_key(law.name), celex=EU_NAMES[name_key(law.name)])
    return _with_law(c, law)


def _statutes(text: str) -> list[Citation]:
    parser = _Parser(text)
    groups: list[_Group] = []
    p = 0
    for m in _REF_START.finditer(text):
        if m.start() < p:
            continue
        g = parser.group(m.start())
        if g and any(it.paragraph or it.chapter for it in g.items):
            groups.append(g)
            p = g.end
    taken = [(g.start, g.end) for g in groups]  # in text order, not overlapping
    taken_starts = [s for s, _ in taken]

    def free(a: int, b: int) -> bool:
        # only the group starting last before b can overlap [a, b)
        i = bisect.bisect_left(taken_starts, b) - 1
        return i < 0 or taken[i][1] <= a

    laws: list[_Law] = []
    p = 0
    for pos in _law_candidates(text, parser.tables.abbreviations):
        if pos < p or not free(pos, pos + 1):
            continue
        law = parser.law_at(pos)
        if law is None and text.startswith("(", pos):
            n = _SFS_PAREN.match(text, pos)
            if n and not _OTHER_SERIES_BEFORE.search(text, max(0, pos - 40), pos):
                law = _Law(n.start(), n.end(), "number", n.start(1), n.end(3) if n.group(3) else n.end(2), sfs=_sfs_value(n))
        elif law is None and text.startswith("SFS", pos):
            n = _SFS_PREFIXED.match(text, pos)
            if n:
                law = _Law(n.start(), n.end(), "number", n.start(), n.end(), sfs=_sfs_value(n))
        if law is None:
            continue
        if law.kind == "same":
            continue  # "samma lag" without a provision is not linked
        if not free(law.start, law.end):
            continue
        laws.append(law)
        p = law.end

    out: list[tuple[int, Citation]] = []
    used_laws: set[int] = set()
    law_ends = [law.end for law in laws]  # increasing: the laws are in text order, apart
    forward = _next_group_with_law(groups)
    for gi, g in enumerate(groups):
        if g.law is None:
            # law printed right before: "LSS 9 § 8", "patientsäkerhetslagen (2010:659) 3 kap. 10 §"
            # Only a law that ends in the run of blanks before the group can be followed by
            # blanks alone; an earlier one has that law's own text in between.
            blank = g.start
            while blank > 0 and text[blank - 1] in _GAP_BLANKS:
                blank -= 1
            first = bisect.bisect_left(law_ends, blank)
            last = bisect.bisect_right(law_ends, g.start)
            for k in range(first, last):
                law = laws[k]
                if k in used_laws:
                    continue
                gap = text[law.end : g.start]
                if re.fullmatch(r"[ \t\u00a0]{1,3}|[ \t\u00a0]*\r?\n[ \t\u00a0]*", gap) and law.kind != "unknown-name":
                    if len(g.items) == 1:
                        used_laws.add(k)
                        out.append((law.start, _citation_from_item(g.items[0], text, law, start=law.start)))
                        g.items = []
                    else:
                        g.law = law
                    break
        if not g.items:
            continue
        law = g.law
        if law is None:
            law = _forward_law(g, groups[forward[gi]] if forward[gi] is not None else None, text)
            for it in g.items:
                out.append((it.start, _citation_from_item(it, text, law)))
            continue
        if len(g.items) == 1 and law.kind in ("named", "abbrev", "same", "unknown-name"):
            out.append((g.start, _citation_from_item(g.items[0], text, law, end=law.link_end)))
            continue
        for it in g.items:
            out.append((it.start, _citation_from_item(it, text, law)))
        lc = _law_citation(law, text)
        if lc:
            out.append((lc.span.start, lc))
    for k, law in enumerate(laws):
        if k in used_laws:
            continue
        if law.kind == "abbrev":
            # "LSS 9:9", "SoL 4:1": chapter:paragraph, or paragraph:punkt for acts without chapters
            m = _ABBR_COLON.match(text, law.end)
            if m and "\n" not in text[law.end : m.start(1)]:
                c = Citation(kind="sfs", span=Span(law.start, m.end()), text=text[law.start : m.end()],
                             abbreviation=law.abbreviation, chapter=m.group(1), punkt=m.group(2))
                out.append((law.start, c))
                continue
        lc = _law_citation(law, text)
        if lc:
            out.append((lc.span.start, lc))
    out.sort(key=lambda x: (x[0], x[1].span.end))
    return [c for _, c in out]


_GAP_BLANKS = frozenset(" \t\u00a0\r\n")  # the characters of the gap a law before a group may leave


def _next_group_with_law(groups: list[_Group]) -> list[int | None]:
    """For each group (in text order), the index of the first later group that names its act,
    found in one pass from the end rather than by a search per group."""
    out: list[int | None] = [None] * len(groups)
    following: int | None = None
    for i in range(len(groups) - 1, -1, -1):
        out[i] = following
        if groups[i].law is not None:
            following = i
    return out


def _forward_law(g: _Group, h: _Group | None, text: str) -> _Law | None:
    """A reference without an act takes the act of a coordinated reference later in the same
    sentence ("enligt 9 § och rapportering enligt 28 f § LSS"); ``h`` is the first later group
    that names its act."""
    if h is None or h.law is None:
        return None
    if h.start - g.end > 160:
        return None  # (before slicing: the next named act may be megabytes away)
    between = text[g.end : h.start]
    if _SENTENCE_END.search(between) or "(" in between or ")" in between:
        return None
    if not re.search(r"\b(?:och|samt|eller|respektive)\b|,", between):
        return None
    return h.law if h.law.kind != "same" else None


# --------------------------------------------------------------------------- titles

@lru_cache(maxsize=1)
def _title_re() -> re.Pattern | None:
    titles = sorted(_tables().titles, key=len, reverse=True)
    parts = []
    for title in titles:
        words = title.split()
        if words[0] != "lag":
            continue
        rest = _W.join(re.escape(w) for w in words[1:])
        parts.append(rest)
    if not parts:
        return None
    return re.compile(r"[Ll](?<![\wåäöÅÄÖ][Ll])ag(?:en)?" + _W + r"(?:" + "|".join(parts) + r")(?![\wåäö])")


def _titles(text: str, taken: list[Citation]) -> list[Citation]:
    rx = _title_re()
    out: list[Citation] = []
    if rx is None:
        return out
    taken_spans: SpanIndex | None = None  # built at the first title: most texts print none
    for m in rx.finditer(text):
        if taken_spans is None:
            taken_spans = SpanIndex([(c.span.start, c.span.end) for c in taken])
        if taken_spans.overlaps(m.start(), m.end()):
            continue
        name = re.sub(r"\s+", " ", m.group(0)).lower()
        name = re.sub(r"^lagen\b", "lag", name)
        out.append(Citation(kind="sfs", span=Span(m.start(), m.end()), text=m.group(0), act_name=name_key(name)))
    return out


def _title_then_provision(text: str, found: list[Citation]) -> list[Citation]:
    """"Lag om kommunal redovisning kap 5 § 4": an act's title printed right before a
    provision that names no act is that provision's act, one link (as "LSS 9 § 8")."""
    out: list[Citation] = []
    for c in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "sfs" and prev.act_name and prev.chapter is None
                and prev.paragraph is None and c.kind == "sfs" and (c.chapter or c.paragraph)
                and not (c.act_name or c.abbreviation or c.sfs or c.same_law)
                and re.fullmatch(r"[ \t\u00a0]{1,3}", text[prev.span.end : c.span.start])):
            out[-1] = replace(c, span=Span(prev.span.start, c.span.end), text=text[prev.span.start : c.span.end],
                              act_name=prev.act_name, sfs=prev.sfs, abbreviation=prev.abbreviation)
            continue
        out.append(c)
    return out


# --------------------------------------------------------------------------- reports

_REPORT = re.compile(
    r"(?P<series>[SDPpdbr](?<![\wåäöÅÄÖ][SDPpdbr])(?:(?<=S)OU|(?<=D)s|(?<=D)S|(?<=[Pp])rop\.?|(?<=[Dd])ir\.|(?<=b)et\.|(?<=r)skr\.))[ \t\u00a0]*"
    r"(?:"
    r"(?P<year>1[89]\d\d|20\d\d)(?:/(?P<year2>\d\d))?[ \t]?:[ \t]?(?:(?P<ab>[AB])[ \t]?)?(?P<num>[A-Za-zÅÄÖ]{0,3}\d{1,4})(?![\d:/])"
    r"|nr[ \t]+(?P<num_b>\d{1,4})/(?P<year_b>1[89]\d\d)"
    r"|(?P<year_c>1[89]\d\d)[ \t]+nr[ \t]+(?P<num_c>\d{1,4})"
    r")"
)
# every _REPORT match begins with its series as printed: matched only where str.find finds one
# (its first letters are common ones, which the engine would stop at everywhere)
_REPORT_SERIES = tuple((series, 0) for series in ("SOU", "Ds", "DS", "prop", "Prop", "dir.", "Dir.", "bet.", "rskr."))
_PAGE = re.compile(r",?[ \t\u00a0\r\n]*s\.[ \t\u00a0\r\n]*(\d{1,4})(?![\d:/])")
_PAGE_MORE = re.compile(r"[ \t\u00a0\r\n]*(?:[-–,]|och)[ \t\u00a0\r\n]*(\d{1,4})(?![\d:/])")
_AP_PROP = re.compile(r"a(?<![\wåäöÅÄÖ]a)\.[ \t]?prop\.[ \t\u00a0\r\n]*s\.[ \t\u00a0\r\n]*(\d{1,4})(?!\d)")

_SERIES = {"sou": "SOU", "ds": "Ds", "prop": "prop.", "dir": "dir.", "bet": "bet.", "rskr": "rskr."}


def _reports(text: str) -> list[Citation]:
    out: list[Citation] = []
    last_prop: Citation | None = None
    events = sorted(
        [(m.start(), "r", m) for m in finditer_from(_REPORT, text, literal_starts(text, _REPORT_SERIES))]
        + [(m.start(), "a", m) for m in finditer_from(_AP_PROP, text, literal_starts(text, (("a.", 0),)))],
        key=lambda x: x[0],
    )
    for _, kind, m in events:
        if kind == "a":
            if last_prop is not None:
                out.append(replace(last_prop, span=Span(m.start(), m.end()), text=m.group(0), page=m.group(1)))
            continue
        series = _SERIES[m.group("series").lower().rstrip(".")]
        if m.group("num") is not None:
            year = m.group("year") + (f"/{m.group('year2')}" if m.group("year2") else "")
            num = m.group("num")
            if m.group("ab") == "B":
                num = "B" + num
            number = f"{year}:{num}"
        elif m.group("num_b"):
            number = f"{m.group('year_b')}:{m.group('num_b')}"
        else:
            number = f"{m.group('year_c')}:{m.group('num_c')}"
        if series in ("SOU", "Ds", "dir.") and not re.fullmatch(r"\d{4}:\d+", number):
            continue
        if series == "bet." and not re.fullmatch(r"\d{4}/\d\d:[A-Za-zÅÄÖ]{1,3}\d+", number):
            continue
        base = Citation(kind="report", span=Span(m.start(), m.end()), text=m.group(0), series=series, number=number)
        pg = _PAGE.match(text, m.end())
        if pg:
            out.append(replace(base, span=Span(m.start(), pg.end()), text=text[m.start() : pg.end()], page=pg.group(1)))
            q = pg.end()
            while True:
                more = _PAGE_MORE.match(text, q)
                if not more:
                    break
                out.append(replace(base, span=Span(more.start(1), more.end(1)), text=more.group(1), page=more.group(1)))
                q = more.end()
        else:
            out.append(base)
        if series == "prop.":
            last_prop = base
    return out


# --------------------------------------------------------------------------- EU acts

_ISSUER = r"(?:Europaparlamentets" + _W + r"och" + _W + r"rådets|rådets|kommissionens)"
_EU_DATE = (
    r"(?:" + _W + r"av" + _W + r"den" + _W + r"\d{1,2}" + _W +
    r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)" + _W + r"\d{4})?"
)
_ARTICLE = r"(?:[Aa]rtikel" + _W + r"(?P<art>\d+(?:\.\d+)*(?:[ \t]?[a-z](?![\wåäö]))?)" + _W + r"i" + _W + r")?"
_EU_REG = re.compile(
    _ARTICLE + r"(?:(?P<issuer>" + _ISSUER + _W + r")?(?P<word>förordning(?:en)?|direktiv(?:et)?|beslut(?:et)?)" + _W + r")?"
    r"\((?P<org>EU|EG|EEG|Euratom|EU,[ \t]?Euratom)\)" + _W + r"(?P<nr>nr" + _W + r")?"
    r"(?P<a>\d{1,4})/(?P<b>\d{1,4})(?![\d/])" + _EU_DATE
)
_EU_DIR = re.compile(
    _ARTICLE + r"(?:(?P<issuer>" + _ISSUER + _W + r")(?P<word>direktiv|förordning|beslut)" + _W + r")?"
    r"(?<![\d/])(?P<a>\d{2}|\d{4})/(?P<b>\d{1,4})/(?P<org>EG|EEG|EU|Euratom)(?![\wåäö])" + _EU_DATE
)
_CELEX = re.compile(r"3(?<![\w/]3)(?P<y>\d{4}|\d{2})(?P<t>[LRDE])(?P<n>\d{4})(?!\w)")
_EU_NAME = re.compile(r"(?<![\wåäöÅÄÖ])(?:(?P<eus>EU:s" + _W + r")(?P<indef>[Dd]ataskyddsförordning)(?:ens?)?|[Dd]ataskyddsförordningens?|GDPR)(?![\wåäöÅÄÖ])")


def _year4(y: str) -> str:
    return y if len(y) == 4 else ("19" + y if int(y) > 50 else "20" + y)


def _eu(text: str) -> list[Citation]:
    out: list[Citation] = []
    # both act patterns hold a literal "(E…" / "/E…"; skipping a text without it saves scanning
    # it with patterns that may start anywhere
    for m in _EU_REG.finditer(text) if "(E" in text else ():
        word = (m.group("word") or "förordning").lower()
        typ = {"f": "R", "d": "L", "b": "D"}[word[0]]
        a, b = m.group("a"), m.group("b")
        if m.group("nr") or (len(b) == 4 and len(a) != 4) or (len(b) == 2 and len(a) > 2):
            number, year = a, b
        else:
            year, number = a, b
        start = m.start() if (m.group("issuer") or m.group("art")) else (m.start("word") if m.group("word") else m.start("org") - 1)
        celex = f"3{_year4(year)}{typ}{int(number):04d}"
        out.append(Citation(kind="eu", span=Span(start, m.end()), text=text[start : m.end()], celex=celex,
                            eu_number=f"{_year4(year)}/{int(number)}", paragraph=m.group("art")))
    for m in _EU_DIR.finditer(text) if "/E" in text else ():
        word = (m.group("word") or "direktiv").lower()
        typ = {"f": "R", "d": "L", "b": "D"}[word[0]]
        year, number = m.group("a"), m.group("b")
        start = m.start() if (m.group("issuer") or m.group("art")) else m.start("a")
        celex = f"3{_year4(year)}{typ}{int(number):04d}"
        out.append(Citation(kind="eu", span=Span(start, m.end()), text=text[start : m.end()], celex=celex,
                            eu_number=f"{_year4(year)}/{int(number)}", paragraph=m.group("art")))
    for m in _CELEX.finditer(text):
        celex = f"3{_year4(m.group('y'))}{m.group('t')}{m.group('n')}"
        out.append(Citation(kind="eu", span=Span(m.start(), m.end()), text=m.group(0), celex=celex))
    # every name holds one of these literals; most papers have none of them
    has_name = "GDPR" in text or "ataskyddsförordning" in text
    for m in _EU_NAME.finditer(text) if has_name else ():
        out.append(Citation(kind="eu", span=Span(m.start(), m.end()), text=m.group(0), act_name="dataskyddsförordning", celex="32016R0679"))
    return out


# --------------------------------------------------------------------------- KFS

_KFS = re.compile(r"K(?<![\wåäöÅÄÖ]K)FS[ \t\u00a0]*(\d{4})[ \t]?:[ \t]?(\d{1,4})(?!\d)")


def _kfs(text: str) -> list[Citation]:
    return [
        Citation(kind="kfs", span=Span(m.start(), m.end()), text=m.group(0), number=f"{m.group(1)}:{m.group(2)}")
        for m in _KFS.finditer(text)
    ]


# --------------------------------------------------------------------------- entry point


_NUMBER_THEN_BLANK_LINE = re.compile(r"\d+\s?[a-z]?[ \t\u00a0]*\n[ \t\u00a0]*\n")


def find_citations(text: str) -> list[Citation]:
    """All statute, EU-act, report and KFS citations in ``text``, in text order, with offsets
    into ``text`` (``text[c.span.start:c.span.end] == c.text``). Never raises on odd input."""
    if not text:
        return []
    view, index = _dehyphenate(text)
    found: list[Citation] = []
    others = _kfs(view) + _reports(view) + _eu(view)
    others.sort(key=lambda c: (c.span.start, -c.span.end))
    kept: list[Citation] = []
    kept_spans = SpanIndex()  # filled in order of start, as ``others`` is sorted
    for c in others:
        if kept_spans.overlaps(c.span.start, c.span.end):
            continue
        kept.append(c)
        kept_spans.add(c.span.start, c.span.end)
    statutes = [c for c in _statutes(view) if not kept_spans.overlaps(c.span.start, c.span.end)]
    found = kept + statutes
    found += _titles(view, found)
    found.sort(key=lambda c: (c.span.start, c.span.end))
    found = _title_then_provision(view, found)
    result = []
    for c in found:
        if c.span.end <= c.span.start:
            continue
        start = index[c.span.start]
        end = index[c.span.end - 1] + 1
        if _NUMBER_THEN_BLANK_LINE.match(text, start, end):
            continue  # a number and the § after a blank line: "Sida 6 av 8\n\n§ 116" is no "8 §"
        result.append(replace(c, span=Span(start, end), text=text[start:end]))
    return result
