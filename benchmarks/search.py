"""Search latency over 100,000 documents built from the Kompas file.

    .venv/bin/python benchmarks/search.py [--documents 100000] [--runs 3]
        [--backend sqlite postgresql] [--workdir DIR] [--rebuild]

The corpus repeats the Kompas articles under new ids, ingested with
de-duplication switched off (as the issue asks), and is kept in ``--workdir``
between runs. Queries mix frequent and rare words, phrases, prefixes, OR,
exclusions and filters; each query is run once to warm up, then timed.
p50 and p95 over all timed queries are reported; the median of the runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from _util import (
    KOMPAS,
    fresh_database,
    machine,
    median,
    percentile,
    postgres_server,
    save,
)
from sqlalchemy import func, select

from jejaring.ingest.pipeline import IngestOptions, iter_documents, plan
from jejaring.store import models
from jejaring.store.db import open_store
from jejaring.store.loader import load
from jejaring.store.search import SearchFilters, search

TARGET_P95_MS = 50
QUERIES: list[tuple[str, dict]] = [
    ("jakarta", {}),
    ("pemerintah", {}),
    ("presiden prabowo", {}),
    ("indonesia", {}),
    ("banjir", {}),
    ("sampah", {}),
    ("kerja sama", {}),
    ('"kerja sama"', {}),
    ('"wali kota"', {}),
    ('"pemerintah provinsi"', {}),
    ("pemerin*", {}),
    ("kota*", {}),
    ("surabaya OR bandung", {}),
    ("banjir -jakarta", {}),
    ("gubernur jawa tengah", {}),
    ("investasi asing", {}),
    ("sekolah rakyat", {}),
    ("kereta cepat", {}),
    ("pariwisata bali", {}),
    ("timnas indonesia", {}),
    ("jakarta", {"language": "id"}),
    ("pemerintah", {"source": "kompas.com"}),
    ("ekonomi", {"date_from": "2025-01", "date_to": "2025-12"}),
    ("kebakaran hutan", {}),
    ("zzzyxq", {}),
]


def build(url: str, documents: int) -> None:
    """Ingest repeated Kompas articles until the store holds ``documents``."""
    store = open_store(url)
    with store.sessions() as session:
        have = session.scalar(select(func.count()).select_from(models.Document)) or 0
    if have >= documents:
        store.close()
        return
    articles = [json.loads(line) for line in KOMPAS.read_text(encoding="utf-8").splitlines()]
    workdir = Path(url).parent if "://" not in url else Path("/tmp")
    source = workdir / f"search-corpus-{documents}.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for number in range(documents):
            article = dict(articles[number % len(articles)])
            article["id"] = f"{article['id']}-copy{number // len(articles)}"
            article["published"] = article.get("collected")
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    options = IngestOptions()  # JSON Lines stream: the size limit is per record
    started = time.perf_counter()
    summary = load(
        store,
        iter_documents(plan([str(source)], options.sources), options),
        dedupe=False,
        batch_size=500,
    )
    print(f"  built {summary.counts['new']:,} documents in {time.perf_counter() - started:.0f} s")
    store.close()


def measure(url: str) -> dict:
    store = open_store(url, migrate=False)
    timings: dict[str, float] = {}
    with store.sessions() as session:
        for query, filters in QUERIES:
            search(session, query, filters=SearchFilters(**filters))  # warm up
            started = time.perf_counter()
            results = search(session, query, filters=SearchFilters(**filters))
            elapsed = (time.perf_counter() - started) * 1000
            timings[f"{query} {filters or ''}".strip()] = elapsed
            assert results.total >= 0
    store.close()
    values = list(timings.values())
    return {
        "p50_ms": percentile(values, 50),
        "p95_ms": percentile(values, 95),
        "max_ms": max(values),
        "per_query_ms": timings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backend", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/jejaring-bench"))
    args = parser.parse_args()
    if not KOMPAS.exists():
        sys.exit(f"needs {KOMPAS}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    results = {"machine": machine(), "documents": args.documents, "backends": {}}
    for backend in args.backend:
        if backend == "postgresql" and not postgres_server():
            print("PostgreSQL not reachable; skipped")
            continue
        name = f"jejaring_search_{args.documents}"
        with fresh_database(backend, args.workdir, name=name) as url:
            print(f"{backend}: building or reusing {url}")
            build(url, args.documents)
            runs = [measure(url) for _ in range(args.runs)]
        row = {
            "median_p50_ms": median([r["p50_ms"] for r in runs]),
            "median_p95_ms": median([r["p95_ms"] for r in runs]),
            "target_p95_ms": TARGET_P95_MS,
            "runs": runs,
        }
        results["backends"][backend] = row
        slowest = sorted(runs[-1]["per_query_ms"].items(), key=lambda kv: -kv[1])[:3]
        print(
            f"{backend:10s} p50 {row['median_p50_ms']:.1f} ms, p95 {row['median_p95_ms']:.1f} ms "
            f"(target ≤ {TARGET_P95_MS}); slowest: "
            + ", ".join(f"{q!r} {ms:.0f} ms" for q, ms in slowest)
        )
    print(f"saved {save('search', results)}")


if __name__ == "__main__":
    main()
