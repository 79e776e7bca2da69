"""One identity per natural person of a paper.

``link_persons(paper, mentions)`` merges every place a person is named: the structure stage's
PersonRefs (attendance, replaced members, yrkanden, reservations, statements, e-signatures)
and the recogniser's PERSON mentions.

* Spelling variants unify through ``person_key`` (case, diacritics, hyphens and spacing folded):
  "Andréa Hedin" / "Andrea Hedin", "Anne-Lie Elfvén" / "Anne-Lie Elfven".
* A longer form merges into a shorter one when it has the same surname and contains all of the
  shorter one's given names, and exactly one person fits: the e-signature
  "Johan Alexander Emanuel,Ojanne" -> "Alexander Ojanne". A shared surname alone never merges
  ("Jan Jönsson" and "Anna Jönsson" stay two people).
* A genitive ("Christer Linds") joins the person printed without the -s, unless the -s form
  stands in the attendance list (a surname that ends in -s).
* The name is the attendance list's form when there is one, else the fullest printed form
  (e-signatures never give the name); the party is the one printed most often.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from graf.grammar.lexicon import GIVEN_NAMES
from graf.records import LinkedPerson, Mention, Paper, PersonRef, Span

_FOLD_EXTRA = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "ı": "i"})


def person_key(name: str) -> str:
    """Stable cross-paper identity key of a person's name: lower case, diacritics folded,
    hyphens, commas and whitespace collapsed to single spaces ("Anne-Lie Elfvén" ->
    "anne lie elfven"). E-signature order "Given,Surname" reads as "Given Surname"."""
    s = unicodedata.normalize("NFKD", name.lower().translate(_FOLD_EXTRA))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[\s\-‐‑–—,]+", " ", s)
    s = re.sub(r"[^\w ]", "", s)
    return s.strip()


_GIVEN_KEYS = frozenset(person_key(n) for n in GIVEN_NAMES)


def _is_given(token_key: str) -> bool:
    return token_key in _GIVEN_KEYS


def _is_initial(token_key: str) -> bool:
    """A middle initial in a key ("lars b strand")."""
    return len(token_key) == 1


# source ranks: lower wins when choosing the printed name
_ATTENDANCE, _TEXT, _SIGNATURE = 0, 1, 2


@dataclass
class _Group:
    key: str
    names: list[tuple[int, int, str]] = field(default_factory=list)  # (rank, order, printed)
    parties: list[tuple[int, str]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def tokens(self) -> list[str]:
        return self.key.split()

    def best_rank(self) -> int:
        return min(r for r, _, _ in self.names)

    def absorb(self, other: _Group) -> None:
        self.names += other.names
        self.parties += other.parties
        self.roles += other.roles
        self.spans += other.spans


def _collect(paper: Paper, mentions: list[Mention]) -> list[tuple[PersonRef, int, str | None]]:
    """(ref, rank, role) for every place the paper names a person."""
    refs: list[tuple[PersonRef, int, str | None]] = []
    for a in paper.attendance:
        refs.append((a.person, _ATTENDANCE, a.role))
        if a.replaces is not None:
            refs.append((a.replaces, _ATTENDANCE, None))
    for item in paper.items:
        for p in item.proposals:
            refs += [(r, _TEXT, None) for r in p.by]
        for r in item.reservations:
            refs += [(x, _TEXT, None) for x in r.by]
        for s in item.statements:
            refs += [(x, _TEXT, None) for x in s.by]
    for sig in paper.signatures:
        refs.append((sig, _SIGNATURE, None))
    for m in mentions:
        if m.label != "PERSON":
            continue
        rank = _SIGNATURE if "," in m.text else _TEXT
        refs.append((PersonRef(name=m.text, span=m.span, party=m.party), rank, m.role))
    return refs


def _printed(name: str) -> str:
    """The name as printed with whitespace collapsed."""
    return re.sub(r"\s+", " ", name).strip()


def _readable(name: str) -> str:
    """E-signature order "Given,Surname" as "Given Surname"."""
    return re.sub(r"\s*,\s*", " ", name)


def _choose_name(g: _Group) -> str:
    best = g.best_rank()
    if best == _ATTENDANCE:
        listed = next(n for r, _, n in sorted(g.names) if r == _ATTENDANCE)
        # the list's form, unless another print adds only initials to it: "Lars B Strand"
        # (with the case) and "Lars Strand" (among those present) - the fullest form
        bare = person_key(listed).split()
        for _, _, n in sorted(g.names, key=lambda x: x[1]):
            toks = person_key(_readable(n)).split()
            if len(toks) > len(bare) and [t for t in toks if not _is_initial(t)] == bare:
                return _readable(n)
        return listed
    candidates = [(r, o, n) for r, o, n in g.names if r == best]
    # fullest form: most tokens, then most letters with diacritics as printed, then first seen
    def score(x: tuple[object, int, str]) -> tuple[int, int, int]:
        _, order, n = x
        return (-len(n.split()), -sum(1 for c in n if ord(c) > 127), order)

    return _readable(min(candidates, key=score)[2])


def link_persons(paper: Paper, mentions: list[Mention]) -> list[LinkedPerson]:
    """One LinkedPerson per natural person named in the paper, in order of first mention."""
    groups: dict[str, _Group] = {}
    order = 0
    refs = _collect(paper, mentions)
    # an excerpt that ends inside a name ("... Sofia Mi") prints a name cut short: it is the
    # person whose printed name it begins, when there is exactly one
    text_end = len((paper.source.text or "").rstrip())
    printed = {_printed(r.name) for r, _, _ in refs}
    for ref, rank, role in refs:
        name = _printed(ref.name)
        if ref.span.end >= text_end:
            longer = [n for n in printed if n != name and n.startswith(name)]
            if len(longer) == 1:
                name = longer[0]
        key = person_key(name)
        if not key:
            continue
        g = groups.setdefault(key, _Group(key))
        g.names.append((rank, order, name))
        order += 1
        if ref.party:
            g.parties.append((rank, ref.party))
        if role:
            g.roles.append(role)
        g.spans.append(ref.span)

    # a genitive of a person the paper names otherwise ("Christer Linds" at a line end,
    # "Ebba Ståhls" before a wrapped "ändringsyrkande"): the form with a trailing -s that
    # never stands in the attendance list joins the person named without it
    for key in list(groups):
        genitive = groups[key]
        toks = genitive.tokens()
        if len(toks) < 2 or not toks[-1].endswith("s") or len(toks[-1]) <= 3 or genitive.best_rank() == _ATTENDANCE:
            continue
        base = groups.get(" ".join([*toks[:-1], toks[-1][:-1]]))
        if base is not None:
            # the names printed in the genitive are no names of the person; their places are
            base.spans += genitive.spans
            base.roles += genitive.roles
            del groups[key]

    # merge longer forms into the one shorter form they extend (same surname, given names contained)
    for key in sorted(groups, key=lambda k: -len(k.split())):
        found = groups.get(key)
        if found is None:
            continue
        g = found
        toks = g.tokens()
        if len(toks) < 3:
            continue
        signed = any("," in n for _, _, n in g.names)
        fits = [
            other for okey, other in groups.items()
            if okey != key
            and len(other.tokens()) >= 2
            and len(other.tokens()) < len(toks)
            and (
                (
                    other.tokens()[-1] == toks[-1]
                    and all(t in toks[:-1] for t in other.tokens()[:-1])
                    # the extra tokens must be given names or initials (middle names), unless
                    # the form is an e-signature, whose part before the comma holds given
                    # names only: "Karl Ek Berg" may be someone else than "Karl Berg"
                    and (
                        signed
                        or all(_is_given(t) or _is_initial(t) for t in toks[:-1] if t not in other.tokens()[:-1])
                        # the attendance list's full form ends with the shorter form: "Wolmer Sten
                        # Strandqvist" (list) / "Sten Strandqvist" (running text, given name unlisted)
                        or (g.best_rank() == _ATTENDANCE and toks[-len(other.tokens()):] == other.tokens())
                    )
                )
                # a double surname printed once in full and once cut after its first part:
                # "Birgit Marklund Beijer" / "Birgit Marklund"
                or (
                    not signed
                    and toks[: len(other.tokens())] == other.tokens()
                    and not any(_is_given(t) or _is_initial(t) for t in toks[len(other.tokens()) :])
                )
            )
        ]
        if len(fits) == 1:
            fits[0].absorb(g)
            del groups[key]

    persons: list[LinkedPerson] = []
    for g in sorted(groups.values(), key=lambda g: min(o for _, o, _ in g.names)):
        name = _choose_name(g)
        party = None
        if g.parties:
            best = min(r for r, _ in g.parties)
            party = Counter(p for r, p in g.parties if r == best).most_common(1)[0][0]
        # one entry per role whatever its case ("Kommunchef" in a list, "kommunchef" in prose)
        roles = tuple({r.casefold(): r for r in reversed(g.roles)}[k] for k in dict.fromkeys(r.casefold() for r in g.roles))
        variants = tuple(dict.fromkeys(n for _, _, n in sorted(g.names, key=lambda x: x[1]) if n != name))
        persons.append(
            LinkedPerson(key=person_key(name), name=name, party=party, roles=roles,
                         spans=tuple(sorted(set(g.spans))), variants=variants)
        )
    return persons
