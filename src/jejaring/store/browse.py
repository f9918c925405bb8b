"""Read-side queries over the stored graph: lists with filters and pagination, and detail views.

Every function returns plain JSON-able dictionaries shaped like the HTTP API's
schemas, so the API (and any other caller) only translates. Lists return
``(rows, count)``. A relation's date is its own, else its document's
publication date; dates compare as ISO strings, a bare year or month covering
all of it (``to`` is compared against ``to + "~"``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Executable, Result, Select, bindparam, func, or_, select
from sqlalchemy.orm import Session

from jejaring.store import models

M = models
REJECTED = "rejected"
# The read side selects table columns (SQLAlchemy Core), not mapped objects:
# building ORM instances and their identity map was most of an entity page's
# CPU time, and these rows are only turned into dictionaries anyway.
ENTITIES = M.Entity.__table__
RELATIONS = M.Relation.__table__
EVIDENCE = M.Evidence.__table__
EVENTS = M.Event.__table__
# A relation's two ends, built once: fresh aliases per query make SQLAlchemy
# build new column proxies each time.
SUBJECT = ENTITIES.alias("subject")
OBJECT = ENTITIES.alias("object")
ENTITY_COLUMNS = (
    ENTITIES.c.id,
    ENTITIES.c.name,
    ENTITIES.c.type,
    ENTITIES.c.subtype,
    ENTITIES.c.country,
    ENTITIES.c.kb_ids,
    ENTITIES.c.origin,
    ENTITIES.c.lat,
    ENTITIES.c.lon,
    ENTITIES.c.jurisdiction_id,
    ENTITIES.c.merged_into_id,
)
EVENT_BRIEF_COLUMNS = (
    EVENTS.c.id,
    EVENTS.c.name,
    EVENTS.c.type,
    EVENTS.c.start,
    EVENTS.c.end,
    EVENTS.c.confidence,
    EVENTS.c.review_state,
    EVENTS.c.document_id,
)


@dataclass(frozen=True)
class Page:
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True)
class Period:
    """A date range: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` on either side, both optional."""

    start: str | None = None
    end: str | None = None

    def apply(self, statement: Select, column) -> Select:
        if self.start:
            statement = statement.where(column >= self.start)
        if self.end:
            statement = statement.where(column <= self.end + "~")
        return statement


def core_rows(session: Session, statement: Executable, params: dict | None = None) -> Result:
    """Run a statement of table columns on the session's connection, bypassing the ORM.

    ``Session.execute`` sets up an ORM compile state for every statement, even
    one that selects plain columns; on the hot reads (entity pages, graph
    neighbourhoods) that set-up was a fifth of a request's CPU.
    """
    return session.connection().execute(statement, params or {})


def paged(session: Session, statement: Select, page: Page) -> tuple[list, int]:
    """The rows of one page and the total count of ``statement``."""
    count = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    rows = session.execute(statement.limit(page.limit).offset(page.offset)).all()
    return rows, count or 0


def relation_date():
    """A relation's own date, else its document's publication date (an SQL expression)."""
    return func.coalesce(M.Relation.date, M.Document.published)


def documents_with_theme(theme: str):
    return select(M.DocumentTheme.document_id).where(M.DocumentTheme.theme_id == theme)


# --------------------------------------------------------------------------- documents


def document_summary(row: M.Document) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "published": row.published,
        "language": row.language,
        "url": row.url,
        "relevant": row.relevant,
        "relevance": row.relevance,
    }


def list_documents(
    session: Session,
    *,
    language: str | None = None,
    period: Period = Period(),
    relevant: bool | None = None,
    theme: str | None = None,
    page: Page = Page(),
) -> tuple[list[dict], int]:
    statement = select(M.Document).order_by(M.Document.published.desc(), M.Document.seq.desc())
    if language:
        statement = statement.where(M.Document.language == language)
    if relevant is not None:
        statement = statement.where(M.Document.relevant == relevant)
    if theme:
        statement = statement.where(M.Document.id.in_(documents_with_theme(theme)))
    statement = period.apply(statement, M.Document.published)
    rows, count = paged(session, statement, page)
    return [document_summary(row) for (row,) in rows], count


def get_document(session: Session, document_id: str) -> dict[str, Any] | None:
    """A document with its text and every fact extracted from it, with offsets."""
    row = session.scalar(select(M.Document).where(M.Document.id == document_id))
    if row is None:
        return None
    mentions = session.execute(
        select(M.Mention, M.Entity)
        .join(M.Entity, M.Entity.id == M.Mention.entity_id)
        .where(M.Mention.document_id == document_id)
        .order_by(M.Mention.start)
    ).all()
    events = session.scalars(
        select(M.Event).where(M.Event.document_id == document_id).order_by(M.Event.id)
    ).all()
    relations = relation_rows(session, [M.Relation.document_id == document_id], limit=1000)
    themes = session.scalars(
        select(M.DocumentTheme)
        .where(M.DocumentTheme.document_id == document_id)
        .order_by(M.DocumentTheme.score.desc())
    ).all()
    return document_summary(row) | {
        "text": row.text,
        "site": row.site,
        "mentions": [
            {
                "id": m.id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "entity_id": e.id,
                "entity_type": e.type,
                "entity_name": e.name,
            }
            for m, e in mentions
        ],
        "events": _events_with_evidence(session, events),
        "relations": relations,
        "themes": [{"id": t.theme_id, "score": t.score, "evidence": t.evidence} for t in themes],
    }


def _events_with_evidence(session: Session, events: list[M.Event]) -> list[dict]:
    evidence = evidence_for(session, M.Evidence.event_id, [e.id for e in events])
    return [_event_brief(e) | {"evidence": evidence[e.id]} for e in events]


def _event_brief(event: M.Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "name": event.name,
        "type": event.type,
        "start": event.start,
        "end": event.end,
        "confidence": event.confidence,
        "review_state": event.review_state,
        "document_id": event.document_id,
    }


def evidence_for(session: Session, column, ids: list[int]) -> dict[int, list[dict]]:
    """Evidence spans by relation or event id (``column`` is ``Evidence.relation_id`` or …)."""
    found: dict[int, list[dict]] = defaultdict(list)
    if not ids:
        return found
    owner = EVIDENCE.c[column.key]
    rows = core_rows(
        session,
        select(owner, EVIDENCE.c.document_id, EVIDENCE.c.start, EVIDENCE.c.end, EVIDENCE.c.text)
        .where(owner.in_(bindparam("ids", expanding=True)))
        .order_by(EVIDENCE.c.start),
        {"ids": ids},
    ).all()
    for key, document_id, start, end, text in rows:
        found[key].append({"document_id": document_id, "start": start, "end": end, "text": text})
    return found


# --------------------------------------------------------------------------- relations


def entity_ref(entity: M.Entity) -> dict[str, Any]:
    return {"id": entity.id, "name": entity.name, "type": entity.type, "country": entity.country}


def relation_rows(
    session: Session, conditions: list, *, limit: int = 200, offset: int = 0
) -> list[dict]:
    """Relations matching ``conditions`` with both endpoints and their evidence."""
    rows, _ = relation_query(session, conditions, Page(limit, offset), count=False)
    return rows


def _ends(alias) -> tuple:
    """A relation end's reference columns, labelled ``subject_id``, ``object_name``, …"""
    return tuple(alias.c[n].label(f"{alias.name}_{n}") for n in ("id", "name", "type", "country"))


def _relation_statement(conditions: list) -> Select:
    """Relations with both ends and their effective date, as plain rows."""
    return (
        select(
            RELATIONS.c.id,
            RELATIONS.c.type,
            RELATIONS.c.status,
            RELATIONS.c.date,
            RELATIONS.c.confidence,
            RELATIONS.c.origin,
            RELATIONS.c.review_state,
            RELATIONS.c.document_id,
            RELATIONS.c.attributes,
            *_ends(SUBJECT),
            *_ends(OBJECT),
            relation_date().label("when"),
        )
        .join(SUBJECT, SUBJECT.c.id == RELATIONS.c.subject_id)
        .join(OBJECT, OBJECT.c.id == RELATIONS.c.object_id)
        .outerjoin(M.Document.__table__, M.Document.id == RELATIONS.c.document_id)
        .where(*conditions)
    )


# An entity page's relations: one statement, built once, the entity a parameter.
_ENTITY_RELATIONS = (
    _relation_statement(
        [
            or_(
                RELATIONS.c.subject_id == bindparam("entity"),
                RELATIONS.c.object_id == bindparam("entity"),
            )
        ]
    )
    .order_by(RELATIONS.c.id)
    .limit(bindparam("limit"))
)


def relation_query(
    session: Session, conditions: list, page: Page, *, count: bool = True, order=None
) -> tuple[list[dict], int]:
    statement = _relation_statement(conditions).order_by(*(order or (RELATIONS.c.id,)))
    if count:
        rows, total = paged(session, statement, page)
    else:
        rows = core_rows(session, statement.limit(page.limit).offset(page.offset)).all()
        total = len(rows)
    return _relations_with_evidence(session, rows), total


def _relations_with_evidence(session: Session, rows) -> list[dict]:
    evidence = evidence_for(session, M.Evidence.relation_id, [row.id for row in rows])
    return [_relation(row, evidence[row.id]) for row in rows]


def _relation(row, evidence: list[dict]) -> dict[str, Any]:
    return {
        "id": row.id,
        "type": row.type,
        "status": row.status,
        "subject": {
            "id": row.subject_id,
            "name": row.subject_name,
            "type": row.subject_type,
            "country": row.subject_country,
        },
        "object": {
            "id": row.object_id,
            "name": row.object_name,
            "type": row.object_type,
            "country": row.object_country,
        },
        "date": row.date,
        "effective_date": row.when,
        "confidence": row.confidence,
        "origin": row.origin,
        "review_state": row.review_state,
        "document_id": row.document_id,
        "attributes": row.attributes or {},
        "evidence": evidence,
    }


@dataclass(frozen=True)
class RelationFilters:
    types: tuple[str, ...] = ()
    status: str | None = None
    entity: int | None = None
    period: Period = Period()
    theme: str | None = None
    review_state: str | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    include_rejected: bool = True

    def conditions(self) -> list:
        found = []
        if self.types:
            found.append(M.Relation.type.in_(self.types))
        if self.status:
            found.append(M.Relation.status == self.status)
        if self.entity is not None:
            found.append(
                or_(M.Relation.subject_id == self.entity, M.Relation.object_id == self.entity)
            )
        if self.period.start:
            found.append(relation_date() >= self.period.start)
        if self.period.end:
            found.append(relation_date() <= self.period.end + "~")
        if self.theme:
            found.append(M.Relation.document_id.in_(documents_with_theme(self.theme)))
        if self.review_state:
            found.append(M.Relation.review_state == self.review_state)
        elif not self.include_rejected:
            found.append(M.Relation.review_state != REJECTED)
        if self.min_confidence is not None:
            found.append(M.Relation.confidence >= self.min_confidence)
        if self.max_confidence is not None:
            found.append(M.Relation.confidence <= self.max_confidence)
        return found


def list_relations(
    session: Session, filters: RelationFilters, page: Page = Page()
) -> tuple[list[dict], int]:
    return relation_query(session, filters.conditions(), page)


def get_relation(session: Session, relation_id: int) -> dict[str, Any] | None:
    rows = relation_rows(session, [M.Relation.id == relation_id], limit=1)
    if not rows:
        return None
    return rows[0] | {"audit": audit_entries(session, "relation", str(relation_id))[0]}


# --------------------------------------------------------------------------- events


def event_detail(session: Session, event: M.Event) -> dict[str, Any]:
    participants = session.execute(
        select(M.EventParticipant, M.Entity)
        .join(M.Entity, M.Entity.id == M.EventParticipant.entity_id)
        .where(M.EventParticipant.event_id == event.id)
        .order_by(M.EventParticipant.part, M.Entity.name)
    ).all()
    location = session.get(M.Entity, event.location_id) if event.location_id else None
    themes = session.scalars(
        select(M.EventTheme.theme_id).where(M.EventTheme.event_id == event.id)
    ).all()
    document = (
        session.scalar(select(M.Document).where(M.Document.id == event.document_id))
        if event.document_id
        else None
    )
    return _event_brief(event) | {
        "aliases": event.aliases or [],
        "participant_count": event.participant_count,
        "participant_qualifier": event.participant_qualifier,
        "motto": event.motto,
        "origin": event.origin,
        "participants": [
            {"entity": entity_ref(e), "part": p.part, "role": p.role} for p, e in participants
        ],
        "location": entity_ref(location) if location else None,
        "themes": list(themes),
        "evidence": evidence_for(session, M.Evidence.event_id, [event.id])[event.id],
        "documents": [document_summary(document)] if document else [],
        "audit": audit_entries(session, "event", str(event.id))[0],
    }


@dataclass(frozen=True)
class EventFilters:
    type: str | None = None
    period: Period = Period()
    theme: str | None = None
    entity: int | None = None
    review_state: str | None = None


def list_events(
    session: Session, filters: EventFilters, page: Page = Page()
) -> tuple[list[dict], int]:
    statement = select(M.Event).order_by(M.Event.start.desc(), M.Event.id.desc())
    if filters.type:
        statement = statement.where(M.Event.type == filters.type)
    if filters.theme:
        themed = select(M.EventTheme.event_id).where(M.EventTheme.theme_id == filters.theme)
        statement = statement.where(M.Event.id.in_(themed))
    if filters.entity is not None:
        taking_part = select(M.EventParticipant.event_id).where(
            M.EventParticipant.entity_id == filters.entity
        )
        statement = statement.where(
            or_(M.Event.id.in_(taking_part), M.Event.location_id == filters.entity)
        )
    if filters.review_state:
        statement = statement.where(M.Event.review_state == filters.review_state)
    statement = filters.period.apply(statement, M.Event.start)
    rows, count = paged(session, statement, page)
    evidence = evidence_for(session, M.Evidence.event_id, [e.id for (e,) in rows])
    return [_event_brief(e) | {"evidence": evidence[e.id]} for (e,) in rows], count


def get_event(session: Session, event_id: int) -> dict[str, Any] | None:
    event = session.get(M.Event, event_id)
    return event_detail(session, event) if event else None


# --------------------------------------------------------------------------- entities


@dataclass(frozen=True)
class EntityFilters:
    type: str | None = None
    subtype: str | None = None
    country: str | None = None
    q: str | None = None


def list_entities(
    session: Session, filters: EntityFilters, page: Page = Page()
) -> tuple[list[dict], int]:
    """Entities (not merged away), the most often mentioned first."""
    documents = (
        select(func.count(func.distinct(M.Mention.document_id)))
        .where(M.Mention.entity_id == M.Entity.id)
        .correlate(M.Entity)
        .scalar_subquery()
        .label("documents")
    )
    statement = (
        select(M.Entity, documents)
        .where(M.Entity.merged_into_id.is_(None))
        .order_by(documents.desc(), M.Entity.name, M.Entity.id)
    )
    for column, value in (
        (M.Entity.type, filters.type),
        (M.Entity.subtype, filters.subtype),
        (M.Entity.country, filters.country),
    ):
        if value:
            statement = statement.where(column == value)
    if filters.q:
        pattern = f"%{filters.q.lower()}%"
        aliases = select(M.EntityAlias.entity_id).where(M.EntityAlias.normalized.like(pattern))
        statement = statement.where(
            or_(func.lower(M.Entity.name).like(pattern), M.Entity.id.in_(aliases))
        )
    rows, count = paged(session, statement, page)
    return [entity_summary(e) | {"documents": n or 0} for e, n in rows], count


def entity_summary(entity: M.Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "subtype": entity.subtype,
        "country": entity.country,
    }


def coordinates(entity: M.Entity) -> dict[str, float] | None:
    if entity.lat is None or entity.lon is None:
        return None
    return {"lat": entity.lat, "lon": entity.lon}


_JURISDICTION = ENTITIES.alias("jurisdiction")
_ALIAS_TABLE = M.EntityAlias.__table__
# Aliases joined into one string (the unit separator cannot occur in a name),
# so that the entity, its jurisdiction and its aliases take one round trip.
ALIAS_SEPARATOR = "\x1f"
_ENTITY = (
    select(
        *ENTITY_COLUMNS,
        _JURISDICTION.c.name.label("jurisdiction_name"),
        select(func.aggregate_strings(_ALIAS_TABLE.c.alias, ALIAS_SEPARATOR))
        .where(_ALIAS_TABLE.c.entity_id == ENTITIES.c.id)
        .scalar_subquery()
        .label("aliases"),
    )
    .outerjoin(_JURISDICTION, _JURISDICTION.c.id == ENTITIES.c.jurisdiction_id)
    .where(ENTITIES.c.id == bindparam("id"))
)


def entity_profile(session: Session, entity_id: int) -> dict[str, Any] | None:
    """Everything known about one entity, each fact with its evidence."""
    entity = core_rows(session, _ENTITY, {"id": entity_id}).first()
    if entity is None:
        return None
    if entity.merged_into_id is not None:
        return {"merged_into": surviving(session, session.get(M.Entity, entity_id)).id}
    rows = core_rows(session, _ENTITY_RELATIONS, {"entity": entity_id, "limit": 500}).all()
    relations = _relations_with_evidence(session, rows)
    events = _entity_events(session, entity_id)
    return entity_summary(entity) | {
        "ids": entity.kb_ids or {},
        "origin": entity.origin,
        "aliases": sorted(entity.aliases.split(ALIAS_SEPARATOR)) if entity.aliases else [],
        "coordinates": coordinates(entity),
        "jurisdiction": {"id": entity.jurisdiction_id, "name": entity.jurisdiction_name}
        if entity.jurisdiction_name is not None
        else None,
        "roles": _roles(session, entity_id),
        "partners": _partners(entity_id, relations),
        "events": events,
        "relations": relations,
        "timeline": _timeline(events, relations),
        "documents": _entity_documents(session, entity_id),
        "merged_into": None,
    }


def surviving(session: Session, entity: M.Entity) -> M.Entity:
    """Follow merges to the entity that absorbed this one."""
    seen = set()
    while entity.merged_into_id is not None and entity.id not in seen:
        seen.add(entity.id)
        entity = session.get(M.Entity, entity.merged_into_id)
    return entity


_ROLES_TABLE = M.EntityRole.__table__
_ROLES = (
    select(
        _ROLES_TABLE.c.title,
        _ROLES_TABLE.c.document_id,
        ENTITIES.c.id.label("organization_id"),
        ENTITIES.c.name.label("organization_name"),
    )
    .outerjoin(ENTITIES, ENTITIES.c.id == _ROLES_TABLE.c.organization_id)
    .where(_ROLES_TABLE.c.person_id == bindparam("entity"))
    .order_by(_ROLES_TABLE.c.id)
)


def _roles(session: Session, entity_id: int) -> list[dict]:
    return [
        {
            "title": row.title,
            "organization": {"id": row.organization_id, "name": row.organization_name}
            if row.organization_id is not None
            else None,
            "document_id": row.document_id,
        }
        for row in core_rows(session, _ROLES, {"entity": entity_id})
    ]


def _partners(entity_id: int, relations: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, dict[int, dict]] = defaultdict(dict)
    for relation in relations:
        if relation["review_state"] == REJECTED:
            continue
        other = (
            relation["object"] if relation["subject"]["id"] == entity_id else relation["subject"]
        )
        entry = grouped[relation["type"]].setdefault(
            other["id"], {"entity": other, "status": relation["status"], "relations": []}
        )
        entry["relations"].append(relation["id"])
        entry["status"] = entry["status"] or relation["status"]
    return {kind: list(partners.values()) for kind, partners in sorted(grouped.items())}


_PARTICIPANTS = M.EventParticipant.__table__
# The events an entity takes part in or that take place there, in one statement.
_ENTITY_EVENTS = (
    select(*EVENT_BRIEF_COLUMNS, _PARTICIPANTS.c.part)
    .join(_PARTICIPANTS, _PARTICIPANTS.c.event_id == EVENTS.c.id)
    .where(_PARTICIPANTS.c.entity_id == bindparam("entity"))
    .union_all(
        select(*EVENT_BRIEF_COLUMNS, func.cast("location", M.EventParticipant.part.type)).where(
            EVENTS.c.location_id == bindparam("entity")
        )
    )
)


def _entity_events(session: Session, entity_id: int) -> list[dict]:
    found: dict[int, dict] = {}
    for row in core_rows(session, _ENTITY_EVENTS, {"entity": entity_id}):
        found.setdefault(row.id, _event_brief(row) | {"part": row.part})
    return sorted(found.values(), key=lambda e: (e["start"] or "", e["id"]))


def _timeline(events: list[dict], relations: list[dict]) -> list[dict]:
    items = [
        {"date": e["start"], "kind": "event", "id": e["id"], "label": e["name"]}
        for e in events
        if e["start"]
    ]
    items += [
        {
            "date": r["effective_date"],
            "kind": "relation",
            "id": r["id"],
            "label": f"{r['type']}: {r['subject']['name']} – {r['object']['name']}",
        }
        for r in relations
        if r["effective_date"] and r["review_state"] != REJECTED
    ]
    return sorted(items, key=lambda item: (item["date"], item["kind"], item["id"]))


_DOCUMENTS = M.Document.__table__
_MENTIONS = M.Mention.__table__
_ENTITY_DOCUMENTS = (
    select(
        _DOCUMENTS.c.id,
        _DOCUMENTS.c.title,
        _DOCUMENTS.c.published,
        func.count(_MENTIONS.c.id).label("mentions"),
    )
    .join(_MENTIONS, _MENTIONS.c.document_id == _DOCUMENTS.c.id)
    .where(_MENTIONS.c.entity_id == bindparam("entity"))
    .group_by(_DOCUMENTS.c.id, _DOCUMENTS.c.title, _DOCUMENTS.c.published)
    .order_by(_DOCUMENTS.c.published.desc(), _DOCUMENTS.c.id)
    .limit(bindparam("limit"))
)


def _entity_documents(session: Session, entity_id: int, limit: int = 100) -> list[dict]:
    rows = core_rows(session, _ENTITY_DOCUMENTS, {"entity": entity_id, "limit": limit})
    return [{"id": i, "title": t, "published": p, "mentions": n} for i, t, p, n in rows]


# --------------------------------------------------------------------------- themes, audit


def list_themes(session: Session, labels: dict[str, dict]) -> list[dict]:
    """Themes of the vocabulary (``labels``: id → {labels, sdgs}) with their counts."""
    documents = dict(
        session.execute(
            select(M.DocumentTheme.theme_id, func.count()).group_by(M.DocumentTheme.theme_id)
        ).all()
    )
    relations = dict(
        session.execute(
            select(M.DocumentTheme.theme_id, func.count(M.Relation.id))
            .join(M.Relation, M.Relation.document_id == M.DocumentTheme.document_id)
            .where(M.Relation.review_state != REJECTED)
            .group_by(M.DocumentTheme.theme_id)
        ).all()
    )
    ids = sorted(set(labels) | set(documents))
    return [
        {
            "id": theme,
            "labels": labels.get(theme, {}).get("labels", {}),
            "sdgs": list(labels.get(theme, {}).get("sdgs", [])),
            "documents": documents.get(theme, 0),
            "relations": relations.get(theme, 0),
        }
        for theme in ids
    ]


def audit_entries(
    session: Session,
    target_kind: str | None = None,
    target_id: str | None = None,
    *,
    actor: str | None = None,
    page: Page = Page(limit=100),
) -> tuple[list[dict], int]:
    statement = select(M.CurationEntry).order_by(M.CurationEntry.id.desc())
    if target_kind:
        statement = statement.where(M.CurationEntry.target_kind == target_kind)
    if target_id:
        statement = statement.where(M.CurationEntry.target_id == target_id)
    if actor:
        statement = statement.where(M.CurationEntry.actor == actor)
    rows, count = paged(session, statement, page)
    return [audit_entry(row) for (row,) in rows], count


def audit_entry(row: M.CurationEntry) -> dict[str, Any]:
    return {
        "id": row.id,
        "at": row.at.isoformat() if row.at else None,
        "actor": row.actor,
        "action": row.action,
        "target_kind": row.target_kind,
        "target_id": row.target_id,
        "before": row.before,
        "after": row.after,
        "reason": row.reason,
    }


def review_queue(
    session: Session, kind: str, threshold: float, page: Page = Page()
) -> tuple[list[dict], int]:
    """Pending machine-made facts below ``threshold`` confidence, least confident first."""
    if kind == "event":
        statement = (
            select(M.Event)
            .where(M.Event.review_state == "pending", M.Event.origin == "extracted")
            .where(or_(M.Event.confidence.is_(None), M.Event.confidence < threshold))
            .order_by(M.Event.confidence.asc().nulls_first(), M.Event.id)
        )
        rows, count = paged(session, statement, page)
        evidence = evidence_for(session, M.Evidence.event_id, [e.id for (e,) in rows])
        return [_event_brief(e) | {"evidence": evidence[e.id]} for (e,) in rows], count
    conditions = [
        M.Relation.review_state == "pending",
        M.Relation.origin == "extracted",
        or_(M.Relation.confidence.is_(None), M.Relation.confidence < threshold),
    ]
    order = (M.Relation.confidence.asc().nulls_first(), M.Relation.id)
    return relation_query(session, conditions, page, order=order)
