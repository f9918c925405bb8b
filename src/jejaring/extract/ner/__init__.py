"""Indonesian named-entity recognition: CoNLL data, scoring, training and the shipped tagger.

The tagger labels tokenised sentences with PER, LOC and ORG entities in BIO
form. It is a small spaCy CNN trained on NERGrit and NERP (IndoNLU) and lives
in ``jejaring/data/ner/model``; ``jejaring ner train`` rebuilds it.
spaCy is imported only when a model is trained or used.
"""

from jejaring.extract.ner.conll import (
    Chunk,
    ConllError,
    Sentence,
    chunks,
    load_type_map,
    map_labels,
    read_conll,
    read_mapped,
    repair_bio,
    write_conll,
)
from jejaring.extract.ner.scoring import Counts, Scores, score
from jejaring.extract.ner.tagger import evaluate_conll, load_model, tag, tag_conll

__all__ = [
    "Chunk",
    "ConllError",
    "Counts",
    "Scores",
    "Sentence",
    "chunks",
    "evaluate_conll",
    "load_model",
    "load_type_map",
    "map_labels",
    "read_conll",
    "read_mapped",
    "repair_bio",
    "score",
    "tag",
    "tag_conll",
    "write_conll",
]
