"""Every setting graf reads from the environment, with its default and meaning: the one place
they are read (README.md's table "Settings" lists the same; tests/test_settings.py checks it).

This module sits below every stage (like graf.grammar): it imports only graf.errors.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from graf.errors import UsageError

DEFAULT_BASE = "https://w3id.org/graf/id/"
DEFAULT_STORE = "graf-store"  # the embedded store's folder when a command names none
DEFAULT_BUILD_CACHE = "graf-cache"  # `graf build --executor dask`'s cache of paper graphs
DEFAULT_MAX_MB = 32
# A served store of at most this many quads is copied into each query worker's memory.
DEFAULT_SERVE_MEMORY_QUADS = 3_000_000
# How `graf export --provenance` writes the mentions' annotations: as stored (slim, a text
# fragment IRI per target) or in the full W3C form (graf.graph.provenance).
PROVENANCE_FORMS = ("slim", "full")


@dataclass(frozen=True)
class Setting:
    name: str
    default: str  # as written in the environment; "" = unset
    meaning: str

    def raw(self) -> str:
        """The environment's value, or the default when unset or blank."""
        return os.environ.get(self.name, "").strip() or self.default


BASE = Setting("GRAF_BASE", DEFAULT_BASE,
               "IRI prefix for minted resources when a command gets no `--base` (build, eval, cite, show, serve)")
MAX_MB = Setting("GRAF_MAX_MB", str(DEFAULT_MAX_MB),
                 "input files larger than this many megabytes are refused with a reason")
SERVE_MEMORY_QUADS = Setting("GRAF_SERVE_MEMORY_QUADS", str(DEFAULT_SERVE_MEMORY_QUADS),
                             "`graf serve` copies a store of at most this many quads into each query "
                             "worker's memory; 0 keeps every query on the on-disk store")
FILE_SECONDS = Setting("GRAF_FILE_SECONDS", "600",
                       "`graf build` gives up on one paper after this many seconds of reading and processing "
                       "(skipped with a reason, the others go on); 0 = no limit")
SERVE_MAX_ANSWER_MB = Setting("GRAF_SERVE_MAX_ANSWER_MB", "16",
                              "`graf serve` stops collecting an answer past about this many megabytes of values "
                              "and flags it truncated (header X-Graf-Truncated: bytes)")
SERVE_MAX_VALUE_CHARS = Setting("GRAF_SERVE_MAX_VALUE_CHARS", "100000",
                                "`graf serve` cuts a literal longer than this many characters in an answer "
                                "(header X-Graf-Values-Cut)")
SERVE_WORKER_MB = Setting("GRAF_SERVE_WORKER_MB", "1024",
                          "a `graf serve` query worker that grows by more than this many megabytes while "
                          "answering is stopped (503) and replaced; 0 = no cap")
ENDPOINT_USER = Setting("GRAF_ENDPOINT_USER", "",
                        "user name for a SPARQL store that asks for a login (`graf push`, `graf query "
                        "--endpoint`); HTTP basic or digest")
ENDPOINT_PASSWORD = Setting("GRAF_ENDPOINT_PASSWORD", "",
                            "password for `GRAF_ENDPOINT_USER` (or `--ask-password` to be prompted); "
                            "never give it on the command line or in the URL")
DEBUG = Setting("GRAF_DEBUG", "",
                "any non-empty value: an internal error raises with its traceback instead of one line")

SETTINGS: tuple[Setting, ...] = (BASE, MAX_MB, FILE_SECONDS, SERVE_MEMORY_QUADS, SERVE_MAX_ANSWER_MB, SERVE_MAX_VALUE_CHARS,
                                 SERVE_WORKER_MB, ENDPOINT_USER, ENDPOINT_PASSWORD, DEBUG)


def debug() -> bool:
    return bool(DEBUG.raw())


def max_bytes() -> int:
    """The input size limit in bytes (a value that is not a number falls back to the default)."""
    try:
        return int(float(MAX_MB.raw()) * 1024 * 1024)
    except ValueError:
        return DEFAULT_MAX_MB * 1024 * 1024


def serve_memory_quads() -> int:
    value = SERVE_MEMORY_QUADS.raw()
    try:
        quads = int(value)
    except ValueError:
        raise UsageError(f"{SERVE_MEMORY_QUADS.name} must be a whole number, not {value!r}") from None
    if quads < 0:
        raise UsageError("the in-memory quad limit must be 0 or more")
    return quads


def _non_negative(setting: Setting) -> float:
    value = setting.raw()
    try:
        number = float(value)
    except ValueError:
        raise UsageError(f"{setting.name} must be a number, not {value!r}") from None
    if number < 0:
        raise UsageError(f"{setting.name} must be 0 or more")
    return number


def file_seconds() -> float:
    return _non_negative(FILE_SECONDS)


def serve_max_answer_bytes() -> int:
    return max(1024, int(_non_negative(SERVE_MAX_ANSWER_MB) * 1024 * 1024))


def serve_max_value_chars() -> int:
    return max(1, int(_non_negative(SERVE_MAX_VALUE_CHARS)))


def serve_worker_bytes() -> int:
    """0 = no cap."""
    return int(_non_negative(SERVE_WORKER_MB) * 1024 * 1024)


_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')


def base_iri(value: str | None = None) -> str:
    """The IRI prefix for minted resources: ``value`` (a `--base` option), else GRAF_BASE, else
    DEFAULT_BASE; refused unless it is an absolute IRI without characters IRIs may not hold
    (every command that takes --base checks it here, so what build refuses serve refuses);
    ends with "/", "#" or ":" so minted paths append cleanly."""
    base = value or BASE.raw()
    if not base.startswith(("http://", "https://", "urn:")):
        raise UsageError(f"--base must be an absolute IRI (http://, https:// or urn:), got {base!r}")
    if _NOT_IN_IRI.search(base):
        raise UsageError(f"--base must be an IRI without spaces or any of <>\"{{}}|\\^`, got {base!r}")
    if not base.endswith(("/", "#", ":")):
        base += "/"
    return base
