"""Settings and commands are documented where users look (README.md), and every command that
takes --base checks it with the same function."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from graf import settings
from graf.cli import make_parser
from graf.errors import UsageError

README = Path(__file__).resolve().parents[1] / "README.md"


def _readme_table_rows() -> dict[str, list[str]]:
    """README rows of the form | `NAME` | default | meaning |, by NAME."""
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 3 and re.fullmatch(r"`[A-Z_]+`", cells[0]):
            rows[cells[0].strip("`")] = cells
    return rows


def test_every_setting_is_in_the_readme_table_with_its_default():
    rows = _readme_table_rows()
    assert settings.SETTINGS, "graf.settings lists no settings"
    for setting in settings.SETTINGS:
        assert setting.name in rows, f"{setting.name} is missing from README.md's settings table"
        shown = rows[setting.name][1]
        assert shown == (f"`{setting.default}`" if setting.default else "(unset)"), (setting.name, shown)
    assert set(rows) == {s.name for s in settings.SETTINGS}, "README lists a setting graf.settings does not"


def test_settings_are_read_only_in_graf_settings():
    root = Path(settings.__file__).parent
    readers = [p.relative_to(root) for p in root.rglob("*.py")
               if p.name != "settings.py" and re.search(r"environ\S*\(\s*[\"']GRAF_", p.read_text(encoding="utf-8"))]
    assert readers == [], f"read GRAF_* through graf.settings, not directly in {readers}"


def _subcommands(parser: argparse.ArgumentParser) -> list[str]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(name for a in actions for name in a.choices)


def test_every_subcommand_is_in_the_readme():
    commands = _subcommands(make_parser())
    assert len(commands) >= 5, commands
    readme = README.read_text(encoding="utf-8")
    missing = [c for c in commands if f"`graf {c}" not in readme]
    assert missing == [], f"README.md does not document: {missing}"


def test_default_base_is_the_graph_stage_default():
    from graf.graph.iri import DEFAULT_BASE

    assert settings.DEFAULT_BASE == DEFAULT_BASE


@pytest.mark.parametrize("base", ["http://ex.org/a b/", "https://ex.org/<x>/", 'urn:x"y', "ex.org/a/"])
def test_base_iri_refuses_what_is_not_an_iri(base, monkeypatch):
    with pytest.raises(UsageError, match="--base"):
        settings.base_iri(base)
    monkeypatch.setenv(settings.BASE.name, base)  # from the environment as from --base
    with pytest.raises(UsageError, match="--base"):
        settings.base_iri(None)


def test_base_iri_default_environment_and_trailing_separator(monkeypatch):
    monkeypatch.delenv(settings.BASE.name, raising=False)
    assert settings.base_iri(None) == settings.DEFAULT_BASE
    monkeypatch.setenv(settings.BASE.name, "https://example.test/id")
    assert settings.base_iri(None) == "https://example.test/id/"
    assert settings.base_iri("urn:x:") == "urn:x:"
    assert settings.base_iri("https://example.test/a#") == "https://example.test/a#"


def test_invalid_numbers_in_the_environment(monkeypatch):
    monkeypatch.setenv(settings.MAX_MB.name, "lots")
    assert settings.max_bytes() == settings.DEFAULT_MAX_MB * 1024 * 1024
    monkeypatch.setenv(settings.MAX_MB.name, "0.5")
    assert settings.max_bytes() == 512 * 1024
    monkeypatch.setenv(settings.SERVE_MEMORY_QUADS.name, "many")
    with pytest.raises(UsageError, match=settings.SERVE_MEMORY_QUADS.name):
        settings.serve_memory_quads()


@pytest.mark.parametrize("command", ["build", "serve"])
@pytest.mark.parametrize("base", ["http://ex.org/a b/", "ftp://ex.org/"])
def test_build_and_serve_refuse_the_same_bad_base(tmp_path, graf_cli, monkeypatch, command, base):
    from graf.serve import app

    # were the base accepted, serve would return at once instead of serving (and the test fail)
    monkeypatch.setattr(app, "serve_forever", lambda server, verbose=True: server.close())
    graph = tmp_path / "g.nt"
    graph.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    args = (["build", str(graph), "--out", str(tmp_path / "o.ttl")] if command == "build"
            else ["serve", "--data", str(graph), "--port", "0"])
    r = graf_cli(*args, "--base", base)
    assert r.returncode == 2, (command, r.returncode, r.stderr)
    assert "--base" in r.stderr and r.stderr.count("\n") == 1
