"""The Markdown a paper's text keeps when it was read from Markdown (headings, emphasis, table
pipes, escapes; offsets into ``Source.text`` count them), and the same text as a reader should
see it. The pages and the search passages show text through ``plain_text``."""

from __future__ import annotations

import re

# Markdown a paper's text was read from (headings, emphasis, table pipes, escapes): readers see
# the words, not the markup
_MD_HEADING = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+")
_MD_EMPHASIS = re.compile(r"(?<![\w*_])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_])[*_]{1,3}(?![\w*_])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_MD_RULE = re.compile(r"(?m)^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$\n?")
_MD_PIPES = re.compile(r"[ \t]*\|[ \t]*")


def plain_text(text: str | None, strip: bool = True) -> str:
    """A text as a reader should see it: without Markdown markup, without the blank lines
    papers put between lines (``strip``: nor blank space at either end)."""
    if not text:
        return ""
    out = _MD_HEADING.sub("", text)
    out = _MD_RULE.sub("", out)
    out = _MD_EMPHASIS.sub("", out)
    out = _MD_ESCAPE.sub(r"\1", out)
    if "|" in out:
        out = "\n".join(_MD_PIPES.sub(" ", line).strip() if line.count("|") >= 2 else line
                        for line in out.split("\n"))
    out = re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n", out)
    return out.strip() if strip else out


def _blank(m: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", m.group(0))


def blank_markup(text: str) -> str:
    """``text`` with its Markdown markup overwritten by spaces: the same length, so offsets into
    the text still hold, for a passage cut from the middle of a paper (where ``plain_text`` on
    the piece alone would not see the context an emphasis mark needs)."""
    out = _MD_HEADING.sub(_blank, text)
    out = _MD_RULE.sub(_blank, out)
    out = _MD_EMPHASIS.sub(_blank, out)
    out = _MD_ESCAPE.sub(lambda m: " " + m.group(1), out)
    if "|" in out:
        out = "\n".join(line.replace("|", " ") if line.count("|") >= 2 else line for line in out.split("\n"))
    return out
