"""Searches, entity pages and graphs are cached by query and data version; any committed
change invalidates them."""

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
    assert client.app.state.read_cache.hits == 2


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


def test_entity_pages_and_graphs_are_cached_until_a_change_is_committed(client, graph_store):
    relation = client.get("/api/v1/relations", params={"limit": 1}).json()["data"][0]
    entity_id = relation["subject"]["id"]
    statements = _count_statements(graph_store.reads.kw["bind"])
    page = client.get(f"/api/v1/entities/{entity_id}").json()
    graph = client.get("/api/v1/graph", params={"entity": entity_id, "depth": 2}).json()
    used = len(statements)
    assert client.get(f"/api/v1/entities/{entity_id}").json() == page
    assert client.get("/api/v1/graph", params={"entity": entity_id, "depth": 2}).json() == graph
    assert len(statements) - used == 2  # the data version, once for each
    # a curator's change, committed through the store's own engine
    with graph_store.transaction() as session:
        session.get(models.Entity, entity_id).name = "Kota Sesudah Kurasi"
    renamed = client.get(f"/api/v1/entities/{entity_id}").json()
    assert renamed["name"] == "Kota Sesudah Kurasi"
    graph_after = client.get("/api/v1/graph", params={"entity": entity_id, "depth": 2}).json()
    labels = {n["id"]: n["label"] for n in graph_after["nodes"]}
    assert labels[entity_id] == "Kota Sesudah Kurasi"


def test_the_cache_can_be_switched_off(graph_store, settings):
    from fastapi.testclient import TestClient

    from jejaring.serve.app import create_app

    off = settings.model_copy(update={"read_cache": 0})
    with TestClient(create_app(off, store=graph_store)) as client:
        for _ in range(2):
            client.get("/api/v1/search", params={"q": "kota"})
            client.get("/api/v1/entities/1")
            client.get("/api/v1/graph", params={"entity": 1})
        assert client.app.state.read_cache.hits == 0
