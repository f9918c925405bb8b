"""``/graph``, ``/map`` and ``/export/{format}``: the network, where it is, and as files."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from sqlalchemy import func, select

from jejaring.analyse import export as exports
from jejaring.analyse.neighbourhood import (
    MAX_NODES,
    Graph,
    GraphQuery,
    map_view,
    neighbourhood,
)
from jejaring.serve.api.params import ERRORS, EntityId, From, Theme, To, Types, period, type_list
from jejaring.serve.deps import Reader, ReadSession, SessionDep
from jejaring.serve.schemas import GraphPublic, MapPublic
from jejaring.store import models
from jejaring.store import search as store_search

router = APIRouter(tags=["graph"], responses=ERRORS)
SEARCH_SEEDS = 20  # documents of a search whose entities start the graph


async def graph_query(
    session: ReadSession,
    entity: EntityId = None,
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    types: Types = None,
    date_from: From = None,
    to: To = None,
    theme: Theme = None,
    q: Annotated[
        str | None, Query(max_length=500, description="Start from the entities of a search.")
    ] = None,
    max_nodes: Annotated[int, Query(ge=1, le=2000)] = MAX_NODES,
) -> GraphQuery:
    seeds: tuple[int, ...] = ()
    if q and entity is None:
        hits = store_search.search(session, q, limit=SEARCH_SEEDS).hits
        seeds = _entities_of(session, [h.id for h in hits])
    return GraphQuery(
        entity=entity,
        depth=depth,
        types=type_list(types),
        period=period(date_from, to),
        theme=theme,
        seeds=seeds,
        max_nodes=max_nodes,
    )


def _neighbourhood(session, query: GraphQuery) -> Graph:
    """The neighbourhood, or 404 when its start entity does not exist.

    A start entity that exists is always among the nodes, so its absence there
    says it does not exist, without a query of its own.
    """
    found = neighbourhood(session, query)
    if query.entity is not None and not any(n["id"] == query.entity for n in found.nodes):
        raise HTTPException(404, f"no entity with id {query.entity}")
    return found


def _entities_of(session, document_ids: list[str]) -> tuple[int, ...]:
    if not document_ids:
        return ()
    rows = session.execute(
        select(models.Mention.entity_id, func.count())
        .where(models.Mention.document_id.in_(document_ids))
        .group_by(models.Mention.entity_id)
        .order_by(func.count().desc(), models.Mention.entity_id)
    ).all()
    return tuple(entity for entity, _ in rows)


GraphQueryDep = Annotated[GraphQuery, Depends(graph_query)]


@router.get("/graph", response_model=GraphPublic)
async def graph(query: GraphQueryDep, request: Request, session: ReadSession, _: Reader):
    """Nodes and edges around an entity (or a search); ``truncated`` says the cap was hit."""
    return request.app.state.read_cache.get(
        session, ("graph", query), lambda: _neighbourhood(session, query).as_dict()
    )


@router.get("/map", response_model=MapPublic)
def geo(
    session: SessionDep,
    _: Reader,
    theme: Theme = None,
    date_from: From = None,
    to: To = None,
    types: Types = None,
):
    """Located actors and the relations between them, for a map."""
    return map_view(session, theme=theme, period=period(date_from, to), types=type_list(types))


Format = Literal["graphml", "gexf", "jsonld", "nodes.csv", "edges.csv"]


@router.get(
    "/export/{fmt}",
    response_class=Response,
    responses={
        200: {
            "description": "The graph as a file.",
            "content": {
                media: {"schema": {"type": "object" if media.endswith("json") else "string"}}
                for media in exports.MEDIA_TYPES.values()
            },
        }
    },
)
def export(fmt: Format, query: GraphQueryDep, session: SessionDep, _: Reader) -> Response:
    """The graph (same filters as /graph) as GraphML, GEXF, JSON-LD or CSV nodes/edges."""
    body = exports.export(_neighbourhood(session, query), fmt)
    name = f"jejaring-graph.{fmt}"
    return Response(
        body,
        media_type=exports.MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
