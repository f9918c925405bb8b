"""``jejaring documents``: list what is stored and read one document with its sources."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table
from sqlalchemy import func, select

from jejaring.cli.app import DbOption, JsonOption, _fail, _settings, documents_app, out
from jejaring.store import models
from jejaring.store.db import open_store


@documents_app.command("list")
def documents_list(
    db: DbOption = None,
    language: Annotated[str | None, typer.Option("--language", "-l")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0)] = 0,
    as_json: JsonOption = False,
) -> None:
    """List stored documents, newest publication first, with how many copies were seen."""
    store = open_store(_settings(db).db)
    copies = (
        select(models.DocumentSource.document_id, func.count().label("copies"))
        .group_by(models.DocumentSource.document_id)
        .subquery()
    )
    statement = (
        select(models.Document, copies.c.copies)
        .join(copies, copies.c.document_id == models.Document.id)
        .order_by(models.Document.published.desc().nulls_last(), models.Document.seq)
        .limit(limit)
        .offset(offset)
    )
    if language:
        statement = statement.where(models.Document.language == language)
    with store.sessions() as session:
        rows = [(doc, n) for doc, n in session.execute(statement)]
        total = session.scalar(select(func.count()).select_from(models.Document))
    store.close()
    if as_json:
        out.print_json(data=[_summary(doc) | {"copies": n} for doc, n in rows])
        return
    table = Table(title=f"{total:,} documents stored")
    for column in ("id", "published", "lang", "copies", "title"):
        table.add_column(column, overflow="fold")
    for doc, n in rows:
        table.add_row(doc.id, doc.published or "–", doc.language or "?", str(n), doc.title or "")
    out.print(table)


@documents_app.command("show")
def documents_show(
    document_id: Annotated[
        str, typer.Argument(metavar="DOCUMENT_ID", help="The document's id.", show_default=False)
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one document: metadata, every source it was found in, and its cleaned text."""
    store = open_store(_settings(db).db)
    with store.sessions() as session:
        doc = session.scalar(select(models.Document).where(models.Document.id == document_id))
        if doc is None:
            store.close()
            raise _fail(f"no document with id {document_id!r}")
        sources = [
            {"source": s.source, "kind": s.kind, "similarity": s.similarity, "url": s.url}
            for s in doc.sources
        ]
    store.close()
    if as_json:
        out.print_json(data=_summary(doc) | {"text": doc.text, "sources": sources})
        return
    table = Table(show_header=False, box=None)
    for key, value in _summary(doc).items():
        table.add_row(f"[bold]{key}[/]", str(value if value is not None else "–"))
    for source in sources:
        similarity = f" ({source['similarity']:.2f})" if source["similarity"] else ""
        table.add_row(f"[bold]{source['kind']}[/]", f"{source['source']}{similarity}")
    out.print(table)
    out.print(Panel(doc.text, title=doc.title or doc.id, expand=False))


def _summary(doc: models.Document) -> dict:
    return {
        "id": doc.id,
        "title": doc.title,
        "published": doc.published,
        "language": doc.language,
        "url": doc.url,
        "site": doc.site,
        "format": doc.format,
        "warnings": doc.warnings,
    }
