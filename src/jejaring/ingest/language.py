"""Offline language identification (py3langid), loaded once per process."""

from __future__ import annotations

from functools import lru_cache

# Below this many letters a guess is noise; such documents get no language.
MIN_LETTERS = 20
MIN_CONFIDENCE = 0.5
SAMPLE_CHARS = 4000


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short or unclear."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    code, confidence = _identifier().classify(sample)
    return code if confidence >= MIN_CONFIDENCE else None


def normalise_language(code: str | None) -> str | None:
    """``id-ID``, ``IND``, ``Indonesian`` and ``in`` all become ``id``."""
    if not code:
        return None
    code = code.strip().lower().replace("_", "-").split("-")[0]
    return _ALIASES.get(code, code) or None


_ALIASES = {
    "in": "id",
    "ind": "id",
    "indonesian": "id",
    "bahasa": "id",
    "msa": "ms",
    "may": "ms",
    "malay": "ms",
    "eng": "en",
    "english": "en",
    "fra": "fr",
    "fre": "fr",
    "french": "fr",
}
