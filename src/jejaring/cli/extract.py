"""``jejaring extract`` and ``jejaring eval``: records from documents, and their scores."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from jejaring.cli.app import JsonOption, _fail, app, err, out
from jejaring.errors import IngestError

SourcesArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="SOURCE",
        show_default=False,
        help="Files, directories, globs, '-' or URLs, as for `jejaring ingest`.",
    ),
]


@app.command("extract")
def extract_command(
    sources: SourcesArgument,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write JSON Lines here (default stdout).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or warnings.")] = False,
) -> None:
    """Extract entities, events, relations and themes: one JSON object per document.

    No database is needed. A `.txt` takes title, published date, url and language from
    a sibling `NAME.meta.json`; JSON Lines take them from their fields. Every offset
    satisfies `text == cleaned_text[start:end]`. A document that cannot be read is
    reported on standard error; one that is empty or cannot be analysed gets an empty
    record with the reason in `doc.warnings`.
    """
    from jejaring.extract.extractor import Extractor
    from jejaring.ingest.pipeline import IngestOptions, iter_documents, plan

    options = IngestOptions()
    items = plan(sources, options.sources)
    stdin = sys.stdin.buffer.read() if any(item.kind == "stdin" for item in items) else None
    documents = []
    failed = 0
    for item in iter_documents(items, options, stdin):
        if isinstance(item, IngestError) and item.reason == EMPTY:
            documents.append(_empty_document(item))  # read, but nothing in it: an empty record
        elif isinstance(item, IngestError):
            failed += 1
            if not quiet:
                err.print(f"[red]failed:[/] {item}", highlight=False, soft_wrap=True)
        else:
            documents.append(item)
    extractor = Extractor()
    handle = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for record in extractor.extract_many(documents):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if output:
            handle.close()
    if not quiet and output:
        err.print(f"{len(documents)} records written to {output}; {failed} sources failed")
    if failed and not documents:
        raise typer.Exit(1)


EMPTY = "empty_text"


def _empty_document(error: IngestError):
    """The document of a source that was read but held no text, named like any other
    (its given id or file name), so that it still gets its record."""
    from jejaring.ingest.document import Document

    name = error.document_id or Path(error.source).stem or "document"
    return Document(id=name, text="", source=error.source)


@app.command("eval")
def eval_command(
    predictions: Annotated[
        Path, typer.Argument(metavar="PRED.jsonl", help="Records from `jejaring extract`.")
    ],
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold answers (*.json).")],
    as_json: JsonOption = False,
) -> None:
    """Score extraction records against gold answers (precision, recall, F1)."""
    from jejaring.extract.evaluate import EvaluationError, evaluate, load_gold, load_predictions

    try:
        report = evaluate(load_predictions(predictions), load_gold(gold))
    except EvaluationError as exc:
        raise _fail(str(exc)) from exc
    data = report.as_dict()
    if as_json:
        out.print_json(data=data)
        return
    table = Table(title=f"Scores over {data['documents']} documents")
    for column in ("what", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column == "what" else "right")
    for section in ("entities", "relations"):
        for name, scores in data[section].items():
            _row(table, f"{SINGULAR[section]} {name}", scores)
    _row(table, "events", data["events"])
    for name, scores in data["event_fields"].items():
        _row(table, f"event {name}", scores)
    _row(table, "themes", data["themes"])
    out.print(table)
    relevance = data["relevance"]
    out.print(f"relevance: {relevance['right']}/{relevance['total']} right")
    if data["missing_predictions"]:
        out.print(f"[yellow]no prediction for:[/] {', '.join(data['missing_predictions'])}")


SINGULAR = {"entities": "entity", "relations": "relation"}


def _row(table: Table, name: str, scores: dict) -> None:
    table.add_row(
        name,
        f"{scores['precision']:.3f}",
        f"{scores['recall']:.3f}",
        f"{scores['f1']:.3f}",
        str(scores["tp"]),
        str(scores["fp"]),
        str(scores["fn"]),
    )
