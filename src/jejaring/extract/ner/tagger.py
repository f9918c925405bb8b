"""Tag tokenised sentences with the shipped model, and score it on CoNLL files.

The model is loaded once per process and reused: loading costs far more than
tagging a sentence. Input is already tokenised (a list of tokens per
sentence), so the tags line up one-to-one with whatever tokeniser the caller
used, and CoNLL gold files can be scored without re-tokenising.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from jejaring.errors import ConfigError
from jejaring.extract.ner.conll import (
    OUTSIDE,
    ConllError,
    map_sentences,
    read_conll,
    read_mapped,
    write_conll,
)
from jejaring.extract.ner.scoring import Scores, score

if TYPE_CHECKING:
    from spacy.language import Language

    from jejaring.extract.ner.ensemble import Ensemble

logger = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parents[2] / "data" / "ner" / "model"
BATCH_SIZE = 64


def load_model(model: str | Path | None = None) -> Language | Ensemble:
    """The spaCy pipeline at ``model`` (default: the packaged one), loaded at most once.

    The cache key includes the model's modification time, so a model retrained
    in place is picked up by the same process.
    """
    path = Path(model or MODEL_DIR).resolve()
    meta = path / "meta.json"
    if not meta.is_file():
        raise ConfigError(
            f"no NER model at {path}; train one with `jejaring ner train` "
            "(see jejaring/data/ner/README.md)"
        )
    return _load(path, meta.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load(path: Path, stamp: int) -> Language | Ensemble:
    import spacy

    import jejaring.extract.ner.name_lists  # noqa: F401 - registers the model's list component
    from jejaring.extract.ner.ensemble import ENSEMBLE_FILE, Ensemble

    logger.info("loading NER model %s", path)
    if (path / ENSEMBLE_FILE).is_file():
        return Ensemble.load(path)
    return spacy.load(path)


def tag(
    sentences: Sequence[Sequence[str]],
    model: str | Path | None = None,
    batch_size: int = BATCH_SIZE,
) -> list[list[str]]:
    """BIO labels (``B-PER``, ``I-LOC``, ``O``…) for each token of each sentence."""
    from spacy.tokens import Doc

    nlp = load_model(model)
    docs = (Doc(nlp.vocab, words=list(tokens)) for tokens in sentences)
    return [_bio(doc) for doc in nlp.pipe(docs, batch_size=batch_size)]


def _bio(doc) -> list[str]:
    return [
        f"{token.ent_iob_}-{token.ent_type_}" if token.ent_iob_ in ("B", "I") else OUTSIDE
        for token in doc
    ]


def tag_conll(in_path: str | Path, out_path: str | Path, model: str | Path | None = None) -> int:
    """Write ``token gold predicted`` lines for a CoNLL file; returns the sentence count.

    Gold labels are mapped to Jejaring's types first, so the output can go
    straight into ``conlleval``. Files without a label column get ``O`` as gold.
    """
    sentences = read_conll(in_path, missing_label=OUTSIDE)
    gold = _mapped_labels(in_path, sentences)
    predicted = tag([[token for token, _ in sentence] for sentence in sentences], model)
    rows = [
        [(token, g, p) for (token, _), g, p in zip(sentence, gold_labels, pred_labels, strict=True)]
        for sentence, gold_labels, pred_labels in zip(sentences, gold, predicted, strict=True)
    ]
    write_conll(out_path, rows, sep=" ")
    logger.info("tagged %d sentences from %s into %s", len(rows), in_path, out_path)
    return len(rows)


def _mapped_labels(path: str | Path, sentences: Sequence) -> list[list[str]]:
    try:
        return [[label for _, label in sentence] for sentence in map_sentences(sentences)]
    except ConllError as exc:
        raise ConllError(f"{path}: {exc}") from exc


def evaluate_conll(path: str | Path, model: str | Path | None = None) -> Scores:
    """Tag a gold CoNLL file and score the tags against its (mapped) labels."""
    sentences = read_mapped(path)
    gold = [[label for _, label in sentence] for sentence in sentences]
    predicted = tag([[token for token, _ in sentence] for sentence in sentences], model)
    return score(gold, predicted)
