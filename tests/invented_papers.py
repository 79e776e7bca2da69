"""Invented committee minutes in the layout of the repository's examples/ protocol (Markdown
headings for the lists, "**§ N**" items with a Beslut): names, places, numbers and wording are
made up for the tests that need whole papers (search, case history, feeds, report)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

_WEEKDAYS = ("måndagen", "tisdagen", "onsdagen", "torsdagen", "fredagen", "lördagen", "söndagen")
_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december")


@dataclass(frozen=True)
class Paragraph:
    number: int
    title: str
    decision: str
    dnr: str | None = None  # the item's own case
    referring: str | None = None  # "Svar på remiss från kommunstyrelsen, Dnr ..."
    summary: str = ""
    reservation: str | None = None  # "Name (PARTY)"


def _held_by(body: str) -> str:
    """Both ways papers print who met: "Tekniska nämndens sammanträde", "sammanträde med
    Kommunstyrelsen"."""
    if " " not in body:
        return f"sammanträde med {body}"
    return f"{body if body.endswith('s') else body + 's'} sammanträde"


def protocol(body: str, date: dt.date, paragraphs: list[Paragraph], attendance: bool = True) -> str:
    """Minutes of ``body`` (e.g. "Tekniska nämnden") held on ``date``."""
    when = f"{_WEEKDAYS[date.weekday()]} den {date.day} {_MONTHS[date.month - 1]} {date.year}"
    numbers = [p.number for p in paragraphs]
    lines = [f"## Protokoll 3/{date.year}", "",
             f"fört vid {_held_by(body)} {when} kl. 17:00-18:30, Rådsalen, Kvarngatan 2, Lövåsa", ""]
    if attendance:
        lines += ["**Ledamöter**", "", "Vendela Ros (S) Ordförande", "Torbjörn Hägg (M) Vice ordförande",
                  "Amira Lundin (S)", "Kjell Vass (C)", "Greta Nyqvist (L)", ""]
    lines += ["**Justerare**", "", "Vendela Ros, Torbjörn Hägg", "",
              "**Paragraf**", "", f"§§{min(numbers)}-{max(numbers)}", "",
              "**Sekreterare**", "", "Ivar Pil", ""]
    for p in paragraphs:
        lines += [f"**§ {p.number}**", f"**{p.title}**", ""]
        if p.referring:
            lines += [f"Svar på remiss från kommunstyrelsen, Dnr {p.referring}"]
        if p.dnr:
            lines += [p.dnr]
        lines += ["", "**Beslut**", "", p.decision, ""]
        if p.summary:
            lines += ["**Sammanfattning av ärendet**", "", p.summary, ""]
        if p.reservation:
            lines += ["**Reservationer**", "", f"{p.reservation} reserverade sig mot beslutet.", ""]
    return "\n".join(lines) + "\n"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
