"""``jejaring entities``: the canonical actors of the stored graph and their relations."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from jejaring.cli.app import DbOption, JsonOption, _fail, _settings, app, out
from jejaring.store import models
from jejaring.store.db import open_store

entities_app = typer.Typer(
    help="List and show the entities of the stored graph.", no_args_is_help=True
)
app.add_typer(entities_app, name="entities")


@entities_app.command("list")
def entities_list(
    db: DbOption = None,
    entity_type: Annotated[
        str | None, typer.Option("--type", "-t", help="place, organization or person.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 20,
    as_json: JsonOption = False,
) -> None:
    """Entities by how many documents mention them, most first."""
    store = open_store(_settings(db).db)
    documents = func.count(func.distinct(models.Mention.document_id)).label("documents")
    statement = (
        select(models.Entity, documents)
        .join(models.Mention, models.Mention.entity_id == models.Entity.id)
        .group_by(models.Entity.id)
        .order_by(documents.desc(), models.Entity.name)
        .limit(limit)
    )
    if entity_type:
        statement = statement.where(models.Entity.type == entity_type)
    with store.sessions() as session:
        rows = [(entity, count) for entity, count in session.execute(statement)]
    store.close()
    if as_json:
        out.print_json(data=[_summary(e) | {"documents": n} for e, n in rows])
        return
    table = Table(title="Entities mentioned most")
    for column in ("id", "type", "subtype", "name", "country", "documents"):
        table.add_column(column, justify="right" if column in {"id", "documents"} else "left")
    for entity, count in rows:
        table.add_row(
            str(entity.id),
            entity.type,
            entity.subtype or "–",
            entity.name,
            entity.country or "–",
            str(count),
        )
    out.print(table)


@entities_app.command("show")
def entities_show(
    entity_id: Annotated[int, typer.Argument(metavar="ENTITY_ID", help="The entity's number.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One entity: names, identifiers and relations, each with the sentence behind it."""
    store = open_store(_settings(db).db)
    with store.sessions() as session:
        entity = session.get(models.Entity, entity_id)
        if entity is None:
            store.close()
            raise _fail(f"no entity with id {entity_id}")
        aliases = sorted(
            session.scalars(
                select(models.EntityAlias.alias).where(models.EntityAlias.entity_id == entity_id)
            )
        )
        relations = _relations(session, entity_id)
    store.close()
    data = _summary(entity) | {"aliases": aliases, "relations": relations}
    if as_json:
        out.print_json(data=data)
        return
    out.print(
        f"[bold]{entity.name}[/] ({entity.type}/{entity.subtype or '–'}, "
        f"{entity.country or '–'}) {entity.kb_ids or ''}"
    )
    out.print("aliases: " + "; ".join(aliases))
    table = Table(title="Relations", show_lines=True)
    for column in ("type", "subject", "object", "status", "document", "evidence"):
        table.add_column(column, overflow="fold")
    for relation in relations:
        table.add_row(
            relation["type"],
            relation["subject"],
            relation["object"],
            relation["status"] or "–",
            relation["document"] or "–",
            relation["evidence"][:200],
        )
    out.print(table)


def _relations(session, entity_id: int) -> list[dict]:
    subject, obj = aliased(models.Entity), aliased(models.Entity)
    statement = (
        select(models.Relation, subject.name, obj.name)
        .join(subject, subject.id == models.Relation.subject_id)
        .join(obj, obj.id == models.Relation.object_id)
        .where((models.Relation.subject_id == entity_id) | (models.Relation.object_id == entity_id))
        .order_by(models.Relation.type, models.Relation.id)
    )
    found = []
    for relation, subject_name, object_name in session.execute(statement):
        evidence = session.scalar(
            select(models.Evidence.text).where(models.Evidence.relation_id == relation.id).limit(1)
        )
        found.append(
            {
                "type": relation.type,
                "subject": subject_name,
                "object": object_name,
                "status": relation.status,
                "document": relation.document_id,
                "evidence": evidence or "",
            }
        )
    return found


def _summary(entity: models.Entity) -> dict:
    return {
        "id": entity.id,
        "type": entity.type,
        "subtype": entity.subtype,
        "name": entity.name,
        "country": entity.country,
        "ids": entity.kb_ids,
    }
