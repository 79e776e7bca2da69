"""Each paper file read, and run through the pipeline, once per test process.

Four modules check the six whole real protocols in ../shared/real from different sides (items,
motions, people, registry numbers); reading one of the PDFs costs about half a second of CPU,
so they share one read per file and one pipeline run per (file, base). Sources are frozen
records, and the tests only query the processed graphs, never change them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from graf.pipeline import process_source
from graf.sources import read_file


def read_once(path: str | Path):
    """graf.sources.read_file(path), read at most once per process."""
    return _read(str(Path(path).resolve()))


def processed_once(path: str | Path, base: str):
    """graf.pipeline.process_source of the paper at path with this base, at most once per process."""
    return _processed(str(Path(path).resolve()), base)


@cache
def _read(path: str):
    return read_file(path)


@cache
def _processed(path: str, base: str):
    return process_source(_read(path), base)
