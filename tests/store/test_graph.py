"""Extraction records stored as a graph: canonical entities, evidence, human decisions kept."""

from sqlalchemy import func, select

from jejaring.ingest.document import RawDocument
from jejaring.ingest.prepare import prepare
from jejaring.store import models
from jejaring.store.graph import entity_key, save_record
from jejaring.store.loader import load
from texts import SISTER_CITY_ID, filler


def record(doc_id: str, city_ids: dict | None = None) -> dict:
    text = SISTER_CITY_ID
    start = text.index("Tanjung Sari")
    return {
        "doc": {"id": doc_id, "relevant": True, "relevance": 0.9},
        "entities": [
            {
                "id": "e1",
                "type": "place",
                "subtype": "city",
                "name": "Tanjung Sari",
                "aliases": ["Kota Tanjung Sari"],
                "country": "ID",
                "ids": city_ids or {},
                "mentions": [{"start": start, "end": start + 12, "text": "Tanjung Sari"}],
            },
            {
                "id": "e2",
                "type": "place",
                "subtype": "city",
                "name": "Halden",
                "aliases": [],
                "country": "NO",
                "ids": {"geonames": 3153623},
                "coordinates": {"lat": 59.1225, "lon": 11.3875},
                "mentions": [],
            },
        ],
        "events": [
            {
                "id": "v1",
                "name": "Penandatanganan MoU",
                "aliases": [],
                "type": "signing",
                "start": "2024-09-12",
                "end": "2024-09-12",
                "location": "e1",
                "organizers": ["e1"],
                "hosts": [],
                "participants": [{"entity": "e2", "role": "participant"}],
                "participant_count": None,
                "motto": None,
                "themes": ["waste_management"],
                "evidence": [{"start": 0, "end": 10, "text": text[:10]}],
                "confidence": 0.7,
            }
        ],
        "relations": [
            {
                "type": "sister_city",
                "subject": "e1",
                "object": "e2",
                "status": "active",
                "date": None,
                "attributes": {"kind": "city"},
                "evidence": [{"start": 0, "end": 10, "text": text[:10]}],
                "confidence": 0.8,
            }
        ],
        "themes": [{"id": "waste_management", "score": 0.7, "evidence": []}],
    }


def stored_document(store, doc_id: str) -> str:
    text = SISTER_CITY_ID + " " + filler(ord(doc_id), 200)  # distinct stories
    load(store, [prepare(RawDocument(text=text, source=doc_id, id=doc_id))])
    return doc_id


def count(session, model, **where) -> int:
    return session.scalar(select(func.count()).select_from(model).filter_by(**where))


def test_entity_keys_prefer_knowledge_base_ids():
    assert (
        entity_key({"type": "place", "name": "X", "ids": {"geonames": 1, "wikidata": "Q1"}})
        == "wikidata:Q1"
    )
    assert (
        entity_key({"type": "place", "name": "Kota  Bandung!", "country": "ID", "ids": {}})
        == "name:place:ID:kota bandung"
    )


def test_records_become_a_graph_with_evidence(store):
    doc_id = stored_document(store, "a")
    with store.transaction() as session:
        counts = save_record(session, doc_id, record(doc_id))
    assert counts == {"entities": 2, "mentions": 1, "events": 1, "relations": 1}
    with store.sessions() as session:
        assert count(session, models.Evidence) == 2
        assert count(session, models.EventParticipant) == 2
        document = session.scalar(select(models.Document).where(models.Document.id == doc_id))
        assert document.relevant and document.extracted_at is not None
        aliases = set(session.scalars(select(models.EntityAlias.alias)))
        assert {"Tanjung Sari", "Kota Tanjung Sari", "Halden"} <= aliases


def test_entities_keep_their_coordinates_for_the_map(store):
    doc_id = stored_document(store, "c")
    with store.transaction() as session:
        save_record(session, doc_id, record(doc_id))
    with store.sessions() as session:
        points = {e.name: (e.lat, e.lon) for e in session.scalars(select(models.Entity))}
    assert points == {"Halden": (59.1225, 11.3875), "Tanjung Sari": (None, None)}


def test_entities_resolve_across_documents(store):
    first, second = stored_document(store, "a"), stored_document(store, "b")
    with store.transaction() as session:
        save_record(session, first, record(first))
        save_record(session, second, record(second))
    with store.sessions() as session:
        assert count(session, models.Entity) == 2  # same names/ids → same entities
        assert count(session, models.Mention) == 2  # but each document keeps its mention
        assert count(session, models.Relation) == 2


def test_saving_again_replaces_only_unreviewed_facts(store):
    doc_id = stored_document(store, "a")
    with store.transaction() as session:
        save_record(session, doc_id, record(doc_id))
    with store.transaction() as session:
        relation = session.scalars(select(models.Relation)).one()
        relation.review_state = "accepted"
    with store.transaction() as session:
        save_record(session, doc_id, record(doc_id))
        save_record(session, doc_id, record(doc_id))
    with store.sessions() as session:
        relations = session.scalars(select(models.Relation)).all()
        assert [r.review_state for r in relations] == ["accepted"]
        assert count(session, models.Event) == 1 and count(session, models.Mention) == 1
