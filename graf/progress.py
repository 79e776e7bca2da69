"""Progress of long runs (builds, pushes): a bar on a terminal, plain lines elsewhere.

On a terminal the bar is tqdm's (maintained, handles terminal width and redraws; it shows
the count, papers/s and the time left). Into a file or a pipe a bar's carriage returns only
make noise, so there each paper is one plain line with the same rate and ETA.

Papers that an incremental build skips (unchanged) are counted but not timed: they take no
time, and counting them into the rate would promise an ETA the real work cannot keep.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


def _clock(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


class Progress:
    """Call with (done, total, path, status) after each paper, as graf.build_store's progress
    callback; ``close()`` at the end. ``bar`` None chooses a bar when ``stream`` is a terminal."""

    def __init__(self, total: int, unit: str = "paper", stream: TextIO | None = None, bar: bool | None = None,
                 clock=time.monotonic):
        self.total = total
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.bar = self.stream.isatty() if bar is None else bar
        self._clock = clock
        self._start: float | None = None
        self.done = 0  # every paper reported
        self.skipped = 0  # those reported "unchanged"
        self._tqdm: Any = None

    def rate(self) -> float | None:
        """Papers per second over the papers actually worked on."""
        worked = self.done - self.skipped - 1
        if self._start is None or worked <= 0:
            return None
        elapsed = self._clock() - self._start
        return worked / elapsed if elapsed > 0 else None

    def eta(self) -> float | None:
        rate = self.rate()
        return None if not rate else (self.total - self.done) / rate

    def __call__(self, _i: int, _n: int, path: str, status: str) -> None:
        self.done += 1
        if status == "unchanged":
            self.skipped += 1
        elif self._start is None:
            # the clock starts when the first paper worked on is done (its own time is unknown
            # here: it began before the first report), and the rate counts the papers after it
            self._start = self._clock()
        if self.bar:
            self._update_bar(path, status)
        else:
            self._line(path, status)

    def _line(self, path: str, status: str) -> None:
        rate, eta = self.rate(), self.eta()
        timing = f" ({rate:.2f} {self.unit}s/s, ETA {_clock(eta)})" if rate and eta is not None else ""
        print(f"[{self.done}/{self.total}] {path}: {status}{timing}", file=self.stream, flush=True)

    def _update_bar(self, path: str, status: str) -> None:
        if self._tqdm is None:
            if status == "unchanged":
                return  # the bar starts at the first paper worked on, with the skipped ones done
            from tqdm import tqdm

            self._tqdm = tqdm(total=self.total, initial=self.done - 1, unit=self.unit, file=self.stream,
                              dynamic_ncols=True, smoothing=0.1, leave=True)
        self._tqdm.set_postfix_str(f"{status}: {path.rsplit('/', 1)[-1]}"[:40], refresh=False)
        self._tqdm.update(1)

    def close(self) -> None:
        if self._tqdm is not None:
            self._tqdm.close()
            self._tqdm = None
