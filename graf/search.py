"""Full-text search over papers and their items, with Swedish stemming.

Libraries: SQLite's FTS5 (in the standard library's sqlite3; no server to run) for the inverted
index and BM25 ranking, and the Snowball Swedish stemmer from ``snowballstemmer`` (pure Python,
maintained by the Snowball project; it uses PyStemmer's C implementation when that is
installed). FTS5 cannot call a Python tokenizer through sqlite3, so graf stems the text itself
and gives FTS5 two columns of ready-made tokens: ``stems`` (what words and phrases match:
"reservationer" and "reservation" share the stem "reservation") and ``words`` (the words in
lower case, for prefix queries: a prefix of a word is not a prefix of its stem). The passage
shown for a hit is chosen and highlighted here, on the original text, by the same tokens.

The index is one SQLite file in the store folder (``graf-search.sqlite``), kept by the store
build: a changed paper replaces its entries, a removed paper's entries go
(graf.build_store). One entry per paper (its whole text, under the document IRI) and one per
item (§ or agenda point: its printed text, under the item IRI).

A national deployment with many municipalities and concurrent users would index the same
entries into OpenSearch or Elasticsearch instead (as Open Raadsinformatie and LBLOD do): one
document per entry with the fields of ``Entry``, the ``swedish`` language analyzer (or a
``snowball`` token filter with ``language: Swedish``) on the text, ``keyword`` fields for
committee and municipality, a ``date`` field for the range filter, and the ``highlight`` API
for passages; the build would send each changed paper's entries with the bulk API (deleting by
``path`` first). Only ``SearchIndex`` would change; ``search()`` and ``Hit`` stay the API.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graf.errors import InputError, UsageError
from graf.sources.markup import blank_markup

INDEX_FILE = "graf-search.sqlite"
_SCHEMA_VERSION = "1"

# letters and digits: the same tokens FTS5's unicode61 tokenizer makes of the joined columns
_TOKEN = re.compile(r"[^\W_]+")
# a query: "a phrase", a prefix*, or a word
_QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')


@functools.lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("swedish")


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The Swedish Snowball stem of a word, in lower case."""
    return _stemmer().stemWord(word.lower())


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-case word) for every word of ``text``."""
    return [(m.start(), m.end(), m.group(0).lower()) for m in _TOKEN.finditer(text)]


@functools.lru_cache(maxsize=1 << 16)
def _forms(word: str) -> tuple[str, str]:
    """A word as printed -> (lower case, stem): what the index stores of it. (Memoised: a
    paper's few thousand distinct words come back hundreds of thousands of times, and lower()
    plus a stem lookup per occurrence cost more than FTS5's own indexing.)"""
    lower = word.lower()
    return lower, stem(lower)


_STEMS: dict[str, str] = {}  # lower-case word -> stem, for indexed_columns (a build's vocabulary)


def indexed_columns(text: str) -> tuple[str, str]:
    """The FTS5 columns of a text: its words' stems, and its words in lower case (the same
    words tokens() finds, in order)."""
    stems, words = _column_words(text)
    return " ".join(stems), " ".join(words)


def _column_words(text: str) -> tuple[list[str], list[str]]:
    """indexed_columns before joining: the stems and the lower-case words."""
    low = text.lower()
    # The words of the lower-cased text are the lower-cased words, found in one pass, where
    # lower-casing keeps every character in place (not "İ") and needs no context (the Greek
    # final sigma depends on the letters around it); else word by word.
    if len(low) != len(text) or "Σ" in text:
        forms = [_forms(w) for w in _TOKEN.findall(text)]
        return [s for _, s in forms], [w for w, _ in forms]
    words = _TOKEN.findall(low)
    stems = _STEMS
    if len(stems) > 1 << 18:
        stems.clear()  # bounded, as the memoised forms are
    for w in set(words).difference(stems):
        stems[w] = stem(w)
    return [stems[w] for w in words], words


def entry_columns(entries: Sequence[Entry]) -> list[tuple[str, str]]:
    """``indexed_columns(f"{e.title}\n{e.text}")`` for each entry. The items' texts are pieces
    of the paper's text: where they are found there in order, and no word runs across a
    piece's edge, the paper's words are read once, piece by piece, and each item takes its
    piece's words (half the work of reading the text twice; the same columns)."""
    columns: list[tuple[str, str] | None] = [None] * len(entries)
    papers = [i for i, e in enumerate(entries) if e.kind == "paper"]
    if len(papers) == 1:
        text = entries[papers[0]].text
        placed: list[tuple[int, int, int]] = []  # (entry index, start, end) in the paper's text
        pos = 0
        for i, e in enumerate(entries):
            if e.kind == "item" and e.text:
                at = text.find(e.text, pos)
                if at >= 0:
                    placed.append((i, at, at + len(e.text)))
                    pos = at + len(e.text)
        cuts = sorted({0, len(text), *(b for _, a, z in placed for b in (a, z))})
        if all(not (0 < b < len(text) and text[b - 1].isalnum() and text[b].isalnum()) for b in cuts):
            pieces = {(a, z): _column_words(text[a:z]) for a, z in zip(cuts, cuts[1:])}
            stems: list[str] = []
            words: list[str] = []
            for a, z in zip(cuts, cuts[1:]):
                stems += pieces[(a, z)][0]
                words += pieces[(a, z)][1]
            title_stems, title_words = _column_words(entries[papers[0]].title)
            columns[papers[0]] = (" ".join(title_stems + stems), " ".join(title_words + words))
            for i, a, z in placed:
                title_stems, title_words = _column_words(entries[i].title)
                columns[i] = (" ".join(title_stems + pieces[(a, z)][0]), " ".join(title_words + pieces[(a, z)][1]))
    return [c if c is not None else indexed_columns(f"{e.title}\n{e.text}") for c, e in zip(columns, entries)]


# ------------------------------------------------------------------ records


@dataclass(frozen=True)
class Entry:
    """One searchable unit: a paper or one of its items."""

    iri: str  # the item's IRI, or the paper's document IRI
    kind: str  # "paper" | "item"
    title: str
    text: str
    paper_iri: str
    meeting_iri: str | None = None
    committee: str | None = None  # the committee as printed ("Socialnämnden")
    committee_iri: str | None = None
    municipality: str | None = None
    date: str | None = None  # ISO meeting date
    genre: str | None = None  # "protokoll" | "dagordning" | "other"


@dataclass(frozen=True)
class Query:
    """A parsed query: every part must match (AND)."""

    terms: tuple[str, ...] = ()  # stems
    phrases: tuple[tuple[str, ...], ...] = ()  # stems in order
    prefixes: tuple[str, ...] = ()  # lower-case word beginnings

    def fts(self) -> str:
        """The FTS5 MATCH expression (every token quoted: no query syntax leaks through)."""
        parts = [f'stems : "{t}"' for t in self.terms]
        parts += ['stems : "' + " ".join(p) + '"' for p in self.phrases]
        parts += [f'words : "{p}" *' for p in self.prefixes]
        return " AND ".join(parts)

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases or self.prefixes)


def parse_query(text: str) -> Query:
    """Words match any inflection ("reservationer" finds "reservation"); "a phrase" matches the
    words in that order; ``word*`` matches words beginning with ``word``."""
    terms: list[str] = []
    phrases: list[tuple[str, ...]] = []
    prefixes: list[str] = []
    for m in _QUERY_PART.finditer(text):
        if m.group(1) is not None:
            words = [w for _, _, w in tokens(m.group(1))]
            if len(words) == 1:
                terms.append(stem(words[0]))
            elif words:
                phrases.append(tuple(stem(w) for w in words))
            continue
        raw = m.group(2)
        words = [w for _, _, w in tokens(raw)]
        if not words:
            continue
        if raw.endswith("*"):
            terms.extend(stem(w) for w in words[:-1])
            prefixes.append(words[-1])
        elif len(words) > 1:  # "2023/599", "e-tjänst": the words in order
            phrases.append(tuple(stem(w) for w in words))
        else:
            terms.append(stem(words[0]))
    return Query(tuple(dict.fromkeys(terms)), tuple(dict.fromkeys(phrases)), tuple(dict.fromkeys(prefixes)))


@dataclass(frozen=True)
class Filters:
    committee: str | None = None  # part of the committee's name (any case), or its IRI
    date_from: str | None = None  # ISO dates, inclusive
    date_to: str | None = None
    kind: str | None = None  # "paper" | "item"
    limit: int = 20


@dataclass(frozen=True)
class Hit:
    """A search result. ``passage`` is a stretch of the entry's text (whitespace collapsed)
    and ``marks`` the (start, end) offsets in it of the matching words, for highlighting."""

    iri: str
    kind: str
    title: str
    passage: str
    marks: tuple[tuple[int, int], ...]
    score: float
    paper_iri: str
    meeting_iri: str | None
    committee: str | None
    committee_iri: str | None
    municipality: str | None
    date: str | None
    path: str

    def highlighted(self, before: str = "[", after: str = "]") -> str:
        out, last = [], 0
        for start, end in self.marks:
            out += [self.passage[last:start], before, self.passage[start:end], after]
            last = end
        out.append(self.passage[last:])
        return "".join(out)


# ------------------------------------------------------------------ passages


def _matching_tokens(toks: list[tuple[int, int, str]], query: Query) -> list[tuple[int, int]]:
    """Index ranges [i, j) of the tokens that match a part of the query."""
    stems = [stem(w) for _, _, w in toks]
    found: list[tuple[int, int]] = []
    terms = set(query.terms)
    for i, (_, _, word) in enumerate(toks):
        if stems[i] in terms or any(word.startswith(p) for p in query.prefixes):
            found.append((i, i + 1))
    for phrase in query.phrases:
        n = len(phrase)
        for i in range(len(toks) - n + 1):
            if tuple(stems[i:i + n]) == phrase:
                found.append((i, i + n))
    return sorted(set(found))


def _clean(text: str) -> str:
    return " ".join(text.split())


def passage(text: str, query: Query, width: int = 30) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The stretch of about ``width`` words of ``text`` holding the most matches (the first
    such), with the matches' offsets in it."""
    toks = tokens(text)
    if not toks:
        return "", ()
    found = _matching_tokens(toks, query)
    best_start, best_count = 0, -1
    for i, _ in found or [(0, 0)]:
        start = max(0, i - width // 4)
        count = sum(1 for a, _ in found if start <= a < start + width)
        if count > best_count:
            best_start, best_count = start, count
    end = min(len(toks), best_start + width)
    text = blank_markup(text)  # shown as clean text, the offsets unchanged
    # the stretch as runs of plain and matching text, each cleaned; a run's edges keep one
    # space where the text had space or markup there
    runs: list[tuple[str, bool]] = []
    cursor = toks[best_start][0]
    for a, b in found:
        s, e = toks[a][0], toks[b - 1][1]
        if a < best_start or b > end or s < cursor:
            continue  # outside the stretch, or overlapping an earlier match
        runs += [(text[cursor:s], False), (text[s:e], True)]
        cursor = e
    runs.append((text[cursor:toks[end - 1][1]], False))
    out = ""
    marks: list[tuple[int, int]] = []
    for raw, marked in runs:
        core = _clean(raw)
        if raw[:1].isspace():
            out += "" if not out or out.endswith(" ") else " "
        if marked:
            marks.append((len(out), len(out) + len(core)))
        out += core
        if core and raw[-1:].isspace():
            out += " "
    out = out.rstrip()
    prefix = "… " if best_start > 0 else ""
    suffix = " …" if end < len(toks) else ""
    shift = len(prefix)
    return prefix + out + suffix, tuple((s + shift, e + shift) for s, e in marks)


# ------------------------------------------------------------------ entries from a paper


def paper_entries(paper, base: str) -> list[Entry]:
    """The entries of one parsed paper (graf.records.Paper), under the IRIs its graph uses."""
    from graf.graph.build import paper_iris

    iris = paper_iris(paper, base)
    text = paper.source.text
    m = paper.meeting
    date = m.date.isoformat() if m.date else None
    common = {"paper_iri": iris.document, "meeting_iri": iris.meeting, "committee": m.body,
              "committee_iri": iris.body, "municipality": m.municipality, "date": date,
              "genre": paper.kind}
    heading = " ".join(x for x in (m.body, date) if x) or Path(paper.source.path).name
    entries = [Entry(iri=iris.document, kind="paper", title=heading, text=text, **common)]
    for item, iri in iris.items:
        sign = "§" if paper.kind == "protokoll" else "punkt"
        title = f"{sign} {item.number}" + (f" {item.title}" if item.title else "")
        entries.append(Entry(iri=iri, kind="item", title=title, text=item.span.slice(text), **common))
    return entries


# ------------------------------------------------------------------ the index


def index_path(store_dir: str | Path) -> Path:
    return Path(store_dir) / INDEX_FILE


class SearchIndex:
    """The SQLite file: ``papers`` (which version of each source file is indexed), ``entries``
    (what a hit shows) and ``fts`` (the FTS5 index, rowid = entries.id)."""

    def __init__(self, path: str | Path, read_only: bool = False, commit_every: int = 1):
        """``commit_every`` papers put make one transaction (one set of fsyncs): a build
        passes its store's batch size; papers put since the last commit are committed by
        close() or lost by a crash, and a paper not indexed is built again next time
        (graf.build_store asks indexed())."""
        self.path = Path(path)
        self.commit_every = max(1, commit_every)
        self._pending = 0
        if read_only and not self.path.is_file():
            raise InputError(str(path), "no search index (run 'graf build' into the store first)")
        uri = f"file:{self.path}?mode=ro" if read_only else f"file:{self.path}"
        try:
            self.db = sqlite3.connect(uri, uri=True)
        except sqlite3.Error as exc:
            raise InputError(str(path), f"cannot open search index: {exc}") from None
        if not read_only:
            self._create()

    def _create(self) -> None:
        with self.db:
            self.db.executescript("""
                CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
                CREATE TABLE IF NOT EXISTS papers(path TEXT PRIMARY KEY, text_sha256 TEXT NOT NULL,
                                                  base TEXT NOT NULL, built TEXT);
                CREATE TABLE IF NOT EXISTS entries(
                    id INTEGER PRIMARY KEY, path TEXT NOT NULL, iri TEXT NOT NULL, kind TEXT NOT NULL,
                    title TEXT, text TEXT NOT NULL, paper_iri TEXT, meeting_iri TEXT, committee TEXT,
                    committee_iri TEXT, municipality TEXT, date TEXT, genre TEXT);
                CREATE INDEX IF NOT EXISTS entries_path ON entries(path);
                CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(stems, words,
                    tokenize = "unicode61 remove_diacritics 0");
            """)
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (_SCHEMA_VERSION,))

    def indexed(self, path: str, text_sha256: str, base: str) -> bool:
        """Whether ``path`` is indexed as built from the text with this checksum under ``base``."""
        row = self.db.execute("SELECT text_sha256, base FROM papers WHERE path = ?", (path,)).fetchone()
        return row is not None and row[0] == text_sha256 and row[1] == base

    def built_times(self) -> dict[str, str]:
        """When each paper was built into the store (ISO time), by its document IRI: the graph
        holds no timestamps, so alerts (graf.feeds) read them here."""
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT e.paper_iri, p.built FROM entries e JOIN papers p ON p.path = e.path"
            " WHERE e.kind = 'paper' AND p.built IS NOT NULL")}

    def paths(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT path FROM papers ORDER BY path")]

    def _delete(self, path: str) -> None:
        if self.db.execute("SELECT 1 FROM papers WHERE path = ?", (path,)).fetchone() is None \
                and self.db.execute("SELECT 1 FROM entries WHERE path = ? LIMIT 1", (path,)).fetchone() is None:
            return  # a paper new to the index (FTS5 deletes by a row list cost ~2 ms even when empty)
        self.db.execute("DELETE FROM fts WHERE rowid IN (SELECT id FROM entries WHERE path = ?)", (path,))
        self.db.execute("DELETE FROM entries WHERE path = ?", (path,))
        self.db.execute("DELETE FROM papers WHERE path = ?", (path,))

    def put(self, path: str, text_sha256: str, base: str, entries: Iterable[Entry]) -> None:
        """Index one source file's entries, replacing what it had (in the transaction of the
        ``commit_every`` papers it belongs to)."""
        try:
            self._delete(path)
            built = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            self.db.execute("INSERT INTO papers VALUES (?, ?, ?, ?)", (path, text_sha256, base, built))
            entries = list(entries)
            for e, (stems, words) in zip(entries, entry_columns(entries)):
                cur = self.db.execute(
                    "INSERT INTO entries(path, iri, kind, title, text, paper_iri, meeting_iri, committee,"
                    " committee_iri, municipality, date, genre) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (path, e.iri, e.kind, e.title, e.text, e.paper_iri, e.meeting_iri, e.committee,
                     e.committee_iri, e.municipality, e.date, e.genre))
                self.db.execute("INSERT INTO fts(rowid, stems, words) VALUES (?, ?, ?)",
                                (cur.lastrowid, stems, words))
        except BaseException:
            self.db.rollback()
            self._pending = 0
            raise
        self._pending += 1
        if self._pending >= self.commit_every:
            self.commit()

    def commit(self) -> None:
        self.db.commit()
        self._pending = 0

    def put_paper(self, path: str, paper, base: str) -> None:
        self.put(path, paper.source.sha256, base, paper_entries(paper, base))

    def remove(self, path: str) -> None:
        with self.db:  # commits what is pending too
            self._delete(path)
        self._pending = 0

    def search(self, query: str | Query, filters: Filters | None = None) -> list[Hit]:
        parsed = parse_query(query) if isinstance(query, str) else query
        filters = filters or Filters()
        if not parsed:
            raise UsageError("the search has no words in it")
        if filters.limit < 1:
            raise UsageError("--limit must be at least 1")
        where = ["fts MATCH ?"]
        args: list[str | int] = [parsed.fts()]
        if filters.committee:
            if filters.committee.startswith(("http://", "https://", "urn:")):
                where.append("e.committee_iri = ?")
                args.append(filters.committee)
            else:
                where.append("lower(e.committee) LIKE ? ESCAPE '\\'")
                escaped = filters.committee.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                args.append(f"%{escaped}%")
        if filters.date_from:
            where.append("e.date >= ?")
            args.append(filters.date_from)
        if filters.date_to:
            where.append("e.date <= ?")
            args.append(filters.date_to)
        if filters.kind:
            where.append("e.kind = ?")
            args.append(filters.kind)
        sql = ("SELECT e.iri, e.kind, e.title, e.text, bm25(fts, 2.0, 1.0) AS score, e.paper_iri, e.meeting_iri,"
               " e.committee, e.committee_iri, e.municipality, e.date, e.path"
               " FROM fts JOIN entries e ON e.id = fts.rowid WHERE " + " AND ".join(where)
               + " ORDER BY score, e.date DESC, e.iri LIMIT ?")
        args.append(filters.limit)
        try:
            rows = self.db.execute(sql, args).fetchall()
        except sqlite3.OperationalError as exc:
            raise UsageError(f"cannot search for {query!r}: {exc}") from None
        hits = []
        for iri, kind, title, text, score, paper_iri, meeting_iri, committee, committee_iri, muni, date, path in rows:
            shown, marks = passage(text, parsed)
            hits.append(Hit(iri, kind, title or "", shown, marks, -float(score), paper_iri, meeting_iri,
                            committee, committee_iri, muni, date, path))
        return hits

    def close(self) -> None:
        if self._pending:
            self.commit()
        self.db.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def search(index: str | Path, query: str, filters: Filters | None = None) -> list[Hit]:
    """Search the index file ``index`` (or the one in the store folder ``index``): the API the
    command line and the server call."""
    path = Path(index)
    if path.is_dir():
        path = index_path(path)
    with SearchIndex(path, read_only=True) as idx:
        return idx.search(query, filters)


def format_hits(hits: Sequence[Hit], before: str = "[", after: str = "]") -> str:
    lines = []
    for i, h in enumerate(hits, 1):
        where = ", ".join(x for x in (h.committee, h.date) if x)
        lines.append(f"{i}. {h.title}" + (f" ({where})" if where else ""))
        lines.append(f"   {h.iri}")
        lines.append(f"   {h.highlighted(before, after)}")
    lines.append(f"({len(hits)} hit{'s' if len(hits) != 1 else ''})")
    return "\n".join(lines) + "\n"
