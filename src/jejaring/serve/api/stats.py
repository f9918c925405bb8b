"""``GET /stats`` and ``GET /themes``: the dashboard's numbers and the theme vocabulary."""

from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter

from jejaring.analyse.stats import statistics
from jejaring.serve.api.params import ERRORS, From, Theme, To, period
from jejaring.serve.deps import Reader, SessionDep
from jejaring.serve.schemas import StatsPublic, ThemePublic
from jejaring.store import browse

router = APIRouter(tags=["statistics"], responses=ERRORS)


@router.get("/stats", response_model=StatsPublic)
def stats(
    session: SessionDep, _: Reader, date_from: From = None, to: To = None, theme: Theme = None
):
    """Counts per year and quarter, by country, partner, theme and relation type."""
    return statistics(session, period=period(date_from, to), theme=theme)


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, dict]:
    from jejaring.extract.themes import themes

    return {t.id: {"labels": t.labels, "sdgs": list(t.sdgs)} for t in themes().values()}


@router.get("/themes", response_model=list[ThemePublic], tags=["themes"])
def themes(session: SessionDep, _: Reader):
    """The theme vocabulary with labels in Indonesian, English and French, and counts."""
    return browse.list_themes(session, _vocabulary())
