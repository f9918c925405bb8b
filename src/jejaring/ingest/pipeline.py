"""Sources → cleaned documents, one at a time, errors as values.

This is what ``jejaring ingest`` and ``jejaring extract`` share: the same
readers and the same cleaning, so offsets agree wherever a document goes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from jejaring.errors import IngestError
from jejaring.ingest.document import Document
from jejaring.ingest.prepare import PrepareOptions, prepare
from jejaring.ingest.sources import SourceItem, SourceOptions, plan, read_item

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestOptions:
    sources: SourceOptions = field(default_factory=SourceOptions)
    prepare: PrepareOptions = field(default_factory=PrepareOptions)


def iter_documents(
    items: Iterable[SourceItem], options: IngestOptions, stdin: bytes | None = None
) -> Iterator[Document | IngestError]:
    """Yield a ``Document`` or an ``IngestError`` for every document the items hold."""
    for item in items:
        try:
            for raw in read_item(item, options.sources, stdin):
                if isinstance(raw, IngestError):
                    yield raw
                    continue
                try:
                    yield prepare(raw, options=options.prepare)
                except IngestError as error:
                    yield error
        except IngestError as error:
            yield error
        except Exception as exc:  # the batch's only catch-all: record and go on
            logger.exception("unexpected failure reading %s", item.ref)
            yield IngestError(item.ref, f"unexpected error: {exc!r}", "internal")


__all__ = ["IngestOptions", "iter_documents", "plan"]
