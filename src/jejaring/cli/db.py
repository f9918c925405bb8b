"""``jejaring db``: create or upgrade the schema, and see what the database holds."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import func, select

from jejaring.cli.app import DbOption, JsonOption, _settings, db_app, out
from jejaring.store import models
from jejaring.store.db import current_revision, head_revision, make_engine, open_store, upgrade

COUNTED = [
    models.Document,
    models.DocumentSource,
    models.Entity,
    models.Mention,
    models.Event,
    models.Relation,
    models.Evidence,
    models.CurationEntry,
    models.IngestRun,
]


@db_app.command("upgrade")
def db_upgrade(
    db: DbOption = None,
    revision: Annotated[str, typer.Option(help="Target revision.")] = "head",
) -> None:
    """Create the schema, or upgrade it in place to the latest (or given) revision."""
    settings = _settings(db)
    engine = make_engine(settings.db)
    before = current_revision(engine)
    upgrade(engine, revision)
    after = current_revision(engine)
    engine.dispose()
    if before == after:
        out.print(f"Database is already at revision {after}.")
    else:
        out.print(f"Upgraded database from {before or 'empty'} to revision {after}.")


@db_app.command("info")
def db_info(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Show the database URL, schema revision and how many rows each table holds."""
    settings = _settings(db)
    store = open_store(settings.db, migrate=False)
    revision = current_revision(store.engine)
    counts = {}
    if revision:
        with store.sessions() as session:
            for model in COUNTED:
                counts[model.__tablename__] = session.scalar(
                    select(func.count()).select_from(model)
                )
    store.close()
    url = store.engine.url.render_as_string(hide_password=True)
    info = {
        "url": url,
        "dialect": store.dialect,
        "revision": revision,
        "latest": head_revision(),
        "tables": counts,
    }
    if as_json:
        out.print_json(data=info)
        return
    table = Table(title=f"{url}  (revision {revision or 'none'}; latest {info['latest']})")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, count in counts.items():
        table.add_row(name, f"{count:,}")
    out.print(table)
