"""graf installs like a Python package: a wheel (not only an editable install) carries
queries/, shapes/ and ontology/, and the README's main command runs from it, outside the
source tree. The wheel's dependencies are those of the test environment (its site-packages
is put on the new environment's path), so the test needs no network beyond what pip's cache
and build isolation already hold.

The wheel is built as pip builds it in isolation -- the backend named in pyproject.toml, in
an interpreter that sees the standard library and the declared build requirements and nothing
else -- but from the copies of those requirements installed here (the test extra holds them),
instead of installing them afresh into a new environment, which cost most of this test's time.
Where the installed ones do not satisfy the declaration, pip builds it with its own isolation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(cmd: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def _link_build_requirements(requires: list[str], folder: Path) -> bool:
    """Link into ``folder`` the installed distributions that ``requires`` names and, in turn,
    what they require: the path an isolated build sees. False when one is not installed or its
    version does not satisfy the requirement."""
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    folder.mkdir(parents=True, exist_ok=True)
    todo, linked = [Requirement(r) for r in requires], set()
    while todo:
        requirement = todo.pop()
        try:
            dist = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            return False
        if not requirement.specifier.contains(dist.version, prereleases=True):
            return False
        if canonicalize_name(requirement.name) in linked:
            continue
        linked.add(canonicalize_name(requirement.name))
        for top in {f.parts[0] for f in dist.files or () if f.parts[0] != ".."}:  # not its scripts
            if not (folder / top).exists():
                (folder / top).symlink_to(Path(str(dist.locate_file(top))))
        extras = {"", *requirement.extras}
        for needed in map(Requirement, dist.requires or ()):
            if needed.marker is None or any(needed.marker.evaluate({"extra": e}) for e in extras):
                todo.append(needed)
    return True


def _build_wheel_from_installed_requirements(src: Path, dist: Path, work: Path) -> Path | None:
    """The wheel built by the declared backend (PEP 517, through pyproject_hooks as pip and
    build call it) in an interpreter without site-packages (-S) whose path holds only the
    declared build requirements and those the backend asks for; None where the installed
    distributions do not satisfy them."""
    from pyproject_hooks import BuildBackendHookCaller, BuildBackendWarning

    system = tomllib.loads((src / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    overlay = work / "build-env"
    if not _link_build_requirements(system["requires"], overlay):
        return None

    def runner(cmd, cwd=None, extra_environ=None):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and k != "VIRTUAL_ENV"}
        env.update(extra_environ or {})
        env["PYTHONPATH"] = str(overlay)
        done = subprocess.run([cmd[0], "-S", *cmd[1:]], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr

    hooks = BuildBackendHookCaller(str(src), system["build-backend"], system.get("backend-path"), runner=runner,
                                   python_executable=sys.executable)
    with warnings.catch_warnings():  # the backend's deprecation notes, which pip's build prints and drops
        warnings.simplefilter("ignore", BuildBackendWarning)
        if not _link_build_requirements(hooks.get_requires_for_build_wheel(), overlay):
            return None
        dist.mkdir()
        return dist / hooks.build_wheel(str(dist))


def test_wheel_carries_resources_and_runs_the_readme_command(tmp_path):
    src = tmp_path / "src"  # a copy of the tracked tree: the build writes no files into the checkout
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info", "graf-store",
                                                              "__pycache__", ".pytest_cache", ".mypy_cache"))
    wheel = _build_wheel_from_installed_requirements(src, tmp_path / "dist", tmp_path)
    if wheel is None:  # pip's own isolation: a new environment with the requirements installed
        built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "pip-dist"),
                      str(src)], cwd=tmp_path)
        if built.returncode != 0 and "No matching distribution" in built.stderr:
            pytest.skip(f"the build backend could not be fetched: {built.stderr.strip()[-200:]}")
        assert built.returncode == 0, built.stderr
        (wheel,) = (tmp_path / "pip-dist").glob("graf-*.whl")
    assert wheel.name.startswith("graf-") and wheel.suffix == ".whl"

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
