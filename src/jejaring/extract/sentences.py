"""Sentence boundaries for news text in Indonesian, English and French.

Rules, not a model: a paragraph or line break ends a sentence (headlines,
captions and datelines have no full stop); ``.``, ``!`` and ``?`` end one
unless the token before is a known abbreviation ("Pj.", "Dr.", "No.") or the
next word starts in lower case. The tokenizer keeps the same abbreviations
whole (``tokenizer.py``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_END = {".", "!", "?", "…", "...", "?!", "!?"}
CLOSING = {")", "]", '"', "'", "”", "’", "»"}


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, frozenset[str]]:
    data = json.loads(
        resources.files("jejaring.data.lexicons").joinpath("abbreviations.json").read_text("utf-8")
    )
    return {lang: frozenset(words) for lang, words in data.items() if not lang.startswith("_")}


def known_abbreviation(word: str, lang: str) -> bool:
    table = abbreviations()
    return word in table.get(lang, ()) or word in table.get("id", ())


@Language.component(
    "jejaring_sentences_v1", assigns=["token.is_sent_start"], requires=["token.text"]
)
def set_sentence_starts(doc: Doc) -> Doc:
    """Mark sentence starts by line breaks and sentence-final punctuation.

    The marks are written in one array: setting ``token.is_sent_start`` token by
    token makes spaCy check the whole document each time (quadratic on long ones).
    """
    lang = doc.lang_
    start_next = True
    starts = numpy.empty((len(doc), 1), dtype="int64")
    for token in doc:
        if token.is_space and token.i > 0:  # line breaks belong to the sentence they end
            starts[token.i, 0] = -1
            start_next = True
            continue
        starts[token.i, 0] = 1 if start_next else -1
        start_next = _ends_sentence(token, lang)
    if len(doc):
        doc.from_array([SENT_START], starts.astype("uint64"))
    return doc


def _ends_sentence(token, lang: str) -> bool:
    if "\n" in token.text or "\n" in token.whitespace_:
        return True
    if token.text in CLOSING and token.i > 0 and token.nbor(-1).text in SENTENCE_END:
        return _next_starts_sentence(token)
    if token.text not in SENTENCE_END:
        return False
    if token.i > 0 and token.text == "." and known_abbreviation(token.nbor(-1).text, lang):
        return False
    return _next_starts_sentence(token)


def _next_starts_sentence(token) -> bool:
    """A sentence ends only before a word that does not start in lower case."""
    if token.i + 1 >= len(token.doc):
        return True
    following = token.nbor(1)
    if following.text in CLOSING:
        return False
    return not following.text[:1].islower()
