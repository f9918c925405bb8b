"""Query parameters shared by several routes: dates, filters, graph options."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from pydantic import AfterValidator

from jejaring.serve.schemas import Error, check_date
from jejaring.store.browse import Period

DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD"
From = Annotated[
    str | None,
    Query(alias="from", description=f"On or after this date ({DATE_HELP}).", max_length=10),
    AfterValidator(check_date),
]
To = Annotated[
    str | None,
    Query(
        description=f"On or before this date ({DATE_HELP}); a year or month covers all of it.",
        max_length=10,
    ),
    AfterValidator(check_date),
]
Theme = Annotated[str | None, Query(description="A theme id (see /themes).", max_length=64)]
Types = Annotated[
    str | None,
    Query(description="Relation types, comma-separated (sister_city,agreement…).", max_length=500),
]
Country = Annotated[
    str | None, Query(description="ISO 3166-1 alpha-2 code.", pattern="^[A-Za-z]{2}$")
]
Short = Annotated[str | None, Query(max_length=64)]

ERRORS = {
    code: {"model": Error, "description": text}
    for code, text in (
        (400, "The request cannot be carried out as asked."),
        (401, "Not logged in."),
        (403, "Not allowed."),
        (404, "Not found."),
        (422, "A parameter is invalid."),
    )
}


def period(start: str | None, end: str | None) -> Period:
    return Period(start, end)


def type_list(types: str | None) -> tuple[str, ...]:
    return tuple(t.strip() for t in (types or "").split(",") if t.strip())
