"""An annotated ``Doc`` → the extraction record of ``shared/spec/extraction-format.md``.

Kept apart from the components so the record's shape is decided in one
place; private keys (starting with ``_``) used between components are dropped.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

RECORD_VERSION = 1


def to_record(doc: Doc) -> dict[str, Any]:
    meta = doc._.jj_meta or {}
    relevance = doc._.jj_relevance or {}
    record = {
        "doc": {
            "id": meta.get("id"),
            "title": meta.get("title"),
            "language": meta.get("language"),
            "published": meta.get("published"),
            "relevant": bool(relevance.get("relevant", False)),
            "relevance": round(float(relevance.get("score", 0.0)), 4),
        },
        "entities": [_public(e) for e in doc._.jj_entities or []],
        "events": [_public(e) for e in doc._.jj_events or []],
        "relations": [_public(r) for r in doc._.jj_relations or []],
        "themes": [_public(t) for t in doc._.jj_themes or []],
    }
    warnings = list(doc._.jj_warnings or [])
    if warnings:
        record["doc"]["warnings"] = warnings
    return record


def empty_record(meta: dict[str, Any], warnings: list[str]) -> dict[str, Any]:
    """A valid record with nothing extracted, and the reason why."""
    return {
        "doc": {
            **{k: meta.get(k) for k in ("id", "title", "language", "published")},
            "relevant": False,
            "relevance": 0.0,
            "warnings": warnings,
        },
        "entities": [],
        "events": [],
        "relations": [],
        "themes": [],
    }


def gated_record(meta: dict[str, Any], warnings: list[str]) -> dict[str, Any]:
    """The record of a document the relevance gate turned away: not relevant, not analysed."""
    record = empty_record(meta, warnings)
    record["doc"]["gated"] = True
    if not warnings:
        del record["doc"]["warnings"]
    return record


def _public(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if not k.startswith("_")}
