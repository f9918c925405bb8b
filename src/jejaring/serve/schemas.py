"""Request and response schemas of the HTTP API, by role (``…Public`` out, ``…In`` in).

Routes return these, never ORM objects. Lists are ``{data, count, limit, offset}``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, Field

from jejaring.store.models import PARTS

T = TypeVar("T")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(value: str | None) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, and a real date."""
    if value is None:
        return None
    if not _DATE.match(value):
        raise ValueError(f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date ({exc})") from None
    return value


DateText = Annotated[str, AfterValidator(check_date)]
MAX_ID = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class Error(BaseModel):
    detail: str
    errors: list[dict[str, Any]] = []


class ListOf(BaseModel, Generic[T]):
    data: list[T]
    count: int
    limit: int
    offset: int


class Health(BaseModel):
    status: str
    database: str
    schema_: str | None = Field(None, alias="schema")

    model_config = {"populate_by_name": True}


class EntityRef(BaseModel):
    id: int
    name: str
    type: str
    country: str | None = None


class Span(BaseModel):
    start: int
    end: int
    text: str
    document_id: str | None = None


class DocumentSummary(BaseModel):
    id: str
    title: str | None
    published: str | None
    language: str | None
    url: str | None
    relevant: bool | None
    relevance: float | None


class MentionPublic(BaseModel):
    id: int
    start: int
    end: int
    text: str
    entity_id: int
    entity_type: str
    entity_name: str


class EventBrief(BaseModel):
    id: int
    name: str
    type: str
    start: str | None
    end: str | None
    confidence: float | None
    review_state: str
    document_id: str | None
    evidence: list[Span] = []


class RelationPublic(BaseModel):
    id: int
    type: str
    status: str | None
    subject: EntityRef
    object: EntityRef
    date: str | None
    effective_date: str | None
    confidence: float | None
    origin: str
    review_state: str
    document_id: str | None
    attributes: dict[str, Any]
    evidence: list[Span]


class ThemeScore(BaseModel):
    id: str
    score: float
    evidence: list[dict[str, Any]]


class DocumentPublic(DocumentSummary):
    text: str
    site: str | None
    mentions: list[MentionPublic]
    events: list[EventBrief]
    relations: list[RelationPublic]
    themes: list[ThemeScore]


class SearchHitPublic(BaseModel):
    id: str
    title: str | None
    published: str | None
    language: str | None
    url: str | None
    snippet_html: str
    score: float


class SearchPublic(ListOf[SearchHitPublic]):
    count_exact: bool
    facets: dict[str, dict[str, int]]


class EntitySummary(BaseModel):
    id: int
    name: str
    type: str
    subtype: str | None
    country: str | None
    documents: int


class Coordinates(BaseModel):
    lat: float
    lon: float


class RolePublic(BaseModel):
    title: str
    organization: dict[str, Any] | None
    document_id: str | None


class Partner(BaseModel):
    entity: EntityRef
    status: str | None
    relations: list[int]


class EntityEvent(EventBrief):
    part: str


class TimelineItem(BaseModel):
    date: str
    kind: Literal["event", "relation"]
    id: int
    label: str


class EntityDocument(BaseModel):
    id: str
    title: str | None
    published: str | None
    mentions: int


class EntityPublic(BaseModel):
    id: int
    name: str
    type: str
    subtype: str | None
    country: str | None
    origin: str
    ids: dict[str, Any]
    aliases: list[str]
    coordinates: Coordinates | None
    jurisdiction: dict[str, Any] | None
    roles: list[RolePublic]
    partners: dict[str, list[Partner]]
    events: list[EntityEvent]
    relations: list[RelationPublic]
    timeline: list[TimelineItem]
    documents: list[EntityDocument]
    merged_into: int | None = None


class AuditEntry(BaseModel):
    id: int
    at: str | None
    actor: str
    action: str
    target_kind: str
    target_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None


class RelationDetail(RelationPublic):
    audit: list[AuditEntry]


class Participant(BaseModel):
    entity: EntityRef
    part: str
    role: str | None


class EventPublic(EventBrief):
    aliases: list[str]
    participant_count: int | None
    participant_qualifier: str | None
    motto: str | None
    origin: str
    participants: list[Participant]
    location: EntityRef | None
    themes: list[str]
    documents: list[DocumentSummary]
    audit: list[AuditEntry]


class ThemePublic(BaseModel):
    id: str
    labels: dict[str, str]
    sdgs: list[int]
    documents: int
    relations: int


class GraphNode(BaseModel):
    id: int
    label: str
    type: str
    subtype: str | None
    country: str | None
    lat: float | None
    lon: float | None
    degree: int
    ids: dict[str, Any]


class GraphEdge(BaseModel):
    id: int
    source: int
    target: int
    type: str
    status: str | None
    date: str | None
    confidence: float | None


class GraphPublic(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool
    max_nodes: int


class MapPlace(BaseModel):
    id: int
    name: str
    type: str
    subtype: str | None
    country: str | None
    lat: float
    lon: float
    relations: int


class MapPoint(BaseModel):
    id: int
    lat: float
    lon: float


class MapLine(BaseModel):
    relation_id: int
    type: str
    status: str | None
    date: str | None
    from_: MapPoint = Field(alias="from")
    to: MapPoint

    model_config = {"populate_by_name": True, "serialize_by_alias": True}


class MapPublic(BaseModel):
    places: list[MapPlace]
    lines: list[MapLine]
    truncated: bool


class PeriodCount(BaseModel):
    period: str
    relations: int
    events: int
    documents: int


class StatsPublic(BaseModel):
    per_year: list[PeriodCount]
    per_quarter: list[PeriodCount]
    by_country: list[dict[str, Any]]
    top_partners: list[dict[str, Any]]
    by_theme: list[dict[str, Any]]
    by_relation_type: list[dict[str, Any]]
    recent_documents: list[dict[str, Any]]


# --------------------------------------------------------------------------- auth, curation

Reason = Annotated[str | None, Field(None, max_length=2000)]


class UserPublic(BaseModel):
    name: str
    role: str


class LoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


class Me(BaseModel):
    user: UserPublic | None
    csrf_token: str | None


class TokenPublic(BaseModel):
    token: str


class UserIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    role: Literal["editor", "admin"]
    password: str | None = Field(None, min_length=8, max_length=1000)


class DecisionIn(BaseModel):
    reason: Reason = None


class RelationPatch(BaseModel):
    type: str | None = Field(None, min_length=1, max_length=32)
    status: str | None = Field(None, max_length=16)
    date: DateText | None = None
    subject_id: Id | None = None
    object_id: Id | None = None
    reason: Reason = None


class EventPatch(BaseModel):
    type: str | None = Field(None, min_length=1, max_length=16)
    name: str | None = Field(None, min_length=1, max_length=1000)
    start: DateText | None = None
    end: DateText | None = None
    location_id: Id | None = None
    reason: Reason = None


Part = Literal[PARTS]  # organizer, host, participant


class ParticipantIn(BaseModel):
    """An entity to add to an event, in a part and (for a speaker, say) a role."""

    entity_id: Id
    part: Part = "participant"
    role: str | None = Field(None, max_length=64)
    reason: Reason = None


class RelationIn(BaseModel):
    type: str = Field(min_length=1, max_length=32)
    subject_id: Id
    object_id: Id
    status: str | None = Field(None, max_length=16)
    date: DateText | None = None
    source_note: str = Field(min_length=1, max_length=2000)
    reason: Reason = None


class MergeIn(BaseModel):
    keep_id: Id
    merge_ids: list[Id] = Field(min_length=1, max_length=100)
    reason: Reason = None


class SplitIn(BaseModel):
    mention_ids: list[Id] = Field(min_length=1, max_length=10000)
    name: str = Field(min_length=1, max_length=500)
    reason: Reason = None


class EntityBrief(BaseModel):
    id: int
    name: str
    type: str
    subtype: str | None
    country: str | None
