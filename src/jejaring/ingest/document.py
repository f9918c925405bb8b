"""The unit that flows through every stage: one cleaned document and its metadata."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawDocument:
    """What a reader found in a source, before cleaning.

    ``text`` is already plain text (markup removed); ``source`` names where it
    came from (a path, a URL, ``<stdin>``, or ``path:line`` for JSON Lines) so
    that errors and provenance can point at it.
    """

    text: str
    source: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    format: str = "text"
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Document:
    """A cleaned document: ``text`` is the text every character offset refers to."""

    id: str
    text: str
    source: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    format: str = "text"
    content_hash: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    id_given: bool = False  # the id came with the document, not from a file name or hash

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)


def content_hash(text: str) -> str:
    """SHA-256 of the cleaned text: equal hashes mean exact duplicates."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
