"""HTML reader: agenda web pages -> text laid out like a text-mode browser renders them.

Scripts, styles, navigation, headers, footers and forms are dropped. Headings become
"## heading" lines, ordered list items "  N. text", unordered items "  • text", table rows
tab-separated cells, so the structure stage sees one layout for web and converted papers.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

_DROP = {"script", "style", "noscript", "nav", "header", "footer", "form", "button", "svg",
         "iframe", "template", "select", "input", "aside", "head", "meta", "link"}
_BLOCK = {"p", "div", "section", "article", "main", "blockquote", "address", "dd", "dt", "dl",
          "figure", "figcaption", "pre", "details", "summary", "body", "html"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def html_text(markup: str) -> str:
    try:
        soup = BeautifulSoup(markup, "lxml")
    except Exception:  # lxml missing or choking: the stdlib parser is slower but tolerant
        soup = BeautifulSoup(markup, "html.parser")
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for tag in soup.find_all(list(_DROP)):
        tag.decompose()
    for tag in soup.find_all(attrs={"role": ["navigation", "banner", "contentinfo", "search"]}):
        tag.decompose()
    for tag in soup.find_all(attrs={"aria-hidden": "true"}):
        tag.decompose()
    out: list[str] = []
    _render(soup, out, indent=0)
    text = "".join(out)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def _inline(node: Tag) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def _render(node: Tag, out: list[str], indent: int) -> None:
    for child in node.children:
        if isinstance(child, (Doctype, Declaration, ProcessingInstruction, Comment)):
            continue
        if isinstance(child, NavigableString):
            s = re.sub(r"\s+", " ", str(child))
            if s.strip():
                out.append(s)
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in _HEADINGS:
            out.append(f"\n\n## {_inline(child)}\n\n")
        elif name == "br":
            out.append("\n")
        elif name in ("ol", "ul"):
            out.append("\n")
            start = int(child.get("start", 1)) if str(child.get("start", "1")).isdigit() else 1
            n = start
            for li in child.find_all("li", recursive=False):
                marker = f"{n}." if name == "ol" else "•"
                sub: list[str] = []
                _render(li, sub, indent + 1)
                body = re.sub(r"\n[ \t]*\n(\s*\n)*", "\n\n", "".join(sub)).strip()
                pad = "  " * (indent + 2)
                body = body.replace("\n", "\n" + pad).replace(pad + "\n", "\n")
                out.append(f"\n{'  ' * (indent + 1)}{marker}   {body}\n")
                n += 1
            out.append("\n")
        elif name == "tr":
            cells = [_inline(c) for c in child.find_all(["td", "th"], recursive=False)]
            out.append("\n" + "\t".join(c for c in cells) + "\n")
        elif name in ("table", "tbody", "thead", "tfoot"):
            _render(child, out, indent)
            out.append("\n")
        elif name in _BLOCK or name == "li":
            out.append("\n\n")
            _render(child, out, indent)
            out.append("\n\n")
        elif name in ("strong", "b"):
            inner = _inline(child)
            if inner:
                out.append(f"**{inner}**")
        else:
            _render(child, out, indent)
