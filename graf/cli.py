"""Command line: argument parsing, progress and exit codes — no pipeline logic here.

Exit codes (../shared/contract.md): 0 success, 1 validation failed / nothing conforms,
2 bad usage or unreadable input (one-line reason on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path
from typing import NoReturn

from graf import __version__, settings
from graf.errors import GrafError, InputError, UsageError
from graf.settings import DEFAULT_BUILD_CACHE, DEFAULT_STORE, base_iri
from graf.sources import display_path


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line + usage hint, exit 2
        self.exit(2, f"graf: error: {message} (see 'graf {self.prog.split()[-1]} --help')\n"
                  if " " in self.prog else f"graf: error: {message} (see 'graf --help')\n")


# ----------------------------------------------------------------------------- build


def _build_base(args: argparse.Namespace) -> str:
    """--base, else GRAF_BASE, else the base the store being built into was built with (a later
    build of the same store keeps its IRIs instead of rebuilding every paper under the
    default), else the default."""
    from graf.settings import BASE
    from graf.store import recorded_base

    if args.base or BASE.name in os.environ and os.environ[BASE.name].strip() or args.out:
        return base_iri(args.base)
    store_dir = Path(args.store or DEFAULT_STORE)
    recorded = None
    if store_dir.is_dir():
        try:
            recorded = recorded_base(store_dir=store_dir)
        except GrafError:  # several bases or an unreadable store: the build says so itself
            recorded = None
    return base_iri(recorded)


def cmd_build(args: argparse.Namespace) -> int:
    """Build the papers (graf.build_store.build_papers: incremental into a store) and report."""
    from graf.build_store import NothingBuilt, build_papers
    from graf.progress import Progress
    from graf.sources import display_path, list_inputs

    base = _build_base(args)
    skipped: list = []
    files = [str(Path(f).resolve()) for f in list_inputs(args.inputs, skipped)]
    for failure in skipped:  # FIFOs, devices, link loops: one line each, the others go on
        print(f"graf: skipped {failure.path}: {failure.reason}", file=sys.stderr)
    if not files:
        raise InputError(", ".join(args.inputs), "no .txt .md .html .pdf files found")
    # a bar on a terminal; plain lines with --progress elsewhere (logs); nothing with --quiet
    on_terminal = len(files) > 1 and sys.stderr.isatty()
    progress = None
    if not args.quiet and (on_terminal or args.progress):
        progress = Progress(len(files), bar=on_terminal and not args.progress)

    def print_report(path: str, report: str) -> None:
        print(f"== {path}\n{report}")

    try:
        summary = build_papers(args.inputs, base, out=args.out, store_dir=args.store, validate=args.validate,
                               workers=args.workers, progress=progress,
                               on_nonconforming=print_report, files=files, executor=args.executor,
                               scheduler=args.scheduler, cache_dir=args.cache, shards_dir=args.shards)
    except NothingBuilt as exc:
        for path, reason in exc.failures:
            print(f"graf: skipped {display_path(path)}: {reason}", file=sys.stderr)
        raise
    finally:
        if progress is not None:
            progress.close()
    for path, reason in summary.failures:
        print(f"graf: skipped {display_path(path)}: {reason}", file=sys.stderr)
    if not args.quiet:
        for change, paths in summary.changed.items():
            for path in paths:
                print(f"{change}: {path}", file=sys.stderr)
        if summary.store_path is not None:
            print("store: " + ", ".join(f"{v} {k}" for k, v in summary.counts.items()), file=sys.stderr)
        if summary.cache is not None:
            print(f"cache: {summary.cache['computed']} computed, {summary.cache['cached']} from the cache",
                  file=sys.stderr)
        print(f"built {summary.built} paper(s), {summary.n_triples} triples -> {', '.join(summary.written)}"
              + (f"; {len(summary.failures)} skipped" if summary.failures else ""), file=sys.stderr)
    if args.validate:
        if summary.nonconforming:
            print(f"{len(summary.nonconforming)} paper(s) do not conform")
            return 1
        print("all papers conform to the shapes")
    if summary.failures and args.strict:
        return 2
    return 0


# ----------------------------------------------------------------------------- query


def _parse_bindings(pairs: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise UsageError(f"--param takes NAME=VALUE, got {pair!r}")
        k, v = pair.split("=", 1)
        out[k.strip().lstrip("?$")] = v
    return out


def cmd_query(args: argparse.Namespace) -> int:
    from graf.remote import Scope, scoped_query, with_slice
    from graf.resources import read_query
    from graf.store import format_results, run_query

    text = read_query(args.query)
    bindings: dict[str, object] = dict(_parse_bindings(args.param))
    scope = Scope(municipality=args.municipality, committee=args.committee, date_from=args.date_from,
                  date_to=args.date_to)
    text, scope_bindings = scoped_query(text, scope)
    bindings.update(scope_bindings)
    if args.endpoint:
        from graf.remote import credentials, query_endpoint

        variables, rows = query_endpoint(args.endpoint, text, bindings, timeout=args.timeout, limit=args.limit,
                                         offset=args.offset, default_graph=args.default_graph,
                                         login=credentials(ask=args.ask_password))
    else:
        text = with_slice(text, args.limit, args.offset)
        if args.data:
            if not Path(args.data).is_file():
                raise InputError(args.data, "no such file")
            variables, rows = run_query(text, Path(args.data), bindings)  # parsed by Oxigraph
        else:
            from graf.store import Store

            store_dir = args.store or DEFAULT_STORE
            if not Path(store_dir).exists():
                raise UsageError(f"no --data, --store or --endpoint given and no store at ./{store_dir}; "
                                 "run 'graf build' first")
            with Store(store_dir, read_only=True) as store:
                variables, rows = run_query(text, store, bindings)
    sys.stdout.write(format_results(variables, rows, args.format))
    return 0


# ----------------------------------------------------------------------------- validate


def cmd_validate(args: argparse.Namespace) -> int:
    from graf.export import read_graph
    from graf.validate import validate

    report = validate(read_graph(args.graph))
    print(report.text)
    return 0 if report.conforms else 1


# ----------------------------------------------------------------------------- eval


def cmd_eval(args: argparse.Namespace) -> int:
    from graf.eval import evaluate, format_table

    result = evaluate(Path(args.gold), Path(args.docs), base=base_iri(args.base))
    if args.format == "json":
        import json

        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_table(result, per_doc=args.per_doc))
    return 0


# ----------------------------------------------------------------------------- cite


def cmd_cite(args: argparse.Namespace) -> int:
    import datetime as dt
    import json

    from graf.cite import cite_lines

    date = None
    if args.date:
        try:
            date = dt.date.fromisoformat(args.date)
        except ValueError as exc:
            raise UsageError(f"--date takes YYYY-MM-DD, got {args.date!r}") from exc
    if args.jsonl == "-":
        lines = sys.stdin
    else:
        p = Path(args.jsonl)
        if not p.exists():
            raise InputError(args.jsonl, "no such file")
        lines = p.open(encoding="utf-8", errors="replace")
    for record in cite_lines(lines, date, base_iri(args.base)):
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


# ----------------------------------------------------------------------------- show


def cmd_show(args: argparse.Namespace) -> int:
    from graf.pipeline import process_source
    from graf.show import render_html
    from graf.sources import read_file

    processed = process_source(read_file(args.paper), base_iri(args.base))
    _write_or_print(render_html(processed), args.html)
    return 0


# ----------------------------------------------------------------------------- search, report, feed


def _store_dir(args: argparse.Namespace) -> str:
    store_dir = args.store or DEFAULT_STORE
    if not Path(store_dir).exists():
        raise UsageError(f"no store at {store_dir}; run 'graf build' first (or give --store)")
    return store_dir


def _iso_date(value: str | None, option: str) -> str | None:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{option} takes YYYY-MM-DD, got {value!r}") from None


def cmd_search(args: argparse.Namespace) -> int:
    from graf.search import Filters, format_hits, search

    filters = Filters(committee=args.committee, date_from=_iso_date(args.date_from, "--from"),
                      date_to=_iso_date(args.date_to, "--to"), kind=args.kind, limit=args.limit)
    hits = search(_store_dir(args), args.text, filters)
    if args.format == "json":
        import json
        from dataclasses import asdict

        print(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=2))
    else:
        bold = sys.stdout.isatty()
        sys.stdout.write(format_hits(hits, "\033[1m" if bold else "[", "\033[0m" if bold else "]"))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from graf.report import format_reports, paper_reports

    if args.data:
        if not Path(args.data).is_file():
            raise InputError(args.data, "no such file")
        reports = paper_reports(Path(args.data))
    else:
        from graf.store import Store

        with Store(_store_dir(args), read_only=True) as store:
            reports = paper_reports(store)
    sys.stdout.write(format_reports(reports, args.format))
    return 0


def cmd_feed(args: argparse.Namespace) -> int:
    from graf.feeds import feed_for
    from graf.search import SearchIndex, index_path
    from graf.store import Store, recorded_base

    store_dir = _store_dir(args)
    built = {}
    if index_path(store_dir).is_file():
        with SearchIndex(index_path(store_dir), read_only=True) as index:
            built = index.built_times()
    base = base_iri(args.base or recorded_base(store_dir))
    with Store(store_dir, read_only=True) as store:
        text = feed_for(store, committee=args.committee, municipality=args.municipality, statute=args.statute,
                        base=base, built=built, limit=args.limit)
    _write_or_print(text, args.out)
    return 0


def _write_or_print(text: str, out: str | None) -> None:
    """Write a command's text answer to the file ``out`` (atomically) or to standard output."""
    if out:
        from graf.export import atomic_write_text

        atomic_write_text(Path(out), text)
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.write(text)


# ----------------------------------------------------------------------------- parser


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="graf", description="Swedish municipal committee papers -> linked-data graph")
    parser.add_argument("--version", action="version", version=f"graf {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    b = sub.add_parser("build", help="read papers and build the graph")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (.txt .md .html .pdf)")
    b.add_argument("--out", help="write the graph to a file (.ttl .jsonld .nt .nq .trig)")
    b.add_argument("--store", help=f"embedded store folder (default ./{DEFAULT_STORE} when no --out)")
    b.add_argument("--base", help="IRI prefix for minted resources (default: GRAF_BASE, else the base the store was built with, else graf's)")
    b.add_argument("--validate", action="store_true", help="validate the result with the SHACL shapes")
    b.add_argument("--strict", action="store_true", help="exit 2 when any input could not be read")
    b.add_argument("--progress", action="store_true", help="print one line per paper")
    b.add_argument("--workers", type=int, default=None,
                   help="worker processes (default: one per core, at most 2, for 8 or more papers; "
                        "with --executor dask the LocalCluster's, default 2)")
    b.add_argument("--executor", choices=["local", "dask"], default="local",
                   help="local: a process pool on this machine (default); dask: Dask distributed, "
                        "one task per paper through a content-addressed cache (needs graf[dask])")
    b.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="the Dask scheduler to run on (default: a LocalCluster started here)")
    b.add_argument("--cache", metavar="DIR",
                   help=f"--executor dask: the paper-graph cache, on storage every worker sees "
                        f"(default ./{DEFAULT_BUILD_CACHE})")
    b.add_argument("--shards", metavar="DIR",
                   help="--executor dask: also write the bulk-load folder of 'graf export --shards' to DIR "
                        "(a shard per paper, the deduplicated union graph, load.sh)")
    b.add_argument("--quiet", "-q", action="store_true")
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", help="run a SPARQL query from queries/ or a .rq file")
    q.add_argument("query", help="a name in queries/ (e.g. persons) or a path to a .rq file")
    src = q.add_mutually_exclusive_group()
    src.add_argument("--data", help="graph file")
    src.add_argument("--store", help="embedded store folder")
    src.add_argument("--endpoint", help="remote SPARQL 1.1 query endpoint URL")
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    q.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="bind a query variable to a literal value (never pasted into the query text)")
    q.add_argument("--timeout", type=float, default=30.0,
                   help="seconds for the whole answer from --endpoint (every page of it)")
    q.add_argument("--limit", type=int, help="at most this many rows")
    q.add_argument("--offset", type=int, help="skip this many rows first (with an ordered query)")
    q.add_argument("--municipality", help="only meetings of this municipality (IRI or name)")
    q.add_argument("--committee", help="only meetings of this committee (IRI or name)")
    q.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="only meetings on or after")
    q.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="only meetings on or before")
    q.add_argument("--default-graph", metavar="IRI",
                   help="with --endpoint: query this graph as the default graph (the union graph "
                        "graf push names on Virtuoso)")
    q.add_argument("--ask-password", action="store_true", help="with --endpoint: prompt for the store's "
                                                              "password (else from the environment)")
    q.set_defaults(func=cmd_query)

    v = sub.add_parser("validate", help="check a graph against the SHACL shapes")
    v.add_argument("graph", help="graph file")
    v.set_defaults(func=cmd_validate)

    e = sub.add_parser("eval", help="precision / recall / F1 per field against gold files")
    e.add_argument("--gold", required=True, help="folder of *.gold.json")
    e.add_argument("--docs", required=True, help="folder of the documents the gold files name")
    e.add_argument("--format", choices=["table", "json"], default="table")
    e.add_argument("--per-doc", action="store_true", help="also print a table per document")
    e.add_argument("--base", help=argparse.SUPPRESS)
    e.set_defaults(func=cmd_eval)

    c = sub.add_parser("cite", help="recognise and link statute / report citations in JSON lines")
    c.add_argument("--jsonl", required=True, help='file with one {"id", "text"} per line, or - for stdin')
    c.add_argument("--date", help="resolve names such as SoL to the act in force on this date")
    c.add_argument("--base", help="IRI prefix for graf's own identifiers")
    c.set_defaults(func=cmd_cite)

    s = sub.add_parser("show", help="the paper's text with every recognised entity highlighted")
    s.add_argument("paper")
    s.add_argument("--html", help="write the HTML page to this file (default: stdout)")
    s.add_argument("--base", help="IRI prefix for minted resources")
    s.set_defaults(func=cmd_show)

    f = sub.add_parser("search", help="full-text search of the papers and items in a store (Swedish stemming)")
    f.add_argument("text", help='words (any inflection), "a phrase", or a prefix*')
    f.add_argument("--store", help=f"store folder (default ./{DEFAULT_STORE})")
    f.add_argument("--committee", help="only this committee (part of its name, or its IRI)")
    f.add_argument("--from", dest="date_from", metavar="DATE", help="meetings on or after YYYY-MM-DD")
    f.add_argument("--to", dest="date_to", metavar="DATE", help="meetings on or before YYYY-MM-DD")
    f.add_argument("--kind", choices=["item", "paper"], help="only items or only whole papers")
    f.add_argument("--limit", type=int, default=20, help="hits shown (default 20)")
    f.add_argument("--format", choices=["text", "json"], default="text")
    f.set_defaults(func=cmd_search)

    r = sub.add_parser("report", help="per paper: what graf read and what it did not (completeness)")
    src = r.add_mutually_exclusive_group()
    src.add_argument("--store", help=f"store folder (default ./{DEFAULT_STORE})")
    src.add_argument("--data", help="graph file")
    r.add_argument("--format", choices=["table", "json"], default="table")
    r.set_defaults(func=cmd_report)

    a = sub.add_parser("feed", help="Atom feed of the decisions of a committee, a municipality or a statute")
    which = a.add_mutually_exclusive_group(required=True)
    which.add_argument("--committee", help="committee name (or part of it) or IRI")
    which.add_argument("--municipality", help="municipality name or IRI")
    which.add_argument("--statute", help="SFS number of the act, e.g. 2001:453")
    a.add_argument("--store", help=f"store folder (default ./{DEFAULT_STORE})")
    a.add_argument("--base", help="IRI prefix for the feed's id (default: the one the store was built with)")
    a.add_argument("--limit", type=int, default=100, help="entries (default 100)")
    a.add_argument("--out", help="write the feed to this file (default: stdout)")
    a.set_defaults(func=cmd_feed)

    from graf import cli_publish

    cli_publish.add_commands(sub)
    return parser


def _disk_full(exc: OSError) -> bool:
    # pyoxigraph (RocksDB) reports it as an OSError without errno, in words
    return exc.errno in (errno.ENOSPC, errno.EDQUOT) or "No space left" in str(exc)


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except GrafError as exc:
        print(f"graf: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("graf: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if _disk_full(exc):  # the store and output files are written so that they stay intact
            target = exc.filename or getattr(args, "out", None) or getattr(args, "store", None) or "the output"
            print(f"graf: error: no space left on the device while writing {display_path(target)} "
                  "(nothing was replaced; free space and run again)", file=sys.stderr)
            return 1
        if settings.debug():
            raise
        print(f"graf: internal error: {type(exc).__name__}: {exc} (set {settings.DEBUG.name}=1 for details)",
              file=sys.stderr)
        return 3
    except Exception as exc:
        if settings.debug():
            raise
        print(f"graf: internal error: {type(exc).__name__}: {exc} (set {settings.DEBUG.name}=1 for details)",
              file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
