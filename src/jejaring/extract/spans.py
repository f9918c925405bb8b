"""Spans taken so far, for overlap tests that stay fast on long documents.

Choosing the longest or most trusted of overlapping mentions compared each
candidate with everything kept so far; on a long document dense with names
that was quadratic. Kept spans never overlap each other, so only the kept span
starting at or before a candidate and the one after it can touch it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class Occupied:
    """Non-overlapping ``[start, end)`` spans, sorted by start."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        at = bisect_right(self._starts, start)
        if at > 0 and self._ends[at - 1] > start:
            return True
        return at < len(self._starts) and self._starts[at] < end

    def add(self, start: int, end: int) -> None:
        at = bisect_right(self._starts, start)
        self._starts.insert(at, start)
        self._ends.insert(at, end)


def overlapping(spans: list, starts: list[int], longest: int, start: int, end: int) -> list:
    """Of ``spans`` (sorted by start, whose starts are ``starts``, none longer than
    ``longest``), those overlapping ``[start, end)``."""
    first = bisect_left(starts, start - longest)
    last = bisect_left(starts, end)
    return [s for s in spans[first:last] if s.start < end and start < s.end]
