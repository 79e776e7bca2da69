"""Cells of the CSV/TSV answers graf writes (`graf query --format csv`, the endpoint's text/csv).

A spreadsheet that opens a CSV evaluates a cell starting with "=", "+", "-" or "@" as a formula
(=HYPERLINK(…) phones home, =cmd|… runs a program in old Excel); a leading tab or carriage
return can hide the sign. Paper texts are written by anyone, so such a cell is prefixed with an
apostrophe, as OWASP's CSV-injection advice says — spreadsheets show it as text. Plain numbers
(-3, +4.5) are left as they are.

Sits at the bottom of the layers (imports nothing of graf): the store and the server share it.
"""

from __future__ import annotations

import re

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` as text a spreadsheet will not evaluate."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell
