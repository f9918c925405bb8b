"""Documents → extraction records: pipelines per language, a cheap gate, errors as warnings.

``extract_many`` runs documents one at a time through their language's
pipeline (built once, on first use); a document that fails is returned as an
empty record with the reason, never raised.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from jejaring.extract.pipeline import LANGUAGES, build_pipeline
from jejaring.extract.record import empty_record, gated_record, to_record
from jejaring.extract.relevance import gate
from jejaring.ingest.document import Document

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractOptions:
    """Limits that keep one pathological document from stalling a batch."""

    max_chars: int = 1_000_000
    # Most news is not about cities cooperating abroad; a cue-word gate sends
    # such documents past the costly components (recall 1.0 on every relevant
    # document we have; see benchmarks/extract.py).
    use_gate: bool = True
    default_language: str = "id"


class Extractor:
    """Holds one pipeline per language, built on first use."""

    def __init__(self, options: ExtractOptions = ExtractOptions()) -> None:
        self.options = options
        self._pipelines: dict[str, Language] = {}

    def pipeline(self, lang: str) -> Language:
        if lang not in self._pipelines:
            self._pipelines[lang] = build_pipeline(lang)
        return self._pipelines[lang]

    def extract(self, document: Document) -> dict:
        return next(iter(self.extract_many([document])))

    def extract_many(self, documents: Iterable[Document]) -> Iterator[dict]:
        """Records in input order."""
        for document in documents:
            yield self._one(document)

    def _one(self, document: Document) -> dict:
        meta = _meta(document)
        problem = self._problem(document)
        if problem:
            return empty_record(meta, [problem])
        lang, warnings = self._language(document)
        meta["language"] = document.language or lang
        if self.options.use_gate and not gate(document.text, lang):
            return gated_record(meta, warnings)
        try:
            return to_record(annotate(self.pipeline(lang), document.text, meta, warnings))
        except Exception as exc:  # the batch's catch-all: one document, one reason
            logger.exception("extraction failed for %s", document.id)
            return empty_record(meta, [*warnings, f"extraction_failed: {exc!r}"])

    def _problem(self, document: Document) -> str | None:
        text = document.text
        if not text.strip():
            return "empty_text: the document has no text"
        if len(text) > self.options.max_chars:
            return (
                f"too_long: {len(text):,} characters, over the limit of {self.options.max_chars:,}"
            )
        return None

    def _language(self, document: Document) -> tuple[str, list[str]]:
        lang = document.language
        if lang in LANGUAGES:
            return lang, []
        if lang == "ms":
            return "id", []
        fallback = self.options.default_language
        reason = f"unknown language {lang!r}" if lang else "language not detected"
        return fallback, [f"unsupported_language: {reason}; read with the {fallback!r} pipeline"]


def _meta(document: Document) -> dict:
    return {
        "id": document.id,
        "title": document.title,
        "language": document.language,
        "published": document.published,
    }


def annotate(nlp: Language, text: str, meta: dict, warnings: list[str] | None = None) -> Doc:
    """Run a pipeline on one text with its metadata; components may add warnings."""
    doc = nlp.make_doc(text)
    doc._.jj_meta = meta
    doc._.jj_warnings = list(warnings or [])
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc
