"""Which found spans a new candidate collides with, answered in logarithmic time.

The readers keep what they have found and drop a later candidate that overlaps it (a citation
inside a report number, a registry number inside another). Asking every kept span for every
candidate is quadratic in the number of entities, and entity-dense text (a long paragraph of
references, a run-together list of registry numbers) makes that the whole cost.

``SpanIndex`` keeps the spans sorted by start together with the running maximum of their
ends: some span [s, e) with s < b has e > a exactly when the largest end among the spans that
start before b exceeds a. The answers are the same as the pairwise test for every span,
empty ones included. Spans added in order of their start (the usual case: a left-to-right
scan) cost O(1) each; spans added out of order (several scans, one after the other) form
further sorted runs, merged so that a question asks O(log n) runs.
"""

from __future__ import annotations

import bisect


class _Run:
    """Spans sorted by start, each with the largest end up to it."""

    __slots__ = ("starts", "ends", "reach")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.reach: list[int] = []  # reach[i]: the largest of ends[0..i]

    def append(self, start: int, end: int) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def largest_end_before(self, i: int) -> int:
        return self.reach[i - 1] if i > 0 else -1

    @staticmethod
    def merged(a: _Run, b: _Run) -> _Run:
        run = _Run()
        for start, end in sorted([*zip(a.starts, a.ends), *zip(b.starts, b.ends)]):
            run.append(start, end)
        return run


class SpanIndex:
    """Half-open spans [start, end) with two questions: does [a, b) overlap one of them, does
    one of them hold position x.

    Spans are kept in runs sorted by start. A span that starts no earlier than the last one
    extends the open run; one that starts earlier opens a new run, after merging the closed
    runs from the end while one is no more than twice the size of the next, so there are at
    most about log2(n) runs and each span is merged O(log n) times."""

    __slots__ = ("_runs", "_count")

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self._runs: list[_Run] = []
        self._count = 0
        for start, end in sorted(spans or ()):
            self.add(start, end)

    def __len__(self) -> int:
        return self._count

    def add(self, start: int, end: int) -> None:
        runs = self._runs
        self._count += 1
        if runs and start >= runs[-1].starts[-1]:
            runs[-1].append(start, end)
            return
        while len(runs) >= 2 and len(runs[-2].starts) <= 2 * len(runs[-1].starts):
            last = runs.pop()
            runs[-1] = _Run.merged(runs[-1], last)
        run = _Run()
        run.append(start, end)
        runs.append(run)

    def overlaps(self, a: int, b: int) -> bool:
        """Some span [s, e) with s < b and e > a (the pairwise test ``not (b <= s or a >= e)``)."""
        return any(run.largest_end_before(bisect.bisect_left(run.starts, b)) > a for run in self._runs)

    def holds(self, x: int) -> bool:
        """Some span [s, e) with s <= x < e."""
        return any(run.largest_end_before(bisect.bisect_right(run.starts, x)) > x for run in self._runs)
