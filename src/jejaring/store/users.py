"""Accounts, API tokens and browser sessions, stored by hash only.

Hashing itself (scrypt for passwords, SHA-256 for tokens) lives in
``serve.security``; this module stores and finds what it is given.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from jejaring.errors import StoreError
from jejaring.store import models as M

ROLES = ("editor", "admin")


class UserError(StoreError):
    """A user cannot be created or found as asked."""


def add_user(session: Session, name: str, role: str, password_hash: str | None) -> M.User:
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if not name.strip():
        raise UserError("a user needs a name")
    if session.scalar(select(M.User).where(M.User.name == name)) is not None:
        raise UserError(f"a user named {name!r} already exists")
    user = M.User(name=name, role=role, password_hash=password_hash, active=True)
    session.add(user)
    session.flush()
    return user


def find_user(session: Session, name: str) -> M.User | None:
    return session.scalar(select(M.User).where(M.User.name == name, M.User.active.is_(True)))


def list_users(session: Session) -> list[M.User]:
    return list(session.scalars(select(M.User).order_by(M.User.name)))


def add_token(session: Session, user: M.User, token_hash: str, label: str | None = None) -> None:
    session.add(M.ApiToken(user_id=user.id, token_hash=token_hash, label=label))
    session.flush()


def user_for_token(session: Session, token_hash: str) -> M.User | None:
    return session.scalar(
        select(M.User)
        .join(M.ApiToken, M.ApiToken.user_id == M.User.id)
        .where(M.ApiToken.token_hash == token_hash, M.User.active.is_(True))
    )


def add_session(session: Session, user: M.User, token_hash: str, lifetime: int) -> None:
    expires = datetime.now(UTC) + timedelta(seconds=lifetime)
    session.add(M.UserSession(user_id=user.id, token_hash=token_hash, expires_at=expires))
    session.flush()


def user_for_session(session: Session, token_hash: str) -> M.User | None:
    row = session.scalar(select(M.UserSession).where(M.UserSession.token_hash == token_hash))
    if row is None:
        return None
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
    if expires < datetime.now(UTC):
        return None
    user = session.get(M.User, row.user_id)
    return user if user is not None and user.active else None


def end_session(session: Session, token_hash: str) -> None:
    session.execute(delete(M.UserSession).where(M.UserSession.token_hash == token_hash))
