"""``GET /review`` (the queue of doubtful facts) and ``GET /audit`` (the append-only log)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from jejaring.serve.api.params import ERRORS
from jejaring.serve.deps import PageDep, Reader, ReadSession, SettingsDep
from jejaring.serve.schemas import AuditEntry, EventBrief, ListOf, RelationPublic
from jejaring.store import browse

router = APIRouter(tags=["curation"], responses=ERRORS)


@router.get("/review", response_model=ListOf[RelationPublic] | ListOf[EventBrief])
async def review(
    session: ReadSession,
    settings: SettingsDep,
    _: Reader,
    page: PageDep,
    kind: Literal["relation", "event"] = "relation",
):
    """Machine-made facts still pending and below the confidence threshold, least sure first."""
    rows, count = browse.review_queue(session, kind, settings.review_threshold, page)
    return {"data": rows, "count": count, "limit": page.limit, "offset": page.offset}


@router.get("/audit", response_model=ListOf[AuditEntry])
async def audit(
    session: ReadSession,
    _: Reader,
    page: PageDep,
    target_kind: Annotated[str | None, Query(max_length=32)] = None,
    target_id: Annotated[str | None, Query(max_length=64)] = None,
    actor: Annotated[str | None, Query(max_length=100)] = None,
):
    """Every change made by a person, newest first."""
    rows, count = browse.audit_entries(session, target_kind, target_id, actor=actor, page=page)
    return {"data": rows, "count": count, "limit": page.limit, "offset": page.offset}
