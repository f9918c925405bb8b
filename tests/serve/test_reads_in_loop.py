"""Quick reads run in the event loop on an engine of their own.

If they shared the store's pool, a loop waiting for a connection that threads
hold (threads which in turn wait for the loop) would stall every request.
"""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from sqlalchemy import select

from jejaring.store import models


def _drain(stack: ExitStack, engine) -> int:
    """Check out every connection the store's pool will hand out."""
    pool = engine.pool
    limit = pool.size() + pool._max_overflow
    for _ in range(limit):
        stack.enter_context(engine.connect())
    return limit


def test_reads_answer_while_the_store_pool_is_drained(client, graph_store):
    with graph_store.sessions() as session:
        entity_id = session.scalar(select(models.Entity.id).limit(1))
    with ExitStack() as held:
        assert _drain(held, graph_store.engine) > 0
        assert client.get(f"/api/v1/entities/{entity_id}").status_code == 200
        assert client.get("/api/v1/search", params={"q": "kota"}).status_code == 200
        assert client.get("/api/v1/graph", params={"entity": entity_id}).status_code == 200
    assert graph_store.reads.kw["bind"] is not graph_store.engine


def test_a_read_sees_what_was_just_written_through_the_store(client, graph_store):
    with graph_store.transaction() as session:
        entity = session.scalar(select(models.Entity).limit(1))
        entity_id, entity.name = entity.id, "Kota Contoh Baru"
    assert client.get(f"/api/v1/entities/{entity_id}").json()["name"] == "Kota Contoh Baru"


def test_postgresql_reads_take_no_begin_rollback_or_ping(client, graph_store):
    """Autocommit without a ping: an entity page costs one round trip per statement."""
    engine = graph_store.reads.kw["bind"]
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite reads run in-process: no round trips to save")
    with graph_store.sessions() as session:
        entity_id = session.scalar(select(models.Entity.id).limit(1))
    assert client.get(f"/api/v1/entities/{entity_id}").status_code == 200
    assert engine.pool._pre_ping is False
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw.autocommit is True
        connection.exec_driver_sql("SELECT 1")
        assert raw.info.transaction_status.name == "IDLE"  # no transaction was opened
