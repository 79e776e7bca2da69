"""Output-equivalence check for refactorings: build every paper of ../shared (seeds, gold-real
excerpts, whole real protocols), the invented held-out sets and examples in this repository, and write each paper's graph as sorted N-Quads into a folder, so
two runs (before / after a change) can be compared file by file with ``diff -r``.

    python bench/equivalence.py OUT_DIR
    diff -r BEFORE_DIR AFTER_DIR && echo identical
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def papers() -> list[Path]:
    out: list[Path] = []
    for sub, patterns in (("seeds", ("*",)), ("gold-real", ("*.txt",)), ("real", ("*.pdf", "*.md"))):
        for pattern in patterns:
            out += sorted(p for p in (SHARED / sub).glob(pattern) if p.name != "README.md")
    # the repository's own invented papers: layouts the shared ones do not have
    for folder in (ROOT / "tests" / "heldout", ROOT / "tests" / "heldout2", ROOT / "examples"):
        out += sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name not in ("README.md", "BASELINE.md"))
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python bench/equivalence.py OUT_DIR", file=sys.stderr)
        return 2
    if not SHARED.is_dir():
        print(f"equivalence: {SHARED} not found", file=sys.stderr)
        return 2
    from graf.pipeline import process_source
    from graf.sources import read_file

    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    base = "https://w3id.org/graf/id/"
    for path in papers():
        processed = process_source(read_file(path), base)
        lines = sorted(set(processed.graph.serialize(format="nt").splitlines()))
        (out / f"{path.parent.name}__{path.name}.nt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{path.parent.name}/{path.name}: {len(lines)} triples")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
