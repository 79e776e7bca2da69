"""Deterministic IRI minting.

Every IRI is a pure function of what the paper prints (names, dates, numbers, checksums), so
the same input always yields the same IRIs and two papers naming the same person, body, case
or meeting meet on one node when their graphs are merged.

Scheme (``B`` is the configured base, default ``https://w3id.org/graf/id/``)::

    B kommun/{muni}                          municipality (besluit:Bestuurseenheid)
    B organ/{muni}/{body}                    committee (besluit:Bestuursorgaan); organ/{body} when
                                             the municipality is unknown
    B stadsdel/{district}                    stadsdelsområde
    B parti/{code}                           party (code as printed: S, M, L, FP …)
    B person/{muni}/{person_key}             natural person, one identity per municipality;
                                             person/{person_key} when the municipality is unknown
    B person/{person_key}/parti/{code}       a party membership as printed
    B sammantrade/{muni}/{body}/{yyyy-mm-dd} meeting; sammantrade/sha-{16 hex} without date/body
      …/paragraf/{n}  …/punkt/{n}            protocol paragraph (§) / agenda item
      …/{item}/behandling, …/beslut, …/propositionsordning, …/yrkande/{i}, …/omrostning/{i}, …/reservation/{i},
      …/uttalande/{i}
      …/deltagande/{person_key}/{role}       per-meeting participation
    {citing}/citering/{hash}                 a citation as printed (cito:Citation) under the
                                             item, treatment or document that prints it
    B arende/{dnr}                           case (graf:Arende)
    B handling/{identifier}                  document listed under "Handlingar"
    B dokument/{sha256 of text}              the paper (text resource for provenance)
    B fil/{sha256 of bytes}                  the file the paper was read from
    B dokument/{sha}/anno/{hash}             one oa:Annotation
    B dokument/{sha}#char={start},{end}      a span of the paper's text (RFC 5147 fragment:
                                             code points of the stored NFC text), the target of
                                             an annotation
      …/anno/{hash}#target, #pos, #quote     the full form's target and selectors, rendered on
                                             demand (graf.graph.provenance), never stored
    B sfs/{yyyy:n}[#fragment]  B eu/{celex}  B kfs/{muni}/{yyyy:n}  B rapport/{series}/{yyyy:n}
"""

from __future__ import annotations

import hashlib
import re
import functools
from dataclasses import dataclass
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graf.records import LinkedCitation

DEFAULT_BASE = "https://w3id.org/graf/id/"

_NON_SLUG = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, strip diacritics (å → a, é → e), collapse whitespace. (Memoised: the graph
    builder folds the same roles and body names for every paper.)"""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


@functools.lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """A path segment: folded, every run of non-alphanumerics → "-". (Memoised: a paper mints
    the same few hundred names thousands of times.)"""
    return _NON_SLUG.sub("-", fold(text)).strip("-") or "x"


def _fallback_person_key(name: str) -> str:
    return slug(name)


def person_key(name: str) -> str:
    """The identity key of a person's name; the link stage owns the rule when present."""
    try:  # the link stage defines identity; fall back to the same idea while it is absent
        from graf.link.people import person_key as link_person_key  # type: ignore
    except ImportError:
        return _fallback_person_key(name)
    return slug(link_person_key(name))


def number_segment(value: str) -> str:
    """A printed number ("2001:453", "2017/18:1") as a path segment: spaces → "_", other ASCII
    outside the unreserved set and ":" / "/" percent-encoded; the number stays readable."""
    return re.sub(r"[^A-Za-z0-9:/._~-]",
                  lambda m: "%{:02X}".format(ord(m.group(0))) if ord(m.group(0)) < 128 else m.group(0),
                  value.replace(" ", "_"))


def short_hash(*parts: object, length: int = 16) -> str:
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return digest[:length]


def normalise_base(base: str) -> str:
    if not base:
        return DEFAULT_BASE
    return base if base.endswith(("/", "#")) else base + "/"


class Minter:
    """Mints the IRIs of one paper under ``base``."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = normalise_base(base)

    def __call__(self, *segments: str) -> str:
        return self.base + "/".join(segments)

    @property
    def meeting_root(self) -> str:
        """The IRI every meeting IRI (and everything minted under one) begins with."""
        return self.base + MEETING_SEGMENT

    def municipality(self, name: str) -> str:
        return self("kommun", slug(name))

    def body(self, name: str, municipality: str | None) -> str:
        if municipality:
            return self("organ", slug(municipality), slug(name))
        return self("organ", slug(name))

    def district(self, key: str) -> str:
        return self("stadsdel", slug(key))

    def party(self, code: str) -> str:
        # party codes are short ASCII-ish tokens; keep case so "L" and "l" stay readable
        return self("parti", _NON_SLUG.sub("-", fold(code)).strip("-").upper() or "X")

    def person(self, key_or_name: str, municipality: str | None = None, *, is_key: bool = False) -> str:
        """A person is one identity within a municipality: two namesakes in two municipalities'
        papers are two people, one name in two papers of one municipality is one. Without a
        known municipality the key alone (papers that do not say where they are from)."""
        key = slug(key_or_name) if is_key else person_key(key_or_name)
        if municipality:
            return self("person", slug(municipality), key)
        return self("person", key)

    def membership(self, person_iri: str, party_code: str) -> str:
        return f"{person_iri}/parti/{self.party(party_code).rsplit('/', 1)[-1]}"

    def meeting(self, body: str | None, municipality: str | None, date: str | None,
                text_sha256: str) -> str:
        if body and date:
            if municipality:
                return self.meeting_root + "/".join((slug(municipality), slug(body), date))
            return self.meeting_root + "/".join((slug(body), date))
        return self.meeting_root + "sha-" + text_sha256[:16]

    def item(self, meeting_iri: str, number: str, kind: str) -> str:
        segment = "paragraf" if kind == "protokoll" else "punkt"
        return f"{meeting_iri}/{segment}/{slug(number)}"

    def participation(self, meeting_iri: str, person_iri: str, role: str) -> str:
        """One person's part in one meeting in one role (keyed by the person IRI's last
        segment, the person key)."""
        return f"{meeting_iri}/deltagande/{person_iri.rsplit('/', 1)[-1]}/{slug(role)}"

    # Resources printed inside an item (§ or agenda point), numbered in the order printed.
    def decision_point(self, parent_iri: str, number: int) -> str:
        return f"{parent_iri}/punkt/{number}"

    def item_document(self, item_iri: str, number: int) -> str:
        """A document listed under an item without an identifier of its own."""
        return f"{item_iri}/handling/{number}"

    def draft(self, item_iri: str) -> str:
        return f"{item_iri}/forslag"

    def treatment(self, item_iri: str) -> str:
        return f"{item_iri}/behandling"

    def decision(self, item_iri: str) -> str:
        return f"{item_iri}/beslut"

    def proposal(self, item_iri: str, number: int) -> str:
        return f"{item_iri}/yrkande/{number}"

    def voting_order(self, item_iri: str) -> str:
        return f"{item_iri}/propositionsordning"

    def vote(self, item_iri: str, number: int) -> str:
        """The number-th omröstning of an item (besluit:Stemming)."""
        return f"{item_iri}/omrostning/{number}"

    def non_participation(self, item_iri: str, number: int) -> str:
        """The number-th note of members not taking part in an item's decision."""
        return f"{item_iri}/deltar-ej/{number}"

    def reservation(self, item_iri: str, number: int) -> str:
        return f"{item_iri}/reservation/{number}"

    def statement(self, item_iri: str, number: int) -> str:
        return f"{item_iri}/uttalande/{number}"

    def arende(self, dnr: str) -> str:
        return self("arende", slug(dnr))

    def handling(self, identifier: str) -> str:
        return self("handling", slug(identifier))

    def activity(self, version: str) -> str:
        """The run of graf that made a graph (prov:Activity)."""
        return self("aktivitet", f"graf-{version}")

    def software(self, version: str) -> str:
        return self("programvara", "graf", version)

    def shared_graph(self) -> str:
        """The named graph for triples no single paper owns (graf publish)."""
        return self("graph", "shared")

    def paper_graph(self, text_sha256: str) -> str:
        """The named graph holding one paper's triples (store, N-Quads, push)."""
        return self("graph", text_sha256[:16])

    def source_graph(self, source_key: str) -> str:
        """A paper's named graph at a remote store (graf push): named by the paper's source
        identity, so a corrected paper replaces its graph instead of adding one beside it."""
        return self("graph", "paper", short_hash(source_key))

    def union_graph(self) -> str:
        """The deduplicated union of the papers' graphs, where a store's default graph cannot
        be written (Virtuoso); queries name it as their default graph."""
        return self("graph", "union")

    def push_manifest_graph(self) -> str:
        """graf push's record at the store: each paper graph's source key and checksum."""
        return self("graph", "push-manifest")

    def staging_graph(self, graph_iri: str) -> str:
        """Where graf push loads a graph before swapping it in with one request."""
        return self("graph", "staging", short_hash(graph_iri))

    def document(self, text_sha256: str) -> str:
        return self("dokument", text_sha256)

    def file(self, raw_sha256: str) -> str:
        return self("fil", raw_sha256)

    def annotation(self, document_iri: str, *parts: object) -> str:
        return f"{document_iri}/anno/{short_hash(*parts)}"

    @staticmethod
    def text_fragment(document_iri: str, start: int, end: int) -> str:
        """The span [start, end) of a paper's text as an RFC 5147 fragment IRI of its document
        (``…/dokument/{sha}#char=120,135``). Offsets count code points of the stored NFC text
        (graf:text), which the document IRI's checksum fixes: the IRI names the same characters
        for as long as it resolves at all."""
        return f"{document_iri}#char={start},{end}"

    @staticmethod
    def annotation_parts(annotation_iri: str) -> tuple[str, str, str]:
        """The full form's target and its position and quote selectors (hash IRIs of the
        annotation), rendered on demand from the slim annotation (graf.graph.provenance)."""
        return (f"{annotation_iri}#target", f"{annotation_iri}#pos", f"{annotation_iri}#quote")

    def citation(self, citing_iri: str, cited_iri: str, wording: str) -> str:
        """A citation as printed: keyed by what is cited and the words printed, under the
        resource that prints them."""
        return f"{citing_iri}/citering/{short_hash(cited_iri, wording)}"

    def sfs(self, sfs: str, provision: str | None = None) -> str:
        """An act by its SFS number; a provision is a hash IRI under it, so an act cited whole
        and by paragraph is one node."""
        act = self("sfs", number_segment(sfs))
        return f"{act}#{provision}" if provision else act

    def celex(self, celex: str) -> str:
        return self("eu", slug(celex).upper())

    def kfs(self, number: str, municipality: str | None) -> str:
        if municipality:
            return self("kfs", slug(municipality), number_segment(number))
        return self("kfs", number_segment(number))

    def report(self, report_id: str) -> str:
        series, _, number = report_id.partition(" ")
        return self("rapport", slug(series), number_segment(number.strip()) or "x")

    def cited(self, lc: "LinkedCitation", municipality: str | None = None) -> str | None:
        """What a linked citation cites: the provision when one is printed, else the act or
        report (KFS numbers are the municipality's own statute book). None when the link stage
        resolved no number."""
        if lc.kind == "sfs" and lc.sfs:
            return self.sfs(lc.sfs, lc.provision)
        if lc.kind == "eu" and lc.celex:
            return self.celex(lc.celex)
        if lc.kind == "report" and lc.report_id:
            return self.report(lc.report_id)
        if lc.kind == "kfs" and lc.kfs:
            return self.kfs(lc.kfs, municipality)
        return None


_TEXT_FRAGMENT = re.compile(r"#char=([0-9]+),([0-9]+)\Z")


def sparql_target_document(target: str, document: str) -> str:
    """A SPARQL pattern binding ``?{document}`` to the paper an annotation target ``?{target}``
    lies in, for both forms: the slim target is a text fragment IRI of the document
    (Minter.text_fragment), the full form's SpecificResource names it with oa:hasSource."""
    return (f"OPTIONAL {{ ?{target} oa:hasSource ?{target}_source }}\n"
            f'  BIND(COALESCE(?{target}_source, IRI(STRBEFORE(STR(?{target}), "#char="))) AS ?{document})')


@dataclass(frozen=True)
class TextSpan:
    """What a text fragment IRI (Minter.text_fragment) names: characters [start, end) of the
    text of ``document``."""

    document: str
    start: int
    end: int


def text_span(iri: str) -> TextSpan | None:
    """The span a fragment IRI minted by Minter.text_fragment names; None for any other IRI."""
    m = _TEXT_FRAGMENT.search(iri)
    if m is None:
        return None
    return TextSpan(iri[:m.start()], int(m.group(1)), int(m.group(2)))


# ------------------------------------------------------------------ a paper's own triples
#
# Everything minted under a paper's document IRI ({base}dokument/{text sha256}) -- the document
# itself and its annotations -- is described by that paper alone: another paper cannot print
# the checksum of this one's text. Those triples (about half of a paper's with slim
# provenance) never need de-duplicating against other papers, and removing the paper removes
# them by subject. Triples about persons, parties, committees, acts and meetings may be
# stated by several papers.


@functools.lru_cache(maxsize=64)
def _own_lines(document: str) -> "re.Pattern[bytes]":
    return re.compile(rb"^<" + re.escape(document.encode("utf-8")) + rb"(?:[/#][^>]*)?>[^\n]*\n", re.M)


@dataclass(frozen=True)
class PaperNTriples:
    """One paper's triples as N-Triples, split into its own (``own_subjects`` their subjects)
    and the others, which other papers may state too. With ``own_is_turtle`` the own part is
    Turtle statements using the prefixes of graf.graph.terms.PREFIXES (no @prefix lines),
    written that way for a Turtle file."""

    own: bytes
    others: bytes
    own_subjects: list[str]
    own_is_turtle: bool = False

    def own_ntriples(self) -> bytes:
        """The paper's own triples as N-Triples (converted when they were made as Turtle)."""
        if not self.own_is_turtle:
            return self.own
        import pyoxigraph as ox

        from graf.graph.terms import PREFIXES, turtle_prefix_lines

        return ox.serialize(ox.parse(turtle_prefix_lines(PREFIXES) + self.own, format=ox.RdfFormat.TURTLE),
                            format=ox.RdfFormat.N_TRIPLES)

    def joined(self) -> bytes:
        """All of the paper's triples as N-Triples."""
        return self.own_ntriples() + self.others


MEETING_SEGMENT = "sammantrade/"
_MEETING_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def meeting_prefixes(iri: str, root: str | None = None) -> list[str]:
    """The IRIs a meeting holding ``iri`` can have, by the scheme above
    (sammantrade/{muni}/{body}/{date}, sammantrade/{body}/{date}, sammantrade/sha-{hex}): the
    first one, two and three segments of ``iri`` below ``root`` (a base's meeting_root; by
    default ``iri`` up to its first "/sammantrade/", for a caller that does not know the base).
    Empty when ``iri`` lies under no meeting root."""
    if root is None:
        at = iri.find("/" + MEETING_SEGMENT)
        if at < 0:
            return []
        root = iri[:at + 1 + len(MEETING_SEGMENT)]
    elif not iri.startswith(root):
        return []
    segments = iri[len(root):].split("/", 3)
    return [root + "/".join(segments[:i]) for i in range(1, min(3, len(segments)) + 1)]


@functools.lru_cache(maxsize=1 << 14)
def meeting_of(iri: str, base: str) -> str | None:
    """The meeting IRI that ``iri`` is or lies under (the one of meeting_prefixes that ends in
    a date, or in a sha- segment right below the root; else the longest), or None when it lies
    under no meeting. A pure function of the IRI: every paper stating a triple about a
    meeting's paragraph, item or participation puts it under the same meeting."""
    prefixes = meeting_prefixes(iri, Minter(base).meeting_root)
    for i, prefix in enumerate(prefixes):
        segment = prefix[prefix.rfind("/") + 1:]
        if (i == 0 and segment.startswith("sha-")) or _MEETING_DATE.fullmatch(segment):
            return prefix
    return prefixes[-1] if prefixes else None


def is_own(subject: str, document: str) -> bool:
    """Whether ``subject`` is one of the paper's own: its document IRI or one under it (the
    rule _own_lines states for N-Triples lines)."""
    return subject.startswith(document) and (len(subject) == len(document) or subject[len(document)] in "/#")


def split_own_lines(ntriples: bytes, document: str) -> PaperNTriples:
    """Split one paper's N-Triples (whose document IRI is ``document``) by the rule above.
    (TripleSet.split_ntriples gives the same without reading the text back.)"""
    rx = _own_lines(document)
    own = b"".join(m.group(0) for m in rx.finditer(ntriples))
    subjects = [x.decode("utf-8") for x in dict.fromkeys(re.findall(rb"^<([^>]*)>", own, re.M))]
    return PaperNTriples(own, rx.sub(b"", ntriples), subjects)
