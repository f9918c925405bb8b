"""Ingest throughput and peak memory on the Kompas file (no extraction).

    .venv/bin/python benchmarks/ingest.py [--runs 3] [--backend sqlite postgresql]

Each run is a fresh ``jejaring ingest`` process into a fresh database; peak RSS
is that process's own (``wait4``). Documents/s is over the ingest itself (the
summary's elapsed time); the whole command, with interpreter start-up and
schema creation, is reported beside it. Medians of the runs are reported.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from _util import KOMPAS, fresh_database, machine, median, postgres_server, run_child, save

TARGETS = {"sqlite": 500, "postgresql": 300}
RSS_TARGET_MB = 500


def one_run(backend: str, workdir: Path) -> dict:
    with fresh_database(backend, workdir) as url:
        command = [
            sys.executable,
            "-m",
            "jejaring",
            "ingest",
            str(KOMPAS),
            "--db",
            url,
            "--quiet",
            "--json",
            "--no-extract",
        ]
        wall, rss, stdout = run_child(command)
    summary = json.loads(stdout)
    documents = sum(summary[k] for k in ("new", "exact", "near", "same_id", "unchanged"))
    return {
        "documents": documents,
        "ingest_seconds": summary["elapsed"],
        "wall_seconds": wall,
        "docs_per_s": documents / summary["elapsed"],
        "peak_rss_mb": rss,
        "new": summary["new"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backend", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    if not KOMPAS.exists():
        sys.exit(f"needs {KOMPAS}")
    results = {"machine": machine(), "backends": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backend:
            if backend == "postgresql" and not postgres_server():
                print("PostgreSQL not reachable; skipped")
                continue
            runs = [one_run(backend, Path(tmp)) for _ in range(args.runs)]
            results["backends"][backend] = {
                "runs": runs,
                "median_docs_per_s": median([r["docs_per_s"] for r in runs]),
                "median_wall_seconds": median([r["wall_seconds"] for r in runs]),
                "median_peak_rss_mb": median([r["peak_rss_mb"] for r in runs]),
                "target_docs_per_s": TARGETS[backend],
                "target_rss_mb": RSS_TARGET_MB,
            }
            row = results["backends"][backend]
            print(
                f"{backend:10s} {row['median_docs_per_s']:7.0f} docs/s "
                f"(target ≥ {TARGETS[backend]}), "
                f"whole command {row['median_wall_seconds']:.2f} s, "
                f"peak RSS {row['median_peak_rss_mb']:.0f} MB (target ≤ {RSS_TARGET_MB})"
            )
    print(f"saved {save('ingest', results)}")


if __name__ == "__main__":
    main()
