"""Score extraction records against gold answers, by the rules of the gold README.

Names are compared after NFKC, case folding and collapsing every run of
non-alphanumeric characters to one space. Entities, relations and events are
matched one-to-one (maximum bipartite matching, so the order of answers
never changes a score); optional gold answers count neither for nor against.
Figures are micro-averaged over all documents.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jejaring.errors import JejaringError
from jejaring.extract.metrics import Rates

SYMMETRIC = {"sister_city", "partner_of"}
EVENT_FIELDS = ("start", "end", "location", "organizers", "participants")
_NON_ALNUM = re.compile(r"[\W_]+")


class EvaluationError(JejaringError):
    """Predictions or gold answers could not be read."""


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    return _NON_ALNUM.sub(" ", text).strip()


@dataclass
class Counts(Rates):
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Report:
    entities: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    relations: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    events: Counts = field(default_factory=Counts)
    event_fields: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    themes: Counts = field(default_factory=Counts)
    relevance_right: int = 0
    relevance_total: int = 0
    documents: int = 0
    missing: list[str] = field(default_factory=list)

    def overall(self, table: dict[str, Counts]) -> Counts:
        total = Counts()
        for counts in table.values():
            total.add(counts.tp, counts.fp, counts.fn)
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "missing_predictions": self.missing,
            "entities": {k: v.as_dict() for k, v in sorted(self.entities.items())}
            | {"all": self.overall(self.entities).as_dict()},
            "relations": {k: v.as_dict() for k, v in sorted(self.relations.items())}
            | {"all": self.overall(self.relations).as_dict()},
            "events": self.events.as_dict(),
            "event_fields": {k: self.event_fields[k].as_dict() for k in EVENT_FIELDS},
            "themes": self.themes.as_dict(),
            "relevance": {"right": self.relevance_right, "total": self.relevance_total},
        }


def load_gold(directory: Path) -> dict[str, dict]:
    gold = {}
    for path in sorted(Path(directory).glob("*.json")):
        try:
            answer = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise EvaluationError(f"{path}: unreadable gold file ({exc})") from exc
        gold[answer.get("doc") or path.stem] = answer
    if not gold:
        raise EvaluationError(f"{directory}: no gold files (*.json) found")
    return gold


def load_predictions(path: Path) -> dict[str, dict]:
    predictions = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read predictions ({exc.strerror})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            predictions[record["doc"]["id"]] = record
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvaluationError(f"{path}:{number}: not an extraction record ({exc})") from exc
    return predictions


def evaluate(predictions: dict[str, dict], gold: dict[str, dict]) -> Report:
    report = Report()
    for doc_id, answer in gold.items():
        record = predictions.get(doc_id)
        if record is None:
            report.missing.append(doc_id)
            record = {"doc": {"id": doc_id, "relevant": False}}
        score_document(record, answer, report)
    return report


def score_document(record: dict, answer: dict, report: Report) -> None:
    report.documents += 1
    entities = {e["id"]: e for e in record.get("entities", [])}
    _score_entities(record.get("entities", []), answer.get("entities", []), report)
    _score_relations(record.get("relations", []), answer.get("relations", []), entities, report)
    _score_events(record.get("events", []), answer.get("events", []), entities, report)
    predicted_themes = {t["id"] for t in record.get("themes", [])}
    gold_themes = set(answer.get("themes", []))
    report.themes.add(
        len(predicted_themes & gold_themes),
        len(predicted_themes - gold_themes),
        len(gold_themes - predicted_themes),
    )
    report.relevance_total += 1
    report.relevance_right += bool(record["doc"].get("relevant")) == bool(answer.get("relevant"))


def entity_names(entity: dict | None) -> set[str]:
    if not entity:
        return set()
    return {normalise(n) for n in [entity.get("name", ""), *entity.get("aliases", [])] if n}


def gold_names(names: Iterable[str]) -> set[str]:
    return {normalise(n) for n in names}


def _score_entities(predicted: list[dict], answers: list[dict], report: Report) -> None:
    for entity_type in {e["type"] for e in predicted} | {a["type"] for a in answers}:
        preds = [e for e in predicted if e["type"] == entity_type]
        golds = [a for a in answers if a["type"] == entity_type]
        pairs = match(preds, golds, lambda p, g: bool(entity_names(p) & gold_names(g["names"])))
        _count(report.entities[entity_type], preds, golds, pairs)


def _score_relations(
    predicted: list[dict], answers: list[dict], entities: dict[str, dict], report: Report
) -> None:
    def fits(p: dict, g: dict) -> bool:
        subject, obj = (
            entity_names(entities.get(p["subject"])),
            entity_names(entities.get(p["object"])),
        )
        gs, go = gold_names(g["subject"]), gold_names(g["object"])
        forward = bool(subject & gs) and bool(obj & go)
        backward = g["type"] in SYMMETRIC and bool(subject & go) and bool(obj & gs)
        return forward or backward

    for relation_type in {r["type"] for r in predicted} | {a["type"] for a in answers}:
        preds = [r for r in predicted if r["type"] == relation_type]
        golds = [a for a in answers if a["type"] == relation_type]
        _count(report.relations[relation_type], preds, golds, match(preds, golds, fits))


def _score_events(
    predicted: list[dict], answers: list[dict], entities: dict[str, dict], report: Report
) -> None:
    def fits(p: dict, g: dict) -> bool:
        names = gold_names([p.get("name", ""), *p.get("aliases", [])])
        if names & gold_names(g["names"]):
            return True
        return any(_jaccard(a, b) >= 0.5 for a in names for b in gold_names(g["names"]))

    pairs = match(predicted, answers, fits)
    _count(report.events, predicted, answers, pairs)
    for p_index, g_index in pairs:
        _score_event_fields(predicted[p_index], answers[g_index], entities, report)


def _score_event_fields(event: dict, answer: dict, entities: dict[str, dict], report: Report):
    for name in ("start", "end"):
        if answer.get(name) is not None:
            right = event.get(name) == answer[name]
            report.event_fields[name].add(int(right), int(not right), int(not right))
    location = [event["location"]] if event.get("location") else []
    gold_location = [answer["location"]] if answer.get("location") else []
    for name, preds, golds in (
        ("location", location, gold_location),
        ("organizers", event.get("organizers", []), answer.get("organizers", [])),
        (
            "participants",
            [p["entity"] for p in event.get("participants", [])],
            answer.get("participants", []),
        ),
    ):
        pairs = match(
            preds, golds, lambda p, g: bool(entity_names(entities.get(p)) & gold_names(g))
        )
        report.event_fields[name].add(len(pairs), len(preds) - len(pairs), len(golds) - len(pairs))


def _count(counts: Counts, preds: list, golds: list[dict], pairs: list[tuple[int, int]]) -> None:
    """Matched optional answers and the predictions that met them count for neither."""
    matched_optional = sum(1 for _, g in pairs if golds[g].get("optional"))
    tp = len(pairs) - matched_optional
    fp = len(preds) - len(pairs)
    required = sum(1 for g in golds if not g.get("optional"))
    counts.add(tp, fp, required - tp)


def match(preds: list, golds: list, fits: Callable[[Any, Any], bool]) -> list[tuple[int, int]]:
    """Maximum one-to-one matching (augmenting paths), required answers first."""
    order = sorted(range(len(golds)), key=lambda g: bool(_get(golds[g], "optional")))
    edges = {g: [p for p in range(len(preds)) if fits(preds[p], golds[g])] for g in order}
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in edges[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in order:
        augment(g, set())
    return sorted((p, g) for p, g in owner.items())


def _get(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else None


def _jaccard(a: str, b: str) -> float:
    first, second = set(a.split()), set(b.split())
    return len(first & second) / len(first | second) if first | second else 0.0
