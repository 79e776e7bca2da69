"""What members move and declare inside an item: yrkanden with their stance (bifall,
avslag, delvis, annat), the propositionsordning and its outcome, reservationer, and
statements (särskilda uttalanden, ersättaryttranden, protokollsanteckningar). Each is read
from the sentence that names the persons, so the sentence helpers live here too.
"""

from __future__ import annotations

import re

from graf.records import DecisionPoint, Proposal, Reservation, Span, Statement
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


_YRKA = re.compile(r"y(?<!\wy)rka(?:de|r)\b")
_LAMNADE_FORSLAG = re.compile(
    r"l(?<!\wl)ämna(?:de|r)\s+(?:ett\s+)?(?:eget\s+|följande\s+|nytt\s+)?(?:förslag|ändringsförslag|tilläggsförslag|tilläggsyrkande|ändringsyrkande)\b"
)
_ATT_POINT = re.compile(r"(?m)^[ \t]*(?P<num>\d{1,2})[.)][ \t]+(?P<body>att\b[^\n]*)")


def proposals(text: str, lo: int, hi: int, sections: list[tuple[int, int]]) -> list[Proposal]:
    out: list[Proposal] = []
    matches = list(_YRKA.finditer(text, lo, hi))
    # "X m.fl. (S) lämnade ett eget förslag": a proposal wherever it stands (outside a
    # yrkanden section the person must be printed with a party, checked below)
    matches.extend(_LAMNADE_FORSLAG.finditer(text, lo, hi))
    matches.sort(key=lambda m: m.start())
    for m in matches:
        s_start, s_end = _sentence_bounds(text, m.start(), lo, hi)
        persons = find_persons(text, s_start, m.start())
        if not persons:
            continue
        if not any(p.party for p in persons) and not any(a <= m.start() < b for a, b in sections):
            continue
        # what is moved: the rest of the paragraph, or the numbered att-list that follows
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
        lead = points[0].text if points else collapse(text[m.end() : s_end])
        stance, target = _stance(lead)
        span_end = points[-1].span.end if points else s_end
        out.append(Proposal(tuple(persons), stance, Span(s_start, max(s_start, span_end)), points, target))
    return out


def _stance(s: str) -> tuple[str, str | None]:
    low = s.lower()
    target = None
    mt = re.search(r"\bbifall(?:a)?\s+(?:till\s+)?(?P<t>[^.;,]{3,150})", s)
    if mt:
        target = mt.group("t").strip()
    if "återremi" in low or "bordlägg" in low:
        return "annat", target
    if re.search(r"\bdelvis\b", low):
        return "delvis", target
    if re.search(r"\bavslag|\bavslå", low):
        mt = re.search(r"\bavsl(?:ag\s+(?:på|till)|å)\s+(?P<t>[^.;,]{3,150})", s)
        return "avslag", (mt.group("t").strip() if mt else target)
    if re.search(r"\bbifall|\bbifalla|\bgodkänn|\btillstyrk|\bantag|\bbesluta enligt", low):
        if re.search(r"\bmotion|\bmedborgarförslag|\bskrivelse|\binitiativ", low) and not re.search(
            r"förvaltningens|förslag(?:et)? till beslut|ordförandens", low
        ):
            return "annat", target
        return "bifall", target
    return "annat", target


_RESERV = re.compile(
    r"\breserver(?:ade|ar)\s+sig\b"
    # "X (M) anmäler (skriftlig) reservation", "Reservation anmäls av X (S)"
    r"|\banmä(?:ler|lde)\s+(?:en\s+)?(?:skriftlig\s+)?reservation\b|\b[Rr]eservation\s+anmäl(?:s|des)\s+av\b"
)


_RESERV_STARTS = ("reserv", "Reserv", "anmä")  # what every match of _RESERV begins with


def reservations(text: str, lo: int, hi: int) -> list[Reservation]:
    out = []
    for m in finditer_where(_RESERV, text, lo, hi, _RESERV_STARTS):
        s_start, s_end = _sentence_bounds(text, m.start(), lo, hi)
        persons = find_persons(text, s_start, m.start())
        if not persons:  # "Mot beslutet reserverade sig A (M) och B (L)"
            persons = find_persons(text, m.end(), s_end)
        if not persons:
            continue
        tail = text[m.end() : s_end].lower()
        favour = None
        mf = re.search(r"till förmån för (?P<t>[^.\n]+)", tail)
        if mf:
            t = mf.group("t")
            if re.search(r"\begna\s+gemensamma\b|\bgemensamma\s+yrkande", t):
                favour = "joint"
            elif re.search(r"\b(?:det|sitt|sina|de)\s+egna\b", t):
                favour = "own"
            else:
                favour = collapse(text[m.end() + mf.start("t") : m.end() + mf.end("t")])
        out.append(Reservation(tuple(persons), Span(s_start, s_end), favour))
    return out


_STATEMENT_VERB = re.compile(
    r"\b(?:lämnade|lämnar|ställde\s+sig|ställer\s+sig|anförde|anför|anmälde|instämde|lät\s+anteckna|"
    r"framförde|gjorde|hade|yttrade)\b"
)


def section_statements(text: str, kind: str, units: list[Unit], s_end: int) -> list[Statement]:
    out = []
    for u in units:
        if not u.line_start or u.text.startswith(("*", "-", "•")):
            continue
        mv = _STATEMENT_VERB.search(text, u.start, u.end)
        stop = mv.start() if mv else u.end
        persons = find_persons(text, u.start, stop)
        if not persons or persons[0].span.start - u.start > 40:
            continue
        body_s, body_e = strip_span(text, u.end, s_end)
        text_span = Span(body_s, body_e) if body_s < body_e else None
        out.append(Statement(tuple(persons), kind, Span(u.start, u.end), text_span))
    return out


_PHRASE_STATEMENT = re.compile(
    r"\b(?:lämnade|lämnar|anmälde|anmäler|avgav)\s+(?:ett\s+|en\s+|följande\s+|gemensamt\s+|gemensam\s+)?"
    r"(?P<kind>särskilt\s+uttalande|särskilda\s+uttalanden|särskilt\s+yttrande|särskilda\s+yttranden|ersättaryttrande|protokollsanteckning)"
    r"|\blät\s+(?P<note>anteckna)\b|\b(?:får|fick)\s+(?:till\s+protokollet\s+)?(?P<note2>anteckna)\b"
)


# what every match of _PHRASE_STATEMENT begins with
_PHRASE_STATEMENT_STARTS = ("lämna", "anmäl", "avgav", "lät", "får", "fick")


def phrase_statements(text: str, lo: int, hi: int, skip: list[tuple[int, int]]) -> list[Statement]:
    out = []
    for m in finditer_where(_PHRASE_STATEMENT, text, lo, hi, _PHRASE_STATEMENT_STARTS):
        if any(a <= m.start() < b for a, b in skip):
            continue
        s_start, s_end = _sentence_bounds(text, m.start(), lo, hi)
        persons = find_persons(text, s_start, m.start())
        if not persons:
            continue
        if m.group("note") or m.group("note2"):
            kind = "protokollsanteckning"
        else:
            k = m.group("kind").lower()
            kind = (
                "särskilt uttalande"
                if k.startswith("särskil")
                else ("ersättaryttrande" if k.startswith("ersättar") else "protokollsanteckning")
            )
        out.append(Statement(tuple(persons), kind, Span(s_start, s_end)))
    return out

