"""Date-aware linking of citations to acts, provisions, EU acts, reports and KFS numbers.

Names and abbreviations resolve to the act in force on the reference date using
``graf/data/statutes.tsv`` (validity dates), falling back to ``graf/data/sfs-names.tsv``
(lagen.nu's time-blind table). An SFS number printed in the text wins and is remembered for
later bare mentions of the same name or abbreviation; "samma lag" and references printed
without an act take the last named act. :class:`Resolver` keeps that memory so callers can
carry it across paragraphs of one document.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from graf.nlp.citations import DATA_DIR, EU_NAMES, name_key
from graf.records import Citation, LinkedCitation

LAGEN_NU = "https://lagen.nu/"
RINFO = "http://rinfo.lagrummet.se/publ/"


@dataclass(frozen=True)
class _Statute:
    sfs: str
    abbreviations: tuple[str, ...]
    name: str
    in_force: dt.date | None
    replaced_by: str | None
    replaced_from: dt.date | None
    chapters: bool | None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@lru_cache(maxsize=1)
def _statutes() -> tuple[_Statute, ...]:
    rows = []
    with open(DATA_DIR / "statutes.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            chapters = {"yes": True, "no": False}.get((row.get("chapters") or "").strip())
            rows.append(
                _Statute(
                    sfs=row["sfs"],
                    abbreviations=tuple(a.strip() for a in (row["abbreviations"] or "").split(",") if a.strip()),
                    name=row["name"],
                    in_force=_date(row["in_force"]),
                    replaced_by=row["replaced_by"] or None,
                    replaced_from=_date(row["replaced_from"]),
                    chapters=chapters,
                )
            )
            for alias in filter(None, (row.get("aliases") or "").split("|")):
                rows.append(replace_name(rows[-1], alias))
    return tuple(rows)


def replace_name(statute: _Statute, name: str) -> _Statute:
    return _Statute(statute.sfs, (), name, statute.in_force, statute.replaced_by, statute.replaced_from, statute.chapters)


@lru_cache(maxsize=1)
def _timeblind() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    abbreviations: dict[str, str] = {}
    with open(DATA_DIR / "sfs-names.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["kind"] == "name":
                names[name_key(row["name_or_abbreviation"])] = row["sfs"]
            else:
                abbreviations[row["name_or_abbreviation"]] = row["sfs"]
    return names, abbreviations


def _in_force(candidates: list[_Statute], on: dt.date) -> _Statute | None:
    """The act among ``candidates`` (one name's or abbreviation's acts) in force on ``on``;
    after all were replaced, the last one; before any took effect, one already issued (its
    SFS year not after the date: papers discuss an adopted act before it applies). None when
    none existed yet: a paper cannot name an act that did not exist ("socialtjänstlagen" in
    2024 is 2001:453, "lag om tobaksfria nikotinprodukter" in 2020 is no act)."""
    started = [st for st in candidates if st.in_force is None or st.in_force <= on]
    for st in started:
        if st.replaced_from is None or on < st.replaced_from:
            return st
    if started:
        return max(started, key=lambda st: st.in_force or dt.date.min)
    issued = [st for st in candidates if existed_on(st.sfs, on)]
    return min(issued, key=lambda st: st.in_force or dt.date.min, default=None)


def existed_on(sfs: str, on: dt.date) -> bool:
    """Whether act ``sfs`` could be cited on ``on``: its number's year is not later than the
    date (an SFS number is given when the act is issued), and it took effect by then when
    the table knows the date. An act issued but not yet in force may be cited ("lagen
    (2025:400) som träder i kraft den 1 juli 2025"), so only the year rules a printed number out."""
    m = re.match(r"(\d{4}):", sfs)
    return not (m and int(m.group(1)) > on.year)


@lru_cache(maxsize=1)
def _statutes_by_name_key() -> dict[str, list[_Statute]]:
    index: dict[str, list[_Statute]] = {}
    for s in _statutes():
        index.setdefault(name_key(s.name), []).append(s)
    return index


def sfs_for_name(key: str, on: dt.date) -> str | None:
    known = _statutes_by_name_key().get(key, [])
    if known:  # the dated table decides; the time-blind one would name a later act
        st = _in_force(known, on)
        return st.sfs if st else None
    sfs = _timeblind()[0].get(key)
    return sfs if sfs and existed_on(sfs, on) else None


def sfs_for_abbreviation(abbreviation: str, on: dt.date) -> str | None:
    known = [s for s in _statutes() if abbreviation in s.abbreviations]
    if known:
        st = _in_force(known, on)
        return st.sfs if st else None
    sfs = _timeblind()[1].get(abbreviation)
    return sfs if sfs and existed_on(sfs, on) else None


def statute_info(sfs: str) -> dict | None:
    """What graf knows about an act: title, abbreviations, in_force, replaced_by,
    replaced_from (ISO dates or None), chapters (True/False/None). None when unknown."""
    rows = [s for s in _statutes() if s.sfs == sfs]
    names, abbreviations = _timeblind()
    if not rows:
        title = next((n for n, v in names.items() if v == sfs), None)
        abbrs = tuple(a for a, v in abbreviations.items() if v == sfs)
        if title is None and not abbrs:
            return None
        return {"sfs": sfs, "title": title, "abbreviations": list(abbrs), "in_force": None,
                "replaced_by": None, "replaced_from": None, "chapters": None}
    st = rows[0]
    abbrs = sorted({a for s in rows for a in s.abbreviations})
    return {
        "sfs": sfs,
        "title": st.name,
        "abbreviations": abbrs,
        "in_force": st.in_force.isoformat() if st.in_force else None,
        "replaced_by": st.replaced_by,
        "replaced_from": st.replaced_from.isoformat() if st.replaced_from else None,
        "chapters": st.chapters,
    }


def _has_chapters(sfs: str) -> bool | None:
    for st in _statutes():
        if st.sfs == sfs:
            return st.chapters
    return None


# --------------------------------------------------------------------------- external IRIs
#
# lagen.nu, rinfo and ELI identifiers are made here; graf's own IRIs for the cited acts are
# not (the graph stage mints them with graf.graph.iri.Minter from the SFS / CELEX / report /
# KFS number this stage resolves).


def provision_fragment(c: Citation) -> str | None:
    """lagen.nu fragment: K<kap>P<par>S<stycke>N<punkt>M<mening>O<moment>; a punkt without a
    stycke means stycke 1."""
    parts = []
    if c.chapter:
        parts.append(f"K{c.chapter}")
    if c.paragraph:
        parts.append(f"P{c.paragraph}")
    stycke = c.stycke
    if stycke is None and c.punkt is not None and (c.paragraph or c.chapter):
        stycke = 1
    if stycke is not None:
        parts.append(f"S{stycke}")
    if c.punkt is not None:
        parts.append(f"N{c.punkt}")
    if c.mening is not None:
        parts.append(f"M{c.mening}")
    if c.moment is not None:
        parts.append(f"O{c.moment}")
    return "".join(parts) or None


def _lagen_nu_id(sfs: str) -> str:
    return sfs.replace(" ", "_")


def _rinfo_fragment(c: Citation) -> str:
    parts = []
    if c.chapter:
        parts.append(f"k_{c.chapter}")
    if c.paragraph:
        parts.append(f"p_{c.paragraph}")
    return "#" + "-".join(parts) if parts else ""


def _celex_eli(celex: str) -> str | None:
    m = re.fullmatch(r"3(\d{4})([LRD])(\d{4})", celex)
    if not m:
        return None
    kind = {"L": "dir", "R": "reg", "D": "dec"}[m.group(2)]
    return f"http://data.europa.eu/eli/{kind}/{m.group(1)}/{int(m.group(3))}/oj"


# --------------------------------------------------------------------------- resolution


class Resolver:
    """Resolves citations in text order, remembering what the text bound so far."""

    def __init__(self, reference_date: dt.date | None):
        self.on = reference_date or dt.date.today()
        self.bound_names: dict[str, str] = {}
        self.bound_abbreviations: dict[str, str] = {}
        self.last_sfs: str | None = None
        self.last_prop: str | None = None

    def reset(self) -> None:
        self.bound_names.clear()
        self.bound_abbreviations.clear()
        self.last_sfs = None

    def _sfs(self, c: Citation) -> str | None:
        if c.sfs:
            sfs = c.sfs
            if c.act_name:
                self.bound_names[c.act_name] = sfs
            if c.abbreviation:
                self.bound_abbreviations[c.abbreviation] = sfs
            return sfs
        if c.same_law:
            return self.last_sfs
        if c.act_name:
            sfs = self.bound_names.get(c.act_name) or sfs_for_name(c.act_name, self.on)
            if sfs and c.abbreviation and c.abbreviation not in self.bound_abbreviations:
                self.bound_abbreviations[c.abbreviation] = sfs
            return sfs
        if c.abbreviation:
            return self.bound_abbreviations.get(c.abbreviation) or sfs_for_abbreviation(c.abbreviation, self.on)
        if c.chapter or c.paragraph:
            return self.last_sfs
        return None

    def resolve_one(self, c: Citation) -> LinkedCitation | None:
        if c.kind == "sfs":
            return self._statute(c)
        if c.kind == "eu":
            return self._eu(c)
        if c.kind == "report":
            return self._report(c)
        if c.kind == "kfs" and c.number:
            return LinkedCitation(citation=c, kind="kfs", kfs=c.number)
        return None

    def _statute(self, c: Citation) -> LinkedCitation | None:
        sfs = self._sfs(c)
        if not sfs or not existed_on(sfs, self.on):
            return None
        self.last_sfs = sfs
        if c.chapter and c.punkt and not c.paragraph:
            # "LSS 9:9" / "SoL 4:1": paragraph:punkt for acts without chapters
            chapters = _has_chapters(sfs)
            if chapters is False:
                c2 = type(c)(**{**c.__dict__, "chapter": None, "paragraph": c.chapter, "punkt": c.punkt})
            else:
                c2 = type(c)(**{**c.__dict__, "paragraph": c.punkt, "punkt": None})
            provision = provision_fragment(c2)
            rinfo_frag = _rinfo_fragment(c2)
        else:
            provision = provision_fragment(c)
            rinfo_frag = _rinfo_fragment(c)
        lagen_nu = LAGEN_NU + _lagen_nu_id(sfs) + (f"#{provision}" if provision else "")
        plain = re.fullmatch(r"(\d{4}):(\d+)", sfs)
        info = statute_info(sfs)
        return LinkedCitation(
            citation=c,
            kind="sfs",
            sfs=sfs,
            provision=provision,
            lagen_nu=lagen_nu,
            rinfo=f"{RINFO}sfs/{sfs}{rinfo_frag}" if plain else None,
            riksdagen=f"sfs-{plain.group(1)}-{plain.group(2)}" if plain else None,
            act_title=info["title"] if info else None,
        )

    def _eu(self, c: Citation) -> LinkedCitation | None:
        celex = c.celex or (EU_NAMES.get(c.act_name) if c.act_name else None)
        if not celex:
            return None
        frag = f"#{c.paragraph}" if c.paragraph else ""
        return LinkedCitation(
            citation=c, kind="eu", celex=celex, eli=_celex_eli(celex),
            lagen_nu=f"{LAGEN_NU}ext/celex/{celex}{frag}", provision=c.paragraph,
        )

    def _report(self, c: Citation) -> LinkedCitation | None:
        if not (c.series and c.number):
            return None
        series = c.series.rstrip(".").lower()
        number = c.number
        lagen_number = re.sub(r"^(\d{4}):[AB]?(\d)", r"\1:\2", number) if series == "prop" and ":A" in number else number
        frag = f"#sid{c.page}" if c.page else ""
        rinfo_series = {"sou": "utr/sou", "ds": "utr/ds", "prop": "prop", "dir": "dir", "bet": "bet", "rskr": "rskr"}[series]
        return LinkedCitation(
            citation=c,
            kind="report",
            report_id=f"{c.series} {number}",
            lagen_nu=f"{LAGEN_NU}{series}/{lagen_number}{frag}",
            rinfo=f"{RINFO}{rinfo_series}/{number}",
        )


def resolve(citations: list[Citation], reference_date: dt.date | None, text: str | None = None) -> list[LinkedCitation]:
    """Link citations (in text order) to acts in force on ``reference_date`` (None: today).
    Citations that cannot be resolved (unknown names, bare references with no act named
    before) are left out. With the paper's ``text``, an act's designation that only names
    the act of the provision right before it is no citation of its own (see
    ``without_designations``)."""
    resolver = Resolver(reference_date)
    linked = resolve_with(resolver, citations)
    return without_designations(linked, text) if text is not None else linked


# what stands between a provision and the number that designates its act: "13 kap. 1 § lagen
# (2018:597)", "3 § förordningen (2001:1)", "7 kap. 2 § i lagen (2003:778)"; an act named by
# its name after a list of references ("kapitel 6 och 7 i kommunallagen") stays a link, as
# lagen.nu counts it
_DESIGNATION_GAP = re.compile(r"[\s\u00a0]*(?:i[\s\u00a0]+)?(?:lagen|förordningen)[\s\u00a0]*\([\s\u00a0]*", re.I)


def without_designations(linked: list[LinkedCitation], text: str) -> list[LinkedCitation]:
    """``linked`` without the whole-act links that designate the act of the provision just
    before them. lagen.nu links "13 kap. 1 § lagen (2018:597) om kommunal bokföring" twice
    (the provision, and the act by its number), which ``graf cite`` keeps; a paper cites the
    act once there, through the provision, as a reader counts it."""
    out: list[LinkedCitation] = []
    for c in linked:
        prev = out[-1] if out else None
        if (prev is not None and c.provision is None and c.sfs and prev.sfs == c.sfs and prev.provision
                and prev.citation.span.end <= c.citation.span.start
                and _DESIGNATION_GAP.fullmatch(text, prev.citation.span.end, c.citation.span.start)):
            continue
        out.append(c)
    return out


def resolve_with(resolver: Resolver, citations: Iterable[Citation]) -> list[LinkedCitation]:
    out = []
    for c in sorted(citations, key=lambda c: (c.span.start, c.span.end)):
        linked = resolver.resolve_one(c)
        if linked is not None:
            out.append(linked)
    return out
