"""``Annotated`` dependencies: the settings, a database session, the current user and roles.

A user comes from ``Authorization: Bearer <token>`` (scripts) or from the
session cookie (browsers). Cookie-authenticated writes must also send the
CSRF token in ``X-CSRF-Token``; bearer tokens are not sent by browsers on
their own, so they need none.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from jejaring.serve import security
from jejaring.settings import Settings
from jejaring.store import users
from jejaring.store.browse import Page
from jejaring.store.db import Store

SESSION_COOKIE = "jejaring_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

# Dependencies that do no I/O are ``async def``: FastAPI runs a plain ``def``
# dependency in its thread pool, and under load each hand-over to a thread
# (and back) costs more than the dependency itself.
#
# Reads that take a few milliseconds (search, entity pages, graph
# neighbourhoods, lists) are ``async def`` endpoints that query in the event
# loop itself, through ``ReadSession``: measured under 20 concurrent clients,
# handing each such request to a thread (and its response validation to
# another) cost more CPU than the queries, and the threads fought over the
# GIL. Writes, logins (scrypt) and the unbounded exports stay ``def``
# endpoints in the thread pool, with ``SessionDep``.


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_session(store: Annotated[Store, Depends(get_store)]) -> AsyncIterator[Session]:
    """A session that connects on first use (in the endpoint's thread) and closes afterwards."""
    session = store.sessions()
    try:
        yield session
    finally:
        session.close()


async def get_read_session(store: Annotated[Store, Depends(get_store)]) -> AsyncIterator[Session]:
    """A session for reading in the event loop, closed as soon as the endpoint returns."""
    session = store.reads()
    try:
        yield session
    finally:
        session.close()


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
SessionDep = Annotated[Session, Depends(get_session)]
# scope="function": the connection goes back when the endpoint returns, before
# the response is validated and sent.
ReadSession = Annotated[Session, Depends(get_read_session, scope="function")]


@dataclass(frozen=True)
class Caller:
    """Who is asking: a user (or nobody) and how they proved it."""

    name: str | None
    role: str  # reader, editor, admin
    via: str  # anonymous, token, cookie
    session_token: str | None = None


def _look_up(store: Store, find, hashed: str) -> tuple[str, str] | None:
    """The name and role ``find`` (by token or session) gives, in a session closed at once."""
    with store.sessions() as session:
        user = find(session, hashed)
        return (user.name, user.role) if user is not None else None


async def get_caller(request: Request, store: StoreDep) -> Caller:
    """Anonymous callers cost nothing; a token or cookie is looked up in the thread pool."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        token = security.hash_token(header[7:].strip())
        user = await run_in_threadpool(_look_up, store, users.user_for_token, token)
        if user is None:
            raise HTTPException(401, "the API token is not valid; create one with POST /tokens")
        return Caller(*user, "token")
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        hashed = security.hash_token(cookie)
        user = await run_in_threadpool(_look_up, store, users.user_for_session, hashed)
        if user is not None:
            return Caller(*user, "cookie", cookie)
    return Caller(None, "reader", "anonymous")


CallerDep = Annotated[Caller, Depends(get_caller)]


async def require_reader(caller: CallerDep, settings: SettingsDep) -> Caller:
    if caller.name is None and not settings.anonymous_read:
        raise HTTPException(401, "log in to read: anonymous reading is switched off here")
    return caller


def _require(roles: set[str]):
    async def check(request: Request, caller: CallerDep, settings: SettingsDep) -> Caller:
        if caller.name is None:
            raise HTTPException(401, "log in (or send an API token) to change anything")
        if caller.role not in roles:
            raise HTTPException(403, f"this needs the {' or '.join(sorted(roles))} role")
        if caller.via == "cookie" and request.method not in SAFE_METHODS:
            given = request.headers.get(CSRF_HEADER)
            if not security.csrf_matches(settings.secret_key, caller.session_token or "", given):
                raise HTTPException(403, f"missing or wrong {CSRF_HEADER} header")
        return caller

    return check


require_editor = _require({"editor", "admin"})
require_admin = _require({"admin"})
require_user = _require({"editor", "admin"})

Reader = Annotated[Caller, Depends(require_reader)]
Editor = Annotated[Caller, Depends(require_editor)]
Admin = Annotated[Caller, Depends(require_admin)]


async def page(
    limit: Annotated[int, Query(ge=1, le=500, description="Items per page.")] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")] = 0,
) -> Page:
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(page)]
