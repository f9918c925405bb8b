"""A real ``jejaring ingest`` process killed with SIGKILL mid-batch leaves a
consistent database, and running the same command again completes the rest."""

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select, text

from jejaring.store import models
from jejaring.store.db import open_store
from texts import write_jsonl

DOCUMENTS = 3000
BATCH = 50


def ingest_command(db_url: str, source) -> list[str]:
    return [
        sys.executable,
        "-m",
        "jejaring",
        "ingest",
        str(source),
        "--db",
        db_url,
        "--batch-size",
        str(BATCH),
        "--quiet",
        "--no-extract",
    ]


def stored(db_url: str) -> int:
    store = open_store(db_url, migrate=False)
    try:
        with store.sessions() as session:
            return session.scalar(select(func.count()).select_from(models.Document)) or 0
    except Exception:  # schema not created yet by the child process
        return 0
    finally:
        store.close()


def consistency(db_url: str) -> dict[str, int]:
    store = open_store(db_url, migrate=False)
    with store.sessions() as session:
        counts = {
            "documents": session.scalar(select(func.count()).select_from(models.Document)),
            "originals": session.scalar(
                select(func.count()).where(models.DocumentSource.kind == "original")
            ),
            "with_bands": session.scalar(
                select(func.count(func.distinct(models.DocumentBand.document_id)))
            ),
        }
        if store.dialect == "sqlite":
            counts["indexed"] = session.scalar(text("SELECT count(*) FROM documents_fts"))
        else:
            counts["indexed"] = session.scalar(
                text("SELECT count(*) FROM documents WHERE search_vector IS NOT NULL")
            )
    store.close()
    return counts


@pytest.mark.slow
def test_sigkill_mid_batch_then_rerun_completes(db_url, tmp_path):
    source = write_jsonl(tmp_path / "stream.jsonl", DOCUMENTS)
    open_store(db_url).close()  # schema first, so polling below sees tables
    child = subprocess.Popen(
        ingest_command(db_url, source), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while stored(db_url) < 3 * BATCH and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert child.poll() is None, "ingest finished before it could be killed; make it bigger"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL

    after_kill = consistency(db_url)
    assert 0 < after_kill["documents"] < DOCUMENTS
    assert after_kill["documents"] % BATCH == 0  # whole batches or nothing
    assert len(set(after_kill.values())) == 1, after_kill  # every table agrees

    rerun = subprocess.run(
        [*ingest_command(db_url, source), "--json"], capture_output=True, text=True, check=True
    )
    assert f'"unchanged": {after_kill["documents"]}' in rerun.stdout
    assert f'"new": {DOCUMENTS - after_kill["documents"]}' in rerun.stdout
    final = consistency(db_url)
    assert set(final.values()) == {DOCUMENTS}, final
