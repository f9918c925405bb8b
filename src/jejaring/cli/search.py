"""``jejaring search``: ranked full-text search with highlighted snippets."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from jejaring.cli.app import DbOption, JsonOption, _fail, _settings, app, out
from jejaring.store.db import open_store
from jejaring.store.search import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    QueryError,
    SearchFilters,
    search,
)


@app.command("search")
def search_command(
    query: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            help='Words (all required), "a phrase", prefix*, -excluded, a OR b.',
            show_default=False,
        ),
    ],
    db: DbOption = None,
    language: Annotated[
        str | None, typer.Option("--language", "-l", help="Only this language (id, en, fr…).")
    ] = None,
    date_from: Annotated[
        str | None,
        typer.Option("--from", help="Published on or after (YYYY, YYYY-MM or YYYY-MM-DD)."),
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Published on or before (YYYY[-MM[-DD]]).")
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", "-s", help="Site, file path or URL containing this text."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1000)] = 10,
    offset: Annotated[int, typer.Option("--offset", min=0)] = 0,
    as_json: JsonOption = False,
) -> None:
    """Search stored documents, best matches first."""
    filters = SearchFilters(language, date_from, date_to, source)
    store = open_store(_settings(db).db)
    try:
        with store.sessions() as session:
            results = search(session, query, filters=filters, limit=limit, offset=offset)
    except QueryError as exc:
        raise _fail(str(exc), 2) from exc
    finally:
        store.close()
    if as_json:
        hits = [{**asdict(hit), "snippet": _plain(hit.snippet)} for hit in results.hits]
        out.print_json(
            data={
                "query": query,
                "total": results.total,
                "total_exact": results.total_exact,
                "hits": hits,
            }
        )
        return
    if not results.hits:
        out.print(f"No documents match {query!r}.")
        return
    about = "" if results.total_exact else "more than "
    table = Table(title=f"{about}{results.total:,} documents match {query!r}", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("document")
    table.add_column("snippet")
    for rank, hit in enumerate(results.hits, start=offset + 1):
        heading = Text(hit.title or hit.id, style="bold")
        heading.append(f"\n{hit.id}", style="dim")
        heading.append(f"\n{hit.published or 'undated'} · {hit.language or '?'}", style="dim")
        table.add_row(str(rank), heading, highlighted(hit.snippet))
    out.print(table)


def highlighted(snippet: str) -> Text:
    """Rich text with the search engine's highlights in bold yellow."""
    text = Text()
    for index, part in enumerate(
        snippet.replace(HIGHLIGHT_END, HIGHLIGHT_START).split(HIGHLIGHT_START)
    ):
        text.append(part, style="bold yellow" if index % 2 else None)
    return text


def _plain(snippet: str) -> str:
    return snippet.replace(HIGHLIGHT_START, "[").replace(HIGHLIGHT_END, "]")
