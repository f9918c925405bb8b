"""``GET /documents`` and ``GET /documents/{id}``: text with its extracted facts."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from jejaring.serve.api.params import ERRORS, From, Short, Theme, To, period
from jejaring.serve.deps import PageDep, Reader, ReadSession
from jejaring.serve.schemas import DocumentPublic, DocumentSummary, ListOf
from jejaring.store import browse

router = APIRouter(tags=["documents"], responses=ERRORS)


@router.get("/documents", response_model=ListOf[DocumentSummary])
async def documents(
    session: ReadSession,
    _: Reader,
    page: PageDep,
    language: Short = None,
    date_from: From = None,
    to: To = None,
    relevant: bool | None = None,
    theme: Theme = None,
):
    """Stored documents, newest first."""
    rows, count = browse.list_documents(
        session,
        language=language,
        period=period(date_from, to),
        relevant=relevant,
        theme=theme,
        page=page,
    )
    return {"data": rows, "count": count, "limit": page.limit, "offset": page.offset}


@router.get("/documents/{document_id}", response_model=DocumentPublic)
async def document(document_id: str, session: ReadSession, _: Reader):
    """One document's cleaned text, mentions, events, relations and themes (with offsets)."""
    found = browse.get_document(session, document_id)
    if found is None:
        raise HTTPException(404, f"no document with id {document_id!r}")
    return found
