"""Helpers shared by the benchmarks: databases, child processes, statistics, reports."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
KOMPAS = SHARED / "corpus" / "kompas-2025" / "articles.jsonl"
RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_server() -> str | None:
    """The server to benchmark on: $JEJARING_TEST_PG, else the local default if it answers."""
    url = os.environ.get("JEJARING_TEST_PG", DEFAULT_PG)
    from sqlalchemy import create_engine, text

    try:
        with create_engine(url).connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        return None
    return url


@contextmanager
def fresh_database(backend: str, workdir: Path, name: str | None = None):
    """A new empty database URL, removed afterwards (unless ``name`` asks to keep it)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    label = name or f"bench_{uuid.uuid4().hex[:10]}"
    if backend == "sqlite":
        path = workdir / f"{label}.db"
        yield str(path)
        if name is None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    server = make_url(postgres_server())
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": label}
        ).scalar()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{label}"'))
    try:
        yield server.set(database=label).render_as_string(hide_password=False)
    finally:
        if name is None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{label}" WITH (FORCE)'))
        admin.dispose()


def run_child(command: list[str]) -> tuple[float, int, str]:
    """Run a command; return wall seconds, its own peak RSS in MB, and its stdout."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout = child.stdout.read()
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr}")
    return elapsed, usage.ru_maxrss // 1024, stdout


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float:
    return statistics.median(values)


def save(name: str, payload: dict) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return path


def machine() -> dict:
    import platform

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "date": time.strftime("%Y-%m-%d"),
    }
