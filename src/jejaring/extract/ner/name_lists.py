"""Which name lists cover each token: knowledge the recogniser learns to weigh.

The statistical model is trained on about 8,000 sentences, far too few to
have met most places or institutions; the knowledge base knows some 40,000
places and the curated organisations, and the lexicons know the head words
of institution names and the titles that stand before people's names. The
``jejaring_name_lists_v1`` component runs before ``tok2vec`` and writes, for
each token, whether the longest phrase of each list covering it begins there
(``B``), continues (``I``) or is absent (``-``) into ``token.tag_`` (which the
recogniser's pipeline uses for nothing else), e.g. ``"B-B-"`` for the first
word of a place that is also an organisation. ``tok2vec`` embeds that tag as
one more hashed attribute, so the model learns how far to trust a list from
the training data, instead of rules deciding it.

The lists are built from the packaged knowledge files when the model is
initialised for training and saved with the model, so a shipped model always
sees the lists it was trained with.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from jejaring.extract.kb import DATA_DIR as KB_DIR
from jejaring.extract.kb import KnowledgeBase, is_acronym, normalize

#: The lists, in the order of their letters in a tag.
LISTS = ("place", "organization", "head", "title", "person")
LIST_BIT = {name: 1 << i for i, name in enumerate(LISTS)}
FILE_NAME = "name_lists.json.gz"
FORMAT_VERSION = 2
#: Name-only lists beside the knowledge base (built by tools/build_kb.py), by list.
NAME_FILES = {"person": "person_names.txt", "place": "minor_places.txt"}
#: A single capitalised word this short ("VOI", "ATM") is an acronym far more
#: often than a town written in capitals: only acronyms match it.
_SHORT_CAPITALS = 5


@dataclass
class NameLists:
    """Phrases of each list by lookup key, and the lookup itself.

    ``keys`` maps a :func:`~jejaring.extract.kb.normalize`\\ d phrase to the
    bitmask of lists holding it; ``exact`` maps acronyms and abbreviations,
    which match only as written, likewise; ``lowercase_blocked`` maps a key
    to the lists it leaves when written in lower case, where it is an
    ordinary word ("bawa", "agung").
    """

    keys: dict[str, int] = field(default_factory=dict)
    exact: dict[str, int] = field(default_factory=dict)
    lowercase_blocked: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._partial = _proper_prefixes(self.keys)
        self._max_exact_words = max((len(k.split()) for k in self.exact), default=0)

    # ------------------------------------------------------------------ building

    def add(self, list_name: str, phrase: str, *, exact: bool = False) -> None:
        bit = LIST_BIT[list_name]
        if exact:
            _mark(self.exact, " ".join(phrase.split()), bit)
        else:
            _mark(self.keys, normalize(phrase), bit)

    def add_name_file(self, list_name: str, file: Path, blocked: Iterable[str] = ()) -> None:
        """Add the keys of a name file: one a line, '~' before those that are also
        frequent ordinary words (a name only when written with a capital)."""
        if not file.exists():
            return
        bit, skip = LIST_BIT[list_name], frozenset(blocked)
        for line in file.read_text("utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            key = normalize(line.removeprefix("~"))
            if key in skip:
                continue
            _mark(self.keys, key, bit)
            if line.startswith("~"):
                _mark(self.lowercase_blocked, key, bit)

    @classmethod
    def from_knowledge(cls, kb_dir: Path = KB_DIR) -> NameLists:
        """The lists from the packaged knowledge base and lexicons."""
        lists = cls()  # filled here, then read into a new instance that indexes it
        kb = KnowledgeBase.from_directory(kb_dir)
        for record in kb.records:
            list_name = "place" if record.type == "place" else "organization"
            for name, acronym in record.all_names():
                lists.add(list_name, name, exact=acronym)
        for key in kb.stop.always:
            if key in lists.keys:
                lists.keys[key] &= ~LIST_BIT["place"]
        for head in _organization_heads():
            lists.add("head", head)
        for form, exact in _title_forms():
            lists.add("title", form, exact=exact)
        lists.lowercase_blocked = dict.fromkeys(kb.stop.lowercase, LIST_BIT["place"])
        for list_name, file_name in NAME_FILES.items():
            lists.add_name_file(list_name, kb_dir / file_name, kb.stop.always)
        keys = {k: v for k, v in lists.keys.items() if v}
        return cls(keys=keys, exact=lists.exact, lowercase_blocked=lists.lowercase_blocked)

    # ------------------------------------------------------------------ storing

    def to_json(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "lists": list(LISTS),
            "keys": _by_mask(self.keys),
            "exact": _by_mask(self.exact),
            "lowercase_blocked": _by_mask(self.lowercase_blocked),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NameLists:
        if data.get("version") != FORMAT_VERSION or data.get("lists") != list(LISTS):
            raise ValueError(f"name lists of an unknown format (version {data.get('version')})")
        return cls(
            keys=_from_mask(data["keys"]),
            exact=_from_mask(data["exact"]),
            lowercase_blocked=_from_mask(data["lowercase_blocked"]),
        )

    # ------------------------------------------------------------------ lookup

    def tags(self, words: Sequence[str]) -> list[str]:
        """One tag per word: a letter per list (``B``, ``I`` or ``-``)."""
        spans = sorted(self.matches(words), key=lambda m: m[0] - m[1])
        marks = [["-"] * len(LISTS) for _ in words]
        for start, end, mask in spans:
            for index in range(len(LISTS)):
                if not mask & (1 << index):
                    continue
                for position in range(start, end):
                    if marks[position][index] == "-":
                        marks[position][index] = "B" if position == start else "I"
        return ["".join(mark) for mark in marks]

    def matches(self, words: Sequence[str]) -> Iterable[tuple[int, int, int]]:
        """(start, end, list bitmask) for every phrase of a list found in ``words``."""
        norms = [normalize(word) for word in words]
        for start, first in enumerate(norms):
            if not first:
                continue
            yield from self._normalized_from(start, words, norms)
            yield from self._exact_from(start, words)

    def _normalized_from(self, start: int, words: Sequence[str], norms: list[str]):
        key = ""
        for end in range(start, len(words)):
            if not norms[end]:
                continue
            key = f"{key} {norms[end]}" if key else norms[end]
            mask = self.keys.get(key, 0)
            if not mask and key not in self._partial:
                return
            if mask and end == start and _short_capitals(words[start]):
                mask = 0
            blocked = mask & self.lowercase_blocked.get(key, 0)
            if blocked and " ".join(words[start : end + 1]).islower():
                mask &= ~blocked
            if mask:
                yield start, end + 1, mask

    def _exact_from(self, start: int, words: Sequence[str]):
        stop = min(len(words), start + self._max_exact_words)
        for end in range(start, stop):
            mask = self.exact.get(" ".join(words[start : end + 1]), 0)
            if mask:
                yield start, end + 1, mask


def _mark(table: dict[str, int], key: str, bit: int) -> None:
    """Put ``key`` in the list of ``bit`` too (empty keys name nothing)."""
    if key:
        table[key] = table.get(key, 0) | bit


def _short_capitals(word: str) -> bool:
    return word.isupper() and word.isalpha() and len(word) <= _SHORT_CAPITALS


def _proper_prefixes(keys: Iterable[str]) -> frozenset[str]:
    """The leading runs of words of longer keys ("jawa" of "jawa barat"), so a lookup
    stops as soon as no key can begin with what it has read."""
    prefixes: set[str] = set()
    for key in keys:
        if " " in key:
            words = key.split()
            prefixes.update(" ".join(words[:i]) for i in range(1, len(words)))
    return frozenset(prefixes)


def _by_mask(table: dict[str, int]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for key, mask in sorted(table.items()):
        grouped.setdefault(str(mask), []).append(key)
    return grouped


def _from_mask(grouped: dict[str, list[str]]) -> dict[str, int]:
    return {key: int(mask) for mask, keys in grouped.items() for key in keys}


def _lexicon(folder: str, file: str) -> Any:
    return json.loads((resources.files("jejaring.data") / folder / file).read_text("utf-8"))


def _organization_heads() -> list[str]:
    """Head words of institution names ("Kementerian", "Dinas", "University"), every kind."""
    data = _lexicon("lexicons", "organization_heads.json")
    kinds = [key for key in data if not key.startswith("_") or key == "_trailing"]
    return [head for kind in kinds for head in data[kind]]


def _title_forms() -> list[tuple[str, bool]]:
    """Official titles, their modifiers and personal honorifics, with whether each is an
    abbreviation (matched as written)."""
    titles = _lexicon("kb", "titles.json")
    honorifics = _lexicon("lexicons", "person_titles.json")
    forms: list[tuple[str, bool]] = []
    for item in titles["titles"]:
        forms.append((item["title"], False))
        forms += [(form, False) for form in item.get("variants", [])]
        forms += [(form, True) for form in item.get("abbreviations", [])]
    for modifier in titles["modifiers"]:
        forms += [(form, "." in form or is_acronym(form)) for form in modifier["forms"]]
    for form in honorifics["prefixes"]:
        forms.append((form, "." in form or len(form) <= 2 or is_acronym(form)))
    return forms


# --------------------------------------------------------------------------- component


@Language.factory(
    "jejaring_name_lists_v1",
    assigns=["token.tag"],
    default_config={},
)
def make_name_lists(nlp: Language, name: str) -> NameListTagger:
    return NameListTagger(name)


class NameListTagger:
    """Writes each token's list membership into ``token.tag_`` (see the module docstring)."""

    def __init__(self, name: str, lists: NameLists | None = None) -> None:
        self.name = name
        self.lists = lists or NameLists()

    def __call__(self, doc: Doc) -> Doc:
        for token, tag in zip(doc, self.lists.tags([t.text for t in doc]), strict=True):
            token.tag_ = tag
        return doc

    def initialize(self, get_examples: Callable[[], Any] | None = None, *, nlp=None) -> None:
        """Build the lists from the knowledge base (training starts here)."""
        self.lists = NameLists.from_knowledge()

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(self.lists.to_json(), ensure_ascii=False, separators=(",", ":"))
        # mtime=0: the same lists give byte-identical files, so retrained models compare.
        with gzip.GzipFile(path / FILE_NAME, "wb", mtime=0) as out:
            out.write(payload.encode("utf-8"))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> NameListTagger:
        file = ensure_path(path) / FILE_NAME
        with gzip.open(file, "rt", encoding="utf-8") as handle:
            self.lists = NameLists.from_json(json.load(handle))
        return self
