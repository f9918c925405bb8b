"""``/entities``: lists, profiles, and the editors' merge and split."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse

from jejaring.serve.api.params import ERRORS, Country, IdPath, Short
from jejaring.serve.deps import Editor, PageDep, Reader, ReadSession, SessionDep
from jejaring.serve.schemas import (
    AuditEntry,
    EntityBrief,
    EntityPublic,
    EntitySummary,
    ListOf,
    MergeIn,
    SplitIn,
)
from jejaring.store import browse, curation

router = APIRouter(tags=["entities"], responses=ERRORS)


@router.get("/entities", response_model=ListOf[EntitySummary])
async def entities(
    session: ReadSession,
    _: Reader,
    page: PageDep,
    type: Annotated[
        str | None, Query(max_length=16, description="place, organization, person")
    ] = None,
    subtype: Short = None,
    country: Country = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of a name or alias.")] = None,
):
    """Entities, the most often mentioned first."""
    filters = browse.EntityFilters(
        type=type, subtype=subtype, country=country.upper() if country else None, q=q
    )
    rows, count = browse.list_entities(session, filters, page)
    return {"data": rows, "count": count, "limit": page.limit, "offset": page.offset}


@router.get(
    "/entities/{entity_id}",
    response_model=EntityPublic,
    responses={301: {"description": "Merged: the surviving entity's address."}},
)
async def entity(entity_id: IdPath, request: Request, session: ReadSession, _: Reader):
    """An entity's profile; a merged entity redirects to the one that absorbed it."""
    profile = request.app.state.read_cache.get(
        session, ("entity", entity_id), lambda: browse.entity_profile(session, entity_id)
    )
    if profile is None:
        raise HTTPException(404, f"no entity with id {entity_id}")
    if profile.get("merged_into") and "name" not in profile:
        return RedirectResponse(f"/api/v1/entities/{profile['merged_into']}", status_code=301)
    return profile


@router.post("/entities/merge", response_model=AuditEntry)
def merge(body: MergeIn, session: SessionDep, caller: Editor):
    """Fold ``merge_ids`` into ``keep_id``; mentions, relations and events move along."""
    entry = curation.merge(session, caller.name, body.keep_id, body.merge_ids, body.reason)
    session.commit()
    return browse.audit_entry(entry)


@router.post("/entities/{entity_id}/split", response_model=EntityBrief, status_code=201)
def split(entity_id: IdPath, body: SplitIn, session: SessionDep, caller: Editor):
    """Give some mentions of an entity to a new entity; returns the new one."""
    created, _ = curation.split(
        session, caller.name, entity_id, body.mention_ids, body.name, body.reason
    )
    session.commit()
    return browse.entity_summary(created)
