"""CoNLL files, BIO labels and the entity-type mapping shared by training, tagging and scoring.

A CoNLL file here is one token per line, whitespace-separated columns (token
first, labels after), and a blank line between sentences. The corpora we learn
from use different type names (``PERSON`` in NERGrit, ``PPL`` in NERP), so every
label passes through one mapping table, kept as data in
``jejaring/data/ner/labels.json`` so it can be read and reviewed without code.

Entities are read the way CoNLL's ``conlleval`` reads them, because that is how
IndoNLU scores these corpora: an ``I-X`` after ``O`` or after another type starts
a new entity instead of being an error.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from jejaring.errors import ExtractionError

logger = logging.getLogger(__name__)

LABELS_FILE = Path(__file__).resolve().parents[2] / "data" / "ner" / "labels.json"
OUTSIDE = "O"
DOCSTART = "-DOCSTART-"

Sentence = list[tuple[str, str]]
"""One sentence: ``(token, label)`` pairs in order."""

TypeMap = Mapping[str, str | None]
"""Source entity type → target type, or None to drop the entity."""


class ConllError(ExtractionError):
    """A CoNLL file or label sequence is malformed, or uses an unknown entity type."""


@dataclass(frozen=True, order=True)
class Chunk:
    """One entity: its type and token span ``[start, end)`` within a sentence."""

    start: int
    end: int
    type: str


# --- reading and writing -------------------------------------------------------------------


def iter_rows(lines: Iterable[str]) -> Iterator[list[list[str]]]:
    """Sentences as lists of column rows; blank and ``-DOCSTART-`` lines end a sentence."""
    rows: list[list[str]] = []
    for line in lines:
        fields = line.split()
        if not fields or fields[0] == DOCSTART:
            if rows:
                yield rows
            rows = []
            continue
        rows.append(fields)
    if rows:
        yield rows


def read_rows(path: str | Path) -> list[list[list[str]]]:
    """Every sentence of a CoNLL file as column rows, whatever the number of columns."""
    with Path(path).open(encoding="utf-8") as handle:
        return list(iter_rows(handle))


def parse_conll(lines: Iterable[str], *, missing_label: str | None = None) -> list[Sentence]:
    """Sentences of ``(token, label)`` from CoNLL lines: the first column and the last.

    Taking the last column means files with extra columns in between (POS tags,
    a gold column before a predicted one) still read as token + label. A line
    with only a token gets ``missing_label``, or is an error when that is None:
    silently reading unlabelled text as ``O`` would make scores meaningless.
    """
    sentences = []
    for number, rows in enumerate(iter_rows(lines), start=1):
        sentence = []
        for fields in rows:
            if len(fields) >= 2:
                sentence.append((fields[0], fields[-1]))
            elif missing_label is not None:
                sentence.append((fields[0], missing_label))
            else:
                raise ConllError(f"sentence {number}: token {fields[0]!r} has no label column")
        sentences.append(sentence)
    return sentences


def read_conll(path: str | Path, *, missing_label: str | None = None) -> list[Sentence]:
    """Read a CoNLL file into sentences of ``(token, label)``; see :func:`parse_conll`."""
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        try:
            sentences = parse_conll(handle, missing_label=missing_label)
        except ConllError as exc:
            raise ConllError(f"{path}: {exc}") from exc
    logger.info("read %d sentences from %s", len(sentences), path)
    return sentences


def format_conll(sentences: Iterable[Sequence[Sequence[str]]], sep: str = "\t") -> str:
    """CoNLL text: a row per token, columns joined by ``sep``, a blank line after each sentence."""
    parts = []
    for rows in sentences:
        for row in rows:
            if any(not field or any(ch.isspace() for ch in field) for field in row):
                raise ConllError(f"CoNLL fields must be non-empty and without spaces: {row!r}")
            parts.append(sep.join(row) + "\n")
        parts.append("\n")
    return "".join(parts)


def write_conll(
    path: str | Path, sentences: Iterable[Sequence[Sequence[str]]], sep: str = "\t"
) -> None:
    """Write sentences of rows (``(token, label)`` or more columns) as a CoNLL file."""
    Path(path).write_text(format_conll(sentences, sep), encoding="utf-8")


# --- BIO labels ----------------------------------------------------------------------------


def split_label(label: str) -> tuple[str, str | None]:
    """``"B-PER"`` → ``("B", "PER")``; ``"O"`` → ``("O", None)``. Other schemes are errors."""
    if label == OUTSIDE:
        return OUTSIDE, None
    prefix, dash, kind = label.partition("-")
    if not dash or prefix not in ("B", "I") or not kind:
        raise ConllError(f"not a BIO label: {label!r}")
    return prefix, kind


def chunks(labels: Sequence[str]) -> list[Chunk]:
    """Entities in a BIO sequence, read as ``conlleval`` does.

    ``B-X`` always starts an entity; ``I-X`` continues one only when the
    previous label has type X, and otherwise starts one. Scoring and repair
    both rely on this one reading, so they can never disagree.
    """
    found: list[Chunk] = []
    start, current = 0, None
    for index, label in enumerate(labels):
        prefix, kind = split_label(label)
        if current is not None and (prefix != "I" or kind != current):
            found.append(Chunk(start, index, current))
            current = None
        if kind is not None and current is None:
            start, current = index, kind
    if current is not None:
        found.append(Chunk(start, len(labels), current))
    return found


def from_chunks(found: Iterable[Chunk], length: int) -> list[str]:
    """A clean BIO sequence of ``length`` labels holding the given (non-overlapping) entities."""
    labels = [OUTSIDE] * length
    for chunk in found:
        labels[chunk.start] = f"B-{chunk.type}"
        for index in range(chunk.start + 1, chunk.end):
            labels[index] = f"I-{chunk.type}"
    return labels


def repair_bio(labels: Sequence[str]) -> list[str]:
    """Turn every ``I-X`` that starts an entity into ``B-X``, keeping the same entities.

    NERP has ``I-`` tags with no ``B-`` before them; spaCy refuses such
    sequences, while ``conlleval`` counts each as an entity. Repairing to that
    reading keeps training data and scores consistent.
    """
    return from_chunks(chunks(labels), len(labels))


# --- entity-type mapping -------------------------------------------------------------------


@lru_cache(maxsize=8)
def _load_type_map(path: Path) -> dict[str, str | None]:
    data = json.loads(path.read_text(encoding="utf-8"))
    table: dict[str, str | None] = {target: target for target in data["targets"]}
    for source, mapping in data["sources"].items():
        for kind, target in mapping.items():
            if target is not None and target not in data["targets"]:
                raise ConllError(f"{path}: {source} maps {kind} to unknown target {target!r}")
            if kind in table and table[kind] != target:
                raise ConllError(f"{path}: {kind} maps to both {table[kind]} and {target}")
            table[kind] = target
    return table


def load_type_map(path: str | Path | None = None) -> dict[str, str | None]:
    """The merged source-type → target-type table (targets map to themselves).

    The corpora's type names do not collide, so one table serves every input
    file and nobody has to say which corpus a file came from.
    """
    return dict(_load_type_map(Path(path or LABELS_FILE).resolve()))


def target_types(path: str | Path | None = None) -> list[str]:
    """The entity types Jejaring tags, in the order the label file lists them."""
    data = json.loads(Path(path or LABELS_FILE).read_text(encoding="utf-8"))
    return list(data["targets"])


def map_labels(
    labels: Sequence[str],
    table: TypeMap | None = None,
    *,
    unknown: Literal["error", "drop"] = "error",
) -> list[str]:
    """Rename entity types through ``table`` and drop those mapped to None.

    Entities are read (``conlleval`` style) before renaming, so two adjacent
    entities that happen to map to the same type stay two entities, and an
    ``I-`` left behind by a dropped entity cannot glue itself to a neighbour.
    """
    table = load_type_map() if table is None else table
    kept = []
    for chunk in chunks(labels):
        if chunk.type in table:
            target = table[chunk.type]
        elif unknown == "drop":
            target = None
        else:
            known = ", ".join(sorted(table))
            raise ConllError(f"unknown entity type {chunk.type!r} (known: {known})")
        if target is not None:
            kept.append(Chunk(chunk.start, chunk.end, target))
    return from_chunks(kept, len(labels))


def map_sentences(
    sentences: Iterable[Sentence],
    table: TypeMap | None = None,
    *,
    unknown: Literal["error", "drop"] = "error",
) -> list[Sentence]:
    """:func:`map_labels` applied to every sentence, tokens unchanged."""
    table = load_type_map() if table is None else table
    mapped = []
    for sentence in sentences:
        tokens = [token for token, _ in sentence]
        labels = map_labels([label for _, label in sentence], table, unknown=unknown)
        mapped.append(list(zip(tokens, labels, strict=True)))
    return mapped


def read_mapped(path: str | Path, *, unknown: Literal["error", "drop"] = "error") -> list[Sentence]:
    """Read a CoNLL file and map its labels to Jejaring's types, with clean BIO."""
    sentences = read_conll(path)
    try:
        return map_sentences(sentences, unknown=unknown)
    except ConllError as exc:
        raise ConllError(f"{path}: {exc}") from exc
