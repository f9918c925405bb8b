"""De-duplication report on the Kompas file: counts, and pairs to check by eye.

    .venv/bin/python benchmarks/dedupe.py [--threshold 0.9] [--sample 20]

Ingests the file into a scratch SQLite database and prints how many exact,
near and same-id duplicates were linked, then a random sample of linked pairs
(titles, estimated and exact Jaccard, and the first line where they differ),
so a person can judge whether each link is right.
"""

from __future__ import annotations

import argparse
import difflib
import random
import tempfile
from pathlib import Path

from _util import KOMPAS, save
from sqlalchemy import select

from jejaring.ingest.dedupe import shingles
from jejaring.ingest.pipeline import IngestOptions, iter_documents, plan
from jejaring.store import models
from jejaring.store.db import open_store
from jejaring.store.loader import load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--sample", type=int, default=20)
    args = parser.parse_args()
    options = IngestOptions()
    documents = {d.source: d for d in iter_documents(plan([str(KOMPAS)], options.sources), options)}
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "dedupe.db")
        summary = load(store, documents.values(), threshold=args.threshold)
        with store.sessions() as session:
            links = session.execute(
                select(models.DocumentSource, models.Document)
                .join(models.Document, models.Document.id == models.DocumentSource.document_id)
                .where(models.DocumentSource.kind != "original")
            ).all()
            pairs = [
                (link.kind, link.similarity, link.source, doc.text, doc.title)
                for link, doc in links
            ]
        store.close()
    counts = {k: summary.counts[k] for k in ("new", "exact", "near", "same_id", "failed")}
    print(f"{sum(counts.values()):,} lines: {counts}")
    random.Random(0).shuffle(pairs)
    checked = []
    for kind, estimate, source, original_text, title in pairs[: args.sample]:
        copy = documents[source]
        a, b = shingles(original_text), shingles(copy.text)
        exact = len(a & b) / len(a | b) if a | b else 1.0
        diff = next(
            (
                line
                for line in difflib.unified_diff(
                    original_text.splitlines(), copy.text.splitlines(), lineterm="", n=0
                )
                if line[:1] in "+-" and line[:3] not in {"+++", "---"}
            ),
            "",
        )
        same_title = title == copy.title
        print(
            f"- {kind:7s} est {estimate or 1:.2f} exact {exact:.2f} same title {same_title}: "
            f"{(title or '')[:70]!r}\n    first difference: {diff[:110]!r}"
        )
        checked.append(
            {
                "kind": kind,
                "estimate": estimate,
                "jaccard": exact,
                "same_title": same_title,
                "title": title,
                "first_difference": diff[:200],
            }
        )
    save("dedupe", {"threshold": args.threshold, "counts": counts, "sampled_pairs": checked})


if __name__ == "__main__":
    main()
