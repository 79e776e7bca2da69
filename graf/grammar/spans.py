"""Which found spans a new candidate collides with, answered in logarithmic time.

The readers keep what they have found and drop a later candidate that overlaps it (a citation
inside a report number, a registry number inside another). Asking every kept span for every
candidate is quadratic in the number of entities, and entity-dense text (a long paragraph of
references, a run-together list of registry numbers) makes that the whole cost.

``SpanIndex`` keeps the spans sorted by start together with the running maximum of their
ends: some span [s, e) with s < b has e > a exactly when the largest end among the spans that
start before b exceeds a. The answers are the same as the pairwise test for every span,
empty ones included. Spans added in order of their start (the usual case: a left-to-right
scan) cost O(1) each; one added out of order costs a list insertion.
"""

from __future__ import annotations

import bisect


class SpanIndex:
    """Half-open spans [start, end) with two questions: does [a, b) overlap one of them, does
    one of them hold position x."""

    __slots__ = ("_starts", "_reach")

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self._starts: list[int] = []
        # _reach[i]: the largest end among the spans at sorted positions 0..i
        self._reach: list[int] = []
        for start, end in sorted(spans or ()):
            self.add(start, end)

    def __len__(self) -> int:
        return len(self._starts)

    def add(self, start: int, end: int) -> None:
        starts, reach = self._starts, self._reach
        if not starts or start >= starts[-1]:
            starts.append(start)
            reach.append(max(end, reach[-1]) if reach else end)
            return
        i = bisect.bisect_right(starts, start)
        starts.insert(i, start)
        reach.insert(i, max(end, reach[i - 1]) if i else end)
        # the running maximum after i grows to ``end`` until it already is at least that
        j = i + 1
        while j < len(reach) and reach[j] < end:
            reach[j] = end
            j += 1

    def overlaps(self, a: int, b: int) -> bool:
        """Some span [s, e) with s < b and e > a (the pairwise test ``not (b <= s or a >= e)``)."""
        i = bisect.bisect_left(self._starts, b)
        return i > 0 and self._reach[i - 1] > a

    def holds(self, x: int) -> bool:
        """Some span [s, e) with s <= x < e."""
        i = bisect.bisect_right(self._starts, x)
        return i > 0 and self._reach[i - 1] > x
