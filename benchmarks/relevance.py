"""Relevance gate and decision on the Kompas stream, the seeds and the sample corpus.

    .venv/bin/python benchmarks/relevance.py [--runs 3] [--show-gate 0] [--save]

Reads every document through the ingest pipeline (the same cleaned text the
extractor sees), then prints: the gate's pass rate and time per document on
Kompas; the relevance decisions and time per document on Kompas, the seeds
and the sample corpus; the time to score themes; the Kompas documents marked
relevant, with their titles and reasons, to be judged by eye; and themes
precision/recall against the gold seeds. Times are the best of ``--runs``
passes, warm (lexicons built).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from _util import KOMPAS, ROOT, SHARED, machine, save

from jejaring.extract.relevance import gate, relevance
from jejaring.extract.themes import score_themes
from jejaring.ingest.document import Document
from jejaring.ingest.pipeline import IngestOptions, iter_documents, plan

SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold" / "seeds"
SAMPLE = ROOT / "src" / "jejaring" / "data" / "sample" / "documents"
# The sample corpus's README lists these four as the deliberate negatives.


def load(path: Path) -> list[Document]:
    options = IngestOptions()
    return [
        d
        for d in iter_documents(plan([str(path)], options.sources), options)
        if isinstance(d, Document)
    ]


def best_time(function, documents: list[Document], runs: int) -> tuple[list, float]:
    """Results of one pass and the best per-document time in milliseconds over ``runs``."""
    best = float("inf")
    results: list = []
    for _ in range(runs):
        started = time.perf_counter()
        results = [function(d.text, d.language) for d in documents]
        best = min(best, time.perf_counter() - started)
    return results, best / max(1, len(documents)) * 1000


def kompas_report(documents: list[Document], runs: int, show_gate: int) -> dict:
    gate(documents[0].text, "id")  # build the automata outside the timing
    relevance(documents[0].text, "id")
    passed, gate_ms = best_time(gate, documents, runs)
    decisions, relevance_ms = best_time(relevance, documents, runs)
    score_themes(documents[0].text, "id")
    _, themes_ms = best_time(score_themes, documents, runs)
    chars = sum(len(d.text) for d in documents) / len(documents)
    positives = [(d, r) for d, r in zip(documents, decisions, strict=True) if r.relevant]
    print(f"Kompas: {len(documents):,} documents, {chars:,.0f} characters on average")
    print(
        f"  gate: {sum(passed):,} pass ({sum(passed) / len(documents):.1%}), "
        f"{gate_ms:.3f} ms per document"
    )
    print(
        f"  relevance: {len(positives)} relevant ({len(positives) / len(documents):.2%}), "
        f"{relevance_ms:.3f} ms per document"
    )
    print(f"  themes: {themes_ms:.3f} ms per document")
    gated = sum(1 for p, r in zip(passed, decisions, strict=True) if r.relevant and not p)
    print(f"  relevant but not gated: {gated}")
    for document, result in positives:
        print(f"    {result.score:.2f}  {document.id}  {document.title}")
        for reason in result.reasons:
            print(f"          {reason}")
    if show_gate:
        print(f"  first {show_gate} gated documents:")
        for document in [d for d, p in zip(documents, passed, strict=True) if p][:show_gate]:
            print(f"    {document.id}  {document.title}")
    return {
        "documents": len(documents),
        "gate_pass_rate": sum(passed) / len(documents),
        "gate_ms_per_doc": gate_ms,
        "relevant": len(positives),
        "relevance_ms_per_doc": relevance_ms,
        "themes_ms_per_doc": themes_ms,
        "positives": [{"id": d.id, "title": d.title, "score": r.score} for d, r in positives],
    }


def labelled_report(name: str, documents: list[Document], expected: dict[str, bool]) -> dict:
    tp = fp = fn = tn = gated = 0
    print(f"{name}:")
    for document in documents:
        want = expected[document.id]
        result = relevance(document.text, document.language)
        passed = gate(document.text, document.language)
        gated += want and passed
        tp += want and result.relevant
        fp += result.relevant and not want
        fn += want and not result.relevant
        tn += not want and not result.relevant
        mark = "ok " if result.relevant == want else "BAD"
        print(f"  {mark} {result.score:.2f} gate={int(passed)} {document.id}")
        if result.relevant != want:
            for reason in result.reasons:
                print(f"          {reason}")
    relevant = sum(expected.values())
    print(f"  gate recall {gated}/{relevant}; relevance: {tp} TP, {fp} FP, {fn} FN, {tn} TN")
    return {"gate_recall": gated / max(1, relevant), "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def themes_report(seeds: list[Document]) -> dict:
    tp = fp = fn = 0
    for document in seeds:
        gold_path = GOLD / f"{document.id}.json"
        if not gold_path.exists():
            continue
        gold = set(json.loads(gold_path.read_text(encoding="utf-8"))["themes"])
        found = {t.id for t in score_themes(document.text, document.language)}
        tp, fp, fn = tp + len(found & gold), fp + len(found - gold), fn + len(gold - found)
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    print(
        f"themes vs gold seeds: P {precision:.2f} R {recall:.2f} F1 {f1:.2f} "
        f"({tp} TP, {fp} FP, {fn} FN)"
    )
    return {"precision": precision, "recall": recall, "f1": f1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--show-gate", type=int, default=0, help="list this many gated titles")
    parser.add_argument(
        "--save", action="store_true", help="write benchmarks/results/relevance.json"
    )
    args = parser.parse_args()
    report: dict = {"machine": machine()}
    report["kompas"] = kompas_report(load(KOMPAS), args.runs, args.show_gate)
    seeds = load(SEEDS)
    report["seeds"] = labelled_report("seeds", seeds, {d.id: True for d in seeds})
    sample = load(SAMPLE)
    expected = {d.id: bool(d.metadata.get("relevant")) for d in sample}
    report["sample"] = labelled_report("sample", sample, expected)
    report["themes"] = themes_report(seeds)
    if args.save:
        print(f"saved {save('relevance', report)}")


if __name__ == "__main__":
    main()
