"""Command line: argument parsing, progress and exit codes — no pipeline logic here.

Exit codes (../shared/contract.md): 0 success, 1 validation failed / nothing conforms,
2 bad usage or unreadable input (one-line reason on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from graf import __version__
from graf import settings
from graf.errors import GrafError, InputError, UsageError
from graf.settings import base_iri

DEFAULT_STORE = "graf-store"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line + usage hint, exit 2
        self.exit(2, f"graf: error: {message} (see 'graf {self.prog.split()[-1]} --help')\n"
                  if " " in self.prog else f"graf: error: {message} (see 'graf --help')\n")


# ----------------------------------------------------------------------------- build


def _raw_sha256(path: str) -> str | None:
    import hashlib

    try:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()
    except OSError:
        return None


def _under(path: str, roots: list[Path]) -> bool:
    p = Path(path)
    return any(p == r or r in p.parents for r in roots)


def cmd_build(args: argparse.Namespace) -> int:
    """Stream papers through the pipeline into the output file and/or the embedded store.

    With a store and no --out the build is incremental: papers whose bytes are unchanged since
    the last build are skipped, changed ones replace their named graph, and papers that
    disappeared from the given folders are removed.
    """
    from graf.pipeline import iter_build, stderr_progress
    from graf.sources import list_inputs

    base = base_iri(args.base)
    files = [str(Path(f).resolve()) for f in list_inputs(args.inputs)]
    if not files:
        raise InputError(", ".join(args.inputs), "no .txt .md .html .pdf files found")
    show_progress = args.progress or (len(files) > 1 and sys.stderr.isatty() and not args.quiet)
    progress = stderr_progress if show_progress else None
    use_store = bool(args.store) or not args.out
    store = file_sink = None
    counts = {"added": 0, "updated": 0, "unchanged": 0, "removed": 0}
    failures: list[tuple[str, str]] = []
    nonconforming: list[str] = []
    n_triples = 0
    try:
        if use_store:
            from graf.store import Store

            store = Store(args.store or DEFAULT_STORE)
            store.drop_orphans()
        if args.out:
            from graf.export import PaperFileWriter

            file_sink = PaperFileWriter(args.out)
        manifest = store.manifest() if store is not None else {}
        from graf.pipeline import builder_fingerprint

        builder = builder_fingerprint()
        todo = []
        for f in files:
            entry = manifest.get(f)
            if (file_sink is None and entry and entry.get("base") == base
                    and entry.get("builder") == builder
                    and entry.get("raw_sha256") == _raw_sha256(f)):
                counts["unchanged"] += 1
                if progress:
                    progress(counts["unchanged"], len(files), f, "unchanged")
                continue
            todo.append(f)
        workers = args.workers
        if workers is None:
            workers = min(2, os.cpu_count() or 1) if len(todo) >= 8 else 1
        if workers < 1:
            raise UsageError("--workers must be at least 1")
        from graf.store import BackgroundWriter

        # a Turtle file alone: the workers render each paper's own triples as Turtle directly
        own_as_turtle = store is None and Path(args.out).suffix.lower() == ".ttl"

        # Store and file writes run on background threads, overlapping the next papers' work.
        # papers go into the store 8 at a time (or fewer at the end): one bulk load and one
        # manifest commit per batch; an interrupted build loses at most the batch under way
        store_writer = (BackgroundWriter(store.put_paper, depth=8, write_batch=store.put_papers, min_batch=8)
                        if store is not None else None)
        file_writer = None
        if file_sink is not None:
            from graf.graph.iri import Minter

            minter = Minter(base)

            def write_to_file(triples, text_sha256: str) -> None:
                file_sink.add_paper(triples.split_ntriples(minter.document(text_sha256), own_as_turtle),
                                    minter.paper_graph(text_sha256))

            file_writer = BackgroundWriter(write_to_file)
        try:
            for path, processed, status in iter_build(todo, base, workers=workers, progress=progress,
                                                      own_as_turtle=own_as_turtle):
                if processed is None:
                    failures.append((path, status))
                    continue
                src = processed.source
                n_triples += len(processed.triples)
                if args.validate:
                    from graf.validate import validate

                    report = validate(processed.graph)
                    if not report.conforms:
                        nonconforming.append(path)
                        print(f"== {path}\n{report.text}")
                if file_writer is not None:
                    file_writer.write(processed.triples, src.sha256)
                if store_writer is not None:
                    counts["updated" if path in manifest else "added"] += 1
                    store_writer.write(path, src.raw_sha256, src.sha256, processed.triples, base, builder)
        except BaseException:
            for writer in (store_writer, file_writer):
                if writer is not None:
                    writer.close(abort=True)
            raise
        for writer in (store_writer, file_writer):
            if writer is not None:
                writer.close()
        if store is not None:
            roots = [Path(r).resolve() for r in args.inputs]
            current = set(files)
            for path in list(store.manifest()):
                if path not in current and _under(path, roots):
                    store.drop_paper(path)
                    counts["removed"] += 1
        for path, reason in failures:
            print(f"graf: skipped {path}: {reason}", file=sys.stderr)
        built = len(todo) - len(failures)
        if built == 0 and counts["unchanged"] == 0:
            raise InputError(", ".join(args.inputs), "no paper could be read")
        written = []
        if file_sink is not None:
            file_sink.commit()
            file_sink = None
            written.append(str(args.out))
        if store is not None:
            written.append(f"store {store.path}")
            if not args.quiet:
                print("store: " + ", ".join(f"{v} {k}" for k, v in counts.items()), file=sys.stderr)
        if not args.quiet:
            print(f"built {built} paper(s), {n_triples} triples -> {', '.join(written)}"
                  + (f"; {len(failures)} skipped" if failures else ""), file=sys.stderr)
    finally:
        if store is not None:
            store.close()
        if file_sink is not None:
            file_sink.abort()  # an error or Ctrl-C before the commit: the old file stays
    if args.validate:
        if nonconforming:
            print(f"{len(nonconforming)} paper(s) do not conform")
            return 1
        print("all papers conform to the shapes")
    if failures and args.strict:
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
    from graf.store import format_results, run_query

    from graf.resources import read_query

    text = read_query(args.query)
    bindings = _parse_bindings(args.param)
    if args.endpoint:
        from graf.remote import query_endpoint

        variables, rows = query_endpoint(args.endpoint, text, bindings, timeout=args.timeout)
    elif args.data:
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
    from graf.validate import validate

    from graf.export import read_graph

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
    from graf.show import render_html

    from graf.pipeline import process_source
    from graf.sources import read_file

    processed = process_source(read_file(args.paper), base_iri(args.base))
    html = render_html(processed)
    if args.html:
        from graf.export import atomic_write_text

        atomic_write_text(Path(args.html), html)
        print(f"wrote {args.html}", file=sys.stderr)
    else:
        sys.stdout.write(html)
    return 0


# ----------------------------------------------------------------------------- parser


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="graf", description="Swedish municipal committee papers -> linked-data graph")
    parser.add_argument("--version", action="version", version=f"graf {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    b = sub.add_parser("build", help="read papers and build the graph")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (.txt .md .html .pdf)")
    b.add_argument("--out", help="write the graph to a file (.ttl .jsonld .nt .nq .trig)")
    b.add_argument("--store", help=f"embedded store folder (default ./{DEFAULT_STORE} when no --out)")
    b.add_argument("--base", help="IRI prefix for minted resources")
    b.add_argument("--validate", action="store_true", help="validate the result with the SHACL shapes")
    b.add_argument("--strict", action="store_true", help="exit 2 when any input could not be read")
    b.add_argument("--progress", action="store_true", help="print one line per paper")
    b.add_argument("--workers", type=int, default=None,
                   help="worker processes (default: one per core, at most 2, for 8 or more papers)")
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
    q.add_argument("--timeout", type=float, default=30.0, help="seconds, for --endpoint")
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

    from graf import cli_publish

    cli_publish.add_commands(sub)
    return parser


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
    except Exception as exc:
        if settings.debug():
            raise
        print(f"graf: internal error: {type(exc).__name__}: {exc} (set {settings.DEBUG.name}=1 for details)",
              file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
