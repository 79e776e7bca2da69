"""Stress test for text whose line breaks were lost (issue 10: third-party PDF converters and
document portals give a whole protocol on a few long lines): every gold-real excerpt is
evaluated as printed and again with each run of whitespace containing a line break collapsed
to one space, against the same gold. Prints both tables' per-field F1 side by side.

    python bench/flat_stress.py [GOLD_DIR]      (default ../shared/gold-real)

Not in the test suite: it measures how much of a paper graf still reads from inline cues
alone; the tests pin the layouts with invented papers.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

from graf.eval import evaluate
from graf.settings import DEFAULT_BASE


def main(argv: list[str]) -> int:
    gold = Path(argv[0]) if argv else Path(__file__).resolve().parents[1].parent / "shared" / "gold-real"
    if not gold.is_dir():
        print(f"flat_stress: {gold} not found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        flat = Path(tmp)
        for txt in sorted(gold.glob("*.txt")):
            text = txt.read_text(encoding="utf-8")
            (flat / txt.name).write_text(re.sub(r"\s*\n\s*", " ", text), encoding="utf-8")
            g = txt.with_suffix(".gold.json")
            if g.exists():
                shutil.copy(g, flat / g.name)
        as_printed = evaluate(gold, gold, DEFAULT_BASE)
        flattened = evaluate(flat, flat, DEFAULT_BASE)
    print(f"{'field':<20}{'as printed':>12}{'flattened':>12}")
    for name, score in as_printed.total().items():
        print(f"{name:<20}{score.f1:>12.3f}{flattened.total()[name].f1:>12.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
