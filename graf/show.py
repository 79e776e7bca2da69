"""`graf show`: a paper's text with every recognised entity highlighted and linked
(displaCy-style), so a person can see at a glance what graf understood.

A reader of the pipeline's records, like the graph builder: it shows the same spans and the
same IRIs the graph holds. Each highlighted span carries the id ``char=START,END`` and, in
``data-target``, the text fragment IRI the graph's annotation of it targets
(``…/dokument/{sha}#char=START,END``): the page answers the fragment of that IRI.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from graf.graph.iri import Minter

COLOURS = {
    "PERSON": "#aa9cfc", "PARTY": "#feca74", "DISTRICT": "#7aecec", "ORG": "#bfeeb7",
    "LAW": "#ff9561", "REPORT": "#f0a8c0", "DNR": "#c8c8c8", "AMOUNT": "#e4e7d2",
    "DATE": "#bfe1d9", "ITEM": "#ddd6fe",
}
LEGEND = {
    "PERSON": "person", "PARTY": "parti", "DISTRICT": "stadsdel", "ORG": "organisation",
    "LAW": "lagrum", "REPORT": "utredning", "DNR": "diarienummer", "AMOUNT": "belopp",
    "DATE": "datum",
}


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    label: str
    href: str | None
    title: str


def collect(processed) -> list[Highlight]:
    """Every span the pipeline recognised, with the IRI it links to. Overlaps are resolved in
    favour of the longer span (a citation over the law name inside it)."""
    text = processed.source.text
    minter = Minter(processed.base)
    linked = processed.linked
    out: list[Highlight] = []
    for c in linked.citations:
        label = "REPORT" if c.kind == "report" else "LAW"
        href = c.lagen_nu or c.eli or minter.cited(c, processed.paper.meeting.municipality)
        what = c.report_id or (f"SFS {c.sfs}" if c.sfs else None) or c.celex or (f"KFS {c.kfs}" if c.kfs else "")
        if c.provision:
            what += f" {c.provision}"
        out.append(Highlight(c.citation.span.start, c.citation.span.end, label, href, what))
    for p in linked.persons:
        iri = minter.person(p.key, processed.paper.meeting.municipality, is_key=True) if minter else None
        title = p.name + (f" ({p.party})" if p.party else "") + (f" — {', '.join(p.roles)}" if p.roles else "")
        for s in p.spans:
            out.append(Highlight(s.start, s.end, "PERSON", iri, title))
    kinds = {"party": "PARTY", "district": "DISTRICT", "body": "ORG"}
    for e in linked.entities:
        label = kinds.get(e.kind, "ORG")
        iri = None
        if minter:
            iri = (minter.party(e.key) if e.kind == "party" else
                   minter.district(e.key) if e.kind == "district" else minter.body(e.key, None))
        for s in e.spans:
            out.append(Highlight(s.start, s.end, label, iri, e.label))
    for m in linked.mentions:
        if m.label in ("DNR", "AMOUNT", "DATE"):
            href = minter.arende(m.key) if (minter and m.label == "DNR" and m.key) else None
            out.append(Highlight(m.span.start, m.span.end, m.label, href, m.key or m.text))
    # keep spans inside the text, longest first, no overlaps
    out = [h for h in out if 0 <= h.start < h.end <= len(text)]
    out.sort(key=lambda h: (-(h.end - h.start), h.start))
    taken: list[tuple[int, int]] = []
    chosen: list[Highlight] = []
    for h in out:
        if any(h.start < e and s < h.end for s, e in taken):
            continue
        taken.append((h.start, h.end))
        chosen.append(h)
    return sorted(chosen, key=lambda h: h.start)


def render_html(processed) -> str:
    text = processed.source.text
    paper = processed.paper
    document = Minter(processed.base).document(processed.source.sha256)
    parts: list[str] = []
    pos = 0
    for h in collect(processed):
        parts.append(html.escape(text[pos:h.start]))
        colour = COLOURS.get(h.label, "#ddd")
        inner = html.escape(text[h.start:h.end])
        label = f'<span class="lbl">{h.label}</span>'
        title = html.escape(h.title, quote=True)
        fragment = Minter.text_fragment(document, h.start, h.end)
        anchor = (f'id="{html.escape(fragment.rsplit("#", 1)[1], quote=True)}" '
                  f'data-target="{html.escape(fragment, quote=True)}"')
        if h.href:
            parts.append(f'<a class="ent" {anchor} style="background:{colour}" href="{html.escape(h.href, quote=True)}" '
                         f'title="{title}" data-label="{h.label}">{inner}{label}</a>')
        else:
            parts.append(f'<mark class="ent" {anchor} style="background:{colour}" title="{title}" '
                         f'data-label="{h.label}">{inner}{label}</mark>')
        pos = h.end
    parts.append(html.escape(text[pos:]))
    m = paper.meeting
    heading = " · ".join(x for x in [m.body, m.date.isoformat() if m.date else None, paper.kind] if x)
    legend = " ".join(f'<span class="ent" style="background:{COLOURS[k]}">{v}<span class="lbl">{k}</span></span>'
                      for k, v in LEGEND.items())
    counts = {}
    for h in collect(processed):
        counts[h.label] = counts.get(h.label, 0) + 1
    summary = ", ".join(f"{LEGEND.get(k, k)}: {n}" for k, n in sorted(counts.items()))
    return f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8">
<title>graf show — {html.escape(processed.source.path)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; line-height: 1.9; }}
.text {{ white-space: pre-wrap; }}
.ent {{ padding: 0.1em 0.3em; border-radius: 0.3em; color: inherit; text-decoration: none; }}
.lbl {{ font-size: 0.65em; font-weight: bold; margin-left: 0.3em; text-transform: uppercase; }}
header p {{ color: #555; }}
</style></head>
<body><header><h1>{html.escape(heading or processed.source.path)}</h1>
<p>{html.escape(processed.source.path)} — {len(paper.items)} item(s); {html.escape(summary)}</p>
<p>{legend}</p></header>
<div class="text">{''.join(parts)}</div>
</body></html>
"""
