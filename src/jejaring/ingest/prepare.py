"""RawDocument → Document: clean the text, settle the id, date and language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import PurePath

from jejaring.errors import IngestError
from jejaring.ingest.clean import clean_text
from jejaring.ingest.document import Document, RawDocument, content_hash
from jejaring.ingest.language import detect_language, normalise_language

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ID_UNSAFE = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class PrepareOptions:
    """Limits applied to every document; defaults suit news articles."""

    max_chars: int = 5_000_000
    detect_language: bool = True


def prepare(raw: RawDocument, *, options: PrepareOptions = PrepareOptions()) -> Document:
    """Clean a raw document; raise ``IngestError`` when nothing usable is left."""
    text = clean_text(raw.text)
    if not text:
        raise IngestError(
            raw.source,
            "empty document (no text after cleaning)",
            "empty_text",
            document_id=document_id(raw, content_hash("")),
        )
    if len(text) > options.max_chars:
        raise IngestError(
            raw.source,
            f"document has {len(text):,} characters, over the limit of {options.max_chars:,}",
            "too_large",
        )
    warnings = list(raw.warnings)
    published = normalise_date(raw.published)
    if raw.published and published is None:
        warnings.append(f"unrecognised published date {raw.published!r}; left empty")
    language = normalise_language(raw.language)
    if language is None and options.detect_language:
        language = detect_language(text)
    digest = content_hash(text)
    return Document(
        id=document_id(raw, digest),
        text=text,
        source=raw.source,
        title=clean_text(raw.title) if raw.title else _first_line(text),
        url=raw.url,
        published=published,
        language=language,
        format=raw.format,
        content_hash=digest,
        metadata=dict(raw.metadata),
        warnings=warnings,
        id_given=bool(raw.id),
    )


def document_id(raw: RawDocument, digest: str) -> str:
    """The given id, else the file stem, else the start of the content hash."""
    if raw.id:
        return _ID_UNSAFE.sub("_", raw.id.strip())[:200]
    source = raw.source
    if source and source != "<stdin>" and "://" not in source and ":" not in PurePath(source).name:
        return _ID_UNSAFE.sub("_", PurePath(source).stem)[:200]
    return digest[:16]


def normalise_date(value: str | None) -> str | None:
    """ISO 8601 at the precision given (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""
    if not value:
        return None
    value = value.strip()
    if _PARTIAL_DATE.match(value):
        return value if _valid_partial(value) else None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _valid_partial(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0][:300]
