"""Custom ``Doc`` attributes, namespaced ``jj_``, holding plain JSON-able data.

Components write these; ``record.py`` reads them to build the spec record.
Registration is idempotent, so any process (or Dask worker) may call it.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_ATTRIBUTES = {
    "jj_meta": None,  # {"id", "title", "published", "language"}
    "jj_warnings": None,  # list[str]
    "jj_mentions": None,  # candidate mentions before entities are formed
    "jj_entities": None,  # list of entity dicts (spec shape, local ids)
    "jj_dates": None,  # list of date mention dicts
    "jj_events": None,
    "jj_relations": None,
    "jj_themes": None,
    "jj_relevance": None,  # {"relevant": bool, "score": float, "reasons": [...]}
}


def register_attributes() -> None:
    for name, default in DOC_ATTRIBUTES.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def get_list(doc: Doc, name: str) -> list:
    """The attribute's list, created on first use so components never share a default."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


def text_of(doc: Doc) -> str:
    """The document's text, built once: ``Doc.text`` joins every token again on each
    access, and components read it inside loops. A Doc's tokens never change after
    the tokenizer, so the first join holds."""
    text = doc.user_data.get("jj_text")
    if text is None:
        text = doc.user_data["jj_text"] = doc.text
    return text
