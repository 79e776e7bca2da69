"""mypy with a ratchet: strict and clean on the typed records, the grammar, the link stage and
the IRI minter; the rest
checked non-strict, failing when it has more errors than the committed baseline.

    .venv/bin/python .ci/mypy_ratchet.py            # check (CI, pre-commit)
    .venv/bin/python .ci/mypy_ratchet.py --update   # after fixing errors: lower the baseline

The baseline only goes down: --update refuses to raise it.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / ".ci" / "mypy-baseline"
STRICT_PATHS = ["graf/records.py", "graf/grammar", "graf/link", "graf/graph/iri.py"]
ERROR = re.compile(r"^(?P<path>[^:\s]+):\d+: error:", re.M)


def run_mypy(*args: str) -> tuple[str, list[str]]:
    """mypy's output and its error lines (the configuration is pyproject.toml's [tool.mypy])."""
    proc = subprocess.run([sys.executable, "-m", "mypy", *args], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode not in (0, 1):  # 2: mypy itself failed (bad configuration, crash)
        sys.exit(f"mypy failed to run:\n{proc.stdout}{proc.stderr}")
    return proc.stdout, [m.group(0) for m in ERROR.finditer(proc.stdout)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--update", action="store_true", help="lower the baseline to the current count")
    args = parser.parse_args()

    out, found = run_mypy("--strict", *STRICT_PATHS)
    # only the strict paths' own errors: the modules they import are checked below, non-strict
    strict_errors = [e for e in found if e.startswith(tuple(STRICT_PATHS))]
    if strict_errors:
        print(out, end="")
        print(f"mypy --strict: {len(strict_errors)} error(s) in {', '.join(STRICT_PATHS)}; none are allowed")
        return 1

    out, errors = run_mypy()
    baseline = int(BASELINE.read_text(encoding="utf-8").split()[0])
    count = len(errors)
    if args.update:
        if count > baseline:
            print(f"mypy: {count} errors is more than the baseline {baseline}; fix them instead")
            return 1
        BASELINE.write_text(f"{count}\n", encoding="utf-8")
        print(f"mypy baseline: {baseline} -> {count}")
        return 0
    if count > baseline:
        print(out, end="")
        print(f"mypy: {count} errors, more than the baseline {baseline} (.ci/mypy-baseline): "
              "fix the new ones above")
        return 1
    hint = "; lower the baseline with `.ci/mypy_ratchet.py --update`" if count < baseline else ""
    print(f"mypy: strict part clean; {count} errors elsewhere (baseline {baseline}){hint}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
