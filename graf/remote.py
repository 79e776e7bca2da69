"""Remote SPARQL 1.1 stores: push named graphs (Graph Store Protocol, falling back to SPARQL
Update) and run queries (SPARQLWrapper).

Nothing here pastes user input into query text: graphs are serialised by rdflib (escaped
terms), and query parameters are bound with a VALUES block built from escaped RDF literals.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from graf.errors import GrafError


class RemoteError(GrafError):
    exit_code = 2


def _gsp_url(update_endpoint: str) -> str | None:
    """Guess the Graph Store Protocol URL next to an update endpoint (Oxigraph serves it at
    /store beside /update). None when the URL does not end in /update; push then uses SPARQL
    Update, which every SPARQL 1.1 store accepts."""
    parts = urllib.parse.urlsplit(update_endpoint)
    path = parts.path.rstrip("/")
    if not path.endswith("/update"):
        return None
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path[: -len("/update")] + "/store", "", ""))


def _request(url: str, method: str, body: bytes | None, headers: dict[str, str], timeout: float) -> int:
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RemoteError(f"{url}: cannot reach endpoint ({reason})") from exc


def _ntriples(graph) -> bytes:
    """N-Triples of an rdflib Graph or of an iterable of pyoxigraph Triples."""
    if isinstance(graph, Graph):
        return graph.serialize(format="nt", encoding="utf-8")
    import pyoxigraph as ox

    return ox.serialize(list(graph), format=ox.RdfFormat.N_TRIPLES)


def _chunks(nt: bytes, max_bytes: int) -> list[str]:
    """N-Triples split at line ends into pieces of at most ~max_bytes (one INSERT DATA each).
    Blank nodes are not shared between pieces; graf's builder mints none."""
    text = nt.decode("utf-8")
    if len(nt) <= max_bytes:
        return [text]
    out, cur, size = [], [], 0
    for line in text.splitlines(keepends=True):
        cur.append(line)
        size += len(line)
        if size >= max_bytes:
            out.append("".join(cur))
            cur, size = [], 0
    if cur:
        out.append("".join(cur))
    return out


def push_graphs(endpoint: str, graphs: Iterable[tuple[str | None, object]], timeout: float = 60.0,
                method: str = "auto", update_chunk_bytes: int = 4_000_000) -> list[tuple[str | None, str]]:
    """Replace each graph at the remote store. A graph is (IRI, triples): IRI None is the
    default graph; triples an rdflib Graph or pyoxigraph Triples. Returns (IRI, how) per graph.

    method: "gsp" (Graph Store Protocol PUT), "update" (SPARQL Update DROP + INSERT DATA) or
    "auto" (GSP when the store answers it, else Update).
    """
    if method not in ("auto", "gsp", "update"):
        raise GrafError(f"unknown push method {method!r} (auto, gsp, update)")
    if not endpoint.startswith(("http://", "https://")):
        raise RemoteError(f"--endpoint must be an http(s) URL, got {endpoint!r}")
    done: list[tuple[str | None, str]] = []
    gsp = _gsp_url(endpoint) if method in ("auto", "gsp") else None
    if method == "gsp" and gsp is None:
        raise RemoteError(f"{endpoint}: cannot tell the Graph Store Protocol URL (expected .../update)")
    for iri, graph in graphs:
        body = _ntriples(graph)
        if gsp:
            target = "default" if iri is None else f"graph={urllib.parse.quote(iri, safe='')}"
            url = f"{gsp}?{target}"
            status = _request(url, "PUT", body, {"Content-Type": "application/n-triples"}, timeout)
            if 200 <= status < 300:
                done.append((iri, "gsp"))
                continue
            if method == "gsp":
                raise RemoteError(f"{url}: Graph Store Protocol PUT failed (HTTP {status})")
            gsp = None  # this store does not speak GSP there; use Update from now on
        g = "DEFAULT" if iri is None else f"GRAPH {URIRef(iri).n3()}"
        graph_n3 = None if iri is None else URIRef(iri).n3()

        def into(data: str, graph_n3: str | None = graph_n3) -> str:
            if graph_n3 is None:
                return f"INSERT DATA {{\n{data}\n}}"
            return f"INSERT DATA {{ GRAPH {graph_n3} {{\n{data}\n}} }}"

        requests = [f"DROP SILENT {g}"] + [into(chunk) for chunk in _chunks(body, update_chunk_bytes)]
        for update in requests:
            status = _request(endpoint, "POST", update.encode("utf-8"),
                              {"Content-Type": "application/sparql-update"}, timeout)
            if not 200 <= status < 300:
                raise RemoteError(f"{endpoint}: SPARQL Update failed (HTTP {status})")
        done.append((iri, "update"))
    return done


def drop_graph(endpoint: str, iri: str, timeout: float = 60.0) -> None:
    status = _request(endpoint, "POST", f"DROP SILENT GRAPH {URIRef(iri).n3()}".encode(),
                      {"Content-Type": "application/sparql-update"}, timeout)
    if not 200 <= status < 300:
        raise RemoteError(f"{endpoint}: SPARQL Update failed (HTTP {status})")


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


def bind_into_query(query: str, bindings: dict[str, object]) -> str:
    """Insert a VALUES block into the outermost WHERE group of ``query``."""
    if not bindings:
        return query
    block = values_clause(bindings)
    # Find WHERE outside comments (blanked with spaces so offsets stay).
    masked = _COMMENT.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), query)
    m = _WHERE.search(masked)
    if m is None:
        raise GrafError("cannot bind parameters: query has no WHERE { ... } group")
    brace = m.end() - 1
    return query[: brace + 1] + "\n  " + block + "\n" + query[brace + 1 :]


def query_endpoint(endpoint: str, query: str, bindings: dict[str, str] | None = None,
                   timeout: float = 30.0) -> tuple[list[str], list[tuple[Node | None, ...]]]:
    """Run a SELECT query remotely. Returns (variables, rows) like graf.store.run_query: one
    tuple of rdflib terms (None when unbound) per row, in the order of ``variables``."""
    from SPARQLWrapper import JSON, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    sw = SPARQLWrapper(endpoint)
    sw.setQuery(bind_into_query(query, bindings or {}))
    sw.setReturnFormat(JSON)
    sw.setTimeout(int(max(1, timeout)))
    try:
        data = sw.queryAndConvert()
    except SPARQLWrapperException as exc:
        raise RemoteError(f"{endpoint}: query failed ({str(exc).splitlines()[0]})") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise RemoteError(f"{endpoint}: cannot reach endpoint ({getattr(exc, 'reason', exc)})") from exc
    except json.JSONDecodeError as exc:
        raise RemoteError(f"{endpoint}: answer is not SPARQL JSON") from exc
    if not isinstance(data, dict) or "head" not in data:
        raise RemoteError(f"{endpoint}: answer is not SPARQL JSON results")
    variables = list(data["head"].get("vars", []))
    rows = [tuple(_rdflib_term(b.get(v)) for v in variables)
            for b in data.get("results", {}).get("bindings", [])]
    return variables, rows


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
