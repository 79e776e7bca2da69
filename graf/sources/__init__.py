"""Readers: files (.txt .md .html .pdf) -> ``Source`` records with normalised text.

The reading stage is the only one that knows file formats. Everything downstream works on
``Source.text`` with character offsets into it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graf import settings
from graf.errors import InputError
from graf.records import Source
from graf.sources.normalise import NotText, decode, join_hyphenated, normalise_text

# Extension -> media type. Files with other extensions inside a folder are skipped; a file
# named explicitly is read whatever its name (its content decides).
MEDIA_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
    ".pdf": "application/pdf",
}

# A file larger than settings.max_bytes() is refused with a clear reason rather than risking
# memory exhaustion: real protocols are well under 5 MB of text. GRAF_MAX_MB raises the limit.


@dataclass(frozen=True)
class ReadFailure:
    """A file that could not be read; the build goes on with the others."""

    path: str
    reason: str


def source_from_text(text: str, path: str = "<text>", media_type: str = "text/plain") -> Source:
    """Wrap text held in memory as a Source, normalised as the readers do."""
    raw = hashlib.sha256(text.encode("utf-8")).hexdigest()
    norm = normalise_text(text)
    digest = hashlib.sha256(norm.encode("utf-8")).hexdigest()
    return Source(path=path, text=norm, sha256=digest, raw_sha256=raw, media_type=media_type)


def sniff_media_type(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF"):
        return "application/pdf"
    if suffix in MEDIA_TYPES and MEDIA_TYPES[suffix] != "application/pdf":
        return MEDIA_TYPES[suffix]
    if suffix == ".pdf":
        return "application/pdf"  # a broken PDF is still reported as one
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "text/html"
    return "text/plain"


def display_path(path: str | os.PathLike[str]) -> str:
    """A file name as text that can always be printed and stored: bytes that are not UTF-8
    (a Windows zip's å/ä/ö in cp437 or cp1252) come back from the OS as lone surrogates, which
    no UTF-8 output accepts; they are shown as U+FFFD instead."""
    text = os.fspath(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _kind_of(mode: int) -> str | None:
    """Why a file of this mode is not read (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    if stat.S_ISDIR(mode):
        return "is a folder (use read_inputs for folders)"
    return "is not a regular file"


def _read_limited(p: Path, shown: str, limit: int) -> bytes:
    """The bytes of a regular file, never more than ``limit``: opened without blocking (a FIFO
    swapped in after listing cannot hang the build), checked on the open descriptor (no race
    with a link that is changed meanwhile) and read up to the limit whatever stat said (a
    growing file, or a link to /dev/zero)."""
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise InputError(shown, _os_reason(exc)) from exc
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(f.fileno()).st_mode
        if (why := _kind_of(mode)) is not None:
            raise InputError(shown, why)
        try:
            data = f.read(limit + 1)
        except OSError as exc:
            raise InputError(shown, _os_reason(exc)) from exc
    if len(data) > limit:
        raise InputError(shown, f"too large (more than {limit / (1024 * 1024):.0f} MB; set "
                                f"{settings.MAX_MB.name} to raise the limit)")
    return data


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read: {exc.strerror or exc}"


def read_file(path: str | os.PathLike[str]) -> Source:
    """Read one paper. Raises InputError with a one-line reason when it cannot."""
    p = Path(path)
    shown = display_path(path)
    try:
        st = p.stat()
    except OSError as exc:
        raise InputError(shown, _os_reason(exc)) from exc
    except RuntimeError as exc:  # pathlib's own loop detection
        raise InputError(shown, "symbolic link loop") from exc
    if (why := _kind_of(st.st_mode)) is not None:
        raise InputError(shown, why)
    limit = settings.max_bytes()
    size = st.st_size
    if size > limit:
        raise InputError(shown, f"too large ({size / (1024 * 1024):.0f} MB; the limit is "
                                f"{limit / (1024 * 1024):.0f} MB, set {settings.MAX_MB.name} to raise it)")
    data = _read_limited(p, shown, limit)
    if not data.strip():
        raise InputError(shown, "empty file")
    media_type = sniff_media_type(p, data)
    warnings: list[str] = []
    if media_type == "application/pdf":
        from graf.sources.pdf import pdf_read

        text, page_warnings = pdf_read(data, shown)
        warnings.extend(page_warnings)
        text = join_hyphenated(text)
    else:
        try:
            text, encoding = decode(data)
        except NotText as exc:
            raise InputError(shown, str(exc)) from exc
        if encoding not in ("utf-8", "utf-8-sig"):
            warnings.append(f"decoded as {encoding}")
        if media_type == "text/html":
            from graf.sources.html import html_text

            text = html_text(text)
    text = normalise_text(text)
    if not text.strip():
        raise InputError(shown, "no text in file")
    return Source(
        path=shown,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        raw_sha256=hashlib.sha256(data).hexdigest(),
        media_type=media_type,
        warnings=tuple(warnings),
    )


def list_inputs(paths: Iterable[str | os.PathLike[str]],
                skipped: list[ReadFailure] | None = None) -> list[Path]:
    """Expand folders recursively (known extensions only, hidden files skipped), keep files
    named explicitly, sorted so that builds are deterministic. Missing paths raise InputError.
    Entries that are not regular files — named pipes, devices, sockets, broken links and link
    loops — are left out, each added to ``skipped`` (when given) with its reason; folder links
    are not followed, so a link back up the tree cannot loop."""
    found: list[Path] = []

    def consider(fp: Path) -> None:
        try:
            why = _kind_of(fp.stat().st_mode)
        except OSError as exc:
            why = _os_reason(exc)
        if why is None:
            found.append(fp)
        elif skipped is not None:
            skipped.append(ReadFailure(display_path(fp), why))

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    fp = Path(root) / name
                    if fp.suffix.lower() in MEDIA_TYPES:
                        consider(fp)
        elif p.exists() or p.is_symlink():
            consider(p)
        else:
            raise InputError(str(raw), "no such file or folder")
    unique = sorted(set(found), key=lambda q: str(q))
    return unique


def read_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Source | ReadFailure]:
    """Read every paper under ``paths``; unreadable files come back as ReadFailure so that a
    folder with one bad file still yields all the good ones."""
    skipped: list[ReadFailure] = []
    files = list_inputs(paths, skipped)
    yield from skipped
    for p in files:
        try:
            yield read_file(p)
        except InputError as exc:
            yield ReadFailure(display_path(p), exc.reason)
