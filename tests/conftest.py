"""Fixtures every test module may use: the shared data beside the checkout, and the command
line run in this process.

Running ``graf`` in a subprocess costs a new interpreter and a fresh spaCy pipeline per call
(about a second each); in process the pipeline is loaded once per test session. A few tests
in test_cli.py still start the real entry point, for its exit codes and stderr.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the calling test when it is not there (the shared data
    is read at run time only, never copied into the repository)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (the shared data lives beside the checkout, in ../shared)")
    return path


@pytest.fixture(scope="session")
def shared() -> Callable[..., Path]:
    """``shared("gold")`` is ../shared/gold, or the test skips with the reason."""
    return shared_path


@dataclass(frozen=True)
class CliResult:
    """What a command-line run produced (named like subprocess.CompletedProcess's fields)."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _environment(cwd: Path | None, env: dict[str, str] | None, stdin: str | None) -> Iterator[None]:
    old_cwd = os.getcwd()
    old_env = {k: os.environ.get(k) for k in env or {}}
    old_stdin = sys.stdin
    try:
        if cwd is not None:
            os.chdir(cwd)
        os.environ.update(env or {})
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        yield
    finally:
        sys.stdin = old_stdin
        for k, v in old_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        os.chdir(old_cwd)


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None,
            env: dict[str, str] | None = None) -> CliResult:
    """``graf ARGS`` through graf.cli.main in this process: stdout, stderr and the exit code
    (argparse's SystemExit included), as the real entry point would give them."""
    from graf.cli import main

    out, err = io.StringIO(), io.StringIO()
    with _environment(cwd, env, stdin), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            if exc.code is None or isinstance(exc.code, int):
                code = exc.code or 0
            else:  # sys.exit("message"): Python prints the message and exits 1
                print(exc.code, file=sys.stderr)
                code = 1
    return CliResult(int(code), out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def graf_cli() -> Callable[..., CliResult]:
    """``graf_cli("build", folder, "--out", path)`` runs the command line in this process."""
    return run_cli


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes ``seed_gold_path`` runs once per ../shared/gold/*.gold.json (the four
    seed papers' gold files), or skips once with the reason when the shared data is absent."""
    if "seed_gold_path" in metafunc.fixturenames:
        golds = sorted((SHARED / "gold").glob("*.gold.json"))
        params = golds or [pytest.param(None, marks=pytest.mark.skip(
            reason=f"{SHARED / 'gold'} not present (the shared data lives beside the checkout)"))]
        metafunc.parametrize("seed_gold_path", params, ids=lambda p: p.name if p else "absent")
