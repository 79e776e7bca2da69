"""Remote SPARQL 1.1 stores over HTTP: one client for queries and updates (graf.push builds
the updates), with the guarantees a publisher relies on:

* credentials come from the environment (GRAF_ENDPOINT_USER / GRAF_ENDPOINT_PASSWORD) or a
  prompt, never from the command line; a URL with user:password in it is refused without
  being echoed; HTTP basic and digest are both answered;
* only a 2xx answer counts: a redirect (typically to a login page) is a failure, and the
  store's own error text is part of graf's one-line message;
* a query's answer is never silently short: a row cap announced by the store
  (X-SPARQL-MaxRows, Virtuoso's partial-result state) is paged around when the query is
  ordered, else it is an error;
* ``timeout`` is a deadline for the whole request (every page of it), not per socket read.

Nothing here pastes user input into query text: parameters are bound with a VALUES block of
escaped RDF terms, and data is serialised by pyoxigraph / rdflib.
"""

from __future__ import annotations

import getpass
import html
import json
import re
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from rdflib import Literal, URIRef
from rdflib.term import Node

from graf import settings
from graf.errors import GrafError, UsageError


class RemoteError(GrafError):
    exit_code = 2


# ----------------------------------------------------------------------------- HTTP


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str = ""

    def __repr__(self) -> str:  # never shown, not even in a traceback's locals
        return f"Credentials(user={self.user!r}, password=***)"


def credentials(ask: bool = False) -> Credentials | None:
    """The login for the store: from the environment, or (``ask``) a prompt that does not echo."""
    user = settings.ENDPOINT_USER.raw()
    password = settings.ENDPOINT_PASSWORD.raw()
    if ask:
        if not user:
            user = input("user for the SPARQL store: ").strip()
        password = getpass.getpass(f"password for {user}: ")
    if not user:
        return None
    return Credentials(user, password)


def checked_url(url: str, option: str = "--endpoint") -> str:
    """An http(s) URL without a login in it. A URL holding user:password is refused, and the
    message shows it with the login cut out, so the password never reaches a log."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{option} must be an http(s) URL")
    if "@" in parts.netloc:
        host = parts.netloc.rsplit("@", 1)[1]
        shown = urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))
        raise UsageError(f"{option} {shown}: a login in the URL is refused (it would show in process "
                         f"lists and logs); set {settings.ENDPOINT_USER.name} and "
                         f"{settings.ENDPOINT_PASSWORD.name}, or pass --ask-password")
    return url


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def _error_text(body: bytes, limit: int = 300) -> str:
    """The store's own explanation, as one short line (HTML tags and entities removed)."""
    text = body[:20_000].decode("utf-8", errors="replace")
    text = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = " ".join(text.split())
    # Virtuoso repeats the whole query after its message; the message is what helps
    text = re.split(r"\bSPARQL (?:query|request):", text, maxsplit=1)[0].strip()
    return text[:limit] + ("…" if len(text) > limit else "")


T = TypeVar("T")


def within(seconds: float, what: str, work: Callable[[], T]) -> T:
    """Run ``work`` and give up after ``seconds`` in all: a store that trickles its answer or
    pages slowly cannot hold the command past its deadline. (A late thread is left to die with
    the process; urllib cannot be interrupted from outside.)"""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the caller's thread below
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True, name="graf-remote")
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise RemoteError(f"{what}: no complete answer within {seconds:g} s (--timeout)")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


class Client:
    """One store endpoint: requests with the login, no redirects, errors with the store's text.

    The login scheme (basic or digest) is the one the store asks for: the first request is a
    bodiless probe, so a store that answers 401 before reading a large body (Virtuoso closes
    the connection) never breaks a push; digest answers are then sent ahead (requests keeps
    the nonce)."""

    def __init__(self, url: str, login: Credentials | None = None, timeout: float = 60.0):
        import requests

        self.url = checked_url(url)
        self.timeout = timeout
        self.login = login
        self.has_login = login is not None
        self.session = requests.Session()
        self.session.trust_env = False  # no .netrc logins or proxies from the environment
        self._probed = False
        self.server = ""  # the store's Server header, once it has answered

    def _probe(self, url: str) -> None:
        import requests
        from requests.auth import HTTPBasicAuth, HTTPDigestAuth

        self._probed = True
        if self.login is None:
            return
        try:
            resp = self.session.get(url, timeout=self.timeout, allow_redirects=False)
        except requests.RequestException:
            return  # the real request reports it
        self.server = resp.headers.get("server", self.server)
        challenge = resp.headers.get("www-authenticate", "")
        if challenge.lower().startswith("digest"):
            self.session.auth = HTTPDigestAuth(self.login.user, self.login.password)
            try:  # answer the challenge once, so later requests carry the digest up front
                self.session.get(url, timeout=self.timeout, allow_redirects=False)
            except requests.RequestException:
                pass
        else:
            self.session.auth = HTTPBasicAuth(self.login.user, self.login.password)

    def request(self, method: str, body: bytes | None = None, headers: dict[str, str] | None = None,
                url: str | None = None) -> Answer:
        """Send one request; a 2xx answer is returned, anything else (a redirect too) raises
        StoreRefused with the status and the store's own words."""
        import requests

        target = url or self.url
        if not self._probed:
            self._probe(target)
        try:
            resp = self.session.request(method, target, data=body, headers=headers or {},
                                        timeout=self.timeout, allow_redirects=False)
            answer = Answer(resp.status_code, {k.lower(): v for k, v in resp.headers.items()}, resp.content)
        except requests.RequestException as exc:
            reason = str(exc.__context__ or exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise RemoteError(f"{_shown(target)}: cannot reach endpoint or the connection broke "
                              f"({_no_login(reason)})") from None
        self.server = answer.headers.get("server", self.server)
        if 200 <= answer.status < 300:
            return answer
        raise StoreRefused(_shown(target), answer, self.has_login)

    def is_virtuoso(self) -> bool:
        return "virtuoso" in self.server.lower()


def _no_login(text: str) -> str:
    return re.sub(r"//[^/@\s]*@", "//", text)


class StoreRefused(RemoteError):
    """A non-2xx answer; the message carries the status and the store's own text."""

    def __init__(self, url: str, answer: Answer, has_login: bool):
        self.status = answer.status
        self.text = _error_text(answer.body)
        if 300 <= answer.status < 400:
            where = answer.headers.get("location", "?")
            msg = (f"{url}: HTTP {answer.status} redirect to {_shown(where)} -- not the store's answer "
                   "(a login page or a moved endpoint?); nothing counts as done")
        elif answer.status == 401 and not has_login:
            msg = (f"{url}: HTTP 401, the store asks for a login; set {settings.ENDPOINT_USER.name} and "
                   f"{settings.ENDPOINT_PASSWORD.name} or pass --ask-password")
        elif answer.status == 401:
            msg = f"{url}: HTTP 401, the store refused the login"
        else:
            msg = f"{url}: HTTP {answer.status}" + (f": {self.text}" if self.text else "")
        super().__init__(msg)


def _shown(url: str) -> str:
    """A URL as it may appear in a message: without a login and without its query string."""
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


# ----------------------------------------------------------------------------- binding


def values_clause(bindings: dict[str, object]) -> str:
    """A VALUES block binding each variable to an escaped RDF term (rdflib's N3 escaping);
    plain strings become literals."""
    if not bindings:
        return ""
    names = list(bindings)
    for n in names:
        if not n.replace("_", "").isalnum():
            raise GrafError(f"parameter name {n!r} is not a SPARQL variable name")
    terms = " ".join((v if isinstance(v, Node) else Literal(v)).n3() for v in bindings.values())
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}"


_COMMENT = re.compile(r"(^|\s)#[^\n]*")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def _masked(query: str) -> str:
    """The query with comments and string literals blanked (same length), for finding keywords."""
    out = _COMMENT.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), query)
    return re.sub(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', lambda m: " " * len(m.group(0)), out)


def bind_into_query(query: str, bindings: dict[str, object]) -> str:
    """Insert a VALUES block into the outermost WHERE group of ``query``."""
    if not bindings:
        return query
    block = values_clause(bindings)
    m = _WHERE.search(_masked(query))
    if m is None:
        raise GrafError("cannot bind parameters: query has no WHERE { ... } group")
    brace = m.end() - 1
    return query[: brace + 1] + "\n  " + block + "\n" + query[brace + 1 :]


def _tail(query: str) -> str:
    """The solution modifiers after the query's last closing brace (ORDER BY, LIMIT …)."""
    masked = _masked(query)
    return masked[masked.rfind("}") + 1:]


def has_order(query: str) -> bool:
    return re.search(r"\bORDER\s+BY\b", _tail(query), re.IGNORECASE) is not None


def with_slice(query: str, limit: int | None, offset: int | None) -> str:
    """``query`` with LIMIT / OFFSET appended (refused when it has its own)."""
    if limit is None and not offset:
        return query
    if re.search(r"\b(LIMIT|OFFSET)\b", _tail(query), re.IGNORECASE):
        raise UsageError("the query has its own LIMIT/OFFSET; --limit/--offset cannot be added to it")
    if limit is not None and limit < 0 or offset is not None and offset < 0:
        raise UsageError("--limit and --offset take 0 or more")
    out = query.rstrip() + "\n"
    if limit is not None:
        out += f"LIMIT {int(limit)}\n"
    if offset:
        out += f"OFFSET {int(offset)}\n"
    return out


# ----------------------------------------------------------------------------- scope filters
#
# A contract query that can be narrowed to some meetings says so in a comment line
#     #! scope KIND ?var
# naming the variable that leads to a meeting. graf then adds the pattern below for KIND, with
# the user's values bound as RDF terms in a VALUES block (never pasted into the text). A query
# without filters runs exactly as written.

_BESLUIT = "http://data.vlaanderen.be/ns/besluit#"
_SCOPE_PATHS = {
    "meeting": "",  # the variable is the meeting
    "item": "?graf_meeting <" + _BESLUIT + "behandelt> {v} .",
    # an act (yrkande, reservation …) made at the treatment of an item
    "act": "{v} <https://w3id.org/graf/ns#framstalldVid>/<http://purl.org/dc/terms/subject> ?graf_item . "
           "?graf_meeting <" + _BESLUIT + "behandelt> ?graf_item .",
    # a vote (besluit:Stemming) held at the treatment of an item
    "vote": "?graf_treatment <" + _BESLUIT + "heeftStemming> {v} . "
            "?graf_treatment <http://purl.org/dc/terms/subject> ?graf_item . "
            "?graf_meeting <" + _BESLUIT + "behandelt> ?graf_item .",
    # a citing resource: an item, or something whose subject is one
    "citing": "{{ ?graf_meeting <" + _BESLUIT + "behandelt> {v} }} UNION "
              "{{ {v} <http://purl.org/dc/terms/subject> ?graf_item . "
              "?graf_meeting <" + _BESLUIT + "behandelt> ?graf_item }}",
}
_SCOPE_LINE = re.compile(r"^#!\s*scope\s+(\w+)\s+\?(\w+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Scope:
    """Which meetings a query is narrowed to: each field None = no restriction."""
    municipality: str | None = None  # an IRI, or a name matched against skos:prefLabel
    committee: str | None = None     # an IRI, or a name matched against rdfs:label
    date_from: str | None = None     # YYYY-MM-DD, inclusive
    date_to: str | None = None

    def __bool__(self) -> bool:
        return any((self.municipality, self.committee, self.date_from, self.date_to))


def _is_iri(value: str) -> bool:
    """Whether a filter value names a resource (else it is a name to match a label against);
    an IRI with characters no IRI may hold is refused."""
    if not value.startswith(("http://", "https://", "urn:")):
        return False
    if re.search(r'[\x00-\x20<>"{}|\\^`]', value):
        raise UsageError(f"{value!r} is not a valid IRI")
    return True


def scoped_query(query: str, scope: Scope) -> tuple[str, dict[str, object]]:
    """``query`` with the scope's patterns added and the bindings they need."""
    if not scope:
        return query, {}
    import datetime as dt

    m = _SCOPE_LINE.search(query)
    if m is None:
        raise UsageError("this query cannot be narrowed by municipality, committee or date (it names "
                         "no meeting to narrow by; see '#! scope' in queries/meetings.rq)")
    kind, var = m.group(1), m.group(2)
    if kind not in _SCOPE_PATHS:
        raise UsageError(f"unknown scope kind {kind!r} in the query (known: {', '.join(_SCOPE_PATHS)})")
    xsd_date = URIRef("http://www.w3.org/2001/XMLSchema#date")
    parts = [_SCOPE_PATHS[kind].format(v="?" + var)]
    bindings: dict[str, object] = {}
    if scope.committee or scope.municipality:
        parts.append("?graf_meeting <" + _BESLUIT + "isGehoudenDoor> ?graf_committee .")
    if scope.committee:
        if _is_iri(scope.committee):
            bindings["graf_committee"] = URIRef(scope.committee)
        else:
            parts.append("?graf_committee <http://www.w3.org/2000/01/rdf-schema#label> ?graf_committee_label . "
                         "FILTER(LCASE(STR(?graf_committee_label)) = LCASE(?graf_committee_name))")
            bindings["graf_committee_name"] = Literal(scope.committee)
    if scope.municipality:
        parts.append("?graf_committee <" + _BESLUIT + "bestuurt> ?graf_municipality .")
        if _is_iri(scope.municipality):
            bindings["graf_municipality"] = URIRef(scope.municipality)
        else:
            parts.append("?graf_municipality <http://www.w3.org/2004/02/skos/core#prefLabel> ?graf_mun_label . "
                         "FILTER(LCASE(STR(?graf_mun_label)) = LCASE(?graf_municipality_name))")
            bindings["graf_municipality_name"] = Literal(scope.municipality)
    for name, value, op in (("graf_from", scope.date_from, ">="), ("graf_to", scope.date_to, "<=")):
        if not value:
            continue
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise UsageError(f"dates take YYYY-MM-DD, got {value!r}") from None
        bindings[name] = Literal(value, datatype=xsd_date)
        parts.append(f"?graf_meeting <http://purl.org/dc/terms/date> ?graf_date_{name} . "
                     f"FILTER(?graf_date_{name} {op} ?{name})")
    # inside FILTER EXISTS, so a meeting with two labels or dates adds no rows
    body = " ".join(p for p in parts if p)
    if kind == "meeting":
        body = body.replace("?graf_meeting", "?" + var)
    pattern = f"FILTER EXISTS {{ {body} }}"
    mw = _WHERE.search(_masked(query))
    if mw is None:
        raise GrafError("cannot narrow the query: it has no WHERE { ... } group")
    brace = mw.end() - 1
    return query[: brace + 1] + "\n  " + pattern + "\n" + query[brace + 1:], bindings


# ----------------------------------------------------------------------------- queries

Row = tuple[Node | None, ...]


def row_cap(headers: dict[str, str], rows: int) -> int | None:
    """The row cap the store says it applied to this answer, or None when it is complete.

    X-SPARQL-MaxRows is what Virtuoso (and graf serve) send when a result set was cut at the
    server's ResultSetMaxRows; Virtuoso's "anytime" partial answers carry X-SQL-State S1TAT."""
    state = headers.get("x-sql-state", "").strip().upper()
    if state == "S1TAT":
        raise RemoteError("the store stopped the query at its time limit and sent a partial answer "
                          f"({headers.get('x-sql-message', '').strip() or 'S1TAT'}); narrow the query "
                          "(filters, --limit) or raise the store's MaxQueryExecutionTime")
    raw = headers.get("x-sparql-maxrows", "").strip()
    if not raw:
        return None
    try:
        cap = int(raw)
    except ValueError:
        return rows or None
    return cap if rows >= cap else None


def query_endpoint(endpoint: str, query: str, bindings: dict[str, object] | None = None,
                   timeout: float = 30.0, limit: int | None = None, offset: int | None = None,
                   default_graph: str | None = None, login: Credentials | None = None,
                   ) -> tuple[list[str], list[Row]]:
    """Run a SELECT query remotely. Returns (variables, rows) like graf.store.run_query: one
    tuple of rdflib terms (None when unbound) per row, in the order of ``variables``.

    ``timeout`` bounds the whole call. When the store caps the answer, an ordered query is
    fetched again page by page (LIMIT cap OFFSET k); an unordered one raises RemoteError."""
    client = Client(endpoint, login, timeout)
    text = bind_into_query(query, bindings or {})
    return within(timeout, _shown(endpoint),
                  lambda: _paged_select(client, text, limit, offset, default_graph))


def _paged_select(client: Client, text: str, limit: int | None, offset: int | None,
                  default_graph: str | None) -> tuple[list[str], list[Row]]:
    variables, rows, cap = _select(client, with_slice(text, limit, offset), default_graph)
    if cap is None:
        return variables, rows
    if not has_order(text):
        raise RemoteError(f"{_shown(client.url)}: the store cut the answer at {cap} rows "
                          "(X-SPARQL-MaxRows) and the query has no ORDER BY to page by; add "
                          "--limit/--offset, filters, or raise the store's ResultSetMaxRows")
    start, wanted = offset or 0, limit
    rows = []
    while True:
        size = cap if wanted is None else min(cap, wanted - len(rows))
        if size <= 0:
            break
        _, page, _ = _select(client, with_slice(text, size, start + len(rows)), default_graph)
        rows.extend(page)
        if len(page) < size:
            break
    return variables, rows


def _select(client: Client, text: str, default_graph: str | None) -> tuple[list[str], list[Row], int | None]:
    form = [("query", text)] + ([("default-graph-uri", default_graph)] if default_graph else [])
    answer = client.request("POST", urllib.parse.urlencode(form).encode("utf-8"),
                            {"Content-Type": "application/x-www-form-urlencoded",
                             "Accept": "application/sparql-results+json"})
    try:
        data = json.loads(answer.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise RemoteError(f"{_shown(client.url)}: answer is not SPARQL JSON results "
                          f"({answer.headers.get('content-type', 'no content type')})") from None
    if not isinstance(data, dict) or "head" not in data:
        raise RemoteError(f"{_shown(client.url)}: answer is not SPARQL JSON results")
    if "boolean" in data:
        return ["ask"], [(Literal(bool(data["boolean"])),)], None
    variables = list(data["head"].get("vars", []))
    rows = [tuple(_rdflib_term(b.get(v)) for v in variables)
            for b in data.get("results", {}).get("bindings", [])]
    return variables, rows, row_cap(answer.headers, len(rows))


def _rdflib_term(t: dict | None) -> Node | None:
    """A SPARQL-JSON term as an rdflib term, so remote rows look like graf.store.run_query's."""
    from rdflib import BNode

    if t is None:
        return None
    kind, value = t.get("type"), t.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if t.get("xml:lang"):
        return Literal(value, lang=t["xml:lang"])
    if t.get("datatype"):
        return Literal(value, datatype=URIRef(t["datatype"]))
    return Literal(value)
