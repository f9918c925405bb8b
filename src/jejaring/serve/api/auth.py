"""``/auth`` (login with a session cookie, logout, me), ``/tokens`` and ``/users``."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response

from jejaring.serve import security
from jejaring.serve.api.params import ERRORS
from jejaring.serve.deps import (
    SESSION_COOKIE,
    Admin,
    CallerDep,
    Editor,
    SessionDep,
    SettingsDep,
)
from jejaring.serve.schemas import LoginIn, Me, TokenPublic, UserIn, UserPublic
from jejaring.store import users

router = APIRouter(tags=["auth"], responses=ERRORS)


@router.post("/auth/login", response_model=Me)
def login(body: LoginIn, response: Response, session: SessionDep, settings: SettingsDep):
    """Check a name and password; set an HttpOnly session cookie; return the CSRF token."""
    user = users.find_user(session, body.username)
    if user is None or not security.verify_password(body.password, user.password_hash):
        raise HTTPException(401, "wrong user name or password")
    token = security.new_token()
    users.add_session(session, user, security.hash_token(token), settings.session_lifetime)
    session.commit()
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.session_lifetime,
        httponly=True,
        samesite="lax",
        secure=settings.environment != "development",
        path="/",
    )
    return Me(
        user=UserPublic(name=user.name, role=user.role),
        csrf_token=security.csrf_token(settings.secret_key, token),
    )


@router.post("/auth/logout", status_code=204)
def logout(request: Request, response: Response, session: SessionDep) -> Response:
    """End the browser session (safe to call when not logged in)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        users.end_session(session, security.hash_token(cookie))
        session.commit()
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/auth/me", response_model=Me)
def me(caller: CallerDep, settings: SettingsDep):
    """Who is logged in (``user`` is null for a reader) and the CSRF token for writes."""
    if caller.name is None:
        return Me(user=None, csrf_token=None)
    csrf = (
        security.csrf_token(settings.secret_key, caller.session_token)
        if caller.session_token
        else None
    )
    return Me(user=UserPublic(name=caller.name, role=caller.role), csrf_token=csrf)


@router.post("/tokens", response_model=TokenPublic, status_code=201)
def new_token(session: SessionDep, caller: Editor):
    """A new API token for the logged-in user, shown this once (only its hash is kept)."""
    user = users.find_user(session, caller.name)
    token = security.new_token()
    users.add_token(session, user, security.hash_token(token), label="api")
    session.commit()
    return TokenPublic(token=token)


@router.get("/users", response_model=list[UserPublic])
def list_users(session: SessionDep, _: Admin):
    """Every account (admins only)."""
    return [UserPublic(name=u.name, role=u.role) for u in users.list_users(session)]


@router.post("/users", response_model=UserPublic, status_code=201)
def add_user(body: UserIn, session: SessionDep, _: Admin):
    """Create an editor or admin account (admins only)."""
    password = security.hash_password(body.password) if body.password else None
    user = users.add_user(session, body.name, body.role, password)
    session.commit()
    return UserPublic(name=user.name, role=user.role)
