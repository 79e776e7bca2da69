"""PDF reader: the text layer, page by page (pypdf). Scanned PDFs without a text layer are
reported, not silently turned into empty papers."""

from __future__ import annotations

import io
import logging

from graf.errors import InputError


def pdf_text(data: bytes, shown_path: str) -> str:
    return pdf_read(data, shown_path)[0]


def pdf_read(data: bytes, shown_path: str) -> tuple[str, tuple[str, ...]]:
    """The text layer and a warning for each page without one ("PDF page 3 without text
    layer": a scanned page inside a typed paper, whose §§ graf cannot read)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
        raise InputError(shown_path, "PDF support needs the pypdf package") from exc
    # pypdf logs recoverable damage as warnings; graf reports damage itself.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # an owner password alone (print/copy restrictions) opens with the empty user
            # password; AES needs the cryptography package (a dependency)
            try:
                opened = reader.decrypt("")
            except Exception as exc:
                raise InputError(shown_path, f"encrypted PDF that graf cannot open ({exc})") from exc
            if not opened:
                raise InputError(shown_path, "encrypted; needs a password")
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise InputError(shown_path, f"damaged or truncated PDF ({type(exc).__name__})") from exc
    except Exception as exc:  # pypdf raises assorted errors on hostile files
        raise InputError(shown_path, f"unreadable PDF ({type(exc).__name__})") from exc
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise InputError(shown_path, "PDF has no text layer (scanned?); graf does not OCR")
    warnings = tuple(f"PDF page {i} without text layer" for i, page in enumerate(pages, 1) if not page.strip())
    return text, warnings
