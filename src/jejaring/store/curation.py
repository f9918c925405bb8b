"""Human decisions about facts: accept, reject, edit, add by hand, merge and split entities.

An event's participants are edited one at a time: one added or removed per entry.

Each operation writes exactly one ``CurationEntry`` (who, when, before,
after, why) in the caller's transaction, so a change and its audit record
are committed together or not at all. Nothing here deletes evidence: a
rejected fact stays stored, marked ``rejected``; a merged entity stays as a
pointer to the survivor. Every decided fact has ``review_state`` other than
``pending`` or ``origin`` other than ``extracted``, which is what
``store.graph`` checks before replacing machine output.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, object_session

from jejaring.errors import StoreError
from jejaring.extract.evaluate import normalise as normalise_name
from jejaring.store import models as M

RELATION_FIELDS = ("type", "status", "date", "subject_id", "object_id")
EVENT_FIELDS = ("type", "name", "start", "end", "location_id")


class CurationError(StoreError):
    """A curation request names something that does not exist or cannot be done."""


class NotFound(CurationError):
    """The fact or entity to change does not exist."""


class Conflict(CurationError):
    """The change is already in place (an entity that already takes part in that part)."""


def log(
    session: Session,
    actor: str,
    action: str,
    kind: str,
    target: int | str,
    before: dict | None,
    after: dict | None,
    reason: str | None,
) -> M.CurationEntry:
    entry = M.CurationEntry(
        actor=actor,
        action=action,
        target_kind=kind,
        target_id=str(target),
        before=before,
        after=after,
        reason=reason,
    )
    session.add(entry)
    session.flush()
    return entry


def _snapshot(row, fields: tuple[str, ...]) -> dict[str, Any]:
    """The fact's fields, plus the names of the entities they point to (``entity_names``).

    The names keep the log readable: "Jawa Tengah → Kota Surabaya", not "#29 → #1",
    even after an entity is merged away or renamed.
    """
    values = {name: getattr(row, name) for name in (*fields, "review_state", "origin")}
    names = _entity_names(object_session(row), [values[f] for f in fields if f.endswith("_id")])
    return values | ({"entity_names": names} if names else {})


def _entity_names(session: Session, ids: list[int | None]) -> dict[str, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(select(M.Entity.id, M.Entity.name).where(M.Entity.id.in_(wanted)))
    return {str(entity_id): name for entity_id, name in rows}


def _fact(session: Session, kind: str, fact_id: int):
    model = M.Relation if kind == "relation" else M.Event
    row = session.get(model, fact_id)
    if row is None:
        raise NotFound(f"no {kind} with id {fact_id}")
    return row, RELATION_FIELDS if kind == "relation" else EVENT_FIELDS


def decide(
    session: Session, actor: str, kind: str, fact_id: int, decision: str, reason: str | None
) -> M.CurationEntry:
    """Accept or reject a relation or an event (``decision``: accepted or rejected)."""
    row, fields = _fact(session, kind, fact_id)
    before = _snapshot(row, fields)
    row.review_state = decision
    action = "accept" if decision == "accepted" else "reject"
    return log(session, actor, action, kind, fact_id, before, _snapshot(row, fields), reason)


def edit(
    session: Session, actor: str, kind: str, fact_id: int, changes: dict[str, Any], reason: str
) -> M.CurationEntry:
    """Change fields of a relation or an event; it counts as decided (``edited``) from then on."""
    row, fields = _fact(session, kind, fact_id)
    unknown = set(changes) - set(fields)
    if unknown:
        raise CurationError(f"cannot edit {', '.join(sorted(unknown))} of a {kind}")
    for name in ("subject_id", "object_id", "location_id"):
        if changes.get(name) is not None:
            _entity(session, changes[name])
    before = _snapshot(row, fields)
    for name, value in changes.items():
        setattr(row, name, value)
    row.review_state = "edited"
    return log(session, actor, "edit", kind, fact_id, before, _snapshot(row, fields), reason)


def _participants(session: Session, event_id: int) -> list[dict[str, Any]]:
    """The event's participants with their names, so the log reads well after a merge."""
    rows = session.execute(
        select(M.EventParticipant, M.Entity.name)
        .join(M.Entity, M.Entity.id == M.EventParticipant.entity_id)
        .where(M.EventParticipant.event_id == event_id)
        .order_by(M.EventParticipant.part, M.EventParticipant.entity_id)
    ).all()
    return [
        {"entity_id": p.entity_id, "name": name, "part": p.part, "role": p.role} for p, name in rows
    ]


def _participant_snapshot(session: Session, event: M.Event) -> dict[str, Any]:
    return {
        "participants": _participants(session, event.id),
        "review_state": event.review_state,
        "origin": event.origin,
    }


def _change_participants(
    session: Session,
    actor: str,
    event: M.Event,
    action: str,
    change: Callable[[], object],
    reason: str | None,
) -> M.CurationEntry:
    """Apply ``change()`` to the event's participants, mark the event edited and log the lists."""
    before = _participant_snapshot(session, event)
    change()
    session.flush()
    event.review_state = "edited"
    after = _participant_snapshot(session, event)
    return log(session, actor, action, "event", event.id, before, after, reason)


def add_participant(
    session: Session,
    actor: str,
    event_id: int,
    entity_id: int,
    part: str,
    role: str | None,
    reason: str | None,
) -> M.CurationEntry:
    """Let an entity take part in an event as ``part`` (one of ``PARTS``), maybe in a role."""
    event, _ = _fact(session, "event", event_id)
    if part not in M.PARTS:
        raise CurationError(f"unknown part {part!r}: use one of {', '.join(M.PARTS)}")
    entity = _entity(session, entity_id)
    if session.get(M.EventParticipant, (event_id, entity_id, part)) is not None:
        raise Conflict(
            f"{entity.name} (#{entity_id}) already takes part in event {event_id} as {part}"
        )
    row = M.EventParticipant(event_id=event_id, entity_id=entity_id, part=part, role=role or None)
    return _change_participants(
        session, actor, event, "add_participant", lambda: session.add(row), reason
    )


def remove_participant(
    session: Session,
    actor: str,
    event_id: int,
    entity_id: int,
    part: str | None,
    reason: str | None,
) -> M.CurationEntry:
    """Take an entity out of an event: in one ``part``, or in every part when none is given.

    Only the participation goes; the entity, its mentions and the event's evidence stay.
    """
    event, _ = _fact(session, "event", event_id)
    statement = select(M.EventParticipant).where(
        M.EventParticipant.event_id == event_id, M.EventParticipant.entity_id == entity_id
    )
    if part is not None:
        statement = statement.where(M.EventParticipant.part == part)
    rows = session.scalars(statement).all()
    if not rows:
        as_part = f" as {part}" if part else ""
        raise NotFound(f"entity {entity_id} does not take part in event {event_id}{as_part}")

    def delete_rows() -> None:
        for row in rows:
            session.delete(row)

    return _change_participants(session, actor, event, "remove_participant", delete_rows, reason)


def add_relation(
    session: Session, actor: str, fields: dict[str, Any], source_note: str, reason: str | None
) -> tuple[M.Relation, M.CurationEntry]:
    """A fact an editor knows from a source outside the corpus, with a note saying which."""
    for name in ("subject_id", "object_id"):
        _entity(session, fields[name])
    row = M.Relation(
        type=fields["type"],
        subject_id=fields["subject_id"],
        object_id=fields["object_id"],
        status=fields.get("status"),
        date=fields.get("date"),
        attributes={"source_note": source_note},
        confidence=1.0,
        origin="manual",
        review_state="accepted",
    )
    session.add(row)
    session.flush()
    after = _snapshot(row, RELATION_FIELDS) | {"source_note": source_note}
    return row, log(session, actor, "add", "relation", row.id, None, after, reason)


def _entity(session: Session, entity_id: int) -> M.Entity:
    row = session.get(M.Entity, entity_id)
    if row is None:
        raise NotFound(f"no entity with id {entity_id}")
    if row.merged_into_id is not None:
        raise CurationError(
            f"entity {entity_id} was merged into {row.merged_into_id}; use that one"
        )
    return row


# Where an entity id is stored, so a merge or split can move every reference.
REFERENCES = (
    (M.Mention, "entity_id"),
    (M.Relation, "subject_id"),
    (M.Relation, "object_id"),
    (M.EntityRole, "person_id"),
    (M.EntityRole, "organization_id"),
    (M.Event, "location_id"),
    (M.Entity, "jurisdiction_id"),
)


def merge(
    session: Session, actor: str, keep_id: int, merge_ids: list[int], reason: str | None
) -> M.CurationEntry:
    """Fold ``merge_ids`` into ``keep_id``: references move, the merged rows stay as pointers."""
    keep = _entity(session, keep_id)
    merged = [_entity(session, i) for i in dict.fromkeys(merge_ids) if i != keep_id]
    if not merged:
        raise CurationError("give at least one entity to merge other than the one kept")
    ids = [e.id for e in merged]
    moved: dict[str, list[int]] = {}
    for model, column in REFERENCES:
        attribute = getattr(model, column)
        key = model.id if model is not M.EntityRole else M.EntityRole.id
        rows = session.scalars(select(key).where(attribute.in_(ids))).all()
        if rows:
            moved[f"{model.__tablename__}.{column}"] = list(rows)
            session.execute(
                update(model).where(attribute.in_(ids)).values({column: keep_id}),
                execution_options={"synchronize_session": False},
            )
    _move_participants(session, ids, keep_id)
    _move_aliases(session, ids, keep)
    for entity in merged:
        entity.merged_into_id = keep_id
        if not keep.kb_ids and entity.kb_ids:
            keep.kb_ids = entity.kb_ids
        if keep.lat is None and entity.lat is not None:
            keep.lat, keep.lon = entity.lat, entity.lon
    session.flush()
    session.expire_all()  # the bulk updates above bypassed the identity map
    before = {"merged": [{"id": e.id, "name": e.name, "key": e.key} for e in merged]}
    after = {"kept": keep_id, "moved": moved}
    return log(session, actor, "merge", "entity", keep_id, before, after, reason)


def _move_participants(session: Session, ids: list[int], keep_id: int) -> None:
    rows = session.scalars(
        select(M.EventParticipant).where(M.EventParticipant.entity_id.in_(ids))
    ).all()
    for row in rows:
        exists = session.get(M.EventParticipant, (row.event_id, keep_id, row.part))
        data = {"event_id": row.event_id, "part": row.part, "role": row.role}
        session.delete(row)
        session.flush()
        if exists is None:
            session.add(M.EventParticipant(entity_id=keep_id, **data))
    session.flush()


def _move_aliases(session: Session, ids: list[int], keep: M.Entity) -> None:
    known = set(
        session.scalars(
            select(M.EntityAlias.normalized).where(M.EntityAlias.entity_id == keep.id)
        ).all()
    )
    for alias in session.scalars(select(M.EntityAlias).where(M.EntityAlias.entity_id.in_(ids))):
        if alias.normalized not in known:
            known.add(alias.normalized)
            session.add(
                M.EntityAlias(entity_id=keep.id, alias=alias.alias, normalized=alias.normalized)
            )
    session.flush()


def split(
    session: Session, actor: str, entity_id: int, mention_ids: list[int], name: str, reason: str
) -> tuple[M.Entity, M.CurationEntry]:
    """Give some of an entity's mentions to a new entity named ``name``.

    Relations and events of the documents whose mentions all moved go along.
    """
    source = _entity(session, entity_id)
    mentions = session.scalars(
        select(M.Mention).where(M.Mention.id.in_(mention_ids), M.Mention.entity_id == entity_id)
    ).all()
    if not mentions or len(mentions) != len(set(mention_ids)):
        raise CurationError(f"every mention to split off must belong to entity {entity_id}")
    created = M.Entity(
        key=f"manual:{entity_id}:{normalise_name(name)}:{min(m.id for m in mentions)}"[:300],
        type=source.type,
        subtype=source.subtype,
        name=name,
        country=source.country,
        kb_ids={},
        origin="manual",
    )
    session.add(created)
    session.flush()
    documents = {m.document_id for m in mentions}
    for mention in mentions:
        mention.entity_id = created.id
    session.flush()
    still_named = set(
        session.scalars(
            select(M.Mention.document_id).where(
                M.Mention.entity_id == entity_id, M.Mention.document_id.in_(documents)
            )
        ).all()
    )
    whole = documents - still_named
    moved_relations = []
    for column in ("subject_id", "object_id"):
        rows = session.scalars(
            select(M.Relation).where(
                getattr(M.Relation, column) == entity_id, M.Relation.document_id.in_(whole)
            )
        ).all()
        for row in rows:
            setattr(row, column, created.id)
            moved_relations.append(row.id)
    normalized = normalise_name(name)[:300]
    if normalized:
        session.add(M.EntityAlias(entity_id=created.id, alias=name, normalized=normalized))
    session.flush()
    before = {"entity": entity_id, "mentions": sorted(m.id for m in mentions)}
    after = {"entity": created.id, "name": name, "relations": sorted(moved_relations)}
    return created, log(session, actor, "split", "entity", entity_id, before, after, reason)
