"""Typed records passed between graf's pipeline stages.

Data flows one way:

    read (graf.sources)      -> Source
    parse (graf.structure)   -> Paper            (meeting, attendance, items, yrkanden ...)
    recognise (graf.nlp)     -> list[Mention]    (spans in Source.text: persons, bodies, citations ...)
    link (graf.link)         -> Linked           (stable identities for what the mentions name)
    build (graf.graph)       -> RDF graph

Every record that stands for something printed in a paper carries a ``Span``: character
offsets (Python string indices, i.e. code points) into ``Source.text``, the normalised text
that the reader produced. ``Source.text[span.start:span.end]`` is the printed surface.
No stage reaches back into an earlier one; records are plain data.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range [start, end) into ``Source.text``."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


# --------------------------------------------------------------------------- read


@dataclass(frozen=True)
class Source:
    """One paper as read from disk.

    ``text`` is the normalised text every later offset refers to (Unicode NFC, confusable
    Cyrillic/Greek letters inside Latin words folded to Latin, line ends as ``\\n``).
    ``raw_sha256`` is the checksum of the file's bytes, ``sha256`` the checksum of ``text``.
    """

    path: str
    text: str
    sha256: str
    raw_sha256: str
    media_type: str  # text/plain, text/markdown, text/html, application/pdf
    warnings: tuple[str, ...] = ()


# --------------------------------------------------------------------------- parse


@dataclass(frozen=True)
class PersonRef:
    """A natural person as printed at one place in a paper.

    ``name`` is the name as printed with whitespace collapsed ("Andrea Hedin");
    ``party`` the party short code when printed next to the name ("M"), normalised to one of
    S V MP M L C KD SD FP or the local code as printed; ``group`` is True for "m.fl." (the
    person speaks for the party group).
    """

    name: str
    span: Span
    party: str | None = None
    party_span: Span | None = None
    group: bool = False


@dataclass(frozen=True)
class Attendance:
    """A person's role at the meeting: ledamot, ersättare, tjänstgörande ersättare,
    ordförande (with its ordinal and "vice" as printed: "2:e vice ordförande"), justerare,
    sekreterare, or an official's title as printed ("Förvaltningschef"). ``role`` is None for
    a person the list names without a role word (under "Beslutande", "Förhinder", or among
    others present without a title)."""

    person: PersonRef
    role: str | None
    replaces: PersonRef | None = None  # "X (S) ersätter Y (MP)"
    span: Span | None = None  # the whole attendance line
    # listed among the "Beslutande" (taking part in the decisions) with no role word: a
    # participant of the meeting whose role the paper does not name
    deciding: bool = False


@dataclass(frozen=True)
class Meeting:
    body: str | None = None  # committee as written, e.g. "Socialnämnden"
    body_span: Span | None = None
    municipality: str | None = None
    number: str | None = None  # protocol number as printed, e.g. "4/2024"
    date: _dt.date | None = None
    date_span: Span | None = None
    start_time: str | None = None  # "17:00"
    end_time: str | None = None
    place: str | None = None
    place_span: Span | None = None
    paragraph_range: str | None = None  # "§§1-29"
    justering_date: _dt.date | None = None


@dataclass(frozen=True)
class Dnr:
    """A diarienummer printed with an item.

    ``value`` is normalised to "PREFIX YYYY/N" ("SOF 2023/599", also from "SOF/2023:599") or
    kept as printed for other shapes ("1.6-0463/2011", "013 – 430 / 05"); the case it names is
    ``graf.grammar.dnr.case_key(value)`` (one case however it is printed). ``role``: "own" (the item's case), "referring" (the body that
    sent a remiss: "Svar på remiss från kommunstyrelsen, Dnr KS 2023/1231"), or "mentioned".
    """

    value: str
    span: Span
    role: str = "mentioned"


@dataclass(frozen=True)
class DecisionPoint:
    """One numbered point of a beslut (or of a proposal's att-satser)."""

    number: str | None
    text: str
    span: Span


@dataclass(frozen=True)
class Proposal:
    """A yrkande (or "föreslår" on the meeting): who moved it and with what stance.

    ``stance`` is one of bifall, avslag, delvis, annat: its relation to the proposal on the
    table ("delvis" only when the paper says so; amendments, additions, återremiss and
    bordläggning are "annat"). ``kind`` is what the paper calls it: "yrkande",
    "tilläggsyrkande", "ändringsyrkande", "återremiss", "bordläggning" or "förslag"
    (a nomination in an election). ``parties`` are party groups named as movers without a
    person ("Moderaterna yrkar ...").
    """

    by: tuple[PersonRef, ...]
    stance: str
    span: Span
    points: tuple[DecisionPoint, ...] = ()
    target: str | None = None  # what the stance is about, e.g. "förvaltningens förslag till beslut"
    kind: str = "yrkande"
    parties: tuple[str, ...] = ()
    # the office of a mover printed without a name ("Ordföranden yrkar bifall"): "ordförande"
    # or "vice ordförande"; the protocol parser puts the holder from the attendance in ``by``
    office: str | None = None


@dataclass(frozen=True)
class Reservation:
    """A recorded dissent. ``by`` the persons printed; ``parties`` party groups that reserve
    as a group without names ("M-, KD- och L-ledamöterna", "Moderaterna") as short codes;
    ``written`` when a written reservation was handed in ("lämnar skriftlig reservation"),
    ``text_span`` its text when the paper prints it."""

    by: tuple[PersonRef, ...]
    span: Span
    in_favour_of: str | None = None  # "own" (det egna yrkandet), "joint" (egna gemensamma), or text
    parties: tuple[str, ...] = ()
    written: bool = False
    text_span: Span | None = None


@dataclass(frozen=True)
class NonParticipation:
    """Members who take no part in a decision ("X (SD) deltar inte i beslutet", "M-ledamöterna
    avstår från att delta i beslutet"); ``jav`` when the reason printed is jäv."""

    by: tuple[PersonRef, ...]
    span: Span
    parties: tuple[str, ...] = ()
    jav: bool = False


@dataclass(frozen=True)
class MemberVote:
    """One member's vote on a voting list: ``choice`` "ja", "nej" or "avstår"."""

    person: PersonRef
    choice: str
    span: Span


@dataclass(frozen=True)
class Vote:
    """An omröstning (vote by roll call) in one §.

    ``yes`` / ``no`` / ``abstain`` the counts as printed (in the result sentence "Med 7
    ja-röster och 8 nej-röster ..." or the voting list's total row), None when not printed.
    ``members`` each member's vote where a voting list is printed and its marks agree with
    the printed totals. ``yes_means`` / ``no_means`` what a ja / nej vote stood for, as
    printed ("bifall till X:s förslag"); ``result`` the sentence that announces the outcome;
    ``casting_vote`` when the paper says a tie was decided by the chair's utslagsröst.
    """

    span: Span
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    members: tuple[MemberVote, ...] = ()
    yes_means: str | None = None
    no_means: str | None = None
    result: str | None = None
    result_span: Span | None = None
    casting_vote: bool = False


@dataclass(frozen=True)
class Statement:
    """Särskilt uttalande, ersättaryttrande or protokollsanteckning."""

    by: tuple[PersonRef, ...]
    kind: str  # "särskilt uttalande" | "ersättaryttrande" | "protokollsanteckning"
    span: Span
    text_span: Span | None = None
    parties: tuple[str, ...] = ()  # party groups making it without names ("SD-ledamöterna")


@dataclass(frozen=True)
class Handling:
    """A document listed under "Handlingar i ärendet": "SOF 2024/81-3 Tjänsteutlåtande - ..."."""

    identifier: str | None
    title: str
    span: Span


@dataclass(frozen=True)
class AgendaItem:
    """An agenda item (dagordning) or a protocol paragraph (§).

    ``number`` is the number as printed ("5", "6 A") or, when none is printed, the 1-based list
    position as a string, with ``number_printed`` False. ``span`` covers the whole item;
    ``title`` is None when the paper prints no title for it (web agendas that lost headings).
    """

    position: int
    number: str
    number_printed: bool
    span: Span
    title: str | None = None
    title_span: Span | None = None
    dnr: tuple[Dnr, ...] = ()
    summary_span: Span | None = None
    decisions: tuple[DecisionPoint, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    outcome: str | None = None  # the propositionsordning sentence, as printed
    outcome_span: Span | None = None
    reservations: tuple[Reservation, ...] = ()
    statements: tuple[Statement, ...] = ()
    handlingar: tuple[Handling, ...] = ()
    votes: tuple[Vote, ...] = ()
    non_participation: tuple[NonParticipation, ...] = ()


@dataclass(frozen=True)
class Paper:
    """The structure of one paper. ``kind`` is detected from content: "protokoll",
    "dagordning" or "other"."""

    source: Source
    kind: str
    meeting: Meeting
    attendance: tuple[Attendance, ...] = ()
    items: tuple[AgendaItem, ...] = ()
    signatures: tuple[PersonRef, ...] = ()  # "Johan Alexander Emanuel,Ojanne" style e-signatures


# --------------------------------------------------------------------------- recognise


@dataclass(frozen=True)
class Mention:
    """A recognised entity mention in ``Source.text``.

    ``label`` is one of PERSON, PARTY, DISTRICT, ORG, DNR, AMOUNT, DATE (citations have their
    own record, ``Citation``). ``key`` is the recogniser's normalised form when it knows one:
    the party code for PARTY ("L"), the canonical short name for DISTRICT ("Järva"), the
    canonical name for ORG ("Kommunstyrelsen"), the ISO date for DATE, the normalised
    diarienummer for DNR. ``party`` is filled for PERSON mentions when printed with one.
    """

    label: str
    span: Span
    text: str
    key: str | None = None
    party: str | None = None
    role: str | None = None  # an official's title printed with a PERSON ("Förvaltningschef")


@dataclass(frozen=True)
class Citation:
    """A statute / report citation as printed, before linking.

    kind: "sfs" (Swedish statute), "eu" (EU act), "report" (SOU, Ds, prop., dir.),
    "kfs" (the municipality's own författningssamling).
    For "sfs": ``act_name`` (base form, lower case: "alkohollagen") and/or ``abbreviation``
    ("SoL") and/or ``sfs`` (printed number "2010:1622"); ``same_law`` for "samma lag";
    provision parts as printed (chapter "9", paragraph "2", "15a", stycke 3, punkt 8).
    For "eu": ``celex`` or ``eu_number`` ("2016/679") or ``act_name``.
    For "report": ``series`` ("SOU") and ``number`` ("2025:90"), ``page`` when printed.
    For "kfs": ``number`` ("2024:16").
    """

    kind: str
    span: Span
    text: str
    act_name: str | None = None
    abbreviation: str | None = None
    sfs: str | None = None
    same_law: bool = False
    chapter: str | None = None
    paragraph: str | None = None
    stycke: int | None = None
    punkt: str | None = None
    celex: str | None = None
    eu_number: str | None = None
    series: str | None = None
    number: str | None = None
    page: str | None = None
    mening: int | None = None  # "första meningen" -> 1 (lagen.nu fragment M)
    moment: str | None = None  # "2 mom." -> "2" (lagen.nu fragment O, older acts)


# --------------------------------------------------------------------------- link


@dataclass(frozen=True)
class LinkedCitation:
    """A citation resolved to the act in force on the reference date.

    ``sfs`` the resolved SFS number ("2025:400"), ``provision`` the lagen.nu fragment
    ("K11P5", "P9S1N8") or None for the whole act; ``lagen_nu`` the lagen.nu IRI with
    fragment, ``rinfo`` the rinfo IRI, ``riksdagen`` the Riksdagen document id
    ("sfs-2010-1622"); EU acts: ``celex``, ``eli``; reports: ``report_id`` ("SOU 2025:90");
    KFS: ``kfs``. graf's own IRI for the cited act or provision is not part of the record: the
    graph stage mints it from these numbers (graf.graph.iri.Minter.cited), so one act gets one
    IRI however it is cited.
    """

    citation: Citation
    kind: str
    sfs: str | None = None
    provision: str | None = None
    lagen_nu: str | None = None
    rinfo: str | None = None
    riksdagen: str | None = None
    celex: str | None = None
    eli: str | None = None
    report_id: str | None = None
    kfs: str | None = None
    act_title: str | None = None


@dataclass(frozen=True)
class LinkedPerson:
    """One natural person of a paper with every place the paper names them.

    ``key`` is the stable identity key (normalised name, folded for diacritics) shared by all
    spelling variants; ``name`` the fullest form as printed (attendance list wins).
    ``roles`` as stated in this paper; ``party`` the code printed with the person.
    """

    key: str
    name: str
    party: str | None
    roles: tuple[str, ...]
    spans: tuple[Span, ...]
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class LinkedEntity:
    """A party, district, body or the paper's own municipality: ``kind`` "party" | "district" |
    "body" | "municipality"; ``key`` the canonical key ("L", "Järva", "kommunstyrelsen",
    "Norrvik"), ``label`` the canonical label, ``spans`` every mention."""

    kind: str
    key: str
    label: str
    spans: tuple[Span, ...]
    attrs: tuple[tuple[str, str], ...] = ()  # e.g. (("valid_from","2020-01-01"),)


@dataclass
class Linked:
    """Everything the link stage resolved for one paper."""

    reference_date: _dt.date | None
    persons: list[LinkedPerson] = field(default_factory=list)
    entities: list[LinkedEntity] = field(default_factory=list)
    citations: list[LinkedCitation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
