"""Extraction speed and memory on the Kompas file, against spaCy's tokenizer as the floor.

    .venv/bin/python benchmarks/extract.py [--runs 3] [--limit N]

In one process: start-up (pipeline, model and knowledge base loaded), then
per run the blank Indonesian tokenizer over every text (the floor) and the
full extractor over the same texts (with its relevance gate), and the
extractor over the relevant documents we have (seeds and the sample corpus)
without the gate. Also the gate's recall on those relevant documents and
how many Kompas articles end up marked relevant. Medians of the runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

from _util import KOMPAS, ROOT, SHARED, machine, median, save

from jejaring.extract.extractor import ExtractOptions, Extractor
from jejaring.extract.relevance import gate
from jejaring.ingest.document import Document
from jejaring.ingest.pipeline import IngestOptions, iter_documents, plan

SAMPLE = ROOT / "src" / "jejaring" / "data" / "sample" / "documents"


def documents(sources: list[str]):
    options = IngestOptions()
    return [
        d
        for d in iter_documents(plan(sources, options.sources), options)
        if isinstance(d, Document)
    ]


def relevant_documents():
    seeds = documents([str(SHARED / "corpus" / "seeds")]) if SHARED.exists() else []
    sample = [d for d in documents([str(SAMPLE)]) if d.metadata.get("relevant")]
    return seeds + sample


def timed(function, items) -> float:
    started = time.perf_counter()
    for _ in function(items):
        pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not KOMPAS.exists():
        sys.exit(f"needs {KOMPAS}")
    started = time.perf_counter()
    extractor = Extractor()
    extractor.pipeline("id")
    extractor.extract(documents([str(SAMPLE / "01-surabaya-kitakyushu.txt")])[0])
    startup = time.perf_counter() - started
    kompas = documents([str(KOMPAS)])[: args.limit]
    relevant = relevant_documents()
    ungated = Extractor(ExtractOptions(use_gate=False))
    ungated.pipeline("id")
    import spacy

    tokenizer = spacy.blank("id").tokenizer
    texts = [d.text for d in kompas]
    floor, full, relevant_only = [], [], []
    for _ in range(args.runs):
        floor.append(timed(lambda xs: (tokenizer(t) for t in xs), texts))
        full.append(timed(extractor.extract_many, kompas))
        relevant_only.append(timed(ungated.extract_many, relevant))
    records = list(extractor.extract_many(kompas))
    marked = [
        (r["doc"]["id"], r["doc"]["title"], r["doc"]["relevance"])
        for r in records
        if r["doc"]["relevant"]
    ]
    passed = sum(1 for d in kompas if gate(d.text, d.language))
    gate_recall = sum(1 for d in relevant if gate(d.text, d.language)) / len(relevant)
    results = {
        "machine": machine(),
        "startup_seconds": round(startup, 3),
        "kompas_articles": len(kompas),
        "articles_per_s": len(kompas) / median(full),
        "tokenizer_floor_articles_per_s": len(kompas) / median(floor),
        "ratio_to_floor": median(full) / median(floor),
        "relevant_articles_per_s_ungated": len(relevant) / median(relevant_only),
        "relevant_documents": len(relevant),
        "gate_pass_rate_kompas": passed / len(kompas),
        "gate_recall_relevant": gate_recall,
        "kompas_marked_relevant": len(marked),
        "kompas_marked_relevant_share": len(marked) / len(kompas),
        "kompas_relevant_titles": marked,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }
    print(json.dumps({k: v for k, v in results.items() if k != "kompas_relevant_titles"}, indent=1))
    for doc_id, title, score in marked:
        print(f"  relevant: {doc_id} ({score:.2f}) {title}")
    print(f"saved {save('extract', results)}")


if __name__ == "__main__":
    main()
