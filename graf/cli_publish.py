"""Publishing commands (serve, push, export) — registered on the main parser by graf.cli.

Argument handling and messages only; the work is in graf.serve, graf.push, graf.remote and graf.publish.
"""

from __future__ import annotations

import argparse
import sys

from graf import settings
from graf.errors import UsageError
from graf.settings import PROVENANCE_FORMS


def cmd_serve(args: argparse.Namespace) -> int:
    from graf.serve.app import make_server, serve_forever

    login = None
    if args.endpoint:
        from graf.remote import checked_url, credentials

        checked_url(args.endpoint)  # a login in the URL is refused before anything is asked
        login = credentials(ask=args.ask_password)
    server = make_server(data=args.data, store_dir=args.store, endpoint=args.endpoint, host=args.host,
                         port=args.port, base=args.base, timeout=args.timeout, max_rows=args.max_rows,
                         workers=args.workers, login=login)
    print(f"graf: serving {args.data or args.store or args.endpoint} at {server.url}/ (SPARQL: {server.url}/sparql; "
          f"IRIs under {server.config.base}); Ctrl-C stops", file=sys.stderr, flush=True)
    serve_forever(server, verbose=not args.quiet)
    return 0


def _store_keys(store_dir: str | None) -> dict[str, str] | None:
    """A graf store's papers: graph name -> source path (the stable key of each paper)."""
    if not store_dir:
        return None
    from graf.store import GraphStore

    with GraphStore(store_dir, read_only=True) as store:
        return {entry["graph"]: path for path, entry in store.manifest().items() if entry.get("graph")}


def cmd_push(args: argparse.Namespace) -> int:
    from graf import publish
    from graf.progress import Progress
    from graf.push import push
    from graf.remote import checked_url, credentials

    checked_url(args.endpoint)  # before reading any data: a login in the URL is refused at once
    quads = publish.open_source(args.data, args.store)
    store_keys = _store_keys(args.store)

    def say(msg: str) -> None:
        if not args.quiet:
            print(msg, file=sys.stderr)

    # a bar on a terminal, plain lines with rate and ETA otherwise; nothing with --quiet
    bars: list[Progress] = []

    def progress(total: int) -> Progress:
        bars.append(Progress(total, unit="graph"))
        return bars[-1]

    try:
        report = push(args.endpoint, quads, store_keys=store_keys, graph=args.graph, increment=args.increment,
                      login=credentials(ask=args.ask_password), timeout=args.timeout, method=args.method,
                      union_graph=args.union_graph, query_endpoint_url=args.query_endpoint, say=say,
                      progress=None if args.quiet else progress)
    finally:
        for bar in bars:
            bar.close()
    how = ", ".join(sorted(report.methods)) or "nothing to send"
    if args.graph:
        say(f"pushed {report.triples} triples into graph <{args.graph}> at {args.endpoint} ({how})")
        return 0
    union = ("the default graph" if report.union_graph is None
             else f"graph <{report.union_graph}> (query with default-graph-uri={report.union_graph})")
    say(f"pushed {report.added} new, {report.replaced} changed, {report.removed} removed, "
        f"{report.unchanged} unchanged paper graph(s) ({report.triples} triples, {how}) to {args.endpoint}; "
        f"the deduplicated union is in {union}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from graf import publish

    if args.graph and args.store:
        raise UsageError("give a GRAPH file or --store DIR, not both")
    quads = publish.open_source(args.graph, args.store)
    if args.shards:
        from graf.shards import export_shards

        r = export_shards(quads, args.shards, _store_keys(args.store))
        if not args.quiet:
            print(f"wrote {r.written} paper shard(s) ({r.unchanged} unchanged, {r.removed} removed; "
                  f"{r.quads} quads), {r.union_triples} union triples in <{r.union_graph}>, load.sh and "
                  f"load.sql to {r.folder}", file=sys.stderr)
        return 0
    if not args.out_dir:
        raise UsageError("give --out-dir DIR (dumps) or --shards DIR (bulk-load shards)")
    info = publish.CatalogInfo()
    if args.title:
        info.title = args.title
    if args.publisher:
        info.publisher = args.publisher
    if args.publisher_iri:
        info.publisher_iri = args.publisher_iri
    if args.license:
        info.license = args.license
    if args.download_base:
        info.download_base = args.download_base if args.download_base.endswith("/") else args.download_base + "/"
    if args.publisher_type:
        info.publisher_type = args.publisher_type
    if args.sparql_endpoint:
        info.sparql_endpoint = args.sparql_endpoint
    if args.theme:
        info.themes = tuple(args.theme)
    if args.keyword:
        info.keywords = tuple(args.keyword)
    info.contact_name, info.contact_email, info.contact_url = args.contact_name, args.contact_email, args.contact_url
    written = publish.export(quads, args.out_dir, info, provenance=args.provenance)
    if not args.quiet:
        for path in written:
            print(f"wrote {path}", file=sys.stderr)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("serve", help="serve the graph: SPARQL endpoint and dereferenceable IRIs")
    src = s.add_mutually_exclusive_group(required=True)
    src.add_argument("--data", help="graph file (.ttl .nt .nq .trig .jsonld)")
    src.add_argument("--store", help="embedded store folder (graf build --store)")
    src.add_argument("--endpoint", help="a remote SPARQL store's query URL (Oxigraph: http://host:7878/query): "
                                        "pages, IRIs and /sparql answered from it, read-only; its default "
                                        "graph must hold the papers' union (as graf push leaves it)")
    s.add_argument("--ask-password", action="store_true",
                   help=f"with --endpoint: prompt for the store's password (else {settings.ENDPOINT_USER.name} / "
                        f"{settings.ENDPOINT_PASSWORD.name} from the environment)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--base", help="IRI prefix of the minted resources (default: the base the graph was "
                                  "built with, else GRAF_BASE / graf's base); a request path P answers for BASE+P")
    s.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default 10)")
    s.add_argument("--max-rows", type=int, default=10_000, help="rows / triples per answer (default 10000)")
    s.add_argument("--workers", type=int, default=2, help="query worker processes (default 2)")
    s.add_argument("--quiet", "-q", action="store_true", help="no request log")
    s.set_defaults(func=cmd_serve)

    p = sub.add_parser("push", help="load the graph into a SPARQL 1.1 store (Graph Store Protocol / Update)")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--data", help="graph file (.ttl .nt .nq .trig .jsonld)")
    src.add_argument("--store", help="embedded store folder")
    p.add_argument("--endpoint", required=True,
                   help="SPARQL 1.1 Update endpoint (Oxigraph: http://host:7878/update)")
    p.add_argument("--graph-per-paper", action="store_true",
                   help="(the default now; kept for old scripts) one named graph per source paper")
    p.add_argument("--graph", help="replace this one named graph with the whole graph instead of "
                                   "publishing per-paper graphs and their union")
    p.add_argument("--increment", action="store_true",
                   help="the data is an increment: papers at the store that it does not hold stay "
                        "(by default they are dropped, so the store mirrors the data)")
    p.add_argument("--union-graph", metavar="IRI|default",
                   help="where the deduplicated union goes: 'default' (the default graph) or a named "
                        "graph; default: the default graph, or {base}graph/union on Virtuoso, whose "
                        "default graph cannot be written")
    p.add_argument("--query-endpoint", help="the store's query URL, when it is not beside the update "
                                            "URL (…/query beside …/update; else the same URL)")
    p.add_argument("--method", choices=["auto", "gsp", "update"], default="auto",
                   help="how graphs are loaded into staging: Graph Store Protocol, SPARQL Update, or "
                        "GSP falling back to Update (default)")
    p.add_argument("--ask-password", action="store_true",
                   help=f"prompt for the store's password (else {settings.ENDPOINT_USER.name} / "
                        f"{settings.ENDPOINT_PASSWORD.name} from the environment)")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    p.add_argument("--quiet", "-q", action="store_true")
    p.set_defaults(func=cmd_push)

    e = sub.add_parser("export", help="write dumps (Turtle, N-Quads, framed JSON-LD) and a DCAT description")
    e.add_argument("graph", nargs="?", help="graph file")
    e.add_argument("--store", help="embedded store folder instead of a file")
    e.add_argument("--out-dir", help="folder for graf.ttl graf.nq graf.jsonld dcat.ttl")
    e.add_argument("--shards", metavar="DIR", help="instead: per-paper N-Quads shards, the deduplicated "
                                                  "union and a load script for Virtuoso's bulk loader")
    e.add_argument("--title", help="dct:title of the dataset")
    e.add_argument("--publisher", help="foaf:name of the publishing organisation")
    e.add_argument("--publisher-iri", help="IRI of the publisher (e.g. the municipality)")
    e.add_argument("--license", help="licence IRI (default CC0 1.0)")
    e.add_argument("--download-base", help="URL the files will be published under (dcat:downloadURL; "
                                            "default {base}dump/, where graf serve answers for them)")
    e.add_argument("--sparql-endpoint", help="URL of the public SPARQL endpoint (the dcat:DataService; "
                                             "default {base}sparql, graf serve's endpoint)")
    e.add_argument("--publisher-type", help="ADMS publisher type of the publisher (default LocalAuthority; "
                                            "also RegionalAuthority, NationalAuthority, NonProfitOrganisation …)")
    e.add_argument("--theme", action="append", metavar="CODE",
                   help="EU data theme of the dataset (repeatable; default GOVE; e.g. REGI, EDUC, SOCI)")
    e.add_argument("--keyword", action="append", metavar="WORD",
                   help="dcat:keyword (repeatable; replaces the default protokoll, dagordning, kommun …)")
    e.add_argument("--contact-name", help="name of the contact point (default: the publisher's name)")
    e.add_argument("--contact-email", help="e-mail address of the contact point (dcat:contactPoint)")
    e.add_argument("--contact-url", help="web page of the contact point (a contact form)")
    e.add_argument("--provenance", choices=PROVENANCE_FORMS, default="slim",
                   help="slim (default): each mention an oa:Annotation targeting a text fragment IRI "
                        "(…/dokument/{sha}#char=120,135), as stored; full: the W3C form with a "
                        "position and a quote selector (exact, prefix, suffix) per mention")
    e.add_argument("--quiet", "-q", action="store_true")
    e.set_defaults(func=cmd_export)
