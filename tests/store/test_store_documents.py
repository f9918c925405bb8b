"""De-duplicated, idempotent document storage on SQLite and PostgreSQL."""

from sqlalchemy import func, select

from jejaring.ingest.document import RawDocument
from jejaring.ingest.prepare import prepare
from jejaring.store import models
from jejaring.store.loader import load
from texts import CLIMATE_EN, JUMELAGE_FR, SISTER_CITY_ID, edit_one_word


def doc(text: str, source: str, id: str | None = None):
    return prepare(RawDocument(text=text, source=source, id=id))


def count(store, model) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_new_documents_are_stored_with_their_source(store):
    summary = load(store, [doc(SISTER_CITY_ID, "/in/a.txt"), doc(CLIMATE_EN, "/in/b.txt")])
    assert summary.counts["new"] == 2
    with store.sessions() as session:
        stored = session.scalar(select(models.Document).where(models.Document.id == "a"))
        assert stored.text == SISTER_CITY_ID and stored.language == "id"
        assert [(s.source, s.kind) for s in stored.sources] == [("/in/a.txt", "original")]


def test_exact_and_near_duplicates_are_linked_not_stored(store):
    near = edit_one_word(SISTER_CITY_ID)
    documents = [
        doc(SISTER_CITY_ID, "/in/a.txt"),
        doc(SISTER_CITY_ID, "/mirror/a-copy.txt"),
        doc(near, "/in/edited.txt"),
        doc(JUMELAGE_FR, "/in/fr.txt"),
    ]
    summary = load(store, documents, batch_size=2)
    assert (summary.counts["new"], summary.counts["exact"], summary.counts["near"]) == (2, 1, 1)
    assert count(store, models.Document) == 2
    with store.sessions() as session:
        sources = session.execute(
            select(models.DocumentSource.source, models.DocumentSource.kind)
            .where(models.DocumentSource.document_id == "a")
            .order_by(models.DocumentSource.id)
        ).all()
    assert [tuple(row) for row in sources] == [
        ("/in/a.txt", "original"),
        ("/mirror/a-copy.txt", "exact"),
        ("/in/edited.txt", "near"),
    ]


def test_near_duplicate_threshold_is_configurable(store):
    near = edit_one_word(SISTER_CITY_ID)
    summary = load(store, [doc(SISTER_CITY_ID, "a"), doc(near, "b")], threshold=0.99)
    assert summary.counts["new"] == 2


def test_running_again_adds_nothing(store):
    documents = [doc(SISTER_CITY_ID, "/in/a.txt"), doc(CLIMATE_EN, "/in/b.txt")]
    load(store, documents)
    again = load(store, documents)
    assert again.counts["unchanged"] == 2 and again.counts["new"] == 0
    assert count(store, models.Document) == 2
    assert count(store, models.DocumentSource) == 2


def test_same_given_id_with_shared_text_is_a_copy_of_that_story(store):
    revised = SISTER_CITY_ID + " " + CLIMATE_EN  # same story, a paragraph appended
    summary = load(store, [doc(SISTER_CITY_ID, "f:1", id="s1"), doc(revised, "f:2", id="s1")])
    assert summary.counts["same_id"] == 1
    assert count(store, models.Document) == 1


def test_same_id_with_unrelated_text_is_stored_under_a_new_id(store):
    summary = load(store, [doc(SISTER_CITY_ID, "f:1", id="7"), doc(JUMELAGE_FR, "g:1", id="7")])
    assert summary.counts["new"] == 2
    assert any("stored as '7-" in warning for warning in summary.warnings)
    with store.sessions() as session:
        ids = set(session.scalars(select(models.Document.id)))
    assert "7" in ids and len(ids) == 2


def test_duplicates_are_found_across_runs(store):
    load(store, [doc(SISTER_CITY_ID, "run1")])
    summary = load(store, [doc(edit_one_word(SISTER_CITY_ID), "run2")])
    assert summary.counts["near"] == 1


def test_runs_are_recorded(store):
    load(store, [doc(CLIMATE_EN, "x")], sources=["x"])
    with store.sessions() as session:
        run = session.scalars(select(models.IngestRun)).one()
    assert run.sources == ["x"] and run.counts["new"] == 1 and run.finished_at is not None


def test_without_dedupe_copies_are_stored_apart_and_reruns_add_nothing(store):
    documents = [
        doc(SISTER_CITY_ID, "f:1", id="s"),
        doc(SISTER_CITY_ID, "f:2", id="s"),
        doc(SISTER_CITY_ID, "f:3", id="s"),
    ]
    first = load(store, documents, dedupe=False)
    assert first.counts["new"] == 3
    with store.sessions() as session:
        ids = sorted(session.scalars(select(models.Document.id)))
    assert ids[0] == "s" and len(set(ids)) == 3
    again = load(store, documents, dedupe=False)
    assert again.counts["unchanged"] == 3 and count(store, models.Document) == 3
