"""Precision, recall and F1 from true positives, false positives and false negatives.

Shared by the extraction scorer and the NER scorer so both compute the rates
the same way (0.0, not an error, when nothing was predicted or expected).
"""

from __future__ import annotations


class Rates:
    """Mixin for anything with ``tp``, ``fp`` and ``fn`` attributes."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0
