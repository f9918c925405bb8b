"""The ``jejaring`` command: a thin Typer shell over the packages.

Commands translate options into calls and errors into messages and exit
codes; the work itself lives in ``ingest``, ``store`` and the later stages.
Each module here holds the commands of one group.
"""

from __future__ import annotations

import sys

from jejaring.cli import (  # noqa: F401  (each module registers its commands)
    db,
    documents,
    entities,
    extract,
    ingest,
    ner,
    search,
    serve,
)
from jejaring.cli.app import app, err
from jejaring.errors import JejaringError


def main() -> None:
    """Console-script entry point: library errors become one-line messages."""
    try:
        app(prog_name="jejaring")
    except JejaringError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(1)


__all__ = ["app", "main"]
