"""Build the downloadable dumps in a process of their own, ahead of the first request.

The server starts this when it starts: the export of a large graph takes minutes of CPU and
memory that must not stall the HTTP server's threads nor sit under a lock a request waits on.
Files are written under a temporary name and renamed, so a dump that exists is complete.

    python -m graf.serve.dumps OUT_DIR (--data FILE | --store DIR)
"""

from __future__ import annotations

import sys
from pathlib import Path


def build(out_dir: str, data: str | None, store_dir: str | None) -> None:
    from graf import publish

    final = Path(out_dir)
    staging = final / ".building"
    staging.mkdir(parents=True, exist_ok=True)
    quads = publish.open_source(data, store_dir)
    publish.export(quads, staging, publish.CatalogInfo(download_base=None))
    for path in staging.iterdir():
        path.replace(final / path.name)
    staging.rmdir()


def main(argv: list[str]) -> int:
    out_dir, flag, source = argv
    try:
        build(out_dir, source if flag == "--data" else None, source if flag == "--store" else None)
    except Exception as exc:  # the server reports it on the dump request
        (Path(out_dir) / "FAILED").write_text(f"{type(exc).__name__}: {exc}\n", encoding="utf-8")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
