"""Publishing commands (serve, push, export) — registered on the main parser by graf.cli.

Argument handling and messages only; the work is in graf.serve, graf.remote and graf.publish.
"""

from __future__ import annotations

import argparse
import sys

from graf.errors import UsageError
from graf.settings import base_iri


def cmd_serve(args: argparse.Namespace) -> int:
    from graf.serve.app import make_server, serve_forever

    server = make_server(data=args.data, store_dir=args.store, host=args.host, port=args.port,
                         base=base_iri(args.base), timeout=args.timeout, max_rows=args.max_rows,
                         workers=args.workers)
    print(f"graf: serving {args.data or args.store} at {server.url}/ (SPARQL: {server.url}/sparql; "
          f"IRIs under {server.config.base}); Ctrl-C stops", file=sys.stderr, flush=True)
    serve_forever(server, verbose=not args.quiet)
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from graf import publish
    from graf.remote import push_graphs

    quads = publish.open_source(args.data, args.store)
    if args.graph_per_paper:
        graphs = [(g.iri, g.triples) for g in publish.paper_graphs(quads)]
    else:
        graphs = [(args.graph or None, list(publish.merged_triples(quads)))]
    progress = None
    if not args.quiet and len(graphs) > 1:
        from graf.progress import Progress

        progress = Progress(len(graphs), unit="graph")

    def reporting(graphs):
        for i, (iri, triples) in enumerate(graphs, 1):
            yield iri, triples
            if progress is not None:  # the generator resumes once the graph is pushed
                progress(i, len(graphs), iri or "default graph", "pushed")

    try:
        done = push_graphs(args.endpoint, reporting(graphs), timeout=args.timeout, method=args.method)
    finally:
        if progress is not None:
            progress.close()
    if not args.quiet:
        n = sum(len(t) for _, t in graphs)
        how = sorted({h for _, h in done})
        where = f"{len(done)} named graph(s)" if args.graph_per_paper else (
            f"graph <{args.graph}>" if args.graph else "the default graph")
        print(f"pushed {n} triples into {where} at {args.endpoint} ({', '.join(how)})", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from graf import publish

    if args.graph and args.store:
        raise UsageError("give a GRAPH file or --store DIR, not both")
    quads = publish.open_source(args.graph, args.store)
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
        info.dataset_iri = info.download_base + "dcat.ttl#dataset"
    written = publish.export(quads, args.out_dir, info)
    if not args.quiet:
        for path in written:
            print(f"wrote {path}", file=sys.stderr)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("serve", help="serve the graph: SPARQL endpoint and dereferenceable IRIs")
    src = s.add_mutually_exclusive_group(required=True)
    src.add_argument("--data", help="graph file (.ttl .nt .nq .trig .jsonld)")
    src.add_argument("--store", help="embedded store folder (graf build --store)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--base", help="IRI prefix of the minted resources (default graf's base); "
                                  "a request path P answers for BASE+P")
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
                   help="one named graph per source paper, each replaced on its own (query the store "
                        "with its union default graph, e.g. oxigraph serve --union-default-graph)")
    p.add_argument("--graph", help="push into this named graph instead of the default graph")
    p.add_argument("--method", choices=["auto", "gsp", "update"], default="auto",
                   help="Graph Store Protocol, SPARQL Update, or GSP falling back to Update (default)")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    p.add_argument("--quiet", "-q", action="store_true")
    p.set_defaults(func=cmd_push)

    e = sub.add_parser("export", help="write dumps (Turtle, N-Quads, framed JSON-LD) and a DCAT description")
    e.add_argument("graph", nargs="?", help="graph file")
    e.add_argument("--store", help="embedded store folder instead of a file")
    e.add_argument("--out-dir", required=True, help="folder for graf.ttl graf.nq graf.jsonld dcat.ttl")
    e.add_argument("--title", help="dct:title of the dataset")
    e.add_argument("--publisher", help="foaf:name of the publishing organisation")
    e.add_argument("--publisher-iri", help="IRI of the publisher (e.g. the municipality)")
    e.add_argument("--license", help="licence IRI (default CC0 1.0)")
    e.add_argument("--download-base", help="URL the files will be published under (dcat:downloadURL)")
    e.add_argument("--quiet", "-q", action="store_true")
    e.set_defaults(func=cmd_export)
