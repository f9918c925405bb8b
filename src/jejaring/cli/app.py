"""The Typer application, its sub-groups and the options commands share."""

from __future__ import annotations

import logging
from typing import Annotated

import typer
from rich.console import Console

from jejaring import __version__
from jejaring.settings import Settings

app = typer.Typer(
    name="jejaring",
    help="Jejaring: an evidence-linked observatory of city diplomacy.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)
db_app = typer.Typer(help="Create, upgrade and inspect the database.", no_args_is_help=True)
documents_app = typer.Typer(help="List and show stored documents.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(documents_app, name="documents")

out = Console()
err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite file path or SQLAlchemy URL (e.g. postgresql+psycopg://user@host/db). "
        "Default: $JEJARING_DB or ./jejaring.db.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


def _settings(db: str | None = None) -> Settings:
    settings = Settings()
    if db:
        settings = settings.model_copy(update={"db": db})
    return settings


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        out.print(f"jejaring {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log what happens, for debugging.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Jejaring turns news, press releases and event pages into a knowledge graph of
    who cooperates with whom across borders, with the sentence behind every fact."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
