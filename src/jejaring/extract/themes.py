"""Document themes from a multilingual cue lexicon, each with the spans that justify it.

The knowledge lives in ``data/lexicons/themes.json``: for each of the 30 theme
ids of ``spec/themes.md``, cue words and phrases in Indonesian, English and
French with a strength (strong 3, medium 2, weak 1). A theme's score grows
with the weights of the distinct cues found, each repetition of a cue adding
less (``1 + ln n``), is damped for long documents (a cue mentioned once in a
long report says less than in a short note) and saturates towards 1.
Phrases the lexicon lists under ``ignore`` ("sepeda motor", "tanah air") hide
the cue words inside them.

Matching is one Aho-Corasick pass over a *folded* copy of the text: lower
case, diacritics removed, hyphens and line breaks made spaces. Folding keeps
every character in place, so an offset in the folded text is the same offset
in the source and evidence satisfies ``text == source[start:end]``. The
matcher (:class:`CueMatcher`) is shared with :mod:`jejaring.extract.relevance`.

Measured with ``benchmarks/relevance.py``: 0.14 ms per Kompas article
(3.7 KB); against the themes of the five gold seeds (used to measure, never to
choose cues) precision 0.84, recall 0.95, F1 0.89.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

#: Minimum score to report a theme: a strong or medium cue passes, a weak one needs company.
THRESHOLD = 0.45
#: Weighted cue mass at which a theme's score reaches 1 - 1/e.
SATURATION = 3.0
#: Documents longer than this (characters) have their cue mass divided by sqrt(len / this).
REFERENCE_CHARS = 3000
#: Evidence spans kept per theme.
MAX_EVIDENCE = 3
#: Languages with their own cue lists; any other language (or none) uses them all.
LANGUAGES = ("id", "en", "fr")

LEXICON = "themes.json"


# --------------------------------------------------------------------------- folding


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_BREAKS = ("\n", "\t", "\r", "\f", "\v", "-")
_APOSTROPHES = frozenset("’‘ʼ′`´")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One lower-case character, folded to one character: no diacritics, dashes as spaces."""
    if ch.isspace() or unicodedata.category(ch) == "Pd":
        return " "
    if ch in _APOSTROPHES:
        return "'"
    stripped = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return stripped if len(stripped) == 1 else ch


def _fold_match(match: re.Match[str]) -> str:
    return _fold_char(match.group())


def _lower_char(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


def fold(text: str) -> str:
    """``text`` lower-cased, without diacritics, hyphens and breaks as spaces; same length.

    Keeping the length is what lets matches on the folded text be cut out of
    the original. The common cases (ASCII text, a few accented letters) stay
    on C-speed string methods.
    """
    low = text.lower()
    if len(low) != len(text):  # rare characters such as 'İ' lower-case to two
        low = "".join(_lower_char(c) for c in text)
    for ch in _ASCII_BREAKS:
        if ch in low:
            low = low.replace(ch, " ")
    if not low.isascii():
        low = _NON_ASCII.sub(_fold_match, low)
    return low


def fold_key(phrase: str) -> str:
    """A lexicon phrase in the form it is matched in: folded, single spaces."""
    return " ".join(fold(phrase).split())


def normalise_language(language: str | None) -> str | None:
    """'id', 'en' or 'fr' from codes such as 'ID', 'fr-FR', 'in'; None for anything else."""
    if not language:
        return None
    code = language.strip().lower().replace("_", "-").split("-")[0]
    code = {"in": "id", "ind": "id", "eng": "en", "fra": "fr", "fre": "fr"}.get(code, code)
    return code if code in LANGUAGES else None


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry: its folded key, how it may end, where it counts, what it means.

    ``languages`` is the set of document languages the cue counts in;
    ``exact``, when set, is the only surface form accepted (case-sensitive
    acronyms such as "WHO", which lower-cased is an English word).
    """

    key: str
    payload: Any
    languages: frozenset[str]
    suffixes: tuple[str, ...] = ()
    prefix: bool = False
    exact: str | None = None

    def applies(self, language: str | None) -> bool:
        return language is None or language in self.languages


@dataclass(frozen=True, slots=True)
class Hit:
    """A cue found at ``[start, end)`` of the text (suffixes and prefix completions included)."""

    start: int
    end: int
    cue: Cue


def parse_cue(raw: str, payload: Any, source: str, suffixes: Iterable[str] = ()) -> Cue:
    """A :class:`Cue` from a lexicon string listed under ``source`` ('any', 'id', 'en', 'fr').

    ``word*`` matches any word starting with "word"; ``=WHO`` matches only as written.
    """
    exact = None
    if raw.startswith("="):
        raw = exact = raw[1:]
    prefix = raw.endswith("*")
    key = fold_key(raw.rstrip("*"))
    return Cue(
        key=key,
        payload=payload,
        languages=cue_languages(source, key),
        suffixes=tuple(sorted(set(suffixes), key=len, reverse=True)),
        prefix=prefix,
        exact=exact,
    )


def cue_languages(source: str, key: str) -> frozenset[str]:
    """The document languages a cue listed under ``source`` counts in.

    'any' counts everywhere; English phrases of two words or more are
    borrowed by Indonesian and French writers, single English words are not.
    """
    if source == "any" or (source == "en" and " " in key):
        return frozenset(LANGUAGES)
    return frozenset({source})


class CueMatcher:
    """All cues of a lexicon in one Aho-Corasick automaton, built once per process."""

    def __init__(self, cues: Iterable[Cue]) -> None:
        import ahocorasick  # the same C automaton the knowledge base uses

        variants: dict[str, list[Cue]] = {}
        for cue in cues:
            if cue.key:
                variants.setdefault(cue.key, []).append(cue)
        self._automaton = ahocorasick.Automaton()
        for key, group in variants.items():
            self._automaton.add_word(key, (len(key), tuple(group)))
        if variants:
            self._automaton.make_automaton()
        self._empty = not variants

    def scan(self, text: str, folded: str, language: str | None = None) -> Iterator[Hit]:
        """Every cue occurrence on word boundaries, overlaps included, in order of end."""
        if self._empty:
            return
        for last, (length, group) in self._automaton.iter(folded):
            start = last - length + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            for cue in group:
                if not cue.applies(language):
                    continue
                end = _word_end(folded, last + 1, cue)
                if end is None or (cue.exact is not None and text[start : last + 1] != cue.exact):
                    continue
                yield Hit(start, end, cue)

    def hits(self, text: str, language: str | None = None, folded: str | None = None) -> list[Hit]:
        """Occurrences once nested ones are dropped (see :func:`longest`), by position."""
        folded = fold(text) if folded is None else folded
        return longest(self.scan(text, folded, language))


def _word_end(folded: str, end: int, cue: Cue) -> int | None:
    """Where a match ending at ``end`` really ends, or None if it stops inside a word."""
    if end == len(folded) or not folded[end].isalnum():
        return end
    if cue.prefix:
        while end < len(folded) and folded[end].isalnum():
            end += 1
        return end
    for suffix in cue.suffixes:
        stop = end + len(suffix)
        if folded.startswith(suffix, end) and (stop == len(folded) or not folded[stop].isalnum()):
            return stop
    return None


def longest(hits: Iterable[Hit]) -> list[Hit]:
    """Drop hits that lie inside longer ones ("bank sampah" hides its "sampah").

    Hits on the same span all stay (one phrase may mean several things), and so
    do hits that merely overlap ("convention de coopération décentralisée"
    holds two phrases that share a word). Sorted by position.
    """
    kept: list[Hit] = []
    kept_spans: set[tuple[int, int]] = set()
    furthest = -1  # the furthest end among hits starting at or before the current one
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        span = (hit.start, hit.end)
        if span in kept_spans or furthest < hit.end:
            kept.append(hit)
            kept_spans.add(span)
        furthest = max(furthest, hit.end)
    return kept


def load_lexicon(name: str) -> dict[str, Any]:
    """A JSON lexicon from ``jejaring/data/lexicons``."""
    path = resources.files("jejaring.data") / "lexicons" / name
    return json.loads(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- themes


@dataclass(frozen=True)
class ThemeInfo:
    """A theme's labels by language and the SDGs it serves (from the lexicon)."""

    id: str
    labels: dict[str, str]
    sdgs: tuple[int, ...]


@dataclass(frozen=True)
class ThemeScore:
    """A theme found in a text: score in 0..1 and up to three evidence spans, strongest first."""

    id: str
    score: float
    evidence: list[dict[str, Any]]


@dataclass(frozen=True)
class _ThemeLexicon:
    matcher: CueMatcher
    info: dict[str, ThemeInfo]


@lru_cache(maxsize=1)
def _lexicon() -> _ThemeLexicon:
    data = load_lexicon(LEXICON)
    weights: dict[str, int] = data["weights"]
    inflections: dict[str, list[str]] = data.get("inflections", {})
    cues: list[Cue] = []
    info: dict[str, ThemeInfo] = {}
    for theme_id, theme in data["themes"].items():
        info[theme_id] = ThemeInfo(theme_id, dict(theme["labels"]), tuple(theme["sdgs"]))
        for source, levels in theme["cues"].items():
            for level, phrases in levels.items():
                suffixes = inflections.get(source, ())
                payload = (theme_id, weights[level])
                cues.extend(parse_cue(phrase, payload, source, suffixes) for phrase in phrases)
    for source, phrases in data.get("ignore", {}).items():
        suffixes = inflections.get(source, ())
        cues.extend(parse_cue(phrase, (None, 0), source, suffixes) for phrase in phrases)
    return _ThemeLexicon(CueMatcher(cues), info)


def themes() -> dict[str, ThemeInfo]:
    """Every theme of the taxonomy, by id."""
    return dict(_lexicon().info)


def score_themes(text: str, language: str | None) -> list[ThemeScore]:
    """Themes of ``text`` scoring at least :data:`THRESHOLD`, best first.

    ``language`` ('id', 'en', 'fr') selects that language's cues plus the
    shared ones; None or another language uses every cue.
    """
    if not text:
        return []
    lang = normalise_language(language)
    votes: dict[tuple[str, int, int], tuple[int, Hit]] = {}
    for hit in _lexicon().matcher.hits(text, lang):
        theme_id, weight = hit.cue.payload
        if theme_id is None:  # an 'ignore' phrase votes for nothing
            continue
        span = (theme_id, hit.start, hit.end)  # one span votes once per theme, at its best
        if span not in votes or votes[span][0] < weight:
            votes[span] = (weight, hit)
    by_theme: dict[str, dict[str, list[tuple[int, Hit]]]] = {}
    for (theme_id, _, _), (weight, hit) in votes.items():
        by_theme.setdefault(theme_id, {}).setdefault(hit.cue.key, []).append((weight, hit))
    damping = math.sqrt(max(1.0, len(text) / REFERENCE_CHARS))
    found = []
    for theme_id, cues in by_theme.items():
        score = theme_score(
            ((max(w for w, _ in hits), len(hits)) for hits in cues.values()), damping
        )
        if score >= THRESHOLD:
            found.append(ThemeScore(theme_id, round(score, 4), _evidence(text, cues)))
    found.sort(key=lambda t: (-t.score, t.id))
    return found


def theme_score(cues: Iterable[tuple[int, int]], damping: float = 1.0) -> float:
    """Score from (weight, occurrences) per distinct cue: ``1 - exp(-mass / SATURATION)``.

    Each cue adds ``weight * (1 + ln n)``: a second mention counts, a tenth
    barely; distinct cues add up in full because they widen the evidence.
    """
    mass = sum(weight * (1.0 + math.log(count)) for weight, count in cues if count > 0)
    return 1.0 - math.exp(-mass / damping / SATURATION)


def _evidence(text: str, cues: dict[str, list[tuple[int, Hit]]]) -> list[dict[str, Any]]:
    """The first occurrence of the strongest, most repeated cues."""
    ranked = sorted(
        cues.values(), key=lambda hits: (-max(w for w, _ in hits), -len(hits), hits[0][1].start)
    )
    spans = []
    for hits in ranked[:MAX_EVIDENCE]:
        hit = hits[0][1]
        spans.append({"start": hit.start, "end": hit.end, "text": text[hit.start : hit.end]})
    return spans
