"""graf installs like a Python package: a wheel (not only an editable install) carries
queries/, shapes/ and ontology/, and the README's main command runs from it, outside the
source tree. The wheel's dependencies are those of the test environment (its site-packages
is put on the new environment's path), so the test needs no network beyond what pip's cache
and build isolation already hold."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(cmd: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def test_wheel_carries_resources_and_runs_the_readme_command(tmp_path):
    src = tmp_path / "src"  # a copy of the tracked tree: the build writes no files into the checkout
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info", "graf-store",
                                                              "__pycache__", ".pytest_cache", ".mypy_cache"))
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(src)],
                 cwd=tmp_path)
    if built.returncode != 0 and "No matching distribution" in built.stderr:
        pytest.skip(f"the build backend could not be fetched: {built.stderr.strip()[-200:]}")
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("graf-*.whl")

    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    new_site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         cwd=tmp_path).stdout.strip())
    # the dependencies come from this environment's site-packages, after the wheel's own files
    (new_site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    installed = _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
                      str(wheel)], cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr

    work = tmp_path / "work"  # outside the source tree, so only the wheel's files can be found
    work.mkdir()
    shutil.copytree(ROOT / "examples", work / "examples")
    where = _run([str(python), "-c", "import graf.resources as r; print(r.queries_dir())"], cwd=work)
    assert str(new_site) in where.stdout, (where.stdout, where.stderr)
    graf = [str(python), "-m", "graf.cli"]
    build = _run([*graf, "build", "examples", "--validate"], cwd=work)
    assert build.returncode == 0, build.stdout + build.stderr
    assert "all papers conform" in build.stdout
    query = _run([*graf, "query", "items"], cwd=work)
    assert query.returncode == 0, query.stderr
    assert "rows)" in query.stdout and not query.stdout.startswith("(0 rows)")
