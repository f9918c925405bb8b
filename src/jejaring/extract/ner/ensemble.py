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
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

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
        """Tag ``docs`` (made with :attr:`vocab`) with the entities most members find.

        Members vote in turn, and a document leaves the vote as soon as the members
        still to come cannot change its outcome: with three, the third only reads
        the sentences on which the first two disagree. The result is the same as
        :func:`vote` over every member's entities.
        """
        for batch in minibatch(docs, batch_size):
            yield from self._vote(list(batch), batch_size)

    def _vote(self, docs: list[Doc], batch_size: int) -> Iterator[Doc]:
        first, *others = self.members
        tagged = list(first.pipe(docs, batch_size=batch_size))
        counts = [Counter(_entities(doc)) for doc in tagged]
        needed = len(self.members) // 2 + 1
        for index, member in enumerate(others, start=1):
            to_come = len(self.members) - index
            undecided = [i for i, c in enumerate(counts) if not _decided(c, needed, to_come)]
            copies = _copies([tagged[i] for i in undecided], member)
            for i, doc in zip(undecided, member.pipe(copies, batch_size=batch_size), strict=True):
                counts[i].update(_entities(doc))
        for doc, votes in zip(tagged, counts, strict=True):
            kept = _majority(votes, needed)
            doc.ents = [Span(doc, start, end, label=label) for start, end, label in kept]
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


def _decided(votes: Counter, needed: int, to_come: int) -> bool:
    """Whether ``to_come`` more members can no longer change which entities win: none
    new can reach ``needed``, and each one seen has reached it or never will. (Two
    winners cannot overlap: with more than half the votes each, some member would
    have found both.)"""
    return to_come < needed and all(n >= needed or n + to_come < needed for n in votes.values())


def _entities(doc: Doc) -> list[Entity]:
    return [(ent.start, ent.end, ent.label_) for ent in doc.ents]


def vote(predictions: Sequence[Sequence[Entity]]) -> list[Entity]:
    """The entities (same span, same type) found by more than half of the predictions.

    Where two such entities overlap, the one with more votes wins, then the
    longer, then the earlier, so the result never has overlapping entities.
    """
    counts = Counter(entity for prediction in predictions for entity in set(prediction))
    return _majority(counts, len(predictions) // 2 + 1)


def _majority(counts: Counter, needed: int) -> list[Entity]:
    """The entities with ``needed`` votes or more, overlaps settled as :func:`vote` says."""
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
