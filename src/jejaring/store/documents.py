"""Writing documents with de-duplication: each story once, every copy as a source.

Work is done a batch at a time: what the batch needs to know from the
database (hashes, ids, LSH band keys, sources already recorded) is fetched
in a handful of queries, decisions are made in memory, and the caller
commits the batch as one transaction. A batch interrupted by a crash leaves
nothing behind; running the same sources again finds what was committed and
adds only the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import numpy as np
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from jejaring.ingest.dedupe import band_keys, lsh_params, signature, similarity
from jejaring.ingest.document import Document
from jejaring.store import models

NEW, EXACT, NEAR, SAME_ID, UNCHANGED = "new", "exact", "near", "same_id", "unchanged"
# A document that arrives under an id already stored is another copy of that
# story (a republished or re-digested version) when this much of its text is
# shared; below it the id is a coincidence and the document is stored apart.
SAME_ID_MIN_SIMILARITY = 0.3
_CHUNK = 500  # parameters per IN (...) list, well under every backend's limit


@dataclass(frozen=True)
class Outcome:
    """What became of one document: ``status`` and the stored story it belongs to."""

    status: str
    document_id: str
    similarity: float | None = None
    warnings: tuple[str, ...] = ()


@dataclass
class _Known:
    """What the database and the batch so far know, keyed for the lookups we make."""

    by_hash: dict[str, str] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    bands: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    signatures: dict[str, np.ndarray] = field(default_factory=dict)
    sources: set[tuple[str, str]] = field(default_factory=set)  # (story id, source)
    seen: dict[tuple[str, str], str] = field(default_factory=dict)  # (source, hash) → story


def add_documents(
    session: Session,
    documents: Sequence[Document],
    *,
    threshold: float = 0.9,
    dedupe: bool = True,
) -> list[Outcome]:
    """Store a batch; the caller commits. ``threshold`` is the near-duplicate Jaccard.

    With ``dedupe`` off every document is stored as new (benchmarks, archives
    whose copies matter); signatures and band keys are still kept, so a later
    run with de-duplication on finds copies of them.
    """
    params = lsh_params(threshold)
    signatures = [signature(document.text) for document in documents]
    keys = [band_keys(sig, params) for sig in signatures]
    known = _prefetch(session, documents, keys)
    rows = _Rows()
    outcomes = [
        _add_one(rows, document, sig, doc_keys, known, threshold, dedupe)
        for document, sig, doc_keys in zip(documents, signatures, keys, strict=True)
    ]
    rows.insert(session)
    return outcomes


@dataclass
class _Rows:
    """Rows to insert, collected so each table gets one executemany per batch."""

    documents: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    bands: list[dict] = field(default_factory=list)

    def insert(self, session: Session) -> None:
        for model, rows in (
            (models.Document, self.documents),
            (models.DocumentSource, self.sources),
            (models.DocumentBand, self.bands),
        ):
            if rows:
                session.execute(insert(model), rows)


def _add_one(
    rows: _Rows,
    document: Document,
    sig: np.ndarray,
    keys: list[int],
    known: _Known,
    threshold: float,
    dedupe: bool,
) -> Outcome:
    already = known.seen.get((document.source, document.content_hash))
    if already is not None:
        return Outcome(UNCHANGED, already)
    if not dedupe:
        return _add_new(rows, document, sig, keys, known)
    original = known.by_hash.get(document.content_hash)
    if original is not None:
        return _add_copy(rows, document, original, EXACT, None, known)
    match, score = _nearest(sig, keys, known)
    if match is not None and score >= threshold:
        return _add_copy(rows, document, match, NEAR, score, known)
    same_id = known.signatures.get(document.id) if document.id_given else None
    if same_id is not None and (score := similarity(sig, same_id)) >= SAME_ID_MIN_SIMILARITY:
        return _add_copy(rows, document, document.id, SAME_ID, score, known)
    return _add_new(rows, document, sig, keys, known)


def _nearest(sig: np.ndarray, keys: list[int], known: _Known) -> tuple[str | None, float]:
    candidates = set().union(*(known.bands.get(key, ()) for key in keys))
    best, best_score = None, 0.0
    for candidate in sorted(candidates):
        if candidate not in known.signatures:
            continue
        score = similarity(sig, known.signatures[candidate])
        if score > best_score:
            best, best_score = candidate, score
    return best, best_score


def _add_copy(
    rows: _Rows,
    document: Document,
    original: str,
    kind: str,
    score: float | None,
    known: _Known,
) -> Outcome:
    if (original, document.source) in known.sources:
        return Outcome(UNCHANGED, original, score)
    known.sources.add((original, document.source))
    rows.sources.append(_source_row(document, original, kind, score))
    return Outcome(kind, original, score)


def _add_new(
    rows: _Rows, document: Document, sig: np.ndarray, keys: list[int], known: _Known
) -> Outcome:
    warnings: list[str] = []
    doc_id = _free_id(document, known.ids)
    if doc_id != document.id:
        warnings.append(f"id {document.id!r} is taken by another text; stored as {doc_id!r}")
    row = dict(
        id=doc_id,
        title=document.title,
        text=document.text,
        url=document.url,
        site=_site(document),
        published=document.published,
        language=document.language,
        format=document.format,
        source=document.source,
        content_hash=document.content_hash,
        minhash=sig.tobytes(),
        meta=document.metadata,
        warnings=[*document.warnings, *warnings],
    )
    rows.documents.append(row)
    rows.sources.append(_source_row(document, doc_id, "original", None))
    rows.bands.extend({"key": key, "document_id": doc_id} for key in set(keys))
    known.ids.add(doc_id)
    known.by_hash[document.content_hash] = doc_id
    known.signatures[doc_id] = sig
    known.sources.add((doc_id, document.source))
    known.seen[(document.source, document.content_hash)] = doc_id
    for key in keys:
        known.bands[key].add(doc_id)
    return Outcome(NEW, doc_id, None, tuple(warnings))


def _free_id(document: Document, taken: set[str]) -> str:
    """The document's id, or, when taken, the id with a hash suffix (and a counter)."""
    if document.id not in taken:
        return document.id
    candidate, counter = _suffixed(document), 2
    while candidate in taken:
        candidate = f"{_suffixed(document)}-{counter}"
        counter += 1
    return candidate


def _suffixed(document: Document) -> str:
    return f"{document.id}-{document.content_hash[:8]}"


def _source_row(document: Document, document_id: str, kind: str, score: float | None) -> dict:
    return dict(
        document_id=document_id,
        source=document.source,
        kind=kind,
        similarity=score,
        external_id=document.id,
        url=document.url,
        title=document.title,
        published=document.published,
    )


def _prefetch(session: Session, documents: Sequence[Document], keys: list[list[int]]) -> _Known:
    known = _Known()
    hashes = {d.content_hash for d in documents}
    for digest, doc_id in _select_in(
        session,
        models.Document.content_hash,
        hashes,
        models.Document.content_hash,
        models.Document.id,
    ):
        known.by_hash[digest] = doc_id
    ids = {d.id for d in documents} | {_suffixed(d) for d in documents}
    known.ids.update(
        row[0] for row in _select_in(session, models.Document.id, ids, models.Document.id)
    )
    for document in documents:
        if _suffixed(document) in known.ids:  # rare: a third text under one id
            pattern = _suffixed(document) + "-%"
            taken = select(models.Document.id).where(models.Document.id.like(pattern))
            known.ids.update(session.scalars(taken))
    all_keys = {key for doc_keys in keys for key in doc_keys}
    for key, doc_id in _select_in(
        session,
        models.DocumentBand.key,
        all_keys,
        models.DocumentBand.key,
        models.DocumentBand.document_id,
    ):
        known.bands[key].add(doc_id)
    candidates = set().union(*known.bands.values(), known.ids)
    for doc_id, blob in _select_in(
        session, models.Document.id, candidates, models.Document.id, models.Document.minhash
    ):
        if blob:
            known.signatures[doc_id] = np.frombuffer(blob, dtype=np.uint32)
    _prefetch_sources(session, documents, known)
    return known


def _prefetch_sources(session: Session, documents: Sequence[Document], known: _Known) -> None:
    """Every stored (story, source) pair for the batch's sources, and what text it had."""
    statement = select(
        models.DocumentSource.document_id,
        models.DocumentSource.source,
        models.Document.content_hash,
    ).join(models.Document, models.Document.id == models.DocumentSource.document_id)
    for chunk in _chunks(sorted({d.source for d in documents}), _CHUNK):
        for doc_id, source, digest in session.execute(
            statement.where(models.DocumentSource.source.in_(chunk))
        ):
            known.sources.add((doc_id, source))
            known.seen[(source, digest)] = doc_id


def _select_in(session: Session, column, values: Iterable, *selected):
    values = sorted(values)
    for chunk in _chunks(values, _CHUNK):
        yield from session.execute(select(*selected).where(column.in_(chunk)))


def _chunks(values: list, size: int):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _site(document: Document) -> str | None:
    """The publisher's domain: declared in the metadata, else the URL's host."""
    for name in ("site", "sitename", "source"):
        value = document.metadata.get(name)
        if isinstance(value, str) and "." in value and " " not in value:
            return value.removeprefix("www.")[:200]
    host = urlsplit(document.url).hostname if document.url else None
    return host.removeprefix("www.") if host else None
