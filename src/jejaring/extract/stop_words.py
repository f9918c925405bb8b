"""spaCy's stop-word lists, read without importing spaCy's language packages.

Importing ``spacy.lang.fr`` loads the French tokenizer's exceptions, which
takes about four seconds; the lists themselves are plain modules with no
imports of their own, so they are loaded from their files alone.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("id", "en", "fr")


@lru_cache(maxsize=8)
def stop_words(language: str) -> frozenset[str]:
    """The stop words spaCy lists for ``language`` (empty for a language it lacks)."""
    spacy_dir = Path(importlib.util.find_spec("spacy").origin).parent
    path = spacy_dir / "lang" / language / "stop_words.py"
    if not path.is_file():
        return frozenset()
    spec = importlib.util.spec_from_file_location(f"_jejaring_stop_words_{language}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Pronouns, articles and other stop words of Indonesian, English and French."""
    return frozenset().union(*(stop_words(language) for language in LANGUAGES))
