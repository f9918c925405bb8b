"""``GET /search``: the store's full-text search with highlighted snippets and facets."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from jejaring.serve.api.params import ERRORS, Country, From, Short, Theme, To
from jejaring.serve.deps import PageDep, Reader, ReadSession
from jejaring.serve.schemas import SearchHitPublic, SearchPublic
from jejaring.store import search as store_search

router = APIRouter(tags=["search"], responses=ERRORS)


@router.get("/search", response_model=SearchPublic)
async def search(
    request: Request,
    session: ReadSession,
    _: Reader,
    page: PageDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="The search query.")],
    language: Short = None,
    date_from: From = None,
    to: To = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    theme: Theme = None,
    country: Country = None,
    year: Annotated[int | None, Query(ge=1000, le=9999)] = None,
    facets: bool = True,
) -> SearchPublic:
    """Documents matching ``q``, best first: words, "phrases", prefix*, -exclusions, a OR b."""
    filters = store_search.SearchFilters(
        language=language,
        date_from=str(year) if year else date_from,
        date_to=str(year) if year else to,
        source=source,
        theme=theme,
        country=country.upper() if country else None,
    )
    cache = request.app.state.read_cache
    results = cache.get(
        session,
        ("search", q, filters, page.limit, page.offset),
        lambda: store_search.search(
            session, q, filters=filters, limit=page.limit, offset=page.offset
        ),
    )
    found = (
        cache.get(
            session,
            ("facets", q, filters),
            lambda: store_search.facets(session, q, filters=filters),
        )
        if facets
        else {}
    )
    return SearchPublic(
        data=[
            SearchHitPublic(
                id=hit.id,
                title=hit.title,
                published=hit.published,
                language=hit.language,
                url=hit.url,
                snippet_html=hit.snippet_html(),
                score=hit.score,
            )
            for hit in results.hits
        ],
        count=results.total,
        count_exact=results.total_exact,
        limit=page.limit,
        offset=page.offset,
        facets=found,
    )
