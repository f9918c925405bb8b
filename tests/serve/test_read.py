"""Read endpoints over the sample graph: shapes, filters, offsets, errors as JSON 4xx."""

import re

import pytest
from fastapi.testclient import TestClient

from jejaring.serve.app import create_app
from jejaring.settings import Settings

API = "/api/v1"


def get(client, path, **params):
    response = client.get(API + path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_health_names_the_database_and_schema(reader, read_store):
    body = get(reader, "/health")
    assert body == {"status": "ok", "database": read_store.dialect, "schema": "0003"}


def test_documents_list_filters_and_pages(reader):
    everything = get(reader, "/documents", limit=500)
    assert everything["count"] == len(everything["data"]) >= 20
    relevant = get(reader, "/documents", relevant="true", limit=500)
    assert 0 < relevant["count"] < everything["count"]
    assert all(d["relevant"] for d in relevant["data"])
    page = get(reader, "/documents", limit=5, offset=5)
    assert [d["id"] for d in page["data"]] == [d["id"] for d in everything["data"][5:10]]
    in_2024 = get(reader, "/documents", **{"from": "2024", "to": "2024"}, limit=500)
    assert in_2024["count"] and all(d["published"].startswith("2024") for d in in_2024["data"])


def test_a_document_carries_its_facts_at_the_right_offsets(reader):
    relevant = get(reader, "/documents", relevant="true", limit=500)["data"]
    detailed = [get(reader, f"/documents/{d['id']}") for d in relevant]
    with_relations = [d for d in detailed if d["relations"]]
    assert with_relations
    for document in detailed:
        text = document["text"]
        for mention in document["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
        for fact in document["relations"] + document["events"]:
            for span in fact["evidence"]:
                assert text[span["start"] : span["end"]] == span["text"]


def test_unknown_ids_are_404_with_a_message(reader):
    paths = (
        "/documents/nope",
        "/entities/999999",
        "/relations/999999",
        "/events/999999",
        "/graph?entity=999999",
        "/export/graphml?entity=999999",
    )
    for path in paths:
        response = reader.get(API + path)
        assert response.status_code == 404, path
        assert "no " in response.json()["detail"]


def test_a_start_entity_without_relations_is_its_own_graph(reader):
    lonely = next(
        e
        for e in get(reader, "/entities", limit=500)["data"]
        if not get(reader, f"/entities/{e['id']}")["relations"]
    )
    graph = get(reader, "/graph", entity=lonely["id"], depth=2)
    assert [n["id"] for n in graph["nodes"]] == [lonely["id"]] and graph["edges"] == []


@pytest.mark.parametrize(
    "path",
    [
        "/documents?from=2024-13",
        "/documents?to=yesterday",
        "/documents?limit=0",
        "/entities?limit=100000",
        "/entities?country=Indonesia",
        "/graph?depth=9",
        "/relations?min_confidence=2",
        "/search?q=",
        "/entities/abc",
    ],
)
def test_invalid_parameters_are_422_naming_the_parameter(reader, path):
    response = reader.get(API + path)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["detail"].startswith("invalid request") and body["errors"]


def test_a_query_with_nothing_to_search_for_is_400(reader):
    response = reader.get(API + "/search", params={"q": "-kota"})
    assert response.status_code == 400
    assert "nothing to search for" in response.json()["detail"]


def test_search_highlights_with_mark_only_and_counts_facets(reader):
    body = get(reader, "/search", q="kota")
    assert body["count"] >= len(body["data"]) > 0
    for hit in body["data"]:
        assert "<mark>" in hit["snippet_html"]
        assert not re.search(r"<(?!/?mark>)", hit["snippet_html"])
    assert sum(body["facets"]["language"].values()) == body["count"]
    only_id = get(reader, "/search", q="kota", language="id")
    assert only_id["count"] == body["facets"]["language"].get("id", 0)
    theme = next(iter(body["facets"]["theme"]))
    themed = get(reader, "/search", q="kota", theme=theme)
    assert themed["count"] == body["facets"]["theme"][theme]


def test_entities_list_and_profile(reader):
    body = get(reader, "/entities", limit=50)
    counts = [e["documents"] for e in body["data"]]
    assert counts == sorted(counts, reverse=True)
    places = get(reader, "/entities", type="place", limit=500)["data"]
    assert places and all(e["type"] == "place" for e in places)
    relation = get(reader, "/relations", limit=1)["data"][0]
    subject = relation["subject"]["id"]
    profile = get(reader, f"/entities/{subject}")
    assert profile["name"] == relation["subject"]["name"]
    assert relation["id"] in [r["id"] for r in profile["relations"]]
    partners = profile["partners"][relation["type"]]
    assert relation["object"]["id"] in [p["entity"]["id"] for p in partners]
    assert profile["documents"] and profile["aliases"]
    found = get(reader, "/entities", q=profile["name"][:5].lower(), limit=500)["data"]
    assert subject in [e["id"] for e in found]


def test_relations_filter_by_type_entity_and_confidence(reader):
    everything = get(reader, "/relations", limit=500)
    kinds = {r["type"] for r in everything["data"]}
    kind = sorted(kinds)[0]
    typed = get(reader, "/relations", type=kind, limit=500)
    assert typed["count"] == sum(r["type"] == kind for r in everything["data"])
    low = get(reader, "/relations", max_confidence=0.65, limit=500)["data"]
    assert all(r["confidence"] <= 0.65 for r in low)
    entity = everything["data"][0]["object"]["id"]
    around = get(reader, "/relations", entity=entity, limit=500)["data"]
    assert around and all(entity in (r["subject"]["id"], r["object"]["id"]) for r in around)


def test_events_and_event_detail(reader):
    events = get(reader, "/events", limit=500)
    assert events["count"] > 0
    detail = get(reader, f"/events/{events['data'][0]['id']}")
    assert detail["evidence"] and detail["documents"]
    assert all(p["part"] in {"organizer", "host", "participant"} for p in detail["participants"])


def test_themes_have_labels_in_three_languages(reader):
    themes = get(reader, "/themes")
    assert len(themes) >= 30
    assert all(set(t["labels"]) >= {"id", "en", "fr"} for t in themes)
    assert any(t["documents"] for t in themes)


def test_graph_neighbourhood_depth_and_cap(reader):
    relation = get(reader, "/relations", limit=1)["data"][0]
    start = relation["subject"]["id"]
    one = get(reader, "/graph", entity=start, depth=1)
    ids = {n["id"] for n in one["nodes"]}
    assert {start, relation["object"]["id"]} <= ids and not one["truncated"]
    assert all(e["source"] in ids and e["target"] in ids for e in one["edges"])
    two = get(reader, "/graph", entity=start, depth=2)
    assert ids <= {n["id"] for n in two["nodes"]}
    capped = get(reader, "/graph", entity=start, depth=3, max_nodes=1)
    assert len(capped["nodes"]) == 1 and capped["truncated"] and capped["max_nodes"] == 1
    typed = get(reader, "/graph", types=relation["type"])
    assert typed["edges"] and all(e["type"] == relation["type"] for e in typed["edges"])
    searched = get(reader, "/graph", q="sister city")
    assert searched["nodes"]


def test_anonymous_reading_can_be_switched_off(graph_store):
    settings = Settings(anonymous_read=False, secret_key="k" * 40)
    with TestClient(create_app(settings, store=graph_store)) as closed:
        response = closed.get(API + "/documents")
        assert response.status_code == 401
        assert "anonymous" in response.json()["detail"]
        assert closed.get(API + "/health").status_code == 200


def test_a_placeholder_secret_is_refused_outside_development():
    from jejaring.errors import ConfigError

    with pytest.raises(ConfigError, match="JEJARING_SECRET_KEY"):
        create_app(Settings(environment="production", secret_key="change-me"))
