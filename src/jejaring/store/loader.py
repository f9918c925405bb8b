"""Ingest into the store: documents in batches, one transaction per batch.

A batch is small enough that a crash loses little work and large enough that
de-duplication lookups and inserts are done in bulk.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from jejaring.errors import IngestError
from jejaring.ingest.document import Document
from jejaring.store import models
from jejaring.store.db import Store, refresh_statistics
from jejaring.store.documents import Outcome, add_documents
from jejaring.store.graph import save_record

logger = logging.getLogger(__name__)

Progress = Callable[[int], None]
Annotate = Callable[[list[Document]], list[dict]]
STATUSES = ("new", "exact", "near", "same_id", "unchanged", "failed")


@dataclass
class IngestSummary:
    """Counts for the end-of-run table, plus the failures to list."""

    counts: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    failures: list[IngestError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    relevant: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts[status] for status in STATUSES)

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    def as_dict(self) -> dict:
        return {
            **{k: self.counts[k] for k in STATUSES},
            "extracted": self.counts["extracted"],
            "relevant": self.relevant,
            "languages": dict(self.languages),
            "elapsed": round(self.elapsed, 3),
        }


def load(
    store: Store,
    stream: Iterable[Document | IngestError],
    *,
    threshold: float = 0.9,
    dedupe: bool = True,
    batch_size: int = 200,
    sources: list[str] | None = None,
    progress: Progress | None = None,
    annotate: Annotate | None = None,
) -> IngestSummary:
    """Store every document of ``stream``; failures are counted, never raised.

    ``annotate`` turns a batch of documents into extraction records (one each,
    in order); the records of new documents are stored in the same transaction
    as the documents, so a document is never stored without its facts.
    """
    summary = IngestSummary()
    started = time.perf_counter()
    run_id = _start_run(store, sources or [])
    batch: list[Document] = []
    for item in stream:
        if isinstance(item, IngestError):
            _record_failure(summary, item)
            _tick(progress)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            _flush(store, batch, threshold, dedupe, summary, progress, annotate)
            batch = []
    if batch:
        _flush(store, batch, threshold, dedupe, summary, progress, annotate)
    if summary.counts["new"]:
        refresh_statistics(store)
    summary.elapsed = time.perf_counter() - started
    _finish_run(store, run_id, summary)
    return summary


def _flush(
    store: Store,
    batch: list[Document],
    threshold: float,
    dedupe: bool,
    summary: IngestSummary,
    progress: Progress | None,
    annotate: Annotate | None = None,
) -> None:
    records = annotate(batch) if annotate else [None] * len(batch)  # outside the transaction
    with store.transaction() as session:
        outcomes = add_documents(session, batch, threshold=threshold, dedupe=dedupe)
        for outcome, record in zip(outcomes, records, strict=True):
            if record is not None and outcome.status == "new":
                save_record(session, outcome.document_id, record)
                summary.counts["extracted"] += 1
                summary.relevant += bool(record["doc"].get("relevant"))
    for document, outcome in zip(batch, outcomes, strict=True):
        _record(summary, document, outcome)
    if progress:
        progress(len(batch))


def _record(summary: IngestSummary, document: Document, outcome: Outcome) -> None:
    summary.counts[outcome.status] += 1
    if outcome.status == "new":
        summary.languages[document.language or "unknown"] += 1
    for warning in (*document.warnings, *outcome.warnings):
        summary.warnings.append(f"{document.source}: {warning}")


def _record_failure(summary: IngestSummary, error: IngestError) -> None:
    summary.counts["failed"] += 1
    summary.failures.append(error)
    logger.info("failed: %s", error)


def _tick(progress: Progress | None) -> None:
    if progress:
        progress(1)


def _start_run(store: Store, sources: list[str]) -> int:
    with store.transaction() as session:
        run = models.IngestRun(sources=sources)
        session.add(run)
        session.flush()
        return run.id


def _finish_run(store: Store, run_id: int, summary: IngestSummary) -> None:
    with store.transaction() as session:
        run = session.get(models.IngestRun, run_id)
        if run is not None:
            run.finished_at = datetime.now(UTC)
            run.counts = summary.as_dict()
