"""Searches are cached by query and data version; any committed change invalidates them."""

from __future__ import annotations

from sqlalchemy import create_engine, event, text

from jejaring.store import models


def _count_statements(engine) -> list[str]:
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda c, cur, stmt, *a: seen.append(stmt))
    return seen


def test_a_repeated_search_is_answered_from_the_cache(client, graph_store):
    statements = _count_statements(graph_store.reads.kw["bind"])
    first = client.get("/api/v1/search", params={"q": "kota"}).json()
    used = len(statements)
    again = client.get("/api/v1/search", params={"q": "kota"}).json()
    assert again == first
    # only the data version is read the second time (once for hits, once for facets)
    assert len(statements) - used == 2
    assert client.app.state.search_cache.hits == 2


def test_a_change_committed_elsewhere_shows_in_the_next_search(client, graph_store):
    before = client.get("/api/v1/search", params={"q": "zebrakota"}).json()
    assert before["count"] == 0
    # another engine, as another process (`jejaring ingest`) would write
    other = create_engine(graph_store.engine.url)
    with other.begin() as connection:
        document = connection.execute(
            text("SELECT id FROM documents ORDER BY seq LIMIT 1")
        ).scalar_one()
        connection.execute(
            models.Document.__table__.update()
            .where(models.Document.__table__.c.id == document)
            .values(title="Zebrakota menjalin kerja sama")
        )
    other.dispose()
    after = client.get("/api/v1/search", params={"q": "zebrakota"}).json()
    assert after["count"] == 1
    assert after["data"][0]["id"] == document


def test_the_cache_can_be_switched_off(graph_store, settings):
    from fastapi.testclient import TestClient

    from jejaring.serve.app import create_app

    off = settings.model_copy(update={"search_cache": 0})
    with TestClient(create_app(off, store=graph_store)) as client:
        client.get("/api/v1/search", params={"q": "kota"})
        client.get("/api/v1/search", params={"q": "kota"})
        assert client.app.state.search_cache.hits == 0
