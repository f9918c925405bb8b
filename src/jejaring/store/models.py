"""ORM models: documents and their sources, and the evidence-linked graph.

The graph tables follow ``shared/spec/extraction-format.md``: entities with
aliases and mentions, events with participants, typed relations with status,
evidence spans into a document's cleaned text, themes, and an append-only
curation log. Human decisions live beside machine output (``origin``,
``review_state``) so re-running extraction never overwrites them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {dict[str, Any]: JSON, list[Any]: JSON}


class Document(Base):
    """One story, stored once; every copy found is a row in ``document_sources``."""

    __tablename__ = "documents"

    # An integer key keeps SQLite's rowid stable, which the FTS5 index relies on.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    site: Mapped[str | None] = mapped_column(String(200), index=True)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    language: Mapped[str | None] = mapped_column(String(8), index=True)
    format: Mapped[str] = mapped_column(String(16), default="text")
    source: Mapped[str] = mapped_column(Text)
    # Not unique: with de-duplication switched off, copies are stored apart.
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSON, default=dict)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    relevant: Mapped[bool | None] = mapped_column(Boolean, index=True)
    relevance: Mapped[float | None] = mapped_column(Float)
    extractor: Mapped[str | None] = mapped_column(String(64))
    extracted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    sources: Mapped[list[DocumentSource]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentSource.id"
    )


class DocumentSource(Base):
    """Where a story was found: the first copy (``original``) and later ones."""

    __tablename__ = "document_sources"
    __table_args__ = (UniqueConstraint("document_id", "source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))  # original, exact, near
    similarity: Mapped[float | None] = mapped_column(Float)
    external_id: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    document: Mapped[Document] = relationship(back_populates="sources")


class DocumentBand(Base):
    """MinHash LSH band keys: documents sharing a key are near-duplicate candidates."""

    __tablename__ = "document_bands"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class IngestRun(Base):
    """One run of ``jejaring ingest``: what it was asked and what it counted."""

    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sources: Mapped[list[Any]] = mapped_column(JSON, default=list)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Entity(Base):
    """A place, organisation or person, canonical across documents."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)  # resolution key
    type: Mapped[str] = mapped_column(String(16), index=True)
    subtype: Mapped[str | None] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    jurisdiction_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    kb_ids: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    origin: Mapped[str] = mapped_column(String(16), default="extracted")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EntityAlias(Base):
    __tablename__ = "entity_aliases"
    __table_args__ = (UniqueConstraint("entity_id", "normalized"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str] = mapped_column(String(300), index=True)


class Mention(Base):
    """An entity named in a document, at ``[start, end)`` of its cleaned text."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    local_id: Mapped[str | None] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class EntityRole(Base):
    """A person's role (title within an organisation) as one document states it."""

    __tablename__ = "entity_roles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    local_id: Mapped[str | None] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[Any]] = mapped_column(JSON, default=list)
    type: Mapped[str] = mapped_column(String(16), index=True)
    start: Mapped[str | None] = mapped_column(String(10), index=True)
    end: Mapped[str | None] = mapped_column(String(10))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    participant_count: Mapped[int | None] = mapped_column(Integer)
    participant_qualifier: Mapped[str | None] = mapped_column(String(16))
    motto: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)
    origin: Mapped[str] = mapped_column(String(16), default="extracted")
    review_state: Mapped[str] = mapped_column(String(16), default="pending")


# The parts an entity plays in an event, as extraction stores them (organizers, hosts,
# participants of the record) and as editors may set them.
PARTS = ("organizer", "host", "participant")


class EventParticipant(Base):
    """An entity taking part in an event, once per part (the same city may host and organise)."""

    __tablename__ = "event_participants"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), primary_key=True)
    part: Mapped[str] = mapped_column(String(16), primary_key=True)  # one of PARTS
    role: Mapped[str | None] = mapped_column(String(64))  # e.g. speaker


class EventTheme(Base):
    __tablename__ = "event_themes"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[str] = mapped_column(ForeignKey("themes.id"), primary_key=True)


class Relation(Base):
    """A typed, dated fact between two entities, as extracted or as curated."""

    __tablename__ = "relations"
    __table_args__ = (Index("ix_relations_subject_object", "subject_id", "object_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("entities.id"))
    object_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    status: Mapped[str | None] = mapped_column(String(16))
    date: Mapped[str | None] = mapped_column(String(10))
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    confidence: Mapped[float | None] = mapped_column(Float)
    document_id: Mapped[str | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    origin: Mapped[str] = mapped_column(String(16), default="extracted")
    review_state: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Evidence(Base):
    """A span of a document's cleaned text that supports a relation or an event."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    relation_id: Mapped[int | None] = mapped_column(
        ForeignKey("relations.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class Theme(Base):
    __tablename__ = "themes"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    labels: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    sdgs: Mapped[list[Any]] = mapped_column(JSON, default=list)


class DocumentTheme(Base):
    __tablename__ = "document_themes"

    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[str] = mapped_column(ForeignKey("themes.id"), primary_key=True)
    score: Mapped[float] = mapped_column(Float)
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)


class CurationEntry(Base):
    """Append-only audit log: who changed which fact, when, from what to what, and why."""

    __tablename__ = "curation_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32))
    target_kind: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_curation_target", "target_kind", "target_id"),)


class User(Base):
    """Someone who may log in: an editor or an admin (readers need no account)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # editor, admin
    password_hash: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ApiToken(Base):
    """A script's bearer token; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class UserSession(Base):
    """A logged-in browser: the SHA-256 of its cookie and when it expires."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
