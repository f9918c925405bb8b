"""Knowledge base of places and organisations, and the gazetteer matcher over it.

The data files under ``jejaring/data/kb`` are built by ``tools/build_kb.py`` from
GeoNames, CLDR, ISO 3166 and Kemendagri data plus hand-curated organisation
lists. At run time only the standard library and ``pyahocorasick`` are needed.

Names are compared through :func:`normalize` (NFKC, casefold, diacritics
stripped, every run of non-alphanumerics one space), so "Corée du Sud",
"COREE DU SUD" and "Corée-du-Sud" share one key. Case still matters when a
name is found in running text: see :meth:`KnowledgeBase.find_mentions`.
"""

from __future__ import annotations

import gc
import gzip
import io
import json
import math
import re
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jejaring.extract.spans import Occupied

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "kb"
PLACE_FILES = ("countries.jsonl", "regions.jsonl", "id_regencies.jsonl", "cities.jsonl.gz")
ORGANIZATION_FILE = "organizations.jsonl"
STOP_FILE = "stopnames.txt"

#: How an entry of a record's ``ids`` becomes a prefixed id that :meth:`KnowledgeBase.get`
#: accepts, so a record is reachable by every identifier it carries.
ID_PREFIXES = {
    "geonames": "geonames",
    "iso3166_1": "iso3166-1",
    "iso3166_2": "iso3166-2",
    "kemendagri": "kemendagri",
    "wikidata": "wikidata",
}

_KNOWN_KEYS = frozenset(
    {"id", "type", "subtype", "name", "names", "aliases", "acronyms", "country", "parent"}
    | {"population", "ids"}
)
_ASCII_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NON_ALNUM = re.compile(r"[\W_]+")

# Population assumed when a record has none, by kind: it orders a region
# behind the large city that shares its name (Kyoto, Tokyo) but ahead of a
# small town elsewhere that happens to share it (Bali, Cameroon).
_DEFAULT_POPULATION = {
    ("place", "country"): 1_000_000,
    ("place", "region"): 300_000,
    ("place", "city"): 50_000,
}
_KIND_BONUS = {("place", "country"): 1.0, ("place", "region"): 0.0, ("place", "city"): 0.5}
_ORGANIZATION_PRIOR = 7.0
_REGENCY_POPULATION = {"kabupaten": 300_000, "kota": 150_000}

# Context weights for resolve(): a parent named nearby outweighs any
# population gap short of two orders of magnitude; the document's country
# only breaks near ties (Paris stays in France in an American story).
_NEAR_ANCESTOR_BONUS = 3.0
_NEAR_DESCENDANT_BONUS = 2.0
_NEAR_COUNTRY_BONUS = 1.0
_CONTEXT_COUNTRY_BONUS = 1.5


# --------------------------------------------------------------------------- normalisation

_char_cache: dict[str, str] = {}


def _normalize_char(ch: str) -> str:
    """One character's contribution to a key; cached because text repeats characters."""
    out = _char_cache.get(ch)
    if out is None:
        folded = unicodedata.normalize("NFKC", ch).casefold()
        stripped = "".join(
            c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c)
        )
        out = "".join(c if c.isalnum() else " " for c in stripped)
        _char_cache[ch] = out
    return out


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """The key form of ``text`` and, for each of its characters, the source index.

    Leading spaces are dropped and runs of spaces collapse to one, so the
    result of a name equals :func:`normalize` of it, possibly with one
    trailing space.
    """
    out: list[str] = []
    offsets: list[int] = []
    prev_space = True
    for i, ch in enumerate(text):
        for c in _normalize_char(ch):
            if c == " ":
                if prev_space:
                    continue
                prev_space = True
            else:
                prev_space = False
            out.append(c)
            offsets.append(i)
    return "".join(out), offsets


def normalize(text: str) -> str:
    """The lookup key of a name: NFKC, casefold, no diacritics, non-alphanumerics as one space.

    Same result as :func:`normalize_with_offsets` (stripped), computed on the
    whole string at once because the KB normalises a few hundred thousand
    names at load time.
    """
    if text.isascii():
        return _ASCII_NON_ALNUM.sub(" ", text.lower()).strip()
    folded = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    if not folded.isascii():
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", folded).strip()


def is_acronym(name: str) -> bool:
    """True for names written in capitals ("UCLG", "U.S.", "C40"): they match only as written."""
    return name.isupper() and sum(c.isalnum() for c in name) >= 2


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True, eq=False)
class Record:
    """One place or organisation. Fields follow the data files; unknown keys land in ``extra``."""

    id: str
    type: str
    subtype: str
    name: str
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    country: str | None = None
    parent: str | None = None
    population: int | None = None
    ids: Mapping[str, Any] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Record:
        """Build a record from one JSON object of a data file."""
        names = {lang: tuple(values) for lang, values in (data.get("names") or {}).items()}
        return cls(
            id=data["id"],
            type=data["type"],
            subtype=data["subtype"],
            name=data["name"],
            names=names,
            aliases=tuple(data.get("aliases") or ()),
            acronyms=tuple(data.get("acronyms") or ()),
            country=data.get("country"),
            parent=data.get("parent"),
            population=data.get("population"),
            ids=data.get("ids") or {},
            extra={k: v for k, v in data.items() if k not in _KNOWN_KEYS},
        )

    def all_names(self) -> Iterator[tuple[str, bool]]:
        """Every written form with whether it is an acronym (matched case-sensitively)."""
        yield self.name, is_acronym(self.name)
        for values in self.names.values():
            for value in values:
                yield value, is_acronym(value)
        for value in self.aliases:
            yield value, is_acronym(value)
        for value in self.acronyms:
            yield value, True

    def alternate_ids(self) -> Iterator[str]:
        """The prefixed ids of ``ids`` ("geonames:1642911", "iso3166-2:ID-JK", …)."""
        for key, prefix in ID_PREFIXES.items():
            value = self.ids.get(key)
            if value not in (None, ""):
                yield f"{prefix}:{value}"

    def __repr__(self) -> str:
        return f"Record({self.id!r}, {self.subtype!r}, {self.name!r}, country={self.country!r})"


@dataclass(frozen=True, slots=True)
class Match:
    """A span of text naming one or more KB records, best candidate first.

    ``common_word`` flags names that are also frequent words (Batu, Solo):
    the caller may want more evidence before trusting them.
    """

    start: int
    end: int
    text: str
    candidates: tuple[Record, ...]
    key: str
    common_word: bool = False


# One written form of a record under a key: (record index, surface, is acronym).
_Variant = tuple[int, str, bool]


@dataclass(frozen=True, slots=True)
class StopList:
    """Keys never reported on their own, and keys reported only when capitalised."""

    always: frozenset[str] = frozenset()
    lowercase: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, lines: Iterable[str]) -> StopList:
        """Read ``stopnames.txt``: ``word`` blocks every case, ``~word`` only lower case."""
        always: set[str] = set()
        lowercase: set[str] = set()
        for raw in lines:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("~"):
                lowercase.add(normalize(line[1:]))
            else:
                always.add(normalize(line))
        return cls(frozenset(always), frozenset(lowercase))


# --------------------------------------------------------------------------- knowledge base


class KnowledgeBase:
    """Lookups by id and by name, ranked candidates, context resolution, mention finding."""

    _cache: dict[Path, KnowledgeBase] = {}  # noqa: RUF012 - one per process and data dir
    _cache_lock = threading.Lock()

    def __init__(self, records: Sequence[Record], stop: StopList | None = None) -> None:
        self.records: tuple[Record, ...] = tuple(records)
        self.stop = stop or StopList()
        self._by_id: dict[str, Record] = {}
        self._by_key: dict[str, list[_Variant]] = {}
        self._priors = [_prior(r) for r in self.records]
        self._automaton: Any = None
        self._automaton_lock = threading.Lock()
        self._index()

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: str | Path | None = None) -> KnowledgeBase:
        """The KB of a data directory (the packaged one by default), read once per process."""
        directory = Path(path) if path is not None else DATA_DIR
        directory = directory.resolve()
        with cls._cache_lock:
            kb = cls._cache.get(directory)
            if kb is None:
                kb = cls.from_directory(directory)
                cls._cache[directory] = kb
        return kb

    @classmethod
    def clear_cache(cls) -> None:
        """Forget loaded KBs (tests that rebuild data files need this)."""
        with cls._cache_lock:
            cls._cache.clear()

    @classmethod
    def from_directory(cls, directory: Path) -> KnowledgeBase:
        """Read every data file of ``directory`` that exists, uncached."""
        # Hundreds of thousands of small objects and no reference cycles: the
        # cyclic garbage collector would only rescan them again and again.
        enabled = gc.isenabled()
        gc.disable()
        try:
            records: list[Record] = []
            for name in (*PLACE_FILES, ORGANIZATION_FILE):
                file = directory / name
                if file.exists():
                    records.extend(Record.from_dict(obj) for obj in _read_jsonl(file))
            stop_file = directory / STOP_FILE
            stop = None
            if stop_file.exists():
                stop = StopList.parse(stop_file.read_text("utf-8").splitlines())
            return cls(records, stop)
        finally:
            if enabled:
                gc.enable()

    def _index(self) -> None:
        for i, record in enumerate(self.records):
            self._by_id.setdefault(record.id, record)
            for alt in record.alternate_ids():
                self._by_id.setdefault(alt, record)
            forms: dict[str, bool] = {}
            for surface, acronym in record.all_names():
                forms[surface] = forms.get(surface, False) or acronym
            for surface, acronym in forms.items():
                key = normalize(surface)
                if key:
                    by_key = self._by_key.get(key)
                    if by_key is None:
                        self._by_key[key] = [(i, surface, acronym)]
                    else:
                        by_key.append((i, surface, acronym))

    # ------------------------------------------------------------------ lookups

    def __len__(self) -> int:
        return len(self.records)

    def get(self, record_id: str) -> Record | None:
        """A record by its id or by any prefixed id it carries ("kemendagri:32.73")."""
        return self._by_id.get(record_id)

    def by_name(self, name: str) -> list[Record]:
        """Records with a name, alias or acronym whose key equals ``name``'s, unranked."""
        variants = self._by_key.get(normalize(name), ())
        return _unique(self.records[v[0]] for v in variants)

    def candidates(self, name: str) -> list[Record]:
        """Records for ``name`` ranked by prior: population and kind, best first."""
        variants = self._by_key.get(normalize(name), ())
        return self._rank({v[0] for v in variants})

    def prior(self, record: Record) -> float:
        """Context-free plausibility of a record: log10 population plus a bonus by kind."""
        return _prior(record)

    def ancestors(self, record: Record) -> list[Record]:
        """Parent, grandparent, … of a record, nearest first."""
        chain: list[Record] = []
        seen = {record.id}
        current = record
        while current.parent and current.parent not in seen:
            parent = self.get(current.parent)
            if parent is None:
                break
            chain.append(parent)
            seen.add(parent.id)
            current = parent
        return chain

    def _rank(self, indices: Iterable[int]) -> list[Record]:
        order = sorted(indices, key=lambda i: (-self._priors[i], self.records[i].id))
        return [self.records[i] for i in order]

    # ------------------------------------------------------------------ resolution

    def resolve(
        self,
        name: str | Match,
        context_countries: Sequence[str] = (),
        near_places: Sequence[str | Record] = (),
        types: Sequence[str] = (),
    ) -> Record | None:
        """The record ``name`` most likely means, given the document's countries and nearby places.

        ``name`` is a name or a :class:`Match` (whose candidates already
        passed the case rules). ``context_countries`` are ISO alpha-2 codes,
        most relevant first; ``near_places`` are records, ids or names of
        places mentioned close by (a name is taken as its best candidate).
        ``types`` restricts the candidates to record types or subtypes
        ("place", "city", …).
        """
        candidates = list(name.candidates) if isinstance(name, Match) else self.candidates(name)
        if types:
            candidates = [c for c in candidates if c.type in types or c.subtype in types]
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        near = [r for r in (self._as_record(p) for p in near_places) if r is not None]
        scored = [
            (self._context_score(c, context_countries, near, _namesake_region(c, candidates)), c)
            for c in candidates
        ]
        return max(scored, key=lambda pair: pair[0])[1]

    def _as_record(self, place: str | Record) -> Record | None:
        if isinstance(place, Record):
            return place
        found = self.get(place)
        if found is not None:
            return found
        ranked = self.candidates(place)
        return ranked[0] if ranked else None

    def _context_score(
        self,
        record: Record,
        context_countries: Sequence[str],
        near: Sequence[Record],
        seat_of: Record | None = None,
    ) -> float:
        """Prior plus context; a city that is the seat of a namesake region (Rabat, Tokyo)
        shares that region's place in the hierarchy, which GeoNames cities lack here."""
        score = _prior(record)
        if record.country and record.country in context_countries:
            rank = list(context_countries).index(record.country)
            score += _CONTEXT_COUNTRY_BONUS / (1 + rank)
        ancestor_ids = {a.id for a in self.ancestors(record)}
        if seat_of is not None:
            ancestor_ids |= {a.id for a in self.ancestors(seat_of)}
        for other in near:
            if other.id == record.id:
                continue
            if other.country and other.country == record.country:
                score += _NEAR_COUNTRY_BONUS
            if other.id in ancestor_ids:
                score += _NEAR_ANCESTOR_BONUS
            elif record.id in {a.id for a in self.ancestors(other)}:
                score += _NEAR_DESCENDANT_BONUS
        return score

    # ------------------------------------------------------------------ matching

    def find_mentions(self, text: str) -> list[Match]:
        """Non-overlapping spans of ``text`` that name KB records, in text order.

        Rules, so that ordinary words are not taken for names:
        matches start and end on word boundaries; an acronym matches only as
        written ("UCLG", never "uclg" or "Uclg"); a name with capitals never
        matches text in all lower case ("yang", "nice"); keys in the stop list
        never match on their own; where spans overlap the longest wins.
        """
        norm, offsets = normalize_with_offsets(text)
        found: list[Match] = []
        for nstart, nend, key in self._scan(norm):
            match = self._make_match(text, offsets, nstart, nend, key)
            if match is not None:
                found.append(match)
        return _longest_non_overlapping(found)

    def _scan(self, norm: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, key) of every key occurrence on word boundaries of ``norm``."""
        padded = f" {norm} "
        for end_index, key in self._get_automaton().iter(padded):
            start = end_index - len(key) - 1  # index in norm of the key's first char
            yield start, start + len(key), key

    def _make_match(
        self, text: str, offsets: list[int], nstart: int, nend: int, key: str
    ) -> Match | None:
        if key in self.stop.always:
            return None
        start = offsets[nstart]
        end = offsets[nend - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        surface = text[start:end]
        lower = not any(c.isupper() for c in surface)
        if lower and key in self.stop.lowercase:
            return None
        indices = {v[0] for v in self._by_key[key] if _case_ok(v, surface, lower)}
        if not indices:
            return None
        return Match(
            start=start,
            end=end,
            text=surface,
            candidates=tuple(self._rank(indices)),
            key=key,
            common_word=key in self.stop.lowercase,
        )

    def _get_automaton(self) -> Any:
        """The Aho-Corasick automaton over all keys, built on first use (about half a second)."""
        if self._automaton is None:
            with self._automaton_lock:
                if self._automaton is None:
                    self._automaton = _build_automaton(self._by_key)
        return self._automaton


# --------------------------------------------------------------------------- helpers


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Objects of a JSON Lines file, gzip-compressed when its name ends in .gz."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8").read()
    lines = [line for line in text.splitlines() if line.strip()]
    # One parse of a JSON array is markedly faster than one json.loads per line.
    return json.loads("[" + ",".join(lines) + "]")


def _prior(record: Record) -> float:
    """log10 of population (or a default by kind) plus a bonus by kind; organisations fixed."""
    if record.type != "place":
        return _ORGANIZATION_PRIOR
    kind = (record.type, record.subtype)
    population = record.population
    if not population:
        admin_type = record.extra.get("admin_type")
        population = _REGENCY_POPULATION.get(admin_type) or _DEFAULT_POPULATION.get(kind, 10_000)
    return math.log10(max(population, 1)) + _KIND_BONUS.get(kind, 0.0)


def _namesake_region(record: Record, candidates: Sequence[Record]) -> Record | None:
    """The region of the same name and country a city candidate is presumably the seat of."""
    if record.subtype != "city":
        return None
    return next(
        (c for c in candidates if c.subtype == "region" and c.country == record.country), None
    )


def _case_ok(variant: _Variant, surface: str, surface_lower: bool) -> bool:
    _, written, acronym = variant
    if acronym:
        return surface == written
    if surface_lower:
        return not any(c.isupper() for c in written)
    return surface.isupper() or not _word_lost_its_capital(written, surface)


def _word_lost_its_capital(written: str, surface: str) -> bool:
    """ "Asia-Pacific city network": a later word of "Pacific City" written in lower case
    is an ordinary word, not part of the name."""
    written_words, surface_words = written.split(), surface.split()
    if len(written_words) != len(surface_words):
        return False
    return any(
        w[:1].isupper() and s[:1].islower()
        for w, s in zip(written_words[1:], surface_words[1:], strict=True)
    )


def _longest_non_overlapping(matches: list[Match]) -> list[Match]:
    chosen: list[Match] = []
    taken = Occupied()
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if not taken.overlaps(m.start, m.end):
            chosen.append(m)
            taken.add(m.start, m.end)
    return sorted(chosen, key=lambda m: m.start)


def _unique(records: Iterable[Record]) -> list[Record]:
    seen: set[str] = set()
    out: list[Record] = []
    for r in records:
        if r.id not in seen:
            seen.add(r.id)
            out.append(r)
    return out


def _build_automaton(keys: Iterable[str]) -> Any:
    import ahocorasick  # deferred: lookups by id or name do not need it

    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(f" {key} ", key)
    automaton.make_automaton()
    return automaton


def load_time(path: str | Path | None = None) -> tuple[KnowledgeBase, float, float]:
    """Uncached load and automaton build times in seconds (for benchmarks)."""
    directory = Path(path) if path is not None else DATA_DIR
    t0 = time.perf_counter()
    kb = KnowledgeBase.from_directory(directory)
    t1 = time.perf_counter()
    kb._get_automaton()
    t2 = time.perf_counter()
    return kb, t1 - t0, t2 - t1
