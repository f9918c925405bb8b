"""``/relations`` and ``/events``: lists, details, and the editors' accept, reject and edit.

The two kinds of fact share one set of curation routes, made by
``curation_routes(kind)``. An event's participants are a sub-collection,
``/events/{id}/participants``: POST adds one entity in one part, DELETE
takes one out; each answers with the event as it now is.
"""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from jejaring.serve.api.params import (
    ERRORS,
    EntityId,
    From,
    IdPath,
    Short,
    Theme,
    To,
    Types,
    period,
    type_list,
)
from jejaring.serve.deps import Editor, PageDep, Reader, ReadSession, SessionDep
from jejaring.serve.schemas import (
    AuditEntry,
    DecisionIn,
    Error,
    EventBrief,
    EventPatch,
    EventPublic,
    ListOf,
    Part,
    ParticipantIn,
    RelationDetail,
    RelationIn,
    RelationPatch,
    RelationPublic,
)
from jejaring.store import browse, curation

router = APIRouter(responses=ERRORS)
Confidence = Annotated[float | None, Query(ge=0, le=1)]
PartQuery = Annotated[
    Part | None,
    Query(description="Take the entity out of this part only; without it, out of every part."),
]
ReasonQuery = Annotated[str | None, Query(max_length=2000, description="Why, for the audit log.")]
ReviewState = Annotated[
    str | None, Query(pattern="^(pending|accepted|rejected|edited)$", description="Review state.")
]


@router.get("/relations", response_model=ListOf[RelationPublic], tags=["relations"])
async def relations(
    session: ReadSession,
    _: Reader,
    page: PageDep,
    type: Types = None,
    status: Short = None,
    entity: EntityId = None,
    date_from: From = None,
    to: To = None,
    theme: Theme = None,
    review_state: ReviewState = None,
    min_confidence: Confidence = None,
    max_confidence: Confidence = None,
):
    """Relations with both endpoints and their evidence."""
    filters = browse.RelationFilters(
        types=type_list(type),
        status=status,
        entity=entity,
        period=period(date_from, to),
        theme=theme,
        review_state=review_state,
        min_confidence=min_confidence,
        max_confidence=max_confidence,
    )
    rows, count = browse.list_relations(session, filters, page)
    return {"data": rows, "count": count, "limit": page.limit, "offset": page.offset}


@router.get("/relations/{relation_id}", response_model=RelationDetail, tags=["relations"])
async def relation(relation_id: IdPath, session: ReadSession, _: Reader):
    """One relation with its evidence and every change made to it."""
    found = browse.get_relation(session, relation_id)
    if found is None:
        raise HTTPException(404, f"no relation with id {relation_id}")
    return found


@router.post("/relations", response_model=RelationDetail, status_code=201, tags=["curation"])
def add_relation(body: RelationIn, session: SessionDep, caller: Editor):
    """Add a fact by hand, with a note on the source it comes from."""
    row, _ = curation.add_relation(
        session,
        caller.name,
        body.model_dump(exclude={"source_note", "reason"}),
        body.source_note,
        body.reason,
    )
    session.commit()
    return browse.get_relation(session, row.id)


@router.get("/events", response_model=ListOf[EventBrief], tags=["events"])
async def events(
    session: ReadSession,
    _: Reader,
    page: PageDep,
    type: Short = None,
    date_from: From = None,
    to: To = None,
    theme: Theme = None,
    entity: EntityId = None,
    review_state: ReviewState = None,
):
    """Events, the latest first."""
    filters = browse.EventFilters(
        type=type,
        period=period(date_from, to),
        theme=theme,
        entity=entity,
        review_state=review_state,
    )
    rows, count = browse.list_events(session, filters, page)
    return {"data": rows, "count": count, "limit": page.limit, "offset": page.offset}


@router.get("/events/{event_id}", response_model=EventPublic, tags=["events"])
async def event(event_id: IdPath, session: ReadSession, _: Reader):
    """One event: participants and their part, place, themes, evidence, documents, changes."""
    found = browse.get_event(session, event_id)
    if found is None:
        raise HTTPException(404, f"no event with id {event_id}")
    return found


def curation_routes(kind: str, plural: str, patch_model) -> None:
    """accept, reject and PATCH routes for one kind of fact."""

    def _decide(decision: str):
        def route(fact_id: IdPath, body: DecisionIn, session: SessionDep, caller: Editor):
            entry = curation.decide(session, caller.name, kind, fact_id, decision, body.reason)
            session.commit()
            return browse.audit_entry(entry)

        route.__doc__ = f"Mark a {kind} as {decision} (it stays stored either way)."
        return route

    for verb, decision in (("accept", "accepted"), ("reject", "rejected")):
        router.add_api_route(
            f"/{plural}/{{fact_id}}/{verb}",
            _decide(decision),
            methods=["POST"],
            response_model=AuditEntry,
            tags=["curation"],
            name=f"{verb}_{kind}",
        )

    def patch(fact_id: IdPath, body: patch_model, session: SessionDep, caller: Editor):
        changes = body.model_dump(exclude={"reason"}, exclude_unset=True)
        if not changes:
            raise HTTPException(400, f"nothing to change: give at least one field of the {kind}")
        entry = curation.edit(session, caller.name, kind, fact_id, changes, body.reason)
        session.commit()
        return browse.audit_entry(entry)

    patch.__doc__ = f"Edit a {kind}'s fields; the edit is a human decision and is kept."
    router.add_api_route(
        f"/{plural}/{{fact_id}}",
        patch,
        methods=["PATCH"],
        response_model=AuditEntry,
        tags=["curation"],
        name=f"edit_{kind}",
    )


curation_routes("relation", "relations", RelationPatch)
curation_routes("event", "events", EventPatch)


@router.post(
    "/events/{event_id}/participants",
    response_model=EventPublic,
    status_code=201,
    tags=["curation"],
    responses={409: {"model": Error, "description": "The entity already takes that part."}},
)
def add_participant(event_id: IdPath, body: ParticipantIn, session: SessionDep, caller: Editor):
    """Add an entity to an event as organiser, host or participant; the event counts as edited."""
    curation.add_participant(
        session, caller.name, event_id, body.entity_id, body.part, body.role, body.reason
    )
    session.commit()
    return browse.get_event(session, event_id)


@router.delete(
    "/events/{event_id}/participants/{entity_id}",
    response_model=EventPublic,
    tags=["curation"],
)
def remove_participant(
    event_id: IdPath,
    entity_id: IdPath,
    session: SessionDep,
    caller: Editor,
    part: PartQuery = None,
    reason: ReasonQuery = None,
):
    """Take an entity out of an event (the entity and the evidence stay); the event is edited."""
    curation.remove_participant(session, caller.name, event_id, entity_id, part, reason)
    session.commit()
    return browse.get_event(session, event_id)
