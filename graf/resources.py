"""Locate the ontology, shapes and queries shipped at the repository root (or packaged under
graf/resources/ when installed from a wheel)."""

from __future__ import annotations

from pathlib import Path

from graf.errors import UsageError

_PACKAGE = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE.parent, _PACKAGE / "resources")


def _dir(name: str) -> Path:
    for root in _CANDIDATES:
        path = root / name
        if path.is_dir():
            return path
    raise UsageError(f"graf resource folder '{name}/' not found next to the graf package")


def ontology_dir() -> Path:
    return _dir("ontology")


def shapes_dir() -> Path:
    return _dir("shapes")


def queries_dir() -> Path:
    return _dir("queries")


def ontology_path() -> Path:
    return ontology_dir() / "graf.ttl"


def context_path() -> Path:
    return ontology_dir() / "context.jsonld"


def shapes_path() -> Path:
    return shapes_dir() / "graf-shapes.ttl"


def query_names() -> list[str]:
    return sorted(p.stem for p in queries_dir().glob("*.rq"))


def query_path(name_or_path: str) -> Path:
    """A path to a .rq file, or the name of one in queries/ ("persons" or "persons.rq")."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return path
    stem = path.name[:-3] if path.name.endswith(".rq") else path.name
    candidate = queries_dir() / f"{stem}.rq"
    if candidate.is_file():
        return candidate
    known = ", ".join(query_names())
    raise UsageError(f"no query '{name_or_path}' (not a file; known names: {known})")


def read_query(name_or_path: str) -> str:
    path = query_path(name_or_path)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read query {path}: {exc.strerror}") from None
