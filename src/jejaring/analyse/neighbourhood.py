"""Graph neighbourhoods and the map: which actors are linked, how, and where they are.

A neighbourhood grows breadth-first from one entity (or from the entities
named in a search's best documents) over relations that pass the filters,
one database query per level. It stops at ``max_nodes`` and says so
(``truncated``), so a caller never receives a hairball it did not ask for.
Rejected relations are never drawn.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from jejaring.store import models as M
from jejaring.store.browse import (
    ENTITIES,
    ENTITY_COLUMNS,
    RELATIONS,
    Period,
    RelationFilters,
    core_rows,
    relation_date,
)

MAX_NODES = 500
MAX_DEPTH = 3


@dataclass(frozen=True)
class GraphQuery:
    entity: int | None = None
    depth: int = 1
    types: tuple[str, ...] = ()
    period: Period = field(default_factory=Period)
    theme: str | None = None
    seeds: tuple[int, ...] = ()  # start entities when no single entity is given
    max_nodes: int = MAX_NODES


@dataclass
class Graph:
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False
    max_nodes: int = MAX_NODES

    def as_dict(self) -> dict[str, Any]:
        return {
            "nodes": self.nodes,
            "edges": self.edges,
            "truncated": self.truncated,
            "max_nodes": self.max_nodes,
        }


def _filters(query: GraphQuery) -> list:
    return RelationFilters(
        types=query.types, period=query.period, theme=query.theme, include_rejected=False
    ).conditions()


def _edge_rows(session: Session, conditions: list, limit: int | None = None) -> list:
    statement = (
        select(
            RELATIONS.c.id,
            RELATIONS.c.subject_id,
            RELATIONS.c.object_id,
            RELATIONS.c.type,
            RELATIONS.c.status,
            relation_date().label("when"),
            RELATIONS.c.confidence,
        )
        .outerjoin(M.Document.__table__, M.Document.id == RELATIONS.c.document_id)
        .where(*conditions)
        .order_by(RELATIONS.c.id)
    )
    if limit:
        statement = statement.limit(limit)
    return core_rows(session, statement).all()


def neighbourhood(session: Session, query: GraphQuery) -> Graph:
    """Nodes within ``depth`` hops of the start, and the relations between them."""
    cap = max(1, query.max_nodes)
    base = _filters(query)
    start = [query.entity] if query.entity is not None else list(query.seeds)
    if not start:
        return _whole_graph(session, base, cap)
    nodes: dict[int, None] = dict.fromkeys(start[:cap])
    truncated = len(start) > cap
    edges: dict[int, Any] = {}
    frontier = set(nodes)
    for _ in range(max(1, min(query.depth, MAX_DEPTH))):
        if not frontier or truncated:
            break
        ids = list(frontier)
        rows = _edge_rows(
            session, [*base, or_(RELATIONS.c.subject_id.in_(ids), RELATIONS.c.object_id.in_(ids))]
        )
        frontier = set()
        for row in rows:
            for end in (row.subject_id, row.object_id):
                if end not in nodes:
                    if len(nodes) >= cap:
                        truncated = True
                        continue
                    nodes[end] = None
                    frontier.add(end)
            if row.subject_id in nodes and row.object_id in nodes:
                edges[row.id] = row
    return _graph(session, list(nodes), list(edges.values()), truncated, cap)


def _whole_graph(session: Session, base: list, cap: int) -> Graph:
    """No start: the best-connected entities, up to ``cap``."""
    rows = _edge_rows(session, base)
    degree = Counter()
    for row in rows:
        degree[row.subject_id] += 1
        degree[row.object_id] += 1
    keep = {entity for entity, _ in degree.most_common(cap)}
    edges = [r for r in rows if r.subject_id in keep and r.object_id in keep]
    return _graph(session, list(keep), edges, len(degree) > cap, cap)


def _graph(session: Session, node_ids: list[int], edges: list, truncated: bool, cap: int) -> Graph:
    degree = Counter()
    for row in edges:
        degree[row.subject_id] += 1
        degree[row.object_id] += 1
    entities = {e.id: e for e in _entities(session, node_ids)}
    places = located(session, list(entities.values()))
    nodes = [
        {
            "id": entity.id,
            "label": entity.name,
            "type": entity.type,
            "subtype": entity.subtype,
            "country": entity.country,
            "lat": places.get(entity.id, (None, None))[0],
            "lon": places.get(entity.id, (None, None))[1],
            "degree": degree[entity.id],
            "ids": entity.kb_ids or {},
        }
        for entity in (entities[i] for i in node_ids if i in entities)
    ]
    return Graph(
        nodes=nodes,
        edges=[
            {
                "id": row.id,
                "source": row.subject_id,
                "target": row.object_id,
                "type": row.type,
                "status": row.status,
                "date": row.when,
                "confidence": row.confidence,
            }
            for row in edges
        ],
        truncated=truncated,
        max_nodes=cap,
    )


_ENTITIES_BY_ID = select(*ENTITY_COLUMNS).where(ENTITIES.c.id.in_(bindparam("ids", expanding=True)))


def _entities(session: Session, ids: list[int]) -> list:
    """Entity rows (plain columns, no mapped objects) for ``ids``, 500 at a time."""
    found = []
    for chunk in range(0, len(ids), 500):
        found += core_rows(session, _ENTITIES_BY_ID, {"ids": ids[chunk : chunk + 500]}).all()
    return found


def located(session: Session, entities: list) -> dict[int, tuple[float, float]]:
    """Coordinates by entity id: its own, else those of the place it governs or belongs to."""
    where: dict[int, tuple[float, float]] = {
        e.id: (e.lat, e.lon) for e in entities if e.lat is not None and e.lon is not None
    }
    wanting = {e.jurisdiction_id: e.id for e in entities if e.id not in where and e.jurisdiction_id}
    if wanting:
        for place in _entities(session, list(wanting)):
            if place.lat is not None and place.lon is not None:
                where[wanting[place.id]] = (place.lat, place.lon)
    return where


def map_view(
    session: Session,
    *,
    theme: str | None = None,
    period: Period = field(default_factory=Period),
    types: tuple[str, ...] = (),
    max_lines: int = 5000,
) -> dict[str, Any]:
    """Located actors with relations passing the filters, and the lines between them."""
    query = GraphQuery(types=types, period=period, theme=theme)
    rows = _edge_rows(session, _filters(query), limit=max_lines)
    ends = list({end for row in rows for end in (row.subject_id, row.object_id)})
    entities = {e.id: e for e in _entities(session, ends)}
    where = located(session, list(entities.values()))
    counts = Counter()
    lines = []
    for row in rows:
        if row.subject_id in where and row.object_id in where:
            counts[row.subject_id] += 1
            counts[row.object_id] += 1
            lines.append(
                {
                    "relation_id": row.id,
                    "type": row.type,
                    "status": row.status,
                    "date": row.when,
                    "from": _point(row.subject_id, where),
                    "to": _point(row.object_id, where),
                }
            )
    places = [
        {
            "id": entity.id,
            "name": entity.name,
            "type": entity.type,
            "subtype": entity.subtype,
            "country": entity.country,
            "lat": where[entity.id][0],
            "lon": where[entity.id][1],
            "relations": counts[entity.id],
        }
        for entity in entities.values()
        if entity.id in where
    ]
    places.sort(key=lambda p: (-p["relations"], p["name"]))
    return {"places": places, "lines": lines, "truncated": len(rows) >= max_lines}


def _point(entity_id: int, where: dict[int, tuple[float, float]]) -> dict[str, Any]:
    lat, lon = where[entity_id]
    return {"id": entity_id, "lat": lat, "lon": lon}
