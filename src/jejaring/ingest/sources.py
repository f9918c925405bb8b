"""Sources → raw documents: files, directories, globs, standard input and URLs.

``plan`` expands what the user named into items (so progress can show a
total before reading starts); ``read_item`` turns one item into raw documents
or errors. Neither raises for a bad source: errors are yielded, named, and
the batch goes on.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jejaring.errors import IngestError
from jejaring.ingest.readers import (
    FORMATS_BY_SUFFIX,
    format_for_path,
    read_bytes,
    read_jsonl_lines,
    read_sidecar,
    sniff_format,
)
from jejaring.ingest.web import WebOptions, iter_url_documents

STDIN = "-"
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class SourceItem:
    """One thing to read: a file, standard input, a URL, or a source that failed to expand."""

    kind: str  # "file", "stdin", "url", "error"
    ref: str
    format: str | None = None
    estimated_documents: int = 1
    error: IngestError | None = None


@dataclass(frozen=True)
class SourceOptions:
    max_bytes: int = 20_000_000
    format: str | None = None  # force a format instead of judging by name or content
    web: WebOptions = field(default_factory=WebOptions)


def plan(sources: Iterable[str], options: SourceOptions) -> list[SourceItem]:
    """Expand sources into items, in a stable order, without reading documents."""
    items: list[SourceItem] = []
    for source in sources:
        items.extend(_expand(source, options))
    return items


def read_item(item: SourceItem, options: SourceOptions, stdin: bytes | None = None):
    """Yield ``RawDocument`` or ``IngestError`` objects for one item."""
    if item.kind == "error":
        yield item.error
        return
    if item.kind == "url":
        yield from iter_url_documents(item.ref, options.web)
        return
    try:
        if item.kind == "stdin":
            data = stdin if stdin is not None else sys.stdin.buffer.read()
            _check_size(item.ref, len(data), options.max_bytes)
            yield from read_bytes(data, "<stdin>", options.format or sniff_format(data))
            return
        yield from _read_file(Path(item.ref), item.format, options)
    except IngestError as error:
        yield error


def _expand(source: str, options: SourceOptions) -> Iterator[SourceItem]:
    if source == STDIN:
        yield SourceItem("stdin", STDIN, options.format, 1)
    elif source.startswith(("http://", "https://")):
        yield SourceItem("url", source, None, 1)
    elif "://" in source:
        scheme = source.split("://", 1)[0]
        error = IngestError(source, f"unsupported URL scheme {scheme!r} (use http or https)")
        yield SourceItem("error", source, error=error)
    else:
        path = Path(source).expanduser()
        if path.is_dir():
            yield from _directory_items(path, options)
        elif path.exists():
            yield _file_item(path, options, named=True)
        elif _GLOB_CHARS & set(source):
            yield from _glob_items(source, options)
        else:
            error = IngestError(source, "no such file or directory", "missing")
            yield SourceItem("error", source, error=error)


def _directory_items(directory: Path, options: SourceOptions) -> Iterator[SourceItem]:
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        if options.format or format_for_path(path):
            yield _file_item(path, options, named=False)


def _glob_items(pattern: str, options: SourceOptions) -> Iterator[SourceItem]:
    matches = sorted(Path(p) for p in glob.glob(pattern, recursive=True))
    files = [p for p in matches if p.is_file() and (options.format or format_for_path(p))]
    if not files:
        error = IngestError(pattern, "no readable files match this pattern", "missing")
        yield SourceItem("error", pattern, error=error)
    for path in files:
        yield _file_item(path, options, named=False)


def _file_item(path: Path, options: SourceOptions, named: bool) -> SourceItem:
    fmt = options.format or format_for_path(path)
    if fmt is None and not named:
        fmt = "text"
    estimate = 1
    if fmt == "jsonl":
        estimate = _count_lines(path)
    return SourceItem("file", str(path.resolve()), fmt, estimate)


def _read_file(path: Path, fmt: str | None, options: SourceOptions):
    source = str(path)
    if fmt == "jsonl":
        yield from _stream_jsonl(path, options)
        return
    try:
        size = path.stat().st_size
        _check_size(source, size, options.max_bytes)
        data = path.read_bytes()
    except PermissionError as exc:
        raise IngestError(source, "permission denied", "unreadable") from exc
    except OSError as exc:
        raise IngestError(
            source, f"cannot read file ({exc.strerror or exc})", "unreadable"
        ) from exc
    fmt = fmt or sniff_format(data)
    meta = read_sidecar(path) if fmt != "jsonl" else {}
    yield from read_bytes(data, source, fmt, meta=meta)


def _stream_jsonl(path: Path, options: SourceOptions):
    """JSON Lines are read a line at a time: the size limit applies to each record."""
    try:
        with path.open("rb") as handle:
            yield from read_jsonl_lines(handle, str(path), options.max_bytes)
    except PermissionError as exc:
        raise IngestError(str(path), "permission denied", "unreadable") from exc
    except OSError as exc:
        message = f"cannot read file ({exc.strerror or exc})"
        raise IngestError(str(path), message, "unreadable") from exc


def _check_size(source: str, size: int, limit: int) -> None:
    if size > limit:
        raise IngestError(
            source, f"{size:,} bytes, over the size limit of {limit:,} bytes", "too_large"
        )


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            return max(
                1, sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
            )
    except OSError:
        return 1


__all__ = ["FORMATS_BY_SUFFIX", "SourceItem", "SourceOptions", "plan", "read_item"]
