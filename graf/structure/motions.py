"""What members move and declare inside an item: yrkanden with their stance (bifall,
avslag, delvis, annat), the propositionsordning and its outcome, reservationer, and
statements (särskilda uttalanden, ersättaryttranden, protokollsanteckningar). Each is read
from the sentence that names the persons, so the sentence helpers live here too.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from graf.grammar.lexicon import PARTY_CODES, PARTY_NAMES, PARTY_SURFACES
from graf.grammar.roles import CHAIR, meeting_role
from graf.grammar.scan import literal_starts
from graf.records import (
    AgendaItem,
    Attendance,
    DecisionPoint,
    NonParticipation,
    PersonRef,
    Proposal,
    Reservation,
    Span,
    Statement,
)
from graf.structure.common import Unit, collapse, find_persons, finditer_where, strip_span

# --------------------------------------------------------------------------- sentences

_OUTCOME = re.compile(
    r"[Oo]rdföranden\s+ställ(?:de|er)\s+(?:proposition|de\s+framställda|förslagen|följande)|"
    r"[Oo]rdföranden\s+(?:fann|finner)\s+att"
)
# The look-behinds stand after the mark they guard, not before it, so the pattern begins with
# a character class, which the engine skips to; a pattern that begins with a look-behind (or
# \b) is tried at every position. (Same for the \b-patterns below: "y(?<!\wy)rka" is
# "\byrka".)
_SENT_END = re.compile(
    r"[.!?](?<!m\.fl[.!?])(?<!\bfl[.!?])(?<!\bbl\.a[.!?])(?<!\bkl[.!?])(?<!\bnr[.!?])(?<!\bt\.ex[.!?])"
    r"(?=\s+[A-ZÅÄÖ\d*])"
)
_BLANK = re.compile(r"\n[ \t\u00a0]*\n")


def _sentence_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around ``pos``, not crossing blank lines or [lo, hi)."""
    a = max(lo, pos - 800)
    start = a
    for m in _BLANK.finditer(text, a, pos):
        start = m.end()
    # the look-ahead after the full stop must see the next sentence's first letter, which may
    # be the one at ``pos``
    for m in _SENT_END.finditer(text, start, min(len(text), pos + 3)):
        if m.start() < pos:
            start = m.end()
    end_limit = min(hi, pos + 1500)
    mb = _BLANK.search(text, pos, end_limit)
    stop = mb.start() if mb else end_limit
    me = _SENT_END.search(text, pos, stop)
    end = me.end() if me else stop
    s, e = strip_span(text, start, end, " \t\n\r\u00a0*")
    return s, max(s, e)


def section_outcome(text: str, start: int, end: int) -> tuple[str, Span]:
    """The outcome of a propositionsordning section printed in [start, end): the whole
    section, or the chair's sentence when the section (a "Beslutsgång") also holds the
    proposals."""
    span = Span(start, end)
    mo = _OUTCOME.search(text, start, end)
    if mo and (_YRKA.search(text, start, mo.start()) or _LAMNADE_FORSLAG.search(text, start, mo.start())):
        span = Span(*_sentence_bounds(text, mo.start(), start, end))
    return collapse(text[span.start : span.end]), span


def outcome_sentence(text: str, lo: int, hi: int) -> tuple[str, Span] | None:
    """The chair's outcome sentence ("Ordföranden ställde proposition ...") in an item
    without a propositionsordning section."""
    m = _OUTCOME.search(text, lo, hi)
    if not m:
        return None
    ps, pe = _sentence_bounds(text, m.start(), lo, hi)
    return collapse(text[ps:pe]), Span(ps, pe)


def _paragraph_end(text: str, pos: int, hi: int) -> int:
    m = _BLANK.search(text, pos, hi)
    return m.start() if m else hi


_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")
# what stands before a name that continues on the next line: a list separator or a party
_LIST_BEFORE = re.compile(r"(?:,|\boch|\bsamt|\))[ \t]*$")


def persons_in(text: str, start: int, end: int) -> list[PersonRef]:
    """The persons printed in text[start:end], also where a line break falls inside a name
    in a list of movers ("..., Heidi Ek (C) och Sanna\nDabolins (V) föreslår"). A name may
    cross one line break, and only where a list separator stands before it on its line, so
    a heading line above a name ("Yrkande\nEva Ek (M)") never joins it."""
    found = find_persons(text, start, end)
    seg = text[start:end]
    if "\n" not in seg:
        return found
    # the segment with each line break (and the blanks around it) as one space; where[i] is
    # the offset in text of joined[i]
    parts: list[str] = []
    where: list[int] = []
    pos = 0
    for m in _LINE_BREAK.finditer(seg):
        parts.append(seg[pos : m.start()])
        where.extend(range(start + pos, start + m.start()))
        parts.append(" ")
        where.append(start + m.start())
        pos = m.end()
    parts.append(seg[pos:])
    where.extend(range(start + pos, start + len(seg)))
    where.append(start + len(seg))
    joined = "".join(parts)
    extra = []
    for p in find_persons(joined):
        s0, e0 = where[p.span.start], where[p.span.end - 1] + 1
        breaks = text.count("\n", s0, e0)
        if breaks != 1:
            continue
        line_start = text.rfind("\n", 0, s0) + 1
        if not _LIST_BEFORE.search(text, line_start, s0):
            continue
        ps = Span(where[p.party_span.start], where[p.party_span.end - 1] + 1) if p.party_span else None
        extra.append(PersonRef(p.name, Span(s0, e0), p.party, ps, p.group))
    if not extra:
        return found
    kept = [q for q in found if not any(q.span.start < x.span.end and x.span.start < q.span.end for x in extra)]
    return sorted(kept + extra, key=lambda q: q.span.start)


# --------------------------------------------------------------------------- parties named as groups

# "Moderaterna", "Moderaternas ledamöter", "Kristdemokraterna": a party's own name (or its
# genitive) standing for its members
_PARTY_NAME = re.compile(
    r"(?<![\wåäöÅÄÖ])(?P<name>" + "|".join(sorted((re.escape(n) for n in PARTY_SURFACES), key=len, reverse=True))
    + r")(?:s)?(?![\wåäöÅÄÖ])"
)
# "M-, KD- och L-ledamöterna", "S-gruppen", "ledamöterna från M och KD", "(M)-ledamöterna"
_CODE_GROUP = re.compile(
    r"(?<![\wåäöÅÄÖ])\(?(?P<code>" + "|".join(sorted(PARTY_CODES, key=len, reverse=True)) + r")\)?-(?=[,\s]|ledam|grupp|företrädar|repre)"
)


_CODES_ONLY = re.compile(r"[\s*]*(?:(?:[Mm]ot\s+beslutet\s+)?\([A-ZÅÄÖ]{1,3}\)(?:\s*,\s*|\s+och\s+|\s+samt\s+)?)+\s*")


def _group_subject(text: str, start: int, end: int) -> tuple[str, ...]:
    """Party groups that are the whole subject of a short clause ("Socialdemokraterna yrkar",
    "SD-ledamöterna lämnar ..."), not parties mentioned in a longer sentence."""
    if len(collapse(text[start:end])) > 90:
        return ()
    return party_groups(text, start, end)


def party_groups(text: str, start: int, end: int) -> tuple[str, ...]:
    """Party codes of the party groups a subject names without persons, in printed order."""
    found: list[tuple[int, str]] = []
    for m in _PARTY_NAME.finditer(text, start, end):
        found.append((m.start(), PARTY_SURFACES[m.group("name")]))
    if re.search(r"ledam|grupp|företrädar|representant", text[start:end], re.I):
        for m in _CODE_GROUP.finditer(text, start, end):
            found.append((m.start(), m.group("code")))
        mf = re.search(r"(?:[Ll]edamöterna|[Ll]edamoten|[Gg]ruppen|[Ff]öreträdarna)\s+(?:från|för|i)\s+"
                       r"(?P<list>\(?[A-ZÅÄÖ]{1,3}\)?(?:(?:\s*,\s*|\s+och\s+|\s+samt\s+)\(?[A-ZÅÄÖ]{1,3}\)?)*)(?![\wåäö])",
                       text[start:end])
        if mf:
            for mc in re.finditer(r"\b[A-Z]{1,2}\b", mf.group("list")):
                if mc.group() in PARTY_CODES:
                    found.append((start + mf.start("list") + mc.start(), mc.group()))
    # "(M) och (KD) reserverar sig": a subject of party codes alone
    if not found and _CODES_ONLY.fullmatch(text, start, end):
        for m in re.finditer(r"\((?P<code>[A-ZÅÄÖ]{1,3})\)", text[start:end]):
            if m.group("code") in PARTY_CODES:
                found.append((start + m.start(), m.group("code")))
    out: list[str] = []
    for _, code in sorted(found):
        if code not in out:
            out.append(code)
    return tuple(out)


# --------------------------------------------------------------------------- proposals

_YRKA = re.compile(r"y(?<!\wy)rka(?:de|r)\b")
_LAMNADE_FORSLAG = re.compile(
    r"l(?<!\wl)ämna(?:de|r)\s+(?:i\s+sin\s+tur\s+)?(?:ett\s+)?(?:eget\s+|följande\s+|nytt\s+)?"
    r"(?:förslag|ändringsförslag|tilläggsförslag|tilläggsyrkande|ändringsyrkande)\b"
)
# today's templates: "X (L) föreslår att ...", "har X (M) ... inkommit med följande två tillägg"
_FORESLAR = re.compile(
    r"f(?<!\wf)öreslå(?:r|r\s+i\s+första\s+hand)\b|f(?<!\wf)öreslog\b|"
    r"i(?<!\wi)nkommit\s+med\s+(?:följande\s+)?(?:\w+\s+)?(?:tillägg|ändring|förslag|yrkande)"
)
# "Ordförande X (M) frågar om initiativärendet ska lämnas till förvaltningen" under the
# heading for proposals at the meeting: the question is the only proposal made
_FRAGAR = re.compile(r"f(?<!\wf)rågar\s+om\b")
# the verb-first order of older minutes: "lämnade ordförande X m fl (M) förslag"
_VERB_FIRST = re.compile(r"l(?<!\wl)ämnade\s+(?P<who>[^.\n]{3,120}?)\s+förslag\b")
# a proposals section that prints each mover before a colon, without a verb: "Yrkanden" /
# "Eva Ek (M): Avslag på förvaltningens förslag." / "Bo Ås (S): Bifall till ..."
_COLON_MOVER = re.compile(r"(?m)^[ \t*•-]*(?P<who>[A-ZÅÄÖ][^\n:()]{2,120}\([A-ZÅÄÖa-zåäö]{1,3}\))[ \t]*:[ \t]*(?=\S)")
_VERB_AFTER_COLON = re.compile(r"(?i)(?:jag\s+)?(?:yrka|föreslå|lämna|instämm)")
_ATT_POINT = re.compile(r"(?m)^[ \t]*(?P<num>\d{1,2})[.)][ \t]+(?P<body>att\b[^\n]*)")
_PROPOSAL_STARTS = ("yrka", "lämna", "förslå", "före", "fore", "inko", "fråg")

# a mover named only by office: "Ordföranden yrkar", "Vice ordföranden yrkar"
_OFFICE_SUBJECT = re.compile(
    r"(?is)(?:[^\n]*\n)?[ \t*#]*(?P<office>(?:1:e\s+|2:e\s+|förste\s+|andre\s+)?vice\s+ordförande(?:n)?|ordförande(?:n)?|ordf\.)\s*"
)
# "yrkar A (S), B (S) och C (V) bifall till ...": movers printed after the verb, each with
# a party, up to the word that states the proposal
_MOVERS_AFTER = re.compile(
    r"[ \t\n]+(?P<who>[A-ZÅÄÖ][^.;:]{2,300}?\([A-Za-zÅÄÖåäö]{1,3}\))[ \t\n]+"
    r"(?=bifall|avslag|att\b|återremi|bordlägg|på\b|i\s+första\s+hand)"
)
# "yrkar, med instämmande av Y (V) och Z (MP), bifall ..."
_SECONDED = re.compile(r",?\s*med\s+instämmande\s+(?:av|från)\s+(?P<who>[^,;.]{3,200}?)\s*,")


def _office(printed: str) -> str:
    return "vice ordförande" if "vice" in printed.lower() else "ordförande"


# a chair signing with the office after the name: "Anna Berg (M), ordf.", "Anna Berg, ordförande"
# (not "X, ordförande i kommunstyrelsen": another body's chair)
_OFFICE_AFTER_NAME = re.compile(
    rf"[ \t]*,[ \t]*(?P<role>{CHAIR})(?![ \t]+(?:i|för|av)\b)", re.I
)


def _office_holders_in_text(text: str) -> dict[str, PersonRef]:
    """Chairs named with their office beside the name anywhere in the paper (a signature
    under a paragraph, "Paragrafen justeras: Anna Berg (M), ordf."); an office printed beside
    two different names is nobody's."""
    found: dict[str, set[str]] = {}
    person: dict[str, PersonRef] = {}
    for p in find_persons(text):
        end = p.party_span.end if p.party_span and p.party_span.end > p.span.end else p.span.end
        if text.startswith(")", end):
            end += 1
        m = _OFFICE_AFTER_NAME.match(text, end)
        role = meeting_role(m.group("role")) if m else None
        if role is None:
            continue
        office = _office(role)
        found.setdefault(office, set()).add(" ".join(p.name.split()))
        person.setdefault(office, p)
    return {office: person[office] for office, names in found.items() if len(names) == 1}


def resolve_offices(items: list[AgendaItem], attendance: list[Attendance], text: str = "") -> list[AgendaItem]:
    """Put the holder of the office in the proposals a paper ascribes to an office only
    ("Ordföranden yrkar bifall"): the attendance list says who holds it, or else a name the
    paper prints with the office beside it (a chair's signature under a paragraph). A
    proposal whose office nobody holds is dropped, since no person can be named for it."""
    holders: dict[str, PersonRef] = {}
    for a in attendance:
        if not a.role:  # listed without a role word
            continue
        holders.setdefault(a.role, a.person)
        if a.role in ("1:e vice ordförande", "förste vice ordförande"):  # the ordinal as printed
            holders.setdefault("vice ordförande", a.person)
    if text and any(p.office and p.office not in holders for item in items for p in item.proposals):
        for office, holder in _office_holders_in_text(text).items():
            holders.setdefault(office, holder)
    out = []
    for item in items:
        if not any(p.office for p in item.proposals):
            out.append(item)
            continue
        kept = []
        for p in item.proposals:
            if p.office is None:
                kept.append(p)
            elif p.office in holders:
                kept.append(dataclasses.replace(p, by=(holders[p.office],)))
        out.append(dataclasses.replace(item, proposals=tuple(kept)))
    return out


_KIND_HEADING = re.compile(r"(?im)^[ \t#*]*(?P<kind>tilläggsyrkanden?|ändringsyrkanden?|återremissyrkanden?)[ \t*:]*$")


# the mover's own change to the proposal on the table, printed after it: "bifall till
# förslaget med följande ändring: ...", "... med tillägget att ...", "... och därutöver att ...";
# not another member's addition taken along ("med tillägg av X:s tilläggsyrkande")
_OWN_AMENDMENT = re.compile(
    r"\bmed\s+(?:följande\s+|den\s+|det\s+)?(ändring(?:en|ar|arna)?|tillägg(?:et|en)?)\b(?=\s*(?:att\b|:|om\b|så\s+att\b))"
    r"|\b(?:och|samt)\s+(?:därutöver|dessutom|därtill|vidare)\s+(att)\b"
)
# a bare "att"-clause that changes a part of the proposal on the table rather than putting
# another outcome: an amount lowered or raised, a passage struck or replaced, another
# financing ("att avgiften sänks till ...", "att andra stycket stryks", "att beloppet ska
# finansieras genom ...")
_CHANGE = re.compile(
    r"\b(?:stryks|strykas|struken|utgår|utgå|sänks|sänkas|höjs|höjas|ändras|ändra|ersätts|ersättas|byts\s+ut|"
    r"minskas|ökas|utökas|justeras|begränsas|halveras|senareläggs|tidigareläggs|finansieras|finansiera)\b"
)
# the first word that takes a side on the proposal on the table decides the stance; what
# follows it is its object ("bifall till arbetsutskottets förslag att motionen avslås" is a
# bifall, whatever the proposal itself says)
_STANCE_HEAD = re.compile(
    r"(?P<annat>återremi|bordlägg)|(?P<delvis>\bdelvis\b)|(?P<avslag>\bavslag|\bavslå)|"
    r"(?P<bifall>\bbifall|\bgodkänn|\btillstyrk|\banta(?:r|s|ga)\b|\bbesluta(?:r)?\s+enligt)"
)
# what a bifall can favour that is not a proposal for decision: the matter itself (the
# motion, the application the proposal rejects) - another outcome
_MATTER = re.compile(r"\b(?:motion|medborgarförslag|e-förslag|skrivelse|initiativ|ansökan|ansökningen|"
                     r"överklagande|begäran|framställan|framställning)")
# ... or the mover's own (group's) counter-proposal
_OWN_COUNTER = re.compile(r"\beg(?:et|na)\s+(?:gemensamma\s+)?(?:förslag|yrkande|budget)|\bgruppens\s+(?:eget\s+)?förslag")
# a maker of a proposal for decision named in the object: then the bifall is to that proposal
_PROPOSAL_MAKER = re.compile(r"förvaltning|kontor|utskott|styrelse|nämnd|ordförand|beslutsförslag|"
                             r"förslag(?:et)?\s+till\s+beslut|tjänsteutlåtande|yrkande")


def proposal_kind(lead: str, heading: str | None = None) -> str:
    """What the paper calls the proposal: återremiss, bordläggning, tilläggsyrkande,
    ändringsyrkande or yrkande; a heading right above ("Tilläggsyrkande") decides first."""
    low = lead.lower()
    if heading:
        h = heading.lower()
        if h.startswith("tillägg"):
            return "tilläggsyrkande"
        if h.startswith("ändring"):
            return "ändringsyrkande"
        if h.startswith("återremiss"):
            return "återremiss"
    own = _OWN_AMENDMENT.search(low)
    if own:  # "bifall till förslaget med följande ändring:", "antas med tillägget att"
        return "ändringsyrkande" if (own.group(1) or "").startswith("ändr") else "tilläggsyrkande"
    if re.match(r"\s*(?:på\s+)?(?:bifall|avslag|att\s+(?:\w+\s+){0,3}(?:bifall|avsl))", low) and not re.search(r"återremi|bordlägg", low[:60]):
        return "yrkande"
    if "återremi" in low:
        return "återremiss"
    if "bordlägg" in low:
        return "bordläggning"
    if re.search(r"\btillägg(?:et|syrkande|sförslag)?\b", low[:200]):
        return "tilläggsyrkande"
    if re.search(r"\bändring(?:en|ar|syrkande|sförslag)?\b", low[:200]) or (
            not _STANCE_HEAD.search(low) and _CHANGE.search(low)):
        return "ändringsyrkande"
    return "yrkande"


# a party's own proposal as the object: "bifall till Socialdemokraternas budgetförslag",
# "S:s förslag", "Vänsterpartiets yrkande" - another outcome than the one on the table
_PARTY_PROPOSAL = re.compile(
    r"(?:\b(?:" + "|".join(sorted((re.escape(n.split()[0].lower()) for n in PARTY_SURFACES), key=len, reverse=True))
    + r")s|\b(?:" + "|".join(sorted((c.lower() for c in PARTY_NAMES), key=len, reverse=True))
    + r"):s)\s+(?:\w+\s+){0,2}?(?:budget)?(?:förslag|yrkande|budget)"
)
# the mover says the proposal is the one on the table: "avslag på motionen enligt
# arbetsutskottets förslag"
_IN_ACCORDANCE = re.compile(r"\benligt\s+(?:\w+\s+){0,2}?[\wåäö-]+(?:s)\s+(?:beslutsförslag|förslag(?:\s+till\s+beslut)?|tjänsteutlåtande)")


def stance(s: str, kind: str = "yrkande") -> tuple[str, str | None]:
    """bifall, avslag, delvis or annat, and what the stance is about when printed.

    The stance is relative to the proposal being decided (the förvaltning's, the
    utskott's): a bifall to it is bifall even when it proposes to reject a motion; a bifall
    to the matter it rejects (the motion, the application) or to the mover's own
    counter-proposal is annat, another outcome; a bifall with the mover's own change or
    addition, and an ändringsyrkande, accept it in part (delvis); a tilläggsyrkande on its
    own, an återremiss and a bordläggning take no side on it (annat)."""
    low = s.lower()
    target = None
    mt = re.search(r"\bbifall(?:a)?\s+(?:till\s+)?(?P<t>[^.;,]{3,150})", s)
    if mt:
        target = mt.group("t").strip()
    head = _STANCE_HEAD.search(low)
    if head is None or head.lastgroup == "annat":
        # a bare "att"-clause: a change to a part of the proposal, or another outcome
        if head is None and (kind == "ändringsyrkande" or _CHANGE.search(low)) and kind != "tilläggsyrkande":
            return "delvis", target
        return "annat", target
    if head.lastgroup == "delvis":
        return "delvis", target
    if head.lastgroup == "avslag" and _MATTER.search(low[head.end() : head.end() + 40]) and _IN_ACCORDANCE.search(low):
        # "avslag på motionen enligt arbetsutskottets förslag": the proposal on the table
        # rejects the matter, and the mover supports it
        return "bifall", target
    if head.lastgroup == "avslag":
        mt = re.search(r"\bavsl(?:ag\s+(?:på|till)|å)\s+(?P<t>[^.;,]{3,150})", s)
        return "avslag", (mt.group("t").strip() if mt else target)
    # bifall: to what? its object runs to the first clause of its own ("att", "om", "med");
    # in an att-clause the thing approved may be its subject instead ("att motionen bifalls")
    rest = low[head.end() :]
    stop = re.search(r"\b(?:att|om|med|och|samt)\b|[.;:]", rest)
    obj = rest[: stop.start()] if stop else rest
    # another member's ändringsyrkande joined accepts the proposal in part, as that one does
    # (joining a tilläggsyrkande supports the proposal and the addition: bifall)
    if re.search(r"ändringsyrkande|ändringsförslag", obj):
        return "delvis", target
    if _PARTY_PROPOSAL.match(re.sub(r"^\s*till\s+", "", rest)):
        return "annat", target
    clause = re.search(r"\batt\s+(?P<subject>[^.;:]{0,80})$", low[: head.start()])
    subject = clause.group("subject") if clause else ""
    if _OWN_COUNTER.search(obj) or any(_MATTER.search(part) and not _PROPOSAL_MAKER.search(part)
                                       for part in (obj, subject)):
        return "annat", target
    if _OWN_AMENDMENT.search(rest) or kind == "ändringsyrkande":
        return "delvis", target
    return "bifall", target


def proposals(text: str, lo: int, hi: int, sections: list[tuple[int, int]]) -> list[Proposal]:
    """Yrkanden of text[lo:hi]. ``sections`` are the ranges of the § 's proposal sections
    ("Yrkanden", "Förslag till beslut på sammanträdet", "Tilläggsyrkande"): there a mover
    needs no party beside the name and "föreslår" moves a proposal; elsewhere only "yrkar" /
    "lämnade förslag" by a person printed with a party does."""
    out: list[Proposal] = []

    def in_section(pos: int) -> bool:
        return any(a <= pos < b for a, b in sections)

    def section_start(pos: int) -> int:
        return max((a for a, b in sections if a <= pos < b), default=lo)

    matches = [(m, "yrka") for m in _YRKA.finditer(text, lo, hi)]
    matches += [(m, "lämna") for m in _LAMNADE_FORSLAG.finditer(text, lo, hi)]
    matches += [(m, "föreslå") for m in _FORESLAR.finditer(text, lo, hi) if in_section(m.start())]
    matches += [(m, "fråga") for m in _FRAGAR.finditer(text, lo, hi) if in_section(m.start())]
    matches += [(m, "verb-first") for m in _VERB_FIRST.finditer(text, lo, hi)]
    # (a verb after the colon is read by its own pattern: "Eva Ek (M): yrkar avslag")
    matches += [(m, "colon") for m in _COLON_MOVER.finditer(text, lo, hi)
                if in_section(m.start()) and not _VERB_AFTER_COLON.match(text, m.end())]
    matches.sort(key=lambda x: x[0].start())
    taken: set[int] = set()
    for m, how in matches:
        if m.start() in taken:
            continue  # the same verb read by two patterns
        lead_after = None
        # a second verb in one sentence is a second proposal by the same movers ("lämnade
        # förslag på ledamot ... samt yrkade bifall till X:s yrkande")
        # a section heading ends whatever stood before it: the sentence begins no earlier
        # than the proposals section the verb stands in
        s_start, s_end = _sentence_bounds(text, m.start(), max(lo, section_start(m.start())), hi)
        office = None
        if how in ("verb-first", "colon"):
            persons = persons_in(text, m.start("who"), m.end("who"))
        else:
            persons = persons_in(text, s_start, m.start())
            if not persons and how == "yrka":
                mo = _OFFICE_SUBJECT.fullmatch(text, s_start, m.start())
                office = _office(mo.group("office")) if mo else None
            if not persons and office is None and how == "yrka":
                # the subject after the verb, as after an adverbial ("Under överläggningen
                # yrkar A (S), B (S) och C (V) bifall till ..."): the movers run from the verb
                # to the word that states the proposal
                movers = _MOVERS_AFTER.match(text, m.end(), s_end)
                if movers:
                    persons = persons_in(text, m.end(), movers.end("who"))
                    if persons:
                        lead_after = movers.end("who")
        groups: tuple[str, ...] = ()
        if not persons and office is None and how in ("yrka", "föreslå") and in_section(m.start()):
            # only under a proposals heading: elsewhere "Moderaterna yrkar i motionen ..."
            # reports what a motion asks, not a proposal at the meeting
            groups = _group_subject(text, s_start, m.start())
        if not persons and office is None and not groups:
            continue
        if persons and not any(p.party for p in persons) and not in_section(m.start()):
            continue
        # "X (S) yrkar, med instämmande av Y (V) och Z (MP), bifall till ...": the seconders
        # move it with X
        mi = _SECONDED.match(text, m.end(), s_end)
        if mi:
            persons = persons + [q for q in persons_in(text, mi.start("who"), mi.end("who"))
                                 if q.name not in {p.name for p in persons}]
        if how == "fråga" and (s_start > m.start() or "ordför" not in text[s_start : m.start()].lower()):
            continue
        para_end = _paragraph_end(text, m.end(), hi)
        rest = text[m.end() : para_end]
        window_end = para_end
        if len(rest.strip(" :\n\t")) < 5:
            nxt = _BLANK.search(text, para_end, hi)
            after = nxt.end() if nxt else para_end
            window_end = _paragraph_end(text, after, hi)
        points = tuple(
            DecisionPoint(p.group("num"), collapse(p.group("body")), Span(p.start("num"), p.end("body")))
            for p in _ATT_POINT.finditer(text, m.end(), window_end)
        )
        lead_from = mi.end() if mi else lead_after or (m.end() if how != "verb-first" else m.start())
        lead = points[0].text if points else collapse(text[lead_from:s_end])
        if how == "verb-first" or (how == "lämna" and not re.search(r"tillägg|ändring", m.group(0))):
            st, target, kind = "annat", None, "förslag"
        else:
            verb_kind = m.group(0).lower()
            kind = proposal_kind(verb_kind if re.search(r"tillägg|ändring", verb_kind) else lead,
                                 _kind_heading(text, s_start, persons[0].span.start if persons else m.start(), lo))
            if kind == "yrkande":
                kind = _named_kind(text, lo, hi, persons) or kind
            st, target = stance(lead, kind)
        span_end = points[-1].span.end if points else s_end
        out.append(Proposal(tuple(persons), st, Span(s_start, max(s_start, span_end)), points, target, kind,
                            groups, office))
        taken.add(m.start())
    out.extend(_joined_proposals(text, lo, hi, out, in_section))
    out.sort(key=lambda p: p.span.start)
    return out


# "Y (V) instämmer i X:s (S) yrkande", "Y (MP) och Z (C) instämmer i yrkandet": Y joins a
# proposal already moved; Y's proposal takes its stance and kind
_JOINS = re.compile(r"i(?<!\wi)nstäm(?:mer|de)\s+i\s+(?P<whose>[^.\n]{0,80}?)\s*(?:yrkande(?:t|na)?|förslag(?:et)?)\b")


def _joined_proposals(text: str, lo: int, hi: int, moved: list[Proposal],
                      in_section: Callable[[int], bool]) -> list[Proposal]:
    out: list[Proposal] = []
    for m in _JOINS.finditer(text, lo, hi):
        if not moved:
            continue
        s_start, s_end = _sentence_bounds(text, m.start(), lo, hi)
        persons = persons_in(text, s_start, m.start())
        # outside a proposals section only a member printed with a party joins (as a mover
        # there must be): "Under överläggningen ... B (FP) instämmer i A:s yrkande."
        if not persons or (not in_section(m.start()) and not all(p.party for p in persons)):
            continue
        # whose proposal: the mover named in the genitive, else the last one moved before
        whose = m.group("whose")
        joined = next((p for p in moved for q in p.by
                       if re.search(r"(?<![\wåäö])" + re.escape(q.name.split()[-1]), whose)), None)
        if joined is None:
            earlier = [p for p in moved if p.span.start < m.start()]
            joined = earlier[-1] if earlier and not whose.strip() else None
        if joined is None:
            continue
        out.append(Proposal(tuple(persons), joined.stance, Span(s_start, s_end), (), joined.target, joined.kind))
    return out


def _named_kind(text: str, lo: int, hi: int, movers: list[PersonRef]) -> str | None:
    """What the § itself calls a mover's proposal further on: "... Ebba Ståhls
    ändringsyrkande och finner ...", "proposition på Nils Ahlbergs tilläggsyrkande"."""
    section = text[lo:hi]
    if "ändringsyrkande" not in section and "tilläggsyrkande" not in section:
        return None
    for p in movers:
        surname = p.name.split()[-1]
        named = re.compile(r"(?<![\wåäöÅÄÖ])" + re.escape(surname) + r"s?\s+(ändringsyrkande|tilläggsyrkande)")
        # matched where the surname stands (the first such place is the pattern's leftmost match)
        for at in literal_starts(section, ((surname, 0),)):
            m = named.match(section, at)
            if m:
                return m.group(1)
    return None


def _kind_heading(text: str, s_start: int, first_person: int, lo: int) -> str | None:
    """A kind heading ("Tilläggsyrkande") on its own line right above the proposal, or
    opening the sentence the proposal stands in (no full stop follows a heading)."""
    prev_end = text.rfind("\n", lo, s_start)
    prev_start = text.rfind("\n", lo, prev_end) if prev_end > lo else -1
    if prev_end > lo and not text[prev_start + 1 : prev_end].strip():  # one blank line between
        prev_start = text.rfind("\n", lo, prev_start) if prev_start > lo else -1
    window_from = max(lo, prev_start + 1)
    found = list(_KIND_HEADING.finditer(text, window_from, first_person))
    return found[-1].group("kind") if found else None


# --------------------------------------------------------------------------- reservations

_RESERV = re.compile(
    r"\breserver(?:ade|ar)\s+sig\b"
    # "X (M) anmäler (skriftlig) reservation", "Reservation anmäls av X (S)"
    r"|\banmä(?:ler|lde)\s+(?:en\s+)?(?:skriftlig\s+)?reservation\b|\b[Rr]eservation\s+anmäl(?:s|des)\s+av\b"
    # "X (L) lämnar (in) följande skriftliga reservation", "lämnade en gemensam reservation"
    r"|\blämna(?:r|de)\s+(?:in\s+)?(?:en\s+|följande\s+)?(?:gemensam(?:ma)?\s+)?(?:skriftlig(?:a)?\s+)?reservation\b"
)
_RESERV_STARTS = ("reserv", "Reserv", "anmä", "lämna")


def reservations(text: str, lo: int, hi: int, section_starts: tuple[int, ...] = ()) -> list[Reservation]:
    """Reservationer of text[lo:hi]. A written reservation's text runs from its colon to the
    next section heading (``section_starts``) or the end of the §; a "reserverar sig" inside
    that text is the reservation's own wording, not another one."""
    out: list[Reservation] = []
    for m in finditer_where(_RESERV, text, lo, hi, _RESERV_STARTS):
        if any(r.text_span and r.text_span.start <= m.start() < r.text_span.end for r in out):
            continue
        s_start, s_end = _sentence_bounds(text, m.start(), lo, hi)
        persons = persons_in(text, s_start, m.start())
        groups: tuple[str, ...] = ()
        if not persons:
            groups = party_groups(text, s_start, m.start())
        if not persons and not groups:
            # "Mot beslutet reserverade sig A (M) och B (L)" / "... sig Socialdemokraterna": the
            # reservers follow the verb (and precede what the reservation favours)
            stop = re.search(r"\btill\s+förmån\b", text[m.end() : s_end])
            after_end = m.end() + stop.start() if stop else s_end
            persons = persons_in(text, m.end(), after_end)
            if not persons:
                groups = party_groups(text, m.end(), after_end)
        if not persons and not groups:
            continue
        written = bool(re.search(r"skriftlig|lämna", m.group(0), re.I))
        text_span = None
        colon = re.match(r"[^\n.]{0,40}?:", text[m.end() : m.end() + 41])
        if colon:
            body_from = m.end() + colon.end()
            body_to = min((s for s in section_starts if s > body_from), default=hi)
            bs, be = strip_span(text, body_from, body_to)
            if bs < be:
                text_span = Span(bs, be)
                written = True
        tail = text[m.end() : s_end].lower()
        favour = None
        mf = re.search(r"till förmån för (?P<t>[^.\n]+)", tail)
        if mf:
            t = mf.group("t")
            if re.search(r"\begna\s+gemensamma\b|\bgemensamma\s+yrkande", t):
                favour = "joint"
            elif re.search(r"\b(?:det|sitt|sina|de)\s+egna\b|\beg(?:et|na)\s+(?:yrkande|förslag)", t):
                favour = "own"
            else:
                favour = collapse(text[m.end() + mf.start("t") : m.end() + mf.end("t")])
        out.append(Reservation(tuple(persons), Span(s_start, s_end), favour, groups, written, text_span))
    return out


# --------------------------------------------------------------------------- statements

_STATEMENT_VERB = re.compile(
    r"\b(?:lämnade|lämnar|ställde\s+sig|ställer\s+sig|anförde|anför|anmälde|instämde|lät\s+anteckna|"
    r"framförde|gjorde|hade|yttrade|antecknar|antecknade)\b"
)


_GROUP_STATEMENT_VERB = re.compile(r"lämnade|lämnar|anmälde|antecknar|antecknade|lät\s+anteckna")


# the lines that open a protocol's signature block: a statement in the last § ends there,
# and the names below them sign the protocol, they make no statement
_SIGNATURE_BLOCK = re.compile(
    r"(?i)[ \t]*(?:(?:vid\s+protokollet|justeras|justerat|justerandes\s+sign\w*|protokollet\s+justeras|underskrifter)"
    r"\b[^\n]{0,80}|(?:sekreterare|ordförande|justerare|justerande|utdragsbestyrkande)[ \t:]*)"
)


def section_statements(text: str, kind: str, units: list[Unit], s_end: int) -> list[Statement]:
    """Statements of a statement section ("Särskilt uttalande"): each line that opens with
    the persons making it. The section's scope ends where a signature block begins."""
    sig = next((u for u in units if u.line_start and _SIGNATURE_BLOCK.fullmatch(u.text)), None)
    if sig is not None:
        units = [u for u in units if u.start < sig.start]
        s_end = min(s_end, sig.start)
    out = []
    for n, u in enumerate(units):
        if not u.line_start or u.text.startswith(("*", "-", "•")):
            continue
        mv = _STATEMENT_VERB.search(text, u.start, u.end)
        stop = mv.start() if mv else u.end
        persons = find_persons(text, u.start, stop)
        groups: tuple[str, ...] = ()
        if not persons and mv and n == 0 and _GROUP_STATEMENT_VERB.fullmatch(mv.group()):
            # the section's first line: "SD-gruppen antecknar till protokollet ..." (later
            # lines are the statement's own words: "Kristdemokraterna ställer sig ...")
            groups = _group_subject(text, u.start, stop)
            if not groups:
                continue
        elif not persons or persons[0].span.start - u.start > 40:
            continue
        body_s, body_e = strip_span(text, u.end, s_end)
        text_span = Span(body_s, body_e) if body_s < body_e else None
        out.append(Statement(tuple(persons), kind, Span(u.start, u.end), text_span, groups))
    return out


_STATEMENT_KIND = (
    r"(?P<kind>särskilt\s+uttalande|särskilda\s+uttalanden|särskilt\s+yttrande|särskilda\s+yttranden|"
    r"ersättaryttrande|protokollsanteckning(?:ar)?)"
)
# "X (L) lämnar följande (skriftliga) protokollsanteckning", "X lämnar för Samverkan (S, C)
# följande protokollsanteckning", "lät anteckna", "Särskilt uttalande avgavs av X (M)"
_PHRASE_STATEMENT = re.compile(
    r"\b(?:lämnade|lämnar|anmälde|anmäler|avgav|avger|gör|gjorde)\b(?P<gap>[^.:;\n]{0,100}?(?:\([^()\n]{0,40}\)[^.:;\n]{0,60}?)?)\s*"
    r"(?:ett\s+|en\s+|följande\s+|gemensamt\s+|gemensam\s+|skriftlig(?:t|a)?\s+)*" + _STATEMENT_KIND
    + r"|\blät\s+(?P<note>anteckna)\b|\b(?:får|fick)\s+(?:till\s+protokollet\s+)?(?P<note2>anteckna)\b"
    # "X (V) får följande antecknat till protokollet:"
    r"|\b(?:får|fick)\s+(?:följande\s+)?(?P<note4>antecknat)\s+(?:till|i)\s+protokollet\b"
    r"|\b(?P<note3>antecknar|antecknade)\s+(?:följande\s+)?till\s+protokollet\b"
    r"|(?P<pkind>[Ss]ärskilt\s+uttalande|[Ss]ärskilt\s+yttrande|[Ee]rsättaryttrande|[Pp]rotokollsanteckning)"
    r"\s+(?:avgavs|avges|lämnades|lämnas|anmäldes|anmäls|gjordes|görs)\s+av\b"
)
_PHRASE_STATEMENT_STARTS = ("lämna", "anmäl", "avg", "gör", "gjor", "lät", "får", "fick", "Särskil", "särskil", "Ersätt", "ersätt",
                            "Protokoll", "protokoll", "anteckna")


def _statement_kind(k: str) -> str:
    k = k.lower()
    if k.startswith("särskil"):
        return "särskilt uttalande"
    if k.startswith("ersättar"):
        return "ersättaryttrande"
    return "protokollsanteckning"


def phrase_statements(text: str, lo: int, hi: int, skip: list[tuple[int, int]]) -> list[Statement]:
    out: list[Statement] = []
    for m in finditer_where(_PHRASE_STATEMENT, text, lo, hi, _PHRASE_STATEMENT_STARTS):
        if any(a <= m.start() < b for a, b in skip):
            continue
        if any(s.text_span and s.text_span.start <= m.start() < s.text_span.end for s in out):
            continue
        s_start, s_end = _sentence_bounds(text, m.start(), lo, hi)
        body_from = m.end()  # the statement's own text follows a colon here
        if m.group("pkind"):
            stop = re.search(r"\benligt\s+följande\b|:", text[m.end() : s_end])
            persons = persons_in(text, m.end(), m.end() + stop.start() if stop else s_end)
            kind = _statement_kind(m.group("pkind"))
            if stop:
                body_from = m.end() + stop.start()
        else:
            persons = persons_in(text, s_start, m.start())
            kind = ("protokollsanteckning" if (m.group("note") or m.group("note2") or m.group("note3") or m.group("note4"))
                    else _statement_kind(m.group("kind")))
        groups: tuple[str, ...] = ()
        if not persons and not m.group("pkind"):
            groups = _group_subject(text, s_start, m.start())
        if not persons and not groups:
            continue
        text_span = None
        colon = re.match(r"[ \t]*(?:enligt\s+följande\s*)?[:;]?", text[body_from : body_from + 24])
        if colon and colon.group().strip():
            bs, be = strip_span(text, body_from + colon.end(), _paragraph_end(text, body_from + colon.end(), hi))
            if bs < be:
                text_span = Span(bs, be)
        out.append(Statement(tuple(persons), kind, Span(s_start, s_end), text_span, groups))
    return out


# "Särskilt uttalande § 63", "Särskilt yttrande till § 12", "Protokollsanteckning, § 7":
# a statement printed away from its § names the § it belongs to
_NAMES_ITS_PARAGRAPH = re.compile(
    r"(?i)(?:särskilt\s+uttalande|särskilda\s+uttalanden|särskilt\s+yttrande|särskilda\s+yttranden|"
    r"ersättaryttrande|protokollsanteckning(?:ar)?)\s*[,:]?\s*(?:till|under|i|avseende|angående)?\s*"
    r"(?:[A-Za-zÅÄÖåäö]{1,6}\s+)?§\s*(?P<num>\d{1,4})\b"
)


def relocate_statements(text: str, items: list[AgendaItem]) -> list[AgendaItem]:
    """Move each statement that names another § than the one it is printed in (a
    "Särskilt uttalande § 63" printed after § 65, before the signatures) to that §. The
    name is read from the statement's own sentence or the heading line right above it."""
    by_number = {i.number: n for n, i in enumerate(items)}
    moves: list[tuple[int, int, Statement]] = []
    for n, item in enumerate(items):
        for st in item.statements:
            line_start = text.rfind("\n", 0, st.span.start) + 1
            above = text.rfind("\n", 0, max(0, line_start - 1)) + 1
            # the heading line right above the statement, or the statement's own line
            heading = text[above:line_start].strip() if line_start else ""
            m = _NAMES_ITS_PARAGRAPH.search(text, line_start, st.span.end) or _NAMES_ITS_PARAGRAPH.fullmatch(heading)
            num = m.group("num") if m else None
            if num and num != item.number and num in by_number:
                moves.append((n, by_number[num], st))
    if not moves:
        return items
    out = list(items)
    for src, dst, st in moves:
        out[src] = dataclasses.replace(out[src], statements=tuple(s for s in out[src].statements if s is not st))
        out[dst] = dataclasses.replace(out[dst], statements=tuple(sorted(out[dst].statements + (st,),
                                                                         key=lambda s: s.span.start)))
    return out


# --------------------------------------------------------------------------- not taking part

# "deltar inte i beslutet", "deltog ej i beslutet", "avstår från att delta i beslutet",
# "anmäler jäv och deltar inte i handläggningen"
_NOT_TAKING_PART = re.compile(
    r"\b(?:deltar|deltog)\s+(?:inte|ej|icke)\s+i\s+(?:beslutet|handläggningen|ärendets\s+handläggning|besluts?fattandet)"
    r"|\bavst(?:år|od)\s+från\s+att\s+delta\s+i\s+(?:beslutet|handläggningen|beslutsfattandet)"
)
_NOT_TAKING_PART_STARTS = ("delta", "delto", "avst")


def non_participation(text: str, lo: int, hi: int) -> list[NonParticipation]:
    out: list[NonParticipation] = []
    for m in finditer_where(_NOT_TAKING_PART, text, lo, hi, _NOT_TAKING_PART_STARTS):
        s_start, s_end = _sentence_bounds(text, m.start(), lo, hi)
        persons = persons_in(text, s_start, m.start())
        groups: tuple[str, ...] = ()
        if not persons:
            groups = _group_subject(text, s_start, m.start())
            if not groups:
                continue
        jav = bool(re.search(r"\bjäv", text[s_start:s_end], re.I))
        out.append(NonParticipation(tuple(persons), Span(s_start, s_end), groups, jav))
    return out


__all__ = ["non_participation", "outcome_sentence", "party_groups", "persons_in", "phrase_statements", "proposal_kind", "proposals",
           "relocate_statements", "reservations", "section_outcome", "section_statements", "stance"]
