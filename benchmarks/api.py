"""HTTP API latency under load: search, entity pages and graph neighbourhoods.

    .venv/bin/python benchmarks/api.py [--runs 3] [--requests 400] [--clients 20]
        [--seconds 60] [--backend sqlite postgresql] [--workdir DIR] [--rebuild]
        [--only search entity graph] [--workers N] [--cache on off]

The database holds the Kompas file and the seeds, ingested with extraction by
``jejaring ingest`` (kept between runs: ``jejaring_bench.db`` in ``--workdir``
and the PostgreSQL database ``jejaring_bench``; ``--rebuild`` starts again).
``jejaring serve`` runs as a child process on 127.0.0.1 at a free port, with
one worker per core unless ``--workers`` says otherwise. For each
endpoint class, ``--clients`` concurrent clients (threads, one keep-alive
connection each) send ``--requests`` requests in all, cycling through
that class's addresses, or stop at ``--seconds``; every address is requested
once first to warm up. Latency is what a client sees (queueing in the server
included), so p95 at 20 clients is about 20 service times of the slowest
requests. Reported per class and database: p50, p95, max and requests/s, the
median of ``--runs`` runs, with the machine's load average before and after.

The server caches searches, entity pages and graphs by the database's data
version (``JEJARING_READ_CACHE``), so after the warm-up every request of a
run with the cache on is a hit. ``--cache off`` starts the server with the
cache switched off, which measures the queries themselves: by default both.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from _util import (
    KOMPAS,
    SHARED,
    fresh_database,
    machine,
    median,
    percentile,
    postgres_server,
    run_child,
    save,
)
from sqlalchemy import func, or_, select

from jejaring.store import models
from jejaring.store.db import open_store

SEEDS = SHARED / "corpus" / "seeds"
NAME = "jejaring_bench"
HOST = "127.0.0.1"  # loopback only
TARGET_P95_MS = 100
MAX_NODES = 500
SEARCHES: list[dict] = [
    {"q": "jakarta"},
    {"q": "pemerintah"},
    {"q": "kerja sama"},
    {"q": '"kerja sama"'},
    {"q": '"wali kota"'},
    {"q": "presiden prabowo"},
    {"q": "banjir -jakarta"},
    {"q": "surabaya OR bandung"},
    {"q": "pemerin*"},
    {"q": "investasi asing"},
    {"q": "pariwisata bali"},
    {"q": "sister city"},
    {"q": '"smart city"'},
    {"q": "climate change"},
    {"q": "investment"},
    {"q": "jakarta", "language": "id"},
    {"q": "pemerintah", "year": "2025"},
    {"q": "sekolah", "theme": "education"},
    {"q": "kota", "country": "ID"},
    {"q": "ekonomi", "from": "2025-01", "to": "2025-12", "source": "kompas.com"},
    {"q": "zzzyxq"},
]


def build(url: str) -> dict:
    """Ingest the Kompas file and the seeds (with extraction) unless the store holds them."""
    store = open_store(url)
    with store.sessions() as session:
        have = session.scalar(select(func.count()).select_from(models.Document)) or 0
    store.close()
    if have:
        return {"reused": True, "documents": have}
    command = [sys.executable, "-m", "jejaring", "ingest", str(KOMPAS), str(SEEDS)]
    seconds, _, _ = run_child([*command, "--db", url, "--quiet", "--json"])
    print(f"  ingested in {seconds:.0f} s")
    return {"reused": False, "ingest_seconds": seconds}


def targets(url: str, count: int = 10, seed: int = 5) -> dict[str, list[str]]:
    """The addresses of each class: the most mentioned, random and best-connected entities."""
    store = open_store(url, migrate=False)
    with store.sessions() as session:
        alive = models.Entity.merged_into_id.is_(None)
        mentioned = session.scalars(
            select(models.Mention.entity_id)
            .join(models.Entity, models.Entity.id == models.Mention.entity_id)
            .where(alive)
            .group_by(models.Mention.entity_id)
            .order_by(func.count().desc(), models.Mention.entity_id)
            .limit(count)
        ).all()
        everyone = session.scalars(select(models.Entity.id).where(alive)).all()
        relation = models.Relation
        connected = session.scalars(
            select(models.Entity.id)
            .join(
                relation,
                or_(
                    relation.subject_id == models.Entity.id,
                    relation.object_id == models.Entity.id,
                ),
            )
            .where(alive)
            .group_by(models.Entity.id)
            .order_by(func.count().desc(), models.Entity.id)
            .limit(count)
        ).all()
    store.close()
    picked = random.Random(seed).sample(sorted(everyone), min(count, len(everyone)))
    return {
        "search": [str(httpx.URL("/api/v1/search", params=p)) for p in SEARCHES],
        "entity": [f"/api/v1/entities/{i}" for i in [*mentioned, *picked]],
        "graph": [
            f"/api/v1/graph?entity={i}&depth={d}&max_nodes={MAX_NODES}"
            for i in connected
            for d in (1, 2)
        ],
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(url: str, workers: int = 1, cache: bool = True) -> tuple[subprocess.Popen, str]:
    """``jejaring serve`` on a free loopback port, once /api/v1/health answers."""
    port = free_port()
    command = [sys.executable, "-m", "jejaring", "serve", "--db", url, "--workers", str(workers)]
    environment = os.environ | ({} if cache else {"JEJARING_READ_CACHE": "0"})
    server = subprocess.Popen(
        [*command, "--host", HOST, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"jejaring serve exited:\n{server.stderr.read()}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return server, base
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise RuntimeError("jejaring serve did not answer /api/v1/health within 60 s")


def load(base: str, paths: list[str], requests: int, clients: int, seconds: float) -> dict:
    """Closed-loop load: ``clients`` threads share ``requests`` requests, until ``seconds``.

    Each thread keeps one keep-alive ``http.client`` connection: the cheapest
    client in the standard library, so that the load generator, on the same two
    cores, takes as little as possible from the server (httpx's async client
    took about as much CPU per request as the server's cheapest endpoints).
    """
    address = httpx.URL(base)
    for path in paths:  # warm up: caches, the first query plans
        httpx.get(f"{base}{path}", timeout=60).raise_for_status()
    latencies: list[float] = []
    failures: list[str] = []
    turn = itertools.count()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection(address.host, address.port, timeout=60)
        while (number := next(turn)) < requests and time.perf_counter() < deadline:
            path = paths[number % len(paths)]
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            latencies.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                failures.append(f"{response.status} {path}")
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "failures": len(failures),
        "failed": failures[:5],
        "seconds": wall,
        "requests_per_s": len(latencies) / wall,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "max_ms": max(latencies),
    }


def summarise(runs: list[dict]) -> dict:
    keys = ("p50_ms", "p95_ms", "max_ms", "requests_per_s")
    return {
        **{f"median_{key}": median([run[key] for run in runs]) for key in keys},
        "target_p95_ms": TARGET_P95_MS,
        "runs": runs,
    }


def bench_backend(url: str, args: argparse.Namespace) -> dict:
    paths = targets(url)
    modes = {}
    for mode in args.cache:
        print(f"  cache {mode}")
        modes[f"cache {mode}"] = bench_server(url, paths, args, cache=mode == "on")
    return {"addresses": paths, "modes": modes}


def bench_server(url: str, paths: dict[str, list[str]], args: argparse.Namespace, cache: bool):
    """Each class's runs against one server."""
    server, base = start_server(url, args.workers, cache)
    classes: dict[str, dict] = {}
    try:
        for name in args.only:
            runs = []
            for _ in range(args.runs):
                before = os.getloadavg()[0]
                run = load(base, paths[name], args.requests, args.clients, args.seconds)
                run["load_before"], run["load_after"] = before, os.getloadavg()[0]
                runs.append(run)
            classes[name] = summarise(runs)
            row = classes[name]
            print(
                f"    {name:7s} p50 {row['median_p50_ms']:6.1f} ms  "
                f"p95 {row['median_p95_ms']:6.1f} ms  max {row['median_max_ms']:6.1f} ms  "
                f"{row['median_requests_per_s']:6.1f} "
                f"req/s  (load {runs[0]['load_before']:.2f}→{runs[-1]['load_after']:.2f}, "
                f"failures {sum(r['failures'] for r in runs)})"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return classes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0, help="time cap per run")
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="jejaring serve --workers (default: one per core)",
    )
    parser.add_argument("--backend", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--only", nargs="+", default=["search", "entity", "graph"])
    parser.add_argument("--cache", nargs="+", choices=["on", "off"], default=["on", "off"])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/jejaring-bench"))
    parser.add_argument("--rebuild", action="store_true", help="ingest into a fresh database")
    args = parser.parse_args()
    if not KOMPAS.exists() or not SEEDS.exists():
        sys.exit(f"needs {KOMPAS} and {SEEDS}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    results = {
        "machine": machine(),
        "settings": {k: v for k, v in vars(args).items() if k != "workdir"},
        "load_average": os.getloadavg(),
        "backends": {},
    }
    for backend in args.backend:
        if backend == "postgresql" and not postgres_server():
            print("PostgreSQL not reachable; skipped")
            continue
        if args.rebuild:
            drop(backend, args.workdir)
        with fresh_database(backend, args.workdir, name=NAME) as url:
            print(f"{backend}: building or reusing {url}  (load {os.getloadavg()[0]:.2f})")
            built = build(url)
            results["backends"][backend] = {"database": built, **bench_backend(url, args)}
    print(f"saved {save('api', results)}")


def drop(backend: str, workdir: Path) -> None:
    """Remove the kept benchmark database, so that ``build`` ingests again."""
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{workdir / NAME}.db{suffix}").unlink(missing_ok=True)
        return
    from sqlalchemy import create_engine, text

    admin = create_engine(postgres_server(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)'))
    admin.dispose()


if __name__ == "__main__":
    main()
