"""Assemble the extraction pipeline from ``data/pipeline/pipeline.cfg``.

``register()`` imports every component module once so their factories exist
in any process (the ``spacy_factories`` entry points do the same for spaCy's
own loader). Pipelines are built per language: the tokenizer and the
abbreviation list differ, the components are shared.
"""

from __future__ import annotations

import logging
import threading
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import load_config

from jejaring.errors import ExtractionError

logger = logging.getLogger(__name__)
LANGUAGES = ("id", "en", "fr")
CONFIG = "pipeline.cfg"
_registered = False
_lock = threading.Lock()


def register() -> None:
    """Import the component modules (which registers their factories); safe to repeat."""
    global _registered
    with _lock:
        if _registered:
            return
        from jejaring.extract import (  # noqa: F401  (each module registers a component)
            date_mentions,
            entities,
            events,
            recognizer,
            relations,
            relevance_score,
            sentences,
            theme_scores,
            tokenizer,
        )
        from jejaring.extract.annotations import register_attributes

        register_attributes()
        _registered = True


def ner_model_path() -> Path | None:
    """The packaged statistical NER model, if this installation has one."""
    path = Path(str(resources.files("jejaring.data") / "ner" / "model"))
    return path if (path / "meta.json").exists() else None


def build_pipeline(lang: str = "id", *, with_ner: bool = True) -> Language:
    """A fresh pipeline for ``lang`` (``id``, ``en`` or ``fr``)."""
    if lang not in LANGUAGES:
        raise ExtractionError(f"no pipeline for language {lang!r}; use one of {LANGUAGES}")
    register()  # before the config is read: it names the tokenizer registered here
    config_path = Path(str(resources.files("jejaring.data") / "pipeline" / CONFIG))
    config = load_config(config_path, interpolate=False)
    pipeline = list(config["nlp"]["pipeline"])
    model = ner_model_path() if with_ner else None
    overrides: dict = {"nlp.lang": lang}
    if model is None:
        pipeline.remove("ner")
        overrides["nlp.pipeline"] = pipeline
        logger.info("no packaged NER model; entities come from the knowledge base and patterns")
    else:
        overrides["paths.ner_model"] = str(model)
    config = load_config(config_path, overrides=overrides, interpolate=True)
    if model is None:
        del config["components"]["ner"]
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
