"""Lost line breaks: find where the lines were in text that a converter ran together.

Third-party PDF converters and document portals often give a whole page of a protocol as one
long line: "2 Socialnämnden (27) SN 13 Bidrag till ... Dnr 31/16 XXXX har ansökt ...". The
parsers read papers line by line (a § head, an agenda item, a header label opens a line), so
such a line is cut where a reader sees a new line begin, from cues printed inline:

* a paragraph head: "§ 22 Title" or the body's abbreviation and a number ("MHN 22 Title",
  "SN 13 Title"), after a sentence end, a page header or a registry number;
* a registry number in the margin before a head: "Dnr 15/2014.002 16 Title" (the number of a
  paragraph printed without "§" right after it);
* a register or agenda run on one line: three or more consecutive numbers each followed by a
  capitalised title ("Register 14 Title 15 Title 16 Title");
* the end of a head's title: where the first sentence of the body begins (a capitalised word
  after a word that cannot end a title's phrase), a person with a party, a "Dnr", an
  att-clause or a section heading word.

Only lines much longer than a printed line are touched; pieces keep their offsets into the
text (the ``Line``/``Unit`` records of ``common``), so every span still points at the source.
"""

from __future__ import annotations

import re

from graf.grammar.scan import finditer_from, once_per_text
from graf.structure.common import (
    BODY_NAME,
    FURNITURE,
    Line,
    Unit,
    body_name_starts,
    collapse,
    find_dnr,
    split_lines,
    strip_span,
)

# A printed line of a protocol holds at most ~120 characters (a markdown paragraph of prose
# more, but no head cue): a longer line that holds head cues was run together.
FLAT_LINE = 150
# In a paper whose text is mostly run together, a shorter line is a run-together page too
# (the last page of a transcript, a page with one short paragraph).
FLAT_PAPER_LINE = 60


def _line_limit(flat: bool) -> int:
    return FLAT_PAPER_LINE if flat else FLAT_LINE

# A body's name and its abbreviation ("Miljö- och hälsoskyddsnämnden" -> "MHN"): a paragraph
# numbered "MHN 22" is one of this body's paragraphs.


def body_initials(name: str) -> str | None:
    """The abbreviation a body's paragraphs are numbered with: the initial of each part of its
    name ("Kommunstyrelsen" -> "KS", "Barn- och ungdomsnämnden" -> "BUN", "Tekniska nämnden"
    -> "TN")."""
    m = BODY_NAME.fullmatch(collapse(name))
    if not m:
        return None
    parts = [m.group("first"), m.group("adj"), m.group("stem"), m.group("suffix")]
    letters = "".join(p.strip()[0] for p in parts if p and p.strip())
    return letters.upper() if len(letters) >= 2 else None


def body_abbreviations(text: str, limit: int = 5000) -> frozenset[str]:
    """Abbreviations of the bodies named at the head of the paper."""
    # (the kind detector, the line reader and the minutes reader each ask: once per text)
    return once_per_text(text, ("body_abbreviations", limit), lambda: _body_abbreviations(text, limit))


def _body_abbreviations(text: str, limit: int) -> frozenset[str]:
    out = set()
    end = min(len(text), limit)
    for m in finditer_from(BODY_NAME, text, body_name_starts(text, end), end):
        lead = m.group("first") or m.group("adj") or m.group("stem") or m.group("suffix")
        if lead[0].islower():
            continue  # "...nämnden" inside a longer lower-case word of prose
        ab = body_initials(m.group(0))
        if ab:
            out.add(ab)
    # a page header sets the name in capitals: "BYGGNADSNÄMNDEN", "BARN- OCH UTBILDNINGSNÄMNDEN"
    for m in _CAPITALS_BODY.finditer(text, 0, min(len(text), limit)):
        ab = body_initials(m.group(0).capitalize())
        if ab:
            out.add(ab)
    return frozenset(out)


_CAPITALS_BODY = re.compile(r"(?<![\w-])(?:[A-ZÅÄÖ]+-\s+OCH\s+)?[A-ZÅÄÖ]*(?:NÄMND|STYRELSE|FULLMÄKTIGE|UTSKOTT)(?:EN|ET|N)?(?![\w-])")


# What may stand before an inline head: the start, a sentence end, a closing parenthesis (page
# header "Socialnämnden (27)"), or a page number.
_HEAD_BEFORE = re.compile(r"(?:^|(?<=[.!?:)])|(?<=\d))[ \t]+$")
# ... or the page furniture a page's header ends with ("Justerandes sign Utdragsbestyrkande Ks 42")
_FURNITURE_BEFORE = re.compile(rf"(?:{FURNITURE.pattern.removeprefix('(?i)')})[ \t]+$", re.I)


def _head_may_follow(text: str, start: int, pos: int) -> bool:
    """A paragraph head may begin at ``pos`` of a run-together line: after a sentence end, a
    parenthesis, a number, or page furniture."""
    return bool(_HEAD_BEFORE.search(text, max(start, pos - 3), pos)
                or _FURNITURE_BEFORE.search(text, max(start, pos - 70), pos))
_SIGN_HEAD = re.compile(r"§[ \t\u00a0]*(?P<num>\d{1,4})[ \t]+(?=[A-ZÅÄÖÉ\"”«])")
# (each look-behind for the start of a word stands after the match's first character, so the
# engine skips to the characters a match can begin with instead of trying every position)
_PREFIX_HEAD = re.compile(r"(?P<org>[A-ZÅÄÖ](?<![\w-].)[A-ZÅÄÖa-zåäö]{1,5})[ \t\u00a0]+(?P<num>\d{1,4})[ \t]+(?=[A-ZÅÄÖÉ\"”«])")
_DNR_CUE = re.compile(r"[Dd](?<![\w-].)(?:nr|(?<=D)NR|iarienummer)\.?:?[ \t]*")
_DNR_WINDOW = 40  # a registry number is printed within this many characters of its cue
_BARE_HEAD = re.compile(r"[ \t]+(?P<num>\d{1,4})[ \t]+(?=[A-ZÅÄÖÉ][a-zåäö])")
_NUMBER_TITLE = re.compile(r"(?<![\w.,:/-])(?P<num>\d{1,4})[ \t]+(?=[A-ZÅÄÖÉ\"”«][\wåäö])")
# an item of a register or agenda list: "4 Title", "4. Title", "4) Title", "4 A Title", "20 a) Title", "4 ½ Title"
_LISTED_TITLE = re.compile(r"(?P<num>\d(?<![\w.,:/-].)\d{0,3})(?:[.)]|[ \t](?P<sub>[A-Da-d]\)?|½))?[ \t]+(?=[A-ZÅÄÖÉ\"”«][\wåäö])")


def _follows(a: tuple[int, int, bool], b: tuple[int, int, bool]) -> bool:
    """Number ``b`` can be the next item after ``a`` in an agenda: the next number or one a
    few numbers on (agendas skip numbers of items handled elsewhere), or a sub-item of the
    same number ("20 a", "17 A", "4 ½")."""
    return 1 <= b[1] - a[1] <= 3 or (b[1] == a[1] and b[2])


def _register_cuts(text: str, start: int, end: int) -> list[int]:
    """Cuts before each number of a run of three or more increasing numbers each followed by
    a capitalised word: an agenda or register printed on one line. A number inside a title
    ("Budget 2031 Dnr ...", "3 Nej") is passed over: each item is the nearest number within a
    title's length that can follow the one before."""
    found = [(m.start(), int(m.group("num")), bool(m.group("sub"))) for m in _LISTED_TITLE.finditer(text, start, end)]
    cuts: list[int] = []
    taken: set[int] = set()
    for i in range(len(found)):
        if i in taken:
            continue
        chain = [i]
        k = i + 1
        while k < len(found) and found[k][0] - found[chain[-1]][0] <= 300:
            if _follows(found[chain[-1]], found[k]):
                chain.append(k)
            k += 1
        if len(chain) >= 3:
            taken.update(chain)
            for c in chain:
                # a paragraph number keeps the sign or body abbreviation printed before it
                # ("§ 21", "MHN 21"): the line begins there
                pos = found[c][0]
                lead = _NUMBER_LEAD.search(text, max(start, pos - 10), pos)
                cuts.append(lead.start() if lead else pos)
    return sorted(cuts)


_NUMBER_LEAD = re.compile(r"(?:§|(?<![\w-])[A-ZÅÄÖ]{2,6})[ \t\u00a0]*$")


# Words after which a capitalised word still belongs to a title's phrase ("Bidrag till
# Norrviks fritidsgård", "Motion från Anna Ek (S)").
_JOINS = {
    "i", "av", "för", "om", "till", "vid", "från", "med", "på", "och", "samt", "inom", "mellan", "enligt",
    "mot", "hos", "gällande", "avseende", "angående", "rörande", "över", "under", "efter", "inför",
    "kring", "genom", "ang.", "-", "–", "/", "&", "s", "eller", "utan", "åt", "per", "via",
}
# A section heading printed inline in run-together text: a heading word followed by the
# capitalised first word of the section ("... 2014-03-07 Yrkanden Ordföranden yrkar ...").
SECTION_WORD = re.compile(
    r"(?:Ärende|Ärendet|Ärendebeskrivning|Sammanfattning|Bakgrund|Beslut|Beslutsunderlag|Yrkanden?|"
    r"Handlingar|Beredning|Propositionsordning|Beslutsgång|Reservationer?|Protokollsanteckning)(?=[ \t]+[A-ZÅÄÖ])"
)
_WORD = re.compile(r"\S+")
_PARTY = re.compile(r"\((?:S|V|MP|M|L|C|KD|SD|FP|s|v|mp|m|l|c|kd|sd|fp)\)")
_TITLE_MAX = 220


def title_end(text: str, start: int, end: int) -> int | None:
    """Where a head's title ends in run-together text that starts at ``start``: before the
    body's first sentence, a person printed with a party, a "Dnr", an att-clause or a section
    word. None when no such end is found within a title's length."""
    hi = min(end, start + _TITLE_MAX)
    words = list(_WORD.finditer(text, start, hi))
    for k, w in enumerate(words):
        if k == 0:
            continue
        tok = w.group(0)
        prev = words[k - 1].group(0)
        if _DNR_CUE.match(tok) or tok in ("att", "Att") or SECTION_WORD.match(text, w.start(), hi):
            return w.start()
        if tok[0].isupper() and any(c.islower() for c in tok[1:2]):
            # a capitalised word begins the body unless a join word or a name stands before it
            if prev.lower() in _JOINS or prev.endswith(("-", ",", ":")) or (prev[0].isupper() and k > 1 and prev[-1].isalpha()):
                continue
            nxt = words[k + 1].group(0) if k + 1 < len(words) else ""
            if _PARTY.match(nxt) or (nxt[:1].isupper() and k + 2 < len(words) and _PARTY.match(words[k + 2].group(0))):
                return w.start()  # "Val av justerare Maja Lind (M) utses ..."
            if nxt[:1].islower() or nxt[:1].isupper():
                return w.start()
    return None


def flat_cuts(text: str, start: int, end: int, abbreviations: frozenset[str], flat_text: bool = False) -> tuple[int, ...]:
    """Offsets in text[start:end] where a line would have begun (see the module docstring).
    ``flat_text``: most of the paper is run together, so a line that begins with a number
    and a title ("15 Justering av protokollet ...") is a paragraph head too."""
    # (the kind detector, the line reader and the minutes reader each ask for the same cuts of
    # the same long lines: a third of the calls were repeats; once per text)
    return once_per_text(text, ("flat_cuts", start, end, abbreviations, flat_text),
                          lambda: _flat_cuts(text, start, end, abbreviations, flat_text))


def _flat_cuts(text: str, start: int, end: int, abbreviations: frozenset[str], flat_text: bool) -> tuple[int, ...]:
    heads: list[tuple[int, int]] = []  # (cut offset, offset where the title begins)
    for m in _SIGN_HEAD.finditer(text, start, end):
        if m.start() == start or _head_may_follow(text, start, m.start()):
            heads.append((m.start(), m.end()))
    for m in _PREFIX_HEAD.finditer(text, start, end):
        if m.group("org").upper() in abbreviations and (
            m.start() == start or _head_may_follow(text, start, m.start())
        ):
            heads.append((m.start(), m.end()))
    # "Dnr 15/2014.002 16 Title": the registry number in the margin, then the paragraph number.
    # Each number is read in a short window after its cue word (a run-together page holds
    # thousands of them; the line as a whole is no range to read numbers in).
    for cue in _DNR_CUE.finditer(text, start, end):
        found = find_dnr(text, cue.start(), min(end, cue.end() + _DNR_WINDOW))
        if not found:
            continue
        d, cue_start = found[0], cue.start()
        bare_head = _BARE_HEAD.match(text, d.span.end, end)
        if bare_head:
            heads.append((cue_start, bare_head.end()))
            heads.append((bare_head.start("num"), bare_head.end()))
            continue
        if _PREFIX_HEAD.match(text, d.span.end + 1, end) or _SIGN_HEAD.match(text, d.span.end + 1, end):
            heads.append((cue_start, cue_start))
    # the first paragraph of the run, printed without "§" at its start ("15 Justering ...") when
    # the margin numbers above found the next one ("Dnr 15/2014.002 16 ...")
    bare = {int(text[h:t].split()[0]) for h, t in heads if text[h:h + 1].isdigit()}
    first = _NUMBER_TITLE.match(text, start, end)
    if first and (flat_text or int(first.group("num")) + 1 in bare):
        heads.append((first.start(), first.end()))
    cuts = {h for h, _ in heads}
    for h, title_at in heads:
        if title_at > h:
            te = title_end(text, title_at, end)
            if te is not None:
                cuts.add(te)
    cuts.update(_register_cuts(text, start, end))
    return tuple(sorted(c for c in cuts if start < c < end))


def inline_heads(text: str, enough: int = 3) -> int:
    """How many paragraph heads stand inside run-together lines, counted up to ``enough`` (0
    for a paper with its line breaks)."""
    lines = split_lines(text)
    if not any(len(ln.text) > FLAT_LINE for ln in lines):
        return 0
    abbreviations = body_abbreviations(text)
    flat = is_flat([ln.text for ln in lines])
    n = 0
    for ln in lines:
        if len(ln.text) <= _line_limit(flat):
            continue
        for cut in flat_cuts(text, ln.tstart, ln.tstart + len(ln.text), abbreviations, flat):
            m = _SIGN_HEAD.match(text, cut) or _PREFIX_HEAD.match(text, cut)
            if m and (m.re is _SIGN_HEAD or m.group("org").upper() in abbreviations):
                n += 1
                if n >= enough:
                    return n
    return n


def is_flat(lines_text: list[str]) -> bool:
    """Most of the paper's characters stand on run-together lines."""
    total = sum(len(t) for t in lines_text)
    return total > 0 and sum(len(t) for t in lines_text if len(t) > FLAT_LINE) >= total / 2


def _pieces(text: str, start: int, end: int, cuts: tuple[int, ...]) -> list[tuple[int, int]]:
    bounds = [start, *cuts, end]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        s, e = strip_span(text, a, b)
        if s < e:
            out.append((s, e))
    return out


def reflow_lines(text: str, lines: list[Line], abbreviations: frozenset[str] | None = None) -> list[Line]:
    """``lines`` with each run-together line cut into the lines it once was."""
    if not any(len(ln.text) > FLAT_LINE for ln in lines):
        return lines
    abbreviations = body_abbreviations(text) if abbreviations is None else abbreviations
    flat = is_flat([ln.text for ln in lines])
    out: list[Line] = []
    for ln in lines:
        if len(ln.text) <= _line_limit(flat):
            out.append(ln)
            continue
        end = ln.tstart + len(ln.text)
        cuts = flat_cuts(text, ln.tstart, end, abbreviations, flat)
        if not cuts:
            out.append(ln)
            continue
        for s, e in _pieces(text, ln.tstart, end, cuts):
            out.append(Line(s, e, 0, text[s:e], s))
    return out


def reflow_units(text: str, units: list[Unit], abbreviations: frozenset[str] | None = None) -> list[Unit]:
    """``units`` with each run-together plain unit cut into the lines it once was; the pieces
    begin lines of their own."""
    if not any(len(u.text) > FLAT_LINE for u in units):
        return units
    abbreviations = body_abbreviations(text) if abbreviations is None else abbreviations
    flat = is_flat([u.text for u in units])
    out: list[Unit] = []
    for u in units:
        if len(u.text) <= _line_limit(flat) or u.heading:
            out.append(u)
            continue
        cuts = flat_cuts(text, u.start, u.end, abbreviations, flat)
        if not cuts:
            out.append(u)
            continue
        for i, (s, e) in enumerate(_pieces(text, u.start, u.end, cuts)):
            out.append(Unit(s, e, collapse(text[s:e]), False, True, u.blank_before and i == 0))
    return out
