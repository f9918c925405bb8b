"""The ``jejaring_ner_v1`` component: the statistical recogniser, sentence by sentence.

The trained model (``data/ner/model``, see ``jejaring ner train``) is a
language-neutral spaCy pipeline; rather than sourcing it into each language's
pipeline, its tokens are taken from ours, so the same model serves the
Indonesian, English and French pipelines and its entities line up with our
tokens exactly. Sentences are tagged one at a time, as the model was trained.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from jejaring.extract.ner.tagger import load_model

MAX_SENTENCE_TOKENS = 300


@Language.factory(
    "jejaring_ner_v1",
    assigns=["doc.ents"],
    requires=["token.is_sent_start"],
    default_config={"model": None},
)
def make_recognizer(nlp: Language, name: str, model: str | None) -> Recognizer:
    return Recognizer(Path(model) if model else None)


class Recognizer:
    def __init__(self, model: Path | None) -> None:
        self.nlp = load_model(model)

    def __call__(self, doc: Doc) -> Doc:
        pieces = [piece for sentence in doc.sents for piece in _pieces(sentence)]
        inputs = (
            Doc(
                self.nlp.vocab,
                words=[t.text for t in piece],
                spaces=[bool(t.whitespace_) for t in piece],
            )
            for piece in pieces
        )
        found = []
        for piece, tagged in zip(pieces, self.nlp.pipe(inputs, batch_size=64), strict=True):
            offset = piece.start
            for ent in tagged.ents:
                found.append(Span(doc, offset + ent.start, offset + ent.end, label=ent.label_))
        doc.ents = filter_spans(found)
        return doc


def _pieces(sentence: Span) -> list[Span]:
    """The sentence, or windows of it when a run-on "sentence" is very long."""
    if len(sentence) <= MAX_SENTENCE_TOKENS:
        return [sentence]
    doc = sentence.doc
    return [
        doc[i : min(i + MAX_SENTENCE_TOKENS, sentence.end)]
        for i in range(sentence.start, sentence.end, MAX_SENTENCE_TOKENS)
    ]
