"""Several recognisers trained alike from different seeds, voting on each entity.

One small CNN trained on 8,000 sentences swings by a point or two of F1 with
nothing but its random seed; models that differ only in their seed make
partly different mistakes, so keeping the entities most of them agree on is
steadier and better than any one of them (on NERGrit valid, three members
vote about two points above their average). An ensemble is a folder holding
``ensemble.json`` and one ordinary spaCy pipeline per member, each loadable
and scorable on its own.

The members share the name-list feature (see :mod:`.name_lists`): it is
computed once per document by the first member and copied to the others,
which are loaded without their own copy of the lists.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import tee
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

ENSEMBLE_FILE = "ensemble.json"
NAME_LISTS = "name_lists"
#: An entity is ``(start token, end token, label)``.
Entity = tuple[int, int, str]


class Ensemble:
    """The members of an ensemble folder, used like one spaCy pipeline (``pipe``, ``vocab``)."""

    def __init__(self, members: Sequence[Language], meta: dict[str, Any] | None = None) -> None:
        if not members:
            raise ValueError("an ensemble needs at least one member")
        self.members = list(members)
        self.vocab = self.members[0].vocab
        self.meta = meta or {}

    @classmethod
    def load(cls, path: Path) -> Ensemble:
        settings = json.loads((path / ENSEMBLE_FILE).read_text("utf-8"))
        members = []
        for index, name in enumerate(settings["members"]):
            # Later members get their tokens and list tags from the first one.
            exclude = [NAME_LISTS, "tokenizer"] if index else []
            members.append(spacy.load(path / name, exclude=exclude))
        meta = json.loads((path / "meta.json").read_text("utf-8"))
        return cls(members, meta)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Tag ``docs`` (made with :attr:`vocab`) with the entities most members find."""
        first, *others = self.members
        mine, *theirs = tee(first.pipe(docs, batch_size=batch_size), len(self.members))
        copies = [
            member.pipe(_copies(stream, member), batch_size=batch_size)
            for member, stream in zip(others, theirs, strict=True)
        ]
        for doc, *tagged in zip(mine, *copies, strict=True):
            votes = [_entities(doc), *(_entities(other) for other in tagged)]
            doc.ents = [Span(doc, s, e, label=label) for s, e, label in vote(votes)]
            yield doc

    def __call__(self, text: str) -> Doc:
        return next(self.pipe([self.members[0].make_doc(text)]))


def _copies(docs: Iterable[Doc], member: Language) -> Iterator[Doc]:
    """Each doc again in ``member``'s vocabulary, with the first member's list tags."""
    for doc in docs:
        copy = Doc(
            member.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]
        )
        for token, source in zip(copy, doc, strict=True):
            token.tag_ = source.tag_
        yield copy


def _entities(doc: Doc) -> list[Entity]:
    return [(ent.start, ent.end, ent.label_) for ent in doc.ents]


def vote(predictions: Sequence[Sequence[Entity]]) -> list[Entity]:
    """The entities (same span, same type) found by more than half of the predictions.

    Where two such entities overlap, the one with more votes wins, then the
    longer, then the earlier, so the result never has overlapping entities.
    """
    needed = len(predictions) // 2 + 1
    counts = Counter(entity for prediction in predictions for entity in set(prediction))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][0] - item[0][1], item[0]))
    chosen: list[Entity] = []
    taken: set[int] = set()
    for entity, count in ranked:
        start, end, _ = entity
        if count < needed or taken.intersection(range(start, end)):
            continue
        chosen.append(entity)
        taken.update(range(start, end))
    return sorted(chosen)
