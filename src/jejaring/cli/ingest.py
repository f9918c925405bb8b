"""``jejaring ingest``: read sources, clean, de-duplicate and store."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from jejaring.cli.app import DbOption, JsonOption, _settings, app, err, out
from jejaring.ingest.pipeline import IngestOptions, iter_documents, plan
from jejaring.ingest.prepare import PrepareOptions
from jejaring.ingest.readers import FORMATS_BY_SUFFIX
from jejaring.ingest.sources import SourceOptions
from jejaring.ingest.web import WebOptions
from jejaring.store.db import open_store
from jejaring.store.loader import IngestSummary, load

FORMATS = sorted(set(FORMATS_BY_SUFFIX.values()))


class RateColumn(ProgressColumn):
    """Documents per second, which Rich's byte-oriented speed column does not show."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} docs/s" if speed else "– docs/s", style="progress.data.speed")


@app.command()
def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCE",
            help="Files, directories (recursive), glob patterns, '-' for standard input, "
            "or http(s) URLs of pages and RSS/Atom feeds.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=f"Read every source as this format ({', '.join(FORMATS)}) instead of "
            "judging by file name or content.",
        ),
    ] = None,
    near_threshold: Annotated[
        float | None,
        typer.Option(
            "--near-threshold",
            min=0.0,
            max=1.0,
            help="Jaccard similarity (word 3-shingles, MinHash) at which a document is a "
            "near duplicate. Default 0.9.",
            show_default=False,
        ),
    ] = None,
    dedupe: Annotated[
        bool,
        typer.Option(
            "--dedupe/--no-dedupe",
            help="Link exact and near duplicates to the first copy (default), or store "
            "every document as it comes.",
        ),
    ] = True,
    extract: Annotated[
        bool,
        typer.Option(
            "--extract/--no-extract",
            help="Extract entities, events, relations and themes from new documents "
            "and store them (default), or store the documents only.",
        ),
    ] = True,
    max_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-bytes",
            min=1,
            help="Skip files and pages larger than this. Default 20,000,000.",
            show_default=False,
        ),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            min=0.01,
            help="Seconds to wait for a web server. Default 20.",
            show_default=False,
        ),
    ] = None,
    retries: Annotated[
        int | None,
        typer.Option(
            "--retries",
            min=1,
            help="Attempts per URL on timeouts and 5xx. Default 3.",
            show_default=False,
        ),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents committed per transaction.")
    ] = 200,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit non-zero if any document failed.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no per-document lines.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Ingest documents: read, clean, detect language, de-duplicate, store, index.

    Plain text (with an optional NAME.meta.json beside it), Markdown, HTML, PDF and
    JSON Lines are read. Exact and near duplicates are linked to the first copy as
    extra sources. Ingesting the same sources again adds nothing; an interrupted run
    can simply be run again.

    Exit code: 0 on success; 1 when every document failed, or any failed with --strict.
    """
    settings = _settings(db)
    if fmt is not None and fmt not in FORMATS:
        raise typer.BadParameter(
            f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format"
        )
    limit = max_bytes or settings.max_bytes
    options = IngestOptions(
        sources=SourceOptions(
            max_bytes=limit,
            format=fmt,
            web=WebOptions(
                timeout=timeout or settings.http_timeout,
                retries=retries or settings.http_retries,
                backoff=settings.http_backoff,
                user_agent=settings.user_agent,
                max_bytes=limit,
            ),
        ),
        prepare=PrepareOptions(),
    )
    store = open_store(settings.db)
    items = plan(sources, options.sources)
    stdin = sys.stdin.buffer.read() if any(item.kind == "stdin" for item in items) else None
    total = sum(item.estimated_documents for item in items)
    threshold = near_threshold if near_threshold is not None else settings.near_duplicate_threshold
    with _progress(quiet or as_json) as progress:
        task = progress.add_task("Ingesting", total=total)
        summary = load(
            store,
            iter_documents(items, options, stdin),
            threshold=threshold,
            dedupe=dedupe,
            batch_size=batch_size,
            annotate=_annotator() if extract else None,
            sources=list(sources),
            progress=lambda n: progress.advance(task, n),
        )
        progress.update(task, total=progress.tasks[task].completed)
    store.close()
    _report(summary, quiet=quiet, as_json=as_json)
    if summary.total and (summary.failed == summary.total or (strict and summary.failed)):
        raise typer.Exit(1)


def _annotator():
    from jejaring.extract.extractor import Extractor

    extractor = Extractor()
    return lambda documents: list(extractor.extract_many(documents))


def _progress(disable: bool) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
        disable=disable,
    )


def _report(summary: IngestSummary, *, quiet: bool, as_json: bool) -> None:
    if as_json:
        failures = [
            {"source": f.source, "reason": f.reason, "message": f.message} for f in summary.failures
        ]
        out.print_json(
            data={**summary.as_dict(), "failures": failures, "warnings": summary.warnings}
        )
        return
    if not quiet:
        for warning in summary.warnings:
            err.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
        for failure in summary.failures:
            err.print(f"[red]failed:[/] {failure}", highlight=False, soft_wrap=True)
    out.print(summary_table(summary))


def summary_table(summary: IngestSummary) -> Table:
    table = Table(title="Ingest summary", show_header=True, header_style="bold")
    table.add_column("documents", style="bold")
    table.add_column("count", justify="right")
    rows = [
        ("new", "new"),
        ("exact duplicates", "exact"),
        ("near duplicates", "near"),
        ("same-id copies", "same_id"),
        ("already stored", "unchanged"),
        ("failed", "failed"),
        ("extracted", "extracted"),
    ]
    for label, key in rows:
        style = "red" if key == "failed" and summary.counts[key] else None
        table.add_row(label, f"{summary.counts[key]:,}", style=style)
    if summary.counts["extracted"]:
        table.add_row("relevant (extracted)", f"{summary.relevant:,}")
    languages = ", ".join(f"{k} {v:,}" for k, v in summary.languages.most_common()) or "–"
    table.add_row("languages (new)", languages)
    rate = summary.total / summary.elapsed if summary.elapsed else 0.0
    table.add_row("elapsed", f"{summary.elapsed:.2f} s ({rate:,.0f} docs/s)")
    return table
