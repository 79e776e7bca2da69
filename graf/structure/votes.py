"""Omröstningar (votes by roll call) in a protocol paragraph.

A vote is printed in two places that tell the same story: the result sentence ("Med 7
ja-röster och 8 nej-röster finner ordföranden att ...", "8 ja, 7 nej, 0 avstår") and, often,
a voting list — a table with one row per member and a column per choice (Ja / Nej / Avstår)
ending in a total row ("Resultat 7 8 0"). Counts are read from both; a member's choice is
kept only when the marks of the whole list add up to the printed totals, so a table whose
columns the text layer scrambled yields counts but no wrong per-member votes.
"""

from __future__ import annotations

import dataclasses
import re

from graf.records import AgendaItem, MemberVote, Span, Vote
from graf.structure.common import collapse, find_persons

# --------------------------------------------------------------------------- result sentences

# "7 ja-röster", "7 ja", "7 röster för ja" ... one count per choice, in any order
_COUNT = re.compile(
    r"(?<![\d,.:/-])(?P<n>\d{1,3})\s+(?:(?:st\.?|stycken|röster|ledam(?:ot|öter))\s+)?(?:(?:som\s+)?röst(?:ar|ade)\s+)?(?:för\s+)?"
    r"(?:(?P<yes>ja)(?:-?röst(?:er)?)?|(?P<no>nej)(?:-?röst(?:er)?)?|"
    r"(?P<abstain>(?:som\s+)?(?:avstår|avstod|avstående|avst\.)|nedlagda(?:\s+röster)?|blanka(?:\s+röster)?|"
    r"ledam(?:ot|öter)\s+(?:som\s+)?avst(?:år|od))"
    r")(?![\wåäö])",
    re.I,
)
# the choice first: "Ja: 8, Nej: 7, Avstår: 0", "ja-röster 8"
_COUNT_AFTER = re.compile(
    r"(?<![\wåäö])(?:(?P<yes>ja)|(?P<no>nej)|(?P<abstain>avstår|avstod|avstående))(?:-?röster)?\s*[:=]?\s*(?P<n>\d{1,3})(?![\d/:.-]\d)",
    re.I,
)


# the two sides without ja and nej: "med 5 röster mot 4", "med 26 röster mot 21 (2 avstår)";
# the side the sentence decides for is printed first, and it is the yes side of the gold
# convention (ja = the proposal the meeting adopts)
# "med 6 röster för förvaltningens förslag mot 5 röster för avslag", "6 röster för X och 5
# röster för Y"; "omröstningen utföll 5–4", "med röstsiffrorna 6–5"
_FOR_AGAINST = re.compile(
    r"(?<![\d,.:/-])(?P<yes>\d{1,3})\s+(?:röster|rösterna)(?:\s+för\s+[^.;\d]{1,80}?)?"
    r"(?:\s+mot\s+(?P<no>\d{1,3})(?![\d,.:/-]\d)(?:\s+röster)?|\s+och\s+(?P<no2>\d{1,3})\s+röster\b)"
    r"(?:\s+för\s+[^.;\d]{1,80}?)?"
    r"(?:[\s,(]+(?:och\s+)?(?P<abstain>\d{1,3})\s+(?:avstår|avstod|avstående|nedlagda|blanka)\b)?"
    r"|(?:utföll|utfaller|utfallet\s+blev|röstsiffrorna|siffrorna)\s+(?:med\s+)?(?P<yes3>\d{1,3})\s*[–-]\s*(?P<no3>\d{1,3})(?![\d-])",
    re.I,
)


def _counts(text: str, start: int, end: int) -> dict[str, int]:
    # read both ways ("7 ja-röster", "Ja: 7"); the reading that finds more choices wins, so a
    # list of "Ja 8 / Nej 7" lines is not read as "8 Nej"
    readings = []
    mf = _FOR_AGAINST.search(text, start, end)
    if mf:
        found = {"yes": int(mf.group("yes") or mf.group("yes3")), "no": int(mf.group("no") or mf.group("no2") or mf.group("no3"))}
        if mf.group("abstain"):
            found["abstain"] = int(mf.group("abstain"))
        readings.append(found)
    for rx in (_COUNT, _COUNT_AFTER):
        out: dict[str, int] = {}
        for m in rx.finditer(text, start, end):
            key = "yes" if m.group("yes") else "no" if m.group("no") else "abstain"
            out.setdefault(key, int(m.group("n")))
        readings.append(out)
    return max(readings, key=len)


# --------------------------------------------------------------------------- voting lists

# the head row of a voting list: the choices as column titles, in the order printed
_CHOICE = {"ja": "ja", "nej": "nej", "avstår": "avstår", "avstod": "avstår", "avstående": "avstår",
           "avst": "avstår", "avst.": "avstår", "frånvarande": "frånvarande"}
_HEAD = re.compile(
    r"(?im)^[ \t|]*(?P<lead>[^\n]*?)[ \t|]*(?<![^\s|])(?P<cols>ja[ \t|]+nej(?:[ \t|]+(?:avstår|avstod|avstående|avst\.?))?"
    r"(?:[ \t|]+frånvarande)?)[ \t|]*$"
)
# the total row: "Resultat 7 8 0", "Summa 7 8 0", "| Totalt | 7 | 8 | 0 |"
_TOTAL = re.compile(r"(?im)^[ \t|]*(?:resultat|summa|totalt|total|antal(?: röster)?)\b[ \t:|]*(?P<nums>\d{1,3}(?:[ \t|]+\d{1,3})*)[ \t|]*$")
_MARK = re.compile(r"[Xx✓✔×1]")


def _mark_column(row: str, cell_end: int, ncols: int) -> int | None:
    """Which choice column the mark of a row stands in.

    Markdown and pipe tables: the cells between the pipes. Text layers that print each empty
    cell as one space (pypdf): the marks region after the name cell is the cells joined by
    single spaces, so the mark's place in that sequence is its column.
    """
    tail = row[cell_end:]
    if "|" in tail:
        cells = [c.strip() for c in tail.strip().strip("|").split("|")]
        # columns before the choices (a serving substitute's name, a party) carry no mark
        if len(cells) > ncols and not any(_MARK.fullmatch(c) for c in cells[:-ncols]):
            cells = cells[-ncols:]
    else:
        body = tail[1:] if tail[:1] in (" ", "\t") else tail
        cells = body.split("\t") if "\t" in body else body.split(" ")
        while len(cells) > ncols and cells[-1] == "":
            cells.pop()
    if len(cells) != ncols:
        return None
    marked = [i for i, c in enumerate(cells) if c and _MARK.fullmatch(c)]
    if len(marked) != 1 or any(c and not _MARK.fullmatch(c) for c in cells):
        return None
    return marked[0]


def _layout_column(head_offsets: list[int], mark_offset: int) -> int | None:
    """The column whose title stands above the mark (layout-preserving text layers), within
    a few characters: a mark is centred under its title or starts where it starts."""
    near = [(abs(off - mark_offset), i) for i, off in enumerate(head_offsets) if abs(off - mark_offset) <= 3]
    return min(near)[1] if near else None


def _line_spans(text: str, start: int, end: int):
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, stop
        pos = stop + 1


def voting_lists(text: str, lo: int, hi: int) -> list[tuple[Span, dict[str, int], tuple[MemberVote, ...]]]:
    """Every voting list in text[lo:hi]: its span, the totals of its total row by choice and
    the members' votes (empty when the marks do not add up to the totals)."""
    out = []
    for mh in _HEAD.finditer(text, lo, hi):
        line_start = mh.start()
        cols_text = mh.group("cols")
        names = [_CHOICE.get(w.lower(), w.lower()) for w in re.findall(r"[^\s|]+", cols_text)]
        # where each column title stands in its line, for layout-preserving text layers
        head_offsets = [mh.start("cols") - line_start + m.start() for m in re.finditer(r"[^\s|]+", cols_text)]
        ncols = len(names)
        members: list[MemberVote] = []
        totals: dict[str, int] = {}
        unread = 0
        end = mh.end()
        for ls, le in _line_spans(text, mh.end() + 1, hi):
            row = text[ls:le]
            if not row.strip() or set(row.strip()) <= set("|-: "):
                if members:
                    end = le
                continue
            mt = _TOTAL.fullmatch(text, ls, le)
            if mt:
                nums = [int(n) for n in re.findall(r"\d+", mt.group("nums"))]
                if len(nums) == ncols:
                    totals = {k: v for k, v in zip(names, nums)}
                end = le
                break
            persons = find_persons(text, ls, le)
            if not persons:
                break
            # the last name in the row votes: a serving substitute printed after the member
            person = persons[-1]
            # the name cell runs to the last letter before the marks ("Anna Ek (S), ledamot")
            cell = re.match(r".*[^\s|Xx✓✔×1]", row[: len(row.rstrip(" \t|Xx✓✔×"))] or row)
            cell_end = max(person.span.end - ls, cell.end() if cell else 0)
            col = _mark_column(row, cell_end, ncols)
            if col is None:
                mm = list(re.finditer(r"(?<![^\s|])[Xx✓✔×](?![^\s|])", row[cell_end:]))
                if len(mm) == 1:
                    col = _layout_column(head_offsets, cell_end + mm[0].start())
            if col is None:
                unread += 1
            else:
                members.append(MemberVote(person, names[col], Span(ls, le)))
            end = le
        if not members and not totals:
            continue
        tally = {k: sum(1 for m in members if m.choice == k) for k in names}
        agrees = bool(totals) and unread == 0 and all(tally.get(k, 0) == v for k, v in totals.items())
        out.append((Span(line_start, end), totals, tuple(members) if agrees else ()))
    return out


# --------------------------------------------------------------------------- named voters in prose

# "Ja: A, B och C" / "Nej röstar D (S) och E (V)." / "Avstår: F": each side's voters named on
# a line or in a sentence of their own
_NAMED_SIDE = re.compile(
    r"(?im)(?:^|(?<=[.:;]\s))[ \t]*(?P<which>ja|nej|avstår|avstod|avstående)(?:-?röster)?"
    r"(?:[ \t]+röst(?:ar|ade)[ \t]*:?|[ \t]*:)[ \t]+(?P<names>[^\n]+?)(?=\.(?:\s|$)|\n|$)"
)


def named_voters(text: str, lo: int, hi: int) -> list[tuple[int, list[MemberVote]]]:
    """Runs of consecutive named sides (a Ja line and a Nej line, or a Ja and a Nej
    sentence): where each run starts, and its members with their choices."""
    runs: list[tuple[int, list[MemberVote]]] = []
    last_end = -1
    for m in _NAMED_SIDE.finditer(text, lo, hi):
        persons = find_persons(text, m.start("names"), m.end("names"))
        if not persons:
            continue
        choice = _CHOICE.get(m.group("which").lower(), "avstår")
        members = [MemberVote(p, choice, Span(m.start(), m.end())) for p in persons]
        # the sides of one vote follow each other with nothing but blanks between
        if runs and not text[last_end : m.start()].strip(" \t\n.;"):
            runs[-1][1].extend(members)
        else:
            runs.append((m.start(), members))
        last_end = m.end()
    return [(start, members) for start, members in runs if len({mv.choice for mv in members}) > 1]


# --------------------------------------------------------------------------- votes of a §

_MEANS = re.compile(r"(?im)^[ \t*]*(?P<which>ja|nej)-?röst(?:en)?\s+(?:för|innebär|betyder)\s+(?P<what>[^\n]+(?:\n(?![ \t]*(?:ja|nej)-?röst)[^\n]+)?)")
# inside a line: "Ja = förvaltningens förslag, Nej = X:s yrkande", "omröstningsordning
# godkänns: Ja för avslag på tilläggsyrkandet, Nej för bifall till det"
_MEANS_INLINE = re.compile(
    r"(?i)(?:^|(?<=[:,;.]\s)|(?<=\n))[ \t]*(?P<which>ja|nej)(?:-?röst(?:en)?)?[ \t]*(?:=|för\b|innebär\b|betyder\b)"
    r"[ \t]*(?P<what>[^,;:.\n]{3,120}(?:\n(?![ \t]*(?:ja|nej|avst)\b)[^,;:.\n]{1,60})?)"
)
_RESULT = re.compile(
    r"(?i)(?:med|efter\s+omröstning\s+med)\s+\d{1,3}\s+(?:ja\b|ja-?röst(?:er)?|röster)|"
    r"omröstningsresultat(?:et)?\s*[:\-–]?\s*\d|\d{1,3}\s+röster\s+(?:för|mot)\b|"
    r"(?:utföll|utfaller|utfallet\s+blev|röstsiffrorna)\s+(?:med\s+)?\d{1,3}\s*[–-]\s*\d|\d{1,3}\s+ja(?:-?röst(?:er)?)?\s*(?:,|och|mot)\s*\d{1,3}\s+nej|"
    r"\d{1,3}[ \t]+ledamöter[ \t]+(?:som[ \t]+)?(?:röst(?:ar|ade)[ \t]+)?ja\b|"
    r"\d{1,3}[ \t]+ledamot[ \t]+(?:som[ \t]+)?röst(?:ar|ade)[ \t]+ja\b|"
    r"(?:omröstnings)?resultat(?:et)?\s*:?\s*ja(?:-?röster)?\s*[:=]?\s*\d|"
    r"(?<![\wåäö])ja(?:-?röster)?\s*[:=]\s*\d{1,3}\s*[,;]?\s*nej(?:-?röster)?\s*[:=]\s*\d"
)
_SENT_END = re.compile(r"\.(?=\s+[A-ZÅÄÖ]|\s*\n\s*\n|\s*$)")


def parse_votes(text: str, lo: int, hi: int) -> list[Vote]:
    """The omröstningar of one paragraph, text[lo:hi], in printed order.

    Each result sentence is one vote; voting lists are paired with the votes in order
    (a § that announces two votes prints their lists in the same order). A voting list
    with no result sentence is a vote of its own.
    """
    # every wording of a vote has "röst" ("omröstning", "ja-röster") or "votering" in it:
    # plain substring scans keep the many §§ without a vote cheap
    if all(text.find(w, lo, hi) < 0 for w in ("röst", "RÖST", "otering", "OTERING")):
        return []
    lists = voting_lists(text, lo, hi)
    in_list = [s for s, _, _ in lists]
    results = []
    for m in _RESULT.finditer(text, lo, hi):
        if any(s.start <= m.start() < s.end for s in in_list):
            continue
        me = _SENT_END.search(text, m.start(), min(hi, m.start() + 600))
        end = me.end() if me else min(hi, text.find("\n\n", m.start()) if text.find("\n\n", m.start()) > 0 else hi)
        results.append((m.start(), end))
    means = list(_MEANS.finditer(text, lo, hi))
    if not means:
        means = list(_MEANS_INLINE.finditer(text, lo, hi))
    votes: list[Vote] = []
    for n, (rs, re_) in enumerate(results):
        counts = _counts(text, rs, re_)
        if "yes" not in counts and "no" not in counts:
            continue
        prev_end = results[n - 1][1] if n else lo
        next_start = results[n + 1][0] if n + 1 < len(results) else hi
        # what ja and nej stand for is printed before the result, or right after it
        # ("Votering: 4 ja, 3 nej. Ja = avgöra i dag, Nej = återremiss.")
        before = [mm for mm in means if prev_end <= mm.start() < rs]
        after = [mm for mm in means if re_ <= mm.start() < min(next_start, re_ + 200)]
        yes_means = no_means = None
        for mm in before or after:
            what = collapse(mm.group("what")).rstrip(".")
            if mm.group("which").lower() == "ja":
                yes_means = what
            else:
                no_means = what
        start = min([mm.start() for mm in before] + [rs])
        votes.append(Vote(Span(start, re_), counts.get("yes"), counts.get("no"), counts.get("abstain"),
                          (), yes_means, no_means, collapse(text[rs:re_]), Span(rs, re_)))
    # pair lists with votes: by order, checked by the counts where both print them
    used: set[int] = set()
    for lspan, totals, members in lists:
        best = None
        for vi, v in enumerate(votes):
            if vi in used:
                continue
            if totals and ((v.yes is not None and totals.get("ja") not in (None, v.yes))
                           or (v.no is not None and totals.get("nej") not in (None, v.no))):
                continue
            best = vi
            break
        if best is None:
            votes.append(Vote(lspan, totals.get("ja"), totals.get("nej"), totals.get("avstår"), members))
            used.add(len(votes) - 1)
            continue
        used.add(best)
        v = votes[best]
        votes[best] = Vote(
            v.span,
            v.yes if v.yes is not None else totals.get("ja"),
            v.no if v.no is not None else totals.get("nej"),
            v.abstain if v.abstain is not None else totals.get("avstår"),
            members, v.yes_means, v.no_means, v.result, v.result_span,
        )
    # named sides in prose ("Ja: A, B", "Nej röstar C (S) och D (V)"): they go to the vote
    # whose printed counts they add up to, else they are a vote of their own
    for start, named in named_voters(text, lo, hi):
        tally = {k: sum(1 for mv in named if mv.choice == k) for k in ("ja", "nej", "avstår")}
        fit = next((vi for vi, v in enumerate(votes) if not v.members and v.yes == tally["ja"]
                    and v.no == tally["nej"] and v.abstain in (None, tally["avstår"])), None)
        if fit is None and not any(v.members for v in votes) and not any(
                v.span.start <= start < v.span.end for v in votes):
            end = max(mv.span.end for mv in named)
            votes.append(Vote(Span(start, end), tally["ja"], tally["nej"], tally["avstår"] or None, tuple(named)))
        elif fit is not None:
            votes[fit] = dataclasses.replace(votes[fit], members=tuple(named))
    votes.sort(key=lambda v: v.span.start)
    return [_with_casting_vote(text, v, votes[n + 1].span.start if n + 1 < len(votes) else hi)
            for n, v in enumerate(votes)]


# "ordföranden använder sin utslagsröst", "Vid lika röstetal har ordföranden utslagsröst"
_CASTING = re.compile(r"(?i)utslagsröst")


def _with_casting_vote(text: str, vote: Vote, next_start: int) -> Vote:
    """Mark a tie (equal ja and nej) decided by the chair's casting vote, which the paper
    states in or right after the vote (up to the next vote)."""
    if vote.yes is None or vote.yes != vote.no:
        return vote
    if not _CASTING.search(text, vote.span.start, min(next_start, vote.span.end + 400)):
        return vote
    return dataclasses.replace(vote, casting_vote=True)


# "Voteringslista: §114", "Omröstningsbilaga § 45", "Bilaga 2, voteringslista till § 7"
_LIST_LABEL = re.compile(r"(?i)(?:voterings|omröstnings)(?:lista|bilaga|protokoll)[^\n§]{0,40}§\s*(?P<num>\d{1,4})")


def attach_appended_lists(text: str, items: list[AgendaItem]) -> list[AgendaItem]:
    """Voting lists printed after the last § (an appendix, after the signatures) go to the
    § their label names: counts the § lacks are filled in, and the members are added to the
    vote whose printed counts the list's totals match (or the list becomes a vote of its own)."""
    if not items:
        return items
    tail_from = max(i.span.end for i in items)
    by_number = {i.number: n for n, i in enumerate(items)}
    out = list(items)
    for lspan, totals, members in voting_lists(text, tail_from, len(text)):
        labels = list(_LIST_LABEL.finditer(text, max(tail_from, lspan.start - 300), lspan.start))
        if not labels or labels[-1].group("num") not in by_number:
            continue
        n = by_number[labels[-1].group("num")]
        item = out[n]
        votes = list(item.votes)
        match = next((k for k, v in enumerate(votes) if not v.members
                      and (v.yes, v.no) == (totals.get("ja", v.yes), totals.get("nej", v.no))), None)
        if match is None:
            votes.append(Vote(lspan, totals.get("ja"), totals.get("nej"), totals.get("avstår"), members))
        else:
            v = votes[match]
            votes[match] = dataclasses.replace(
                v, members=members, abstain=v.abstain if v.abstain is not None else totals.get("avstår"))
        out[n] = dataclasses.replace(item, votes=tuple(votes))
    return out


__all__ = ["attach_appended_lists", "parse_votes", "voting_lists"]
