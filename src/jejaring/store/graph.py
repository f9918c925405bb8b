"""Extraction records → the stored graph, resolving entities across documents.

One canonical entity per knowledge-base identifier (Wikidata, GeoNames, ISO
3166, Kemendagri code), else per normalised name, type and country; each
document keeps its own mentions and evidence. Saving a document's record
again replaces only that document's machine-made facts that nobody has
reviewed: a human decision (accepted, rejected, edited, or a fact added by
hand) is never overwritten.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from jejaring.extract.evaluate import normalise as normalise_name
from jejaring.store import models

KEY_ORDER = ("wikidata", "geonames", "iso3166_2", "iso3166_1", "kemendagri")
EXTRACTOR = "jejaring-extract/1"


def entity_key(entity: dict[str, Any]) -> str:
    """The cross-document identity of an extracted entity."""
    ids = entity.get("ids") or {}
    for name in KEY_ORDER:
        if ids.get(name) not in (None, ""):
            return f"{name}:{ids[name]}"
    country = entity.get("country") or "-"
    return f"name:{entity['type']}:{country}:{normalise_name(entity['name'])}"[:300]


def save_record(session: Session, document_id: str, record: dict[str, Any]) -> dict[str, int]:
    """Store one document's record; returns how many facts of each kind were written."""
    _forget_unreviewed(session, document_id)
    local = {e["id"]: _canonical(session, e) for e in record.get("entities", [])}
    counts = {"entities": len(local), "mentions": 0, "events": 0, "relations": 0}
    for entity in record.get("entities", []):
        counts["mentions"] += _save_mentions(session, document_id, entity, local)
    decided_events = _decided_events(session, document_id)
    for event in record.get("events", []):
        if _already_decided(event, decided_events):
            continue
        _save_event(session, document_id, event, local)
        counts["events"] += 1
    decided = _decided_relations(session, document_id)
    for relation in record.get("relations", []):
        if _save_relation(session, document_id, relation, local, decided):
            counts["relations"] += 1
    _save_themes(session, document_id, record.get("themes", []))
    _mark_document(session, document_id, record["doc"])
    return counts


def _forget_unreviewed(session: Session, document_id: str) -> None:
    unreviewed = {"origin": "extracted", "review_state": "pending"}
    for model in (models.Relation, models.Event):
        ids = select(model.id).where(model.document_id == document_id).filter_by(**unreviewed)
        session.execute(
            delete(models.Evidence).where(
                getattr(models.Evidence, f"{model.__tablename__[:-1]}_id").in_(ids)
            )
        )
        if model is models.Event:
            session.execute(
                delete(models.EventParticipant).where(models.EventParticipant.event_id.in_(ids))
            )
            session.execute(delete(models.EventTheme).where(models.EventTheme.event_id.in_(ids)))
        session.execute(delete(model).where(model.id.in_(ids)))
    for model in (models.Mention, models.EntityRole, models.DocumentTheme):
        session.execute(delete(model).where(model.document_id == document_id))


def _canonical(session: Session, entity: dict[str, Any]) -> int:
    key = entity_key(entity)
    row = session.scalar(select(models.Entity).where(models.Entity.key == key))
    if row is None:
        row = models.Entity(
            key=key,
            type=entity["type"],
            subtype=entity.get("subtype"),
            name=entity["name"],
            country=entity.get("country"),
            kb_ids=entity.get("ids") or {},
        )
        session.add(row)
        session.flush()
    if row.lat is None and entity.get("coordinates"):
        row.lat, row.lon = entity["coordinates"]["lat"], entity["coordinates"]["lon"]
    while row.merged_into_id is not None:  # a curator merged it into another
        row = session.get(models.Entity, row.merged_into_id)
    known = set(
        session.scalars(
            select(models.EntityAlias.normalized).where(models.EntityAlias.entity_id == row.id)
        )
    )
    for alias in [entity["name"], *entity.get("aliases", [])]:
        normalized = normalise_name(alias)[:300]
        if normalized and normalized not in known:
            known.add(normalized)
            session.add(models.EntityAlias(entity_id=row.id, alias=alias, normalized=normalized))
    return row.id


def _save_mentions(session: Session, document_id: str, entity: dict, local: dict) -> int:
    entity_id = local[entity["id"]]
    if entity.get("jurisdiction") in local:
        row = session.get(models.Entity, entity_id)
        if row.jurisdiction_id is None:
            row.jurisdiction_id = local[entity["jurisdiction"]]
    for role in entity.get("roles", []):
        session.add(
            models.EntityRole(
                person_id=entity_id,
                title=role["title"],
                organization_id=local.get(role.get("organization")),
                document_id=document_id,
            )
        )
    rows = [
        models.Mention(
            document_id=document_id,
            entity_id=entity_id,
            local_id=entity["id"],
            start=m["start"],
            end=m["end"],
            text=m["text"],
        )
        for m in entity.get("mentions", [])
    ]
    session.add_all(rows)
    return len(rows)


def _save_event(session: Session, document_id: str, event: dict, local: dict) -> None:
    count = event.get("participant_count") or {}
    row = models.Event(
        document_id=document_id,
        local_id=event["id"],
        name=event["name"],
        aliases=event.get("aliases", []),
        type=event["type"],
        start=event.get("start"),
        end=event.get("end"),
        location_id=local.get(event.get("location")),
        participant_count=count.get("value"),
        participant_qualifier=count.get("qualifier"),
        motto=event.get("motto"),
        confidence=event.get("confidence"),
    )
    session.add(row)
    session.flush()
    parts = {}
    for part, members in (
        ("organizer", event.get("organizers", [])),
        ("host", event.get("hosts", [])),
    ):
        for member in members:
            if member in local:
                parts[(local[member], part)] = None
    for participant in event.get("participants", []):
        if participant["entity"] in local:
            parts[(local[participant["entity"]], "participant")] = participant.get("role")
    session.add_all(
        models.EventParticipant(event_id=row.id, entity_id=entity, part=part, role=role)
        for (entity, part), role in parts.items()
    )
    for theme in dict.fromkeys(event.get("themes", [])):
        _ensure_theme(session, theme)
        session.add(models.EventTheme(event_id=row.id, theme_id=theme))
    _save_evidence(session, document_id, event.get("evidence", []), event_id=row.id)


def _decided_events(session: Session, document_id: str) -> tuple[set[tuple], set[str]]:
    """The evidence spans and names of a document's events an editor has decided on."""
    decided = select(models.Event.id).where(
        models.Event.document_id == document_id, models.Event.review_state != "pending"
    )
    spans = session.execute(
        select(models.Evidence.start, models.Evidence.end).where(
            models.Evidence.event_id.in_(decided)
        )
    )
    names = session.execute(
        select(models.Event.name, models.Event.aliases).where(models.Event.id.in_(decided))
    )
    return {tuple(span) for span in spans}, {
        normalise_name(n) for name, aliases in names for n in [name, *(aliases or [])]
    }


def _already_decided(event: dict, decided: tuple[set[tuple], set[str]]) -> bool:
    """Whether re-extraction found again an event an editor decided on: the same
    sentence as evidence, or a name it had (an editor may since have renamed it)."""
    spans, names = decided
    return any((e["start"], e["end"]) in spans for e in event.get("evidence", [])) or any(
        normalise_name(n) in names for n in [event["name"], *event.get("aliases", [])]
    )


def _decided_relations(session: Session, document_id: str) -> set[tuple]:
    rows = session.execute(
        select(models.Relation.type, models.Relation.subject_id, models.Relation.object_id).where(
            models.Relation.document_id == document_id, models.Relation.review_state != "pending"
        )
    )
    return {tuple(row) for row in rows}


def _save_relation(
    session: Session, document_id: str, relation: dict, local: dict, decided: set[tuple]
) -> bool:
    subject, obj = local.get(relation["subject"]), local.get(relation["object"])
    if subject is None or obj is None or (relation["type"], subject, obj) in decided:
        return False
    row = models.Relation(
        type=relation["type"],
        subject_id=subject,
        object_id=obj,
        status=relation.get("status"),
        date=relation.get("date"),
        attributes=relation.get("attributes") or {},
        confidence=relation.get("confidence"),
        document_id=document_id,
    )
    session.add(row)
    session.flush()
    _save_evidence(session, document_id, relation.get("evidence", []), relation_id=row.id)
    return True


def _save_evidence(session: Session, document_id: str, spans: list[dict], **owner) -> None:
    session.add_all(
        models.Evidence(
            document_id=document_id, start=s["start"], end=s["end"], text=s["text"], **owner
        )
        for s in spans
    )


def _save_themes(session: Session, document_id: str, themes: list[dict]) -> None:
    for theme in themes:
        _ensure_theme(session, theme["id"])
        session.add(
            models.DocumentTheme(
                document_id=document_id,
                theme_id=theme["id"],
                score=theme.get("score", 0.0),
                evidence=theme.get("evidence", []),
            )
        )


def _ensure_theme(session: Session, theme_id: str) -> None:
    if session.get(models.Theme, theme_id) is None:
        session.add(models.Theme(id=theme_id))
        session.flush()


def _mark_document(session: Session, document_id: str, doc: dict) -> None:
    row = session.scalar(select(models.Document).where(models.Document.id == document_id))
    if row is not None:
        row.relevant = bool(doc.get("relevant"))
        row.relevance = doc.get("relevance")
        row.extractor = EXTRACTOR
        row.extracted_at = datetime.now(UTC)
