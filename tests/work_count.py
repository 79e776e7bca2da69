"""Work counted, not timed: the number of Python-level calls a function makes.

A count is deterministic (the same on a loaded machine and a fast one), so a test can compare
the work at two input sizes: four times the input must cost about four times the calls where a
quadratic step costs about sixteen."""

from __future__ import annotations

import sys
from collections.abc import Callable


def python_calls(fn: Callable[[], object]) -> int:
    """How many Python function calls ``fn()`` makes (every resumption of a generator too)."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event == "call":  # also every resumption of a generator expression
            count += 1

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count
