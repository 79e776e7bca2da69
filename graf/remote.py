"""Remote SPARQL 1.1 stores: push named graphs (Graph Store Protocol, falling back to SPARQL
Update) and run queries (SPARQLWrapper).

Nothing here pastes user input into query text: graphs are serialised by rdflib (escaped
terms), and query parameters are bound with a VALUES block built from escaped RDF literals.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef

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


def push_graphs(endpoint: str, graphs: Iterable[tuple[str, Graph]], timeout: float = 60.0,
                method: str = "auto") -> list[tuple[str, str]]:
    """Replace each named graph at the remote store. Returns (graph IRI, how) per graph.

    method: "gsp" (Graph Store Protocol PUT), "update" (SPARQL Update DROP + INSERT DATA) or
    "auto" (GSP when the store answers it, else Update).
    """
    done: list[tuple[str, str]] = []
    gsp = _gsp_url(endpoint) if method in ("auto", "gsp") else None
    for iri, graph in graphs:
        body = graph.serialize(format="nt", encoding="utf-8")
        if gsp:
            url = f"{gsp}?graph={urllib.parse.quote(iri, safe='')}"
            status = _request(url, "PUT", body, {"Content-Type": "application/n-triples"}, timeout)
            if 200 <= status < 300:
                done.append((iri, "gsp"))
                continue
            if method == "gsp":
                raise RemoteError(f"{url}: Graph Store Protocol PUT failed (HTTP {status})")
            gsp = None  # this store does not speak GSP there; use Update from now on
        g = URIRef(iri).n3()
        update = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body.decode('utf-8')}\n}} }}"
        status = _request(endpoint, "POST", update.encode("utf-8"),
                          {"Content-Type": "application/sparql-update"}, timeout)
        if not 200 <= status < 300:
            raise RemoteError(f"{endpoint}: SPARQL Update failed (HTTP {status})")
        done.append((iri, "update"))
    return done


def drop_graph(endpoint: str, iri: str, timeout: float = 60.0) -> None:
    status = _request(endpoint, "POST", f"DROP SILENT GRAPH {URIRef(iri).n3()}".encode("utf-8"),
                      {"Content-Type": "application/sparql-update"}, timeout)
    if not 200 <= status < 300:
        raise RemoteError(f"{endpoint}: SPARQL Update failed (HTTP {status})")


def values_clause(bindings: dict[str, str]) -> str:
    """A VALUES block binding each variable to an escaped literal (rdflib's N3 escaping)."""
    if not bindings:
        return ""
    names = list(bindings)
    for n in names:
        if not n.replace("_", "").isalnum():
            raise GrafError(f"parameter name {n!r} is not a SPARQL variable name")
    terms = " ".join(Literal(bindings[n]).n3() for n in names)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}"


def bind_into_query(query: str, bindings: dict[str, str]) -> str:
    """Insert a VALUES block into the outermost WHERE group of ``query``."""
    if not bindings:
        return query
    block = values_clause(bindings)
    lower = query.lower()
    idx = lower.find("where")
    brace = query.find("{", idx if idx >= 0 else 0)
    if brace < 0:
        raise GrafError("cannot bind parameters: query has no WHERE group")
    return query[: brace + 1] + "\n  " + block + "\n" + query[brace + 1 :]


def query_endpoint(endpoint: str, query: str, bindings: dict[str, str] | None = None,
                   timeout: float = 30.0) -> tuple[list[str], list[dict]]:
    """Run a SELECT query remotely. Returns (variables, rows); a row maps a variable to a
    SPARQL-JSON term dict ({"type", "value", "datatype"?, "xml:lang"?})."""
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
    rows = list(data.get("results", {}).get("bindings", []))
    return variables, rows
