"""Readers: one function per format, bytes in, ``RawDocument`` out.

Readers never touch the network or the database. A reader that meets a
problem raises ``IngestError``; the JSON Lines reader, which holds many
documents, yields its per-line errors instead so one bad line loses nothing else.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from jejaring.errors import IngestError
from jejaring.ingest.clean import markdown_to_text
from jejaring.ingest.document import RawDocument
from jejaring.ingest.encoding import decode

logger = logging.getLogger(__name__)

FORMATS_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
# Fields of a JSON Lines record that map onto the document; the rest is metadata.
JSONL_FIELDS = ("id", "title", "text", "url", "published", "language")
META_SUFFIX = ".meta.json"

ReadResult = RawDocument | IngestError


def format_for_path(path: Path) -> str | None:
    """The format a file name announces, or None when it announces none we read."""
    if path.name.endswith(META_SUFFIX):
        return None
    return FORMATS_BY_SUFFIX.get(path.suffix.lower())


def sniff_format(data: bytes) -> str:
    """Guess the format of unnamed bytes (stdin, unknown suffixes)."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    lowered = head.lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


def read_bytes(
    data: bytes,
    source: str,
    fmt: str,
    *,
    url: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Iterator[ReadResult]:
    """Read ``data`` in format ``fmt``; sidecar ``meta`` fills what the content lacks."""
    if fmt == "jsonl":
        yield from read_jsonl(data, source)
        return
    reader = _READERS.get(fmt)
    if reader is None:
        raise IngestError(source, f"unknown format {fmt!r}", "unknown_format")
    document = reader(data, source, url)
    if meta:
        _apply_meta(document, meta)
    yield document


def read_text(data: bytes, source: str, url: str | None = None) -> RawDocument:
    text, warnings = decode(data, source)
    return RawDocument(text=text, source=source, url=url, format="text", warnings=warnings)


def read_markdown(data: bytes, source: str, url: str | None = None) -> RawDocument:
    text, warnings = decode(data, source)
    title = _first_heading(text)
    return RawDocument(
        text=markdown_to_text(text),
        source=source,
        url=url,
        title=title,
        format="markdown",
        warnings=warnings,
    )


def read_html(data: bytes, source: str, url: str | None = None) -> RawDocument:
    """Main text and metadata of a web page, by trafilatura."""
    import trafilatura

    html, warnings = decode(data, source, _declared_charset(data))
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    if result is None or not (result.text or "").strip():
        raise IngestError(source, "no main text found in the HTML page", "empty_text")
    return RawDocument(
        text=result.text,
        source=source,
        url=result.url or url,
        title=result.title,
        published=result.date,
        language=result.language,
        format="html",
        metadata=_present(author=result.author, sitename=result.sitename),
        warnings=warnings,
    )


def read_pdf(data: bytes, source: str, url: str | None = None) -> RawDocument:
    """Text of every page, by pypdf; pages are separated by a blank line."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except (PyPdfError, ValueError, KeyError, OSError) as exc:
        raise IngestError(source, f"unreadable PDF ({exc})", "unreadable") from exc
    title = str(info.get("/Title") or "").strip() or None
    return RawDocument(text="\n\n".join(pages), source=source, url=url, title=title, format="pdf")


def read_jsonl(data: bytes, source: str) -> Iterator[ReadResult]:
    """One document a line; a malformed line is reported with its number."""
    yield from read_jsonl_lines(data.splitlines(), source)


def read_jsonl_lines(
    lines: Iterable[bytes], source: str, max_line_bytes: int | None = None
) -> Iterator[ReadResult]:
    """JSON Lines from an iterable of byte lines, so a large archive streams.

    Each line is decoded and size-checked on its own: one bad line is one
    error, and the file as a whole may be larger than any single document.
    """
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        if max_line_bytes is not None and len(raw) > max_line_bytes:
            message = f"{len(raw):,} bytes, over the size limit of {max_line_bytes:,} bytes"
            yield IngestError(where, message, "too_large")
            continue
        try:
            line, warnings = decode(raw, where)
        except IngestError as error:
            yield error
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(where, f"malformed JSON ({exc.msg} at column {exc.colno})", "json")
            continue
        if not isinstance(record, dict):
            yield IngestError(where, "a JSON Lines record must be an object", "json")
            continue
        yield _record_document(record, where, warnings)


def _record_document(record: dict[str, Any], where: str, warnings: list[str]) -> ReadResult:
    body = record.get("text")
    if not isinstance(body, str):
        return IngestError(where, "record has no 'text' string", "empty_text")
    fmt = str(record.get("format") or "text").lower()
    if fmt == "markdown":
        body = markdown_to_text(body)
    metadata = {k: v for k, v in record.items() if k not in JSONL_FIELDS}
    return RawDocument(
        text=body,
        source=where,
        id=_optional_str(record.get("id")),
        title=_optional_str(record.get("title")),
        url=_optional_str(record.get("url")),
        published=_optional_str(record.get("published")),
        language=_optional_str(record.get("language")),
        format=fmt if fmt in {"markdown", "html", "text"} else "text",
        metadata=metadata,
        warnings=list(warnings),
    )


def read_sidecar(path: Path) -> dict[str, Any]:
    """The ``NAME.meta.json`` beside ``NAME.ext``, or an empty dict."""
    sidecar = path.with_name(path.stem + META_SUFFIX)
    if not sidecar.is_file():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(str(sidecar), f"unreadable metadata file ({exc})", "metadata") from exc
    if not isinstance(meta, dict):
        raise IngestError(str(sidecar), "metadata file must hold a JSON object", "metadata")
    return meta


def _apply_meta(document: RawDocument, meta: dict[str, Any]) -> None:
    for name in ("id", "title", "url", "published", "language"):
        value = _optional_str(meta.get(name))
        if value is not None:
            setattr(document, name, value)
    document.metadata.update({k: v for k, v in meta.items() if k not in JSONL_FIELDS})


def _first_heading(markdown: str) -> str | None:
    for line in markdown.splitlines()[:20]:
        if line.startswith("# "):
            return markdown_to_text(line[2:]).strip() or None
    return None


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096].lower()
    marker = head.find(b"charset=")
    if marker < 0:
        return None
    value = head[marker + 8 : marker + 40].strip(b"\"' ")
    name = value.split(b'"')[0].split(b"'")[0].split(b";")[0].split(b">")[0].strip()
    return name.decode("ascii", "ignore") or None


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _present(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v}


_READERS: dict[str, Callable[..., RawDocument]] = {
    "text": read_text,
    "markdown": read_markdown,
    "html": read_html,
    "pdf": read_pdf,
}
