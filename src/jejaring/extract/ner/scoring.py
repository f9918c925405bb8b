"""Entity-level precision, recall and F1, as ``conlleval`` and IndoNLU compute them.

An entity counts as found only when both its span and its type match exactly.
Two summaries are reported because the literature uses both: the micro
average pools every entity (what ``conlleval`` prints as "overall"), and the
macro average is the plain mean over types (what IndoNLU reports as "F1"), so
rare types weigh as much as common ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from jejaring.extract.metrics import Rates
from jejaring.extract.ner.conll import ConllError, chunks


@dataclass(frozen=True)
class Counts(Rates):
    """True positives, false positives and false negatives, with the rates they imply."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        """Gold entities."""
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "support": self.support,
        }


@dataclass(frozen=True)
class Scores:
    """Per-type counts plus their micro and macro summaries."""

    per_type: dict[str, Counts] = field(default_factory=dict)
    sentences: int = 0
    tokens: int = 0

    @property
    def micro(self) -> Counts:
        return sum(self.per_type.values(), Counts())

    @property
    def macro_precision(self) -> float:
        return _mean(c.precision for c in self.per_type.values())

    @property
    def macro_recall(self) -> float:
        return _mean(c.recall for c in self.per_type.values())

    @property
    def macro_f1(self) -> float:
        """Mean of the per-type F1 scores (not the F1 of macro precision and recall)."""
        return _mean(c.f1 for c in self.per_type.values())

    def to_dict(self) -> dict:
        """Plain data for JSON output."""
        return {
            "sentences": self.sentences,
            "tokens": self.tokens,
            "per_type": {kind: counts.to_dict() for kind, counts in self.per_type.items()},
            "micro": self.micro.to_dict(),
            "macro": {
                "precision": self.macro_precision,
                "recall": self.macro_recall,
                "f1": self.macro_f1,
            },
        }


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def score(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> Scores:
    """Score predicted BIO label sequences against gold ones, sentence by sentence.

    The types reported (and averaged over) are those seen in gold or in
    predictions, as in ``conlleval``: a type the model invents counts against
    it, and a type absent from both cannot drag the macro average to zero.
    """
    if len(gold) != len(predicted):
        raise ConllError(f"{len(gold)} gold sentences but {len(predicted)} predicted")
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    tokens = 0
    for number, (gold_labels, pred_labels) in enumerate(zip(gold, predicted, strict=True), 1):
        if len(gold_labels) != len(pred_labels):
            counts = f"{len(gold_labels)} gold labels but {len(pred_labels)} predicted"
            raise ConllError(f"sentence {number}: {counts}")
        tokens += len(gold_labels)
        gold_set, pred_set = set(chunks(gold_labels)), set(chunks(pred_labels))
        tp.update(chunk.type for chunk in gold_set & pred_set)
        fn.update(chunk.type for chunk in gold_set - pred_set)
        fp.update(chunk.type for chunk in pred_set - gold_set)
    kinds = sorted(set(tp) | set(fp) | set(fn))
    per_type = {kind: Counts(tp[kind], fp[kind], fn[kind]) for kind in kinds}
    return Scores(per_type=per_type, sentences=len(gold), tokens=tokens)
