"""Find dates in Indonesian, English and French news text and resolve them to ISO 8601.

Every date Jejaring outputs must be supported by the text or the document's publication
date, at the precision the text supports (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``). This
module is the one place that turns date expressions into such strings, so that every
extractor makes the same choices. It is pure standard-library Python: regular expressions
compiled at import, a scan that tries at each word only the patterns that can begin with
it, and small resolvers.

All vocabulary (month and weekday names, relative phrases, range connectors, cue words)
lives in ``jejaring/data/lexicons/dates.json``; this file holds only the grammar.

Resolution rules, all of them judgement calls worth stating:

* An explicit year always wins. When a weekday contradicts an explicit full date the
  date is kept and the mention carries the warning ``weekday_mismatch``.
* A weekday-qualified date without a year (``Kamis (13/9)``, ``Senin, 5 Juni``) takes
  the year in which that day falls on that weekday, nearest the publication date (a
  window of 28 years each way, the length of the calendar cycle). Without a publication
  date it takes the most recent such year that is not after ``today``.
* A plain day-month without a year (``13 September``) takes the year that puts it
  nearest the publication date, with days after publication counting double: news
  reports mostly look back, so a date more than about four months ahead of publication
  is read as last year's (published 2019-01-10, ``13 Desember`` is 2018-12-13;
  published 2018-09-20, ``13 Desember`` is 2018-12-13, an announced event). A month
  without a year (``pada Juni``) follows the same rule at month precision.
* Without a publication date, year-less plain dates and all relative dates resolve to
  ``None`` (warnings ``year_unknown`` / ``no_publication_date``): a year is never
  invented.
* Weeks (``pekan lalu``, ``next week``) cannot be written as an ISO date at day, month
  or year precision without inventing days, so they are reported at month precision:
  the month(s) the week falls in (``week_coarsened``).
* Numbers: Indonesian and French write day/month, so do unknown languages here. English
  ``a/b/yyyy`` is read day-first when ``a > 12``, month-first when ``b > 12``; when both
  are 12 or less the order is ambiguous and only the year is reported
  (``ambiguous_day_month``), unless a weekday settles it. Impossible dates (31/2) are
  not dates.
* Point dates have ``end_date == start_date``; ranges have both ends.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any, Literal

Precision = Literal["day", "month", "year"]
Kind = Literal["absolute", "weekday_qualified", "relative", "range"]

LANGUAGES = ("id", "en", "fr")
# Days after publication count this many times as much as days before it.
FUTURE_WEIGHT = 2
# The Gregorian weekday pattern of a day-month repeats within 28 years.
WEEKDAY_WINDOW_YEARS = 28
# A weekday-derived year further than this from publication is suspicious.
FAR_DAYS = 366
# Publication dates outside these years are metadata errors.
PUBLISHED_YEARS = (1800, 2199)

__all__ = ["DateMention", "find_dates"]


@dataclass
class DateMention:
    """One date expression: where it is, what it says, and how sure we are."""

    start: int
    end: int
    text: str
    start_date: str | None
    end_date: str | None
    precision: Precision
    kind: Kind
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- lexicon

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


def _norm(phrase: str) -> str:
    """Lookup key for matched text: lower case, one space, plain apostrophe, no final dot."""
    return " ".join(phrase.translate(_APOSTROPHES).lower().split()).rstrip(".")


def _load_lexicon() -> dict[str, Any]:
    """The JSON lexicon shipped with the package (knowledge stays out of code)."""
    path = resources.files("jejaring").joinpath("data").joinpath("lexicons")
    return json.loads(path.joinpath("dates.json").read_text(encoding="utf-8"))


_LEX = _load_lexicon()
_CASE_SENSITIVE = frozenset(_LEX["case_sensitive_forms"])


def _forms(entries: list[dict[str, Any]], part: str, langs: Iterable[str]) -> list[str]:
    """All names or abbreviations of months or weekdays in the given languages."""
    langs = tuple(langs)
    return [form for entry in entries for lang in langs for form in entry[part].get(lang, [])]


def _number_table(entries: list[dict[str, Any]], key: str) -> dict[str, int]:
    """Normalised month or weekday form → its number (month 1-12, weekday 0=Monday)."""
    table: dict[str, int] = {}
    for entry in entries:
        for part in ("names", "abbreviations"):
            for forms in entry[part].values():
                for form in forms:
                    table[_norm(form)] = entry[key]
    return table


_MONTH_NUMBER = _number_table(_LEX["months"], "month")
_WEEKDAY_NUMBER = _number_table(_LEX["weekdays"], "weekday")


def is_calendar_word(word: str) -> bool:
    """A weekday's or month's name or abbreviation in any of the languages ("Rabu", "juin")."""
    return _norm(word) in _WEEKDAY_NUMBER or _norm(word) in _MONTH_NUMBER


def _merged(section: dict[str, Any], langs: Iterable[str]) -> dict[str, Any]:
    """Union of a per-language mapping over languages, keys normalised."""
    merged: dict[str, Any] = {}
    for lang in langs:
        for phrase, value in section.get(lang, {}).items():
            merged[_norm(phrase)] = value
    return merged


def _listed(section: dict[str, Any], langs: Iterable[str]) -> list[str]:
    """Union of a per-language list over languages."""
    return [item for lang in langs for item in section.get(lang, [])]


# All lookups use every language: the regex decides what may match, lookups only name it.
_ALL = LANGUAGES
_RELATIVE = _merged(_LEX["relative"], _ALL)
_MODIFIER = {
    _norm(word): direction
    for lang in _ALL
    for side in ("prefix", "suffix")
    for word, direction in _LEX["modifiers"][lang][side].items()
}
_AGO = _LEX["units_ago"]
_AGO_NUMBER = {_norm(k): v for lang in _ALL for k, v in _AGO[lang]["numbers"].items()}
_AGO_UNIT = {_norm(k): v for lang in _ALL for k, v in _AGO[lang]["units"].items()}
_AGO_FUSED = {_norm(k): v for lang in _ALL for k, v in _AGO[lang]["fused_units"].items()}
_AGO_FUTURE = {
    _norm(w)
    for lang in _ALL
    for side in ("future_suffix", "future_prefix")
    for w in _AGO[lang][side]
}
_PAIRS = {_norm(w) for w in _listed(_LEX["ranges"]["pair_connectors"], _ALL)}
_BETWEEN = {_norm(w) for w in _LEX["ranges"]["between_openers"]}
_MONTH_DIRECTIONS = {"last", "next", "this"}


# --------------------------------------------------------------------------- regex pieces

SP = r"[^\S\n]+"  # spaces or tabs, never a line break: dates do not span lines
OSP = r"[^\S\n]*"
_NEVER = r"(?!)"
_APOSTROPHE_RX = "['’ʼ]"


def _char(ch: str) -> str:
    """Regex for one lexicon character: a space matches a run of spaces, "'" any apostrophe."""
    if ch == " ":
        return SP
    if ch in "'’ʼ":
        return _APOSTROPHE_RX
    return re.escape(ch)


def _phrase(text: str) -> str:
    return "".join(_char(ch) for ch in text)


def _trie(phrases: Iterable[str]) -> str:
    """Phrases as a character trie, so a failing match is abandoned after a character or two.

    Python's ``re`` tries the branches of a flat alternation one by one; in a trie each
    character chooses between few branches.
    """
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for ch in " ".join(phrase.translate(_APOSTROPHES).lower().split()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [_char(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return emit(root) if root else _NEVER


def _alternation(phrases: Iterable[str]) -> str:
    """Any of the phrases (case-insensitive trie); case_sensitive_forms keep their case."""
    phrases = list(phrases)
    sensitive = [f"{_phrase(p)}|{_phrase(p.upper())}" for p in phrases if p in _CASE_SENSITIVE]
    plain = [p for p in phrases if p not in _CASE_SENSITIVE]
    parts = ([_trie(plain)] if plain else []) + [f"(?-i:{rx})" for rx in sensitive]
    if not parts:
        return _NEVER
    return "(?:" + "|".join(parts) + ")"


def _words(phrases: Iterable[str]) -> str:
    """Alternation bounded by non-word characters on both sides."""
    body = _alternation(phrases)
    return _NEVER if body == _NEVER else rf"(?<!\w){body}(?!\w)"


def _named_forms(entries: list[dict[str, Any]], langs: Iterable[str]) -> str:
    """Month or weekday names; abbreviations may end in a period ('Sept.', 'janv.')."""
    langs = tuple(langs)
    full = _alternation(_forms(entries, "names", langs))
    abbr = _alternation(_forms(entries, "abbreviations", langs))
    return rf"(?<!\w)(?:{full}(?!\w)|{abbr}(?:\.|(?![\w.])))"


_DAY_NUMBER = r"3[01]|[12]\d|0?[1-9]"
_DAY_SUFFIX = _alternation(_LEX["day_suffixes"])
# A day may not continue a number, a word, a decimal, a time or a code ("COVID-19", "ke-7").
_NOT_AFTER_NUMBER = r"(?<![\w.,/:+\-–—])"
_YEAR_BODY = r"(?:1[89]|20)\d{2}"
# A year may not continue into a word, decimal or decade ("2018an", "2010-an", "1990s").
_YEAR_END = r"(?!\w|[.,]\d|[-‑]an(?!\w))"
_YEAR_STRICT_END = _YEAR_END + r"(?![/\-–]\d)"


class _Pieces:
    """Regex fragments for one language setting (None = all languages)."""

    def __init__(self, language: str | None) -> None:
        langs = LANGUAGES if language is None else (language,)
        self.language = language
        self.months = _named_forms(_LEX["months"], LANGUAGES)
        self.months_en = _named_forms(_LEX["months"], ("en",))
        self.weekdays = _named_forms(_LEX["weekdays"], LANGUAGES)
        bare = _LEX["bare_weekdays"]
        self.bare_weekdays = _alternation(
            name
            for lang in langs
            for name in _forms(_LEX["weekdays"], "names", [lang])
            if name not in bare["not_alone"].get(lang, [])
        )
        ranges = _LEX["ranges"]
        self.dashes = _alternation(ranges["dashes"])
        connector_words = _listed(ranges["connectors"], LANGUAGES)
        pair_words = _listed(ranges["pair_connectors"], LANGUAGES)
        self.range_words = _alternation(connector_words + pair_words)
        self.openers = _words(_listed(ranges["openers"], LANGUAGES))
        self.year_separators = _alternation(ranges["year_separators"])
        self.fillers = _words(_listed(_LEX["day_fillers"], LANGUAGES))
        self.joiners = _alternation(_listed(_LEX["day_month_joiners"], LANGUAGES))
        self.relative = _words(_merged(_LEX["relative"], langs))
        modifiers = _LEX["modifiers"]
        prefix = {w: d for lang in langs for w, d in modifiers[lang]["prefix"].items()}
        suffix = {w: d for lang in langs for w, d in modifiers[lang]["suffix"].items()}
        self.weekday_prefix = _words(prefix)
        self.weekday_suffix = _words(suffix)
        self.month_prefix = _words(w for w, d in prefix.items() if d in _MONTH_DIRECTIONS)
        self.month_suffix = _words(w for w, d in suffix.items() if d in _MONTH_DIRECTIONS)
        ago = [_AGO[lang] for lang in langs]
        self.ago_numbers = _words(n for a in ago for n in a["numbers"])
        self.ago_units = _words(u for a in ago for u in a["units"])
        self.ago_fused = _words(u for a in ago for u in a["fused_units"])
        self.ago_suffix = _words(w for a in ago for w in a["past_suffix"] + a["future_suffix"])
        self.ago_prefix = _words(w for a in ago for w in a["past_prefix"] + a["future_prefix"])
        self.year_cues = self._cues(_listed(_LEX["year_cues"], LANGUAGES))
        self.month_cues = self._cues(_listed(_LEX["month_cues"], LANGUAGES))

    @staticmethod
    def _cues(cues: list[str]) -> str:
        """Cue words need a space before the date; 'mid-' style cues attach directly."""
        words = _words(c for c in cues if not c.endswith("-"))
        hyphen = _alternation(c for c in cues if c.endswith("-"))
        return rf"(?:{words}{SP}|(?<!\w){hyphen})"

    # Each fragment takes the group name(s) it should capture into.
    def day_start(self, name: str) -> str:
        return rf"{_NOT_AFTER_NUMBER}(?P<{name}>{_DAY_NUMBER})(?:{_DAY_SUFFIX})?(?!\w)"

    def day(self, name: str) -> str:
        return rf"(?P<{name}>{_DAY_NUMBER})(?:{_DAY_SUFFIX})?(?!\w)"

    def year(self, name: str, strict: bool = False) -> str:
        return rf"(?P<{name}>{_YEAR_BODY}){_YEAR_STRICT_END if strict else _YEAR_END}"

    def month(self, name: str, english: bool = False) -> str:
        return rf"(?P<{name}>{self.months_en if english else self.months})"

    def weekday(self, name: str) -> str:
        return rf"(?P<{name}>{self.weekdays})"

    def numeric(self, a: str, b: str, y: str) -> str:
        """'13/9' or '13/9/2018' or '13/9/18' as written after Indonesian weekdays."""
        return (
            rf"(?P<{a}>\d{{1,2}})/(?P<{b}>\d{{1,2}})"
            rf"(?:/(?P<{y}>{_YEAR_BODY}|\d{{2}})(?!\w))?(?![\w/]|[.,]\d)"
        )

    def opener(self, name: str) -> str:
        return rf"(?:(?P<{name}>{self.openers}){SP}(?:{self.fillers}{SP})?)?"

    def connector(self, name: str) -> str:
        words = rf"{SP}{self.range_words}{SP}"
        return rf"(?P<{name}>{OSP}{self.dashes}{OSP}|{words})(?:{self.fillers}{SP})?"

    @property
    def year_sep(self) -> str:
        return rf"(?:{OSP},{OSP}|{SP})"

    @property
    def weekday_sep(self) -> str:
        return rf"(?:{OSP},{OSP}|{SP})(?:{self.fillers}{SP})?"

    @property
    def joiner(self) -> str:
        return rf"(?:{SP}{self.joiners})?{SP}"

    @property
    def not_a_date_next(self) -> str:
        """Lookahead: no explicit date follows (then the prefix reading must not win)."""
        return rf"(?!{OSP},?{OSP}(?:\(|\d|{self.months}))"

    @property
    def not_day_or_year_next(self) -> str:
        connect = rf"(?:{OSP}{self.dashes}{OSP}|{SP}{self.range_words}{SP})"
        return rf"(?!{OSP},?{OSP}\d|{connect}{self.months})"


# --------------------------------------------------------------------------- grammar


def _alternatives(p: _Pieces) -> list[tuple[str, Callable[[Callable[[str], str]], str]]]:
    """Alternatives in priority order: at one position the first that matches wins.

    Each builder receives ``g`` that turns a local group name into a unique one.
    """
    english = p.language in (None, "en")
    alts: list[tuple[str, Callable[[Callable[[str], str]], str]]] = [
        # relative expressions
        ("rel", lambda g: rf"(?P<{g('p')}>{p.relative})"),
        (
            "ago",
            lambda g: (
                rf"(?<![\w.,])(?P<{g('n')}>\d{{1,3}}(?!\w)|{p.ago_numbers}){SP}"
                rf"(?P<{g('u')}>{p.ago_units}){SP}(?P<{g('dir')}>{p.ago_suffix})"
            ),
        ),
        (
            "agofused",
            lambda g: rf"(?P<{g('u')}>{p.ago_fused}){SP}(?P<{g('dir')}>{p.ago_suffix})",
        ),
        (
            "agoprefix",
            lambda g: (
                rf"(?P<{g('dir')}>{p.ago_prefix}){SP}"
                rf"(?P<{g('n')}>\d{{1,3}}(?!\w)|{p.ago_numbers}){SP}(?P<{g('u')}>{p.ago_units})"
            ),
        ),
        (
            "wpair",
            lambda g: (
                rf"(?:(?P<{g('o')}>{p.openers}|{p.weekday_prefix}){SP})?{p.weekday(g('w1'))}"
                rf"{p.connector(g('c'))}{p.weekday(g('w2'))}{p.not_a_date_next}"
            ),
        ),
        (
            "wdprefix",
            lambda g: (
                rf"(?P<{g('mod')}>{p.weekday_prefix}){SP}{p.weekday(g('w'))}"
                rf"{p.not_a_date_next}(?!{SP}(?:{p.weekday_suffix}|{p.fillers}))"
            ),
        ),
        ("wdsuffix", lambda g: rf"{p.weekday(g('w'))}{SP}(?P<{g('mod')}>{p.weekday_suffix})"),
        (
            "mprefix",
            lambda g: (
                rf"(?P<{g('mod')}>{p.month_prefix}){SP}{p.month(g('m'))}"
                rf"{p.not_day_or_year_next}"
            ),
        ),
        ("msuffix", lambda g: rf"{p.month(g('m'))}{SP}(?P<{g('mod')}>{p.month_suffix})"),
        # weekday-qualified
        (
            "wrange_num",
            lambda g: (
                rf"{p.weekday(g('w1'))}(?:{OSP}{p.dashes}{OSP}|{SP}{p.range_words}{SP})"
                rf"{p.weekday(g('w2'))}{OSP},?{OSP}\({OSP}(?P<{g('d1')}>\d{{1,2}}){OSP}{p.dashes}"
                rf"{OSP}(?P<{g('d2')}>\d{{1,2}})/(?P<{g('m')}>\d{{1,2}})"
                rf"(?:/(?P<{g('y')}>{_YEAR_BODY}|\d{{2}}))?{OSP}\)"
            ),
        ),
        (
            "wrange_named",
            lambda g: (
                rf"{p.weekday(g('w1'))}(?:{OSP}{p.dashes}{OSP}|{SP}{p.range_words}{SP})"
                rf"{p.weekday(g('w2'))}{p.weekday_sep}{p.day(g('d1'))}{p.connector(g('c'))}"
                rf"{p.day(g('d2'))}{p.joiner}{p.month(g('m'))}(?:{p.year_sep}{p.year(g('y'))})?"
            ),
        ),
        (
            "wparen",
            lambda g: (
                rf"\({OSP}{p.weekday(g('w'))}{OSP},?{OSP}(?:{p.fillers}{SP})?"
                rf"{p.numeric(g('a'), g('b'), g('y'))}{OSP}\)"
            ),
        ),
        (
            "wnum_paren",
            lambda g: (
                rf"{p.weekday(g('w'))}{OSP},?{OSP}\({OSP}{p.numeric(g('a'), g('b'), g('y'))}"
                rf"{OSP}\)"
            ),
        ),
        (
            "wnamed",
            lambda g: (
                rf"{p.weekday(g('w'))}{p.weekday_sep}{p.day(g('d'))}{p.joiner}"
                rf"{p.month(g('m'))}(?:{p.year_sep}{p.year(g('y'))})?"
            ),
        ),
    ]
    if english:
        alts.append(
            (
                "wnamed_md",
                lambda g: (
                    rf"{p.weekday(g('w'))}{p.weekday_sep}{p.month(g('m'), True)}{SP}"
                    rf"{p.day(g('d'))}(?:{p.year_sep}{p.year(g('y'))})?"
                ),
            )
        )
    alts += [
        (
            "wnum",
            lambda g: rf"{p.weekday(g('w'))}{p.weekday_sep}{p.numeric(g('a'), g('b'), g('y'))}",
        ),
        # ranges
        (
            "range_dm_dm",
            lambda g: (
                rf"{p.opener(g('o'))}{p.day_start(g('d1'))}{p.joiner}{p.month(g('m1'))}"
                rf"(?:{p.year_sep}{p.year(g('y1'))})?{p.connector(g('c'))}{p.day(g('d2'))}"
                rf"{p.joiner}{p.month(g('m2'))}(?:{p.year_sep}{p.year(g('y2'))})?"
            ),
        ),
        (
            "range_d_dm",
            lambda g: (
                rf"{p.opener(g('o'))}{p.day_start(g('d1'))}{p.connector(g('c'))}"
                rf"{p.day(g('d2'))}{p.joiner}{p.month(g('m'))}(?:{p.year_sep}{p.year(g('y'))})?"
            ),
        ),
    ]
    if english:
        alts += [
            (
                "range_md_md",
                lambda g: (
                    rf"{p.opener(g('o'))}{p.month(g('m1'), True)}{SP}{p.day(g('d1'))}"
                    rf"(?:{p.year_sep}{p.year(g('y1'))})?{p.connector(g('c'))}"
                    rf"{p.month(g('m2'), True)}{SP}{p.day(g('d2'))}"
                    rf"(?:{p.year_sep}{p.year(g('y2'))})?"
                ),
            ),
            (
                "range_md_d",
                lambda g: (
                    rf"{p.opener(g('o'))}{p.month(g('m'), True)}{SP}{p.day(g('d1'))}"
                    rf"{p.connector(g('c'))}{p.day(g('d2'))}(?:{p.year_sep}{p.year(g('y'))})?"
                ),
            ),
        ]
    alts += [
        (
            "range_m_m",
            lambda g: (
                rf"{p.opener(g('o'))}{p.month(g('m1'))}(?:{SP}{p.year(g('y1'))})?"
                rf"{p.connector(g('c'))}{p.month(g('m2'))}{p.year_sep}{p.year(g('y2'))}"
            ),
        ),
        # numeric and named absolute dates
        (
            "iso",
            lambda g: (
                rf"{_NOT_AFTER_NUMBER}(?P<{g('y')}>{_YEAR_BODY})(?P<{g('s')}>[-/])"
                rf"(?P<{g('m')}>\d{{1,2}})(?P={g('s')})(?P<{g('d')}>\d{{1,2}})"
                rf"(?![^\WT]|[.,/\-]\d)"
            ),
        ),
        (
            "num",
            lambda g: (
                rf"{_NOT_AFTER_NUMBER}(?P<{g('a')}>\d{{1,2}})(?P<{g('s')}>[/.\-])"
                rf"(?P<{g('b')}>\d{{1,2}})(?P={g('s')}){p.year(g('y'), strict=True)}"
            ),
        ),
        (
            "dmy",
            lambda g: (
                rf"{p.day_start(g('d'))}{p.joiner}{p.month(g('m'))}{p.year_sep}"
                rf"{p.year(g('y'))}"
            ),
        ),
    ]
    if english:
        alts.append(
            (
                "mdy",
                lambda g: (
                    rf"{p.month(g('m'), True)}{SP}{p.day(g('d'))}{p.year_sep}"
                    rf"{p.year(g('y'))}"
                ),
            )
        )
    alts += [
        ("my", lambda g: rf"{p.month(g('m'))}{p.year_sep}{p.year(g('y'))}"),
        (
            "dm",
            lambda g: (
                rf"{p.day_start(g('d'))}{p.joiner}{p.month(g('m'))}"
                rf"(?:{SP}(?P<{g('mod')}>{p.month_suffix}))?"
            ),
        ),
    ]
    if english:
        alts.append(("md", lambda g: rf"{p.month(g('m'), True)}{SP}{p.day(g('d'))}"))
    alts += [
        # cue-introduced years and months
        (
            "year_range",
            lambda g: (
                rf"(?:(?P<{g('o')}>{p.openers}){SP}|{p.year_cues})"
                rf"{p.year(g('y1'))}(?P<{g('c')}>{OSP}(?:{p.dashes}|{p.year_separators}){OSP}"
                rf"|{SP}{p.range_words}{SP}){p.year(g('y2'), strict=True)}"
            ),
        ),
        ("year", lambda g: rf"{p.year_cues}{p.year(g('y'), strict=True)}"),
        (
            "wbare",
            lambda g: (
                rf"(?P<{g('w')}>{p.bare_weekdays}){p.not_a_date_next}"
                rf"(?!{SP}(?:{p.weekday_suffix}|{p.fillers}))"
            ),
        ),
        (
            "cue_month",
            lambda g: (
                rf"{p.month_cues}{p.month(g('m'))}"
                rf"(?:{SP}(?P<{g('mod')}>{p.month_suffix}))?{p.not_day_or_year_next}"
            ),
        ),
    ]
    return alts


# Which kind of token each alternative begins with; only those are tried at a token.
_LEADS: dict[str, frozenset[str]] = {
    key: frozenset(leads.split())
    for key, leads in {
        "rel": "relative",
        "ago": "digit ago_number",
        "agofused": "ago_fused",
        "agoprefix": "ago_prefix",
        "wpair": "weekday modifier opener",
        "wdprefix": "modifier",
        "wdsuffix": "weekday",
        "mprefix": "modifier",
        "msuffix": "month",
        "wrange_num": "weekday",
        "wrange_named": "weekday",
        "wparen": "paren",
        "wnum_paren": "weekday",
        "wnamed": "weekday",
        "wnamed_md": "weekday",
        "wnum": "weekday",
        "range_dm_dm": "digit opener",
        "range_d_dm": "digit opener",
        "range_md_md": "month opener",
        "range_md_d": "month opener",
        "range_m_m": "month opener",
        "iso": "digit",
        "num": "digit",
        "dmy": "digit",
        "mdy": "month",
        "my": "month",
        "dm": "digit",
        "md": "month",
        "year_range": "opener year_cue",
        "year": "year_cue",
        "cue_month": "month_cue",
        "wbare": "weekday",
    }.items()
}

# Tokens the scanner looks at: numbers, "(" and runs of letters.
_TOKEN = re.compile(r"\d+|\(|[^\W\d_]+")


def _first_token(phrase: str) -> str:
    """The scanner token a phrase begins with ('l'année' → 'l', 'mid-' → 'mid')."""
    match = _TOKEN.match(_norm(phrase))
    return match.group() if match else ""


def _lead_words(language: str | None) -> dict[str, set[str]]:
    """Lead class → the first tokens of the phrases of that class."""
    langs = LANGUAGES if language is None else (language,)
    ago = [_AGO[lang] for lang in langs]
    modifiers = _LEX["modifiers"]
    phrases = {
        "month": _forms(_LEX["months"], "names", LANGUAGES)
        + _forms(_LEX["months"], "abbreviations", LANGUAGES),
        "weekday": _forms(_LEX["weekdays"], "names", LANGUAGES)
        + _forms(_LEX["weekdays"], "abbreviations", LANGUAGES),
        "relative": list(_merged(_LEX["relative"], langs)),
        "modifier": [w for lang in langs for w in modifiers[lang]["prefix"]],
        "ago_number": [n for a in ago for n in a["numbers"]],
        "ago_fused": [u for a in ago for u in a["fused_units"]],
        "ago_prefix": [w for a in ago for w in a["past_prefix"] + a["future_prefix"]],
        "opener": _listed(_LEX["ranges"]["openers"], LANGUAGES),
        "year_cue": _listed(_LEX["year_cues"], LANGUAGES),
        "month_cue": _listed(_LEX["month_cues"], LANGUAGES),
    }
    return {lead: {_first_token(p) for p in items} for lead, items in phrases.items()}


@dataclass(frozen=True)
class _Grammar:
    """Compiled patterns for one language setting.

    ``combined`` maps a tuple of alternative indices (those that may begin with a given
    token) to one regex trying them in priority order. Trying only the plausible
    alternatives at token starts is what keeps a paragraph at tens of microseconds;
    ``alternatives`` holds each alternative alone, to fall back on when a candidate fails
    validation (31 February, '2-1 Mei').
    """

    alternatives: tuple[tuple[str, re.Pattern[str]], ...]
    position: dict[str, int]
    by_word: dict[str, tuple[int, ...]]
    digit: tuple[int, ...]
    paren: tuple[int, ...]
    combined: dict[tuple[int, ...], re.Pattern[str]]


def _compile(language: str | None) -> _Grammar:
    """All regexes for one language setting, compiled once."""
    built = [
        (key, f"(?P<{key}>{build(lambda name, key=key: f'{key}_{name}')})")
        for key, build in _alternatives(_Pieces(language))
    ]
    singles = tuple((key, re.compile(body, re.IGNORECASE)) for key, body in built)

    def indices(lead_of: Callable[[frozenset[str]], bool]) -> tuple[int, ...]:
        return tuple(i for i, (key, _) in enumerate(built) if lead_of(_LEADS[key]))

    by_word: dict[str, tuple[int, ...]] = {}
    lead_words = _lead_words(language)
    for word in set().union(*lead_words.values()):
        leads = {lead for lead, words in lead_words.items() if word in words}
        by_word[word] = indices(lambda own, leads=leads: bool(own & leads))
    digit = indices(lambda own: "digit" in own)
    paren = indices(lambda own: "paren" in own)
    combined = {
        group: re.compile("|".join(built[i][1] for i in group), re.IGNORECASE)
        for group in {*by_word.values(), digit, paren}
        if group
    }
    position = {key: i for i, (key, _) in enumerate(built)}
    return _Grammar(singles, position, by_word, digit, paren, combined)


@cache
def _grammar(language: str | None) -> _Grammar:
    """The grammar of one language setting, compiled when first needed: compiling all
    four takes a good share of start-up, and most runs read one or two languages."""
    return _compile(language)


_NAME_PREFIX = re.compile(rf"{_words(_LEX['name_prefixes']['words'])}{OSP}$", re.IGNORECASE)
_DOCUMENT_NUMBER = re.compile(
    rf"{_words(_LEX['document_numbers']['words'])}{OSP}[\w./-]+{SP}$", re.IGNORECASE
)
_PUBLISHED = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Between two full dates, a dash or a range word ('hingga', 'until', "jusqu'au") joins them.
_BETWEEN_ENDS = re.compile(
    rf"{OSP}(?:{_alternation(_LEX['ranges']['dashes'])}"
    rf"|{_alternation(_listed(_LEX['ranges']['connectors'], LANGUAGES))}){OSP}",
    re.IGNORECASE,
)
# A range longer than this is two separate dates ('from 2019 until 2024' is not one event).
MAX_JOINED_RANGE_DAYS = 366
_LANGUAGE_ALIASES = {"in": "id", "ind": "id", "eng": "en", "fra": "fr", "fre": "fr"}
_LOOKBEHIND = 40


# --------------------------------------------------------------------------- calendar


def _valid(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (31 February)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _exists(month: int, day: int) -> bool:
    """Whether the day-month exists in some year (2000 is a leap year)."""
    return _valid(2000, month, day) is not None


def _month_iso(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _cost(delta: int) -> int:
    """Distance from publication with the look-back bias: the future counts double."""
    return delta * FUTURE_WEIGHT if delta > 0 else -delta


def _year_for_day_month(month: int, day: int, pub: date, mod: str | None = None) -> int | None:
    """Year of a year-less day-month, from the publication date (see module docstring)."""
    candidates = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _valid(y, month, day))]
    if mod == "last":
        candidates = [d for d in candidates if d <= pub][-1:]
    elif mod == "next":
        candidates = [d for d in candidates if d >= pub][:1]
    elif mod == "this":
        candidates = [d for d in candidates if d.year == pub.year]
    if not candidates:
        return None
    return min(candidates, key=lambda d: _cost((d - pub).days)).year


def _year_for_month(month: int, pub: date, mod: str | None = None) -> int:
    """Year of a year-less month: same look-back rule, or the modifier's direction."""
    if mod == "this":
        return pub.year
    if mod == "last":
        return pub.year if month < pub.month else pub.year - 1
    if mod == "next":
        return pub.year if month > pub.month else pub.year + 1
    return min(
        (pub.year - 1, pub.year, pub.year + 1),
        key=lambda y: _cost((y - pub.year) * 12 + month - pub.month),
    )


def _date_for_weekday(
    month: int, day: int, weekday: int, pub: date | None, today: date
) -> tuple[date | None, list[str]]:
    """The year in which day-month falls on weekday: nearest publication, else latest past."""
    if pub is not None:
        best: tuple[int, date] | None = None
        # Years outward from publication (0, -1, +1, -2, …); the past wins ties.
        for step in range(2 * WEEKDAY_WINDOW_YEARS + 1):
            offset = (step + 1) // 2 * (1 if step % 2 == 0 else -1)
            if best is not None and (abs(offset) - 1) * 365 > best[0]:
                break  # no further year can be nearer
            found = _valid(pub.year + offset, month, day)
            if found and found.weekday() == weekday:
                distance = abs((found - pub).days)
                if best is None or distance < best[0] or (distance == best[0] and found < pub):
                    best = (distance, found)
        if best is None:
            return None, ["year_unknown"]
        far = ["year_from_weekday_far"] if best[0] > FAR_DAYS else []
        return best[1], ["year_from_weekday", *far]
    for year in range(today.year, today.year - 2 * WEEKDAY_WINDOW_YEARS - 1, -1):
        found = _valid(year, month, day)
        if found and found <= today and found.weekday() == weekday:
            return found, ["year_from_weekday", "no_publication_date"]
    return None, ["year_unknown"]


def _weekday_relative(pub: date, weekday: int, mod: str) -> date:
    """'last Tuesday', 'Jumat depan', 'ce vendredi', 'Senin pekan lalu'."""
    if mod == "last":
        return pub - timedelta(days=(pub.weekday() - weekday - 1) % 7 + 1)
    if mod == "next":
        return pub + timedelta(days=(weekday - pub.weekday() - 1) % 7 + 1)
    if mod == "latest":
        return pub - timedelta(days=(pub.weekday() - weekday) % 7)
    shift = {"previous_week": -7, "following_week": 7}.get(mod, 0)
    return pub - timedelta(days=pub.weekday()) + timedelta(days=shift + weekday)


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    y, m = divmod(year * 12 + month - 1 + offset, 12)
    return y, m + 1


# --------------------------------------------------------------------------- resolution


@dataclass(frozen=True)
class _Context:
    text: str
    published: date | None
    today: date
    language: str | None


# (start_date, end_date, precision, warnings) of a resolved expression.
_Resolved = tuple[str | None, str | None, Precision, list[str]]


def _resolve_day(
    ctx: _Context,
    day: int,
    month: int,
    year: int | None,
    weekday: int | None = None,
    mod: str | None = None,
) -> tuple[date | None, list[str]] | None:
    """A day-month with optional year, weekday and modifier; None if it is not a date."""
    if year is not None:
        found = _valid(year, month, day)
        if found is None:
            return None
        mismatch = weekday is not None and found.weekday() != weekday
        return found, ["weekday_mismatch"] if mismatch else []
    if not _exists(month, day):
        return None
    if weekday is not None:
        return _date_for_weekday(month, day, weekday, ctx.published, ctx.today)
    if ctx.published is None:
        return None, ["year_unknown"]
    inferred = _year_for_day_month(month, day, ctx.published, mod)
    if inferred is None:
        return None, ["year_unknown"]
    return _valid(inferred, month, day), ["year_inferred"]


def _day_resolved(result: tuple[date | None, list[str]]) -> _Resolved:
    found, warnings = result
    iso = found.isoformat() if found else None
    return iso, iso, "day", warnings


def _readings(a: int, b: int, language: str | None) -> list[tuple[int, int]]:
    """(day, month) readings of 'a/b': day-first except unambiguous English month-first."""
    day_first = [(a, b)] if 1 <= b <= 12 and _exists(b, a) else []
    if language != "en" or a > 12 or a == b:
        return day_first
    month_first = [(b, a)] if 1 <= a <= 12 and _exists(a, b) else []
    return month_first if b > 12 else day_first + month_first


def _resolve_numeric(
    ctx: _Context, a: int, b: int, year: int | None, weekday: int | None
) -> _Resolved | None:
    """'13/9/2018' and '(Kamis, 13/9)': pick the reading; a weekday may settle the order."""
    results = []
    for day, month in _readings(a, b, ctx.language):
        result = _resolve_day(ctx, day, month, year, weekday)
        if result is not None:
            results.append(result)
    if not results:
        return None
    if len(results) == 1:
        return _day_resolved(results[0])
    if weekday is not None and year is None:
        reference = ctx.published or ctx.today
        found = [r for r in results if r[0] is not None]
        if found:
            best = min(found, key=lambda r: abs((r[0] - reference).days))  # type: ignore[operator]
            return _day_resolved((best[0], [*best[1], "day_month_order_from_weekday"]))
    if weekday is not None:
        consistent = [r for r in results if "weekday_mismatch" not in r[1]]
        if len(consistent) == 1:
            found_date, warnings = consistent[0]
            return _day_resolved((found_date, [*warnings, "day_month_order_from_weekday"]))
    if year is None:
        return None, None, "day", ["ambiguous_day_month", "year_unknown"]
    return str(year), str(year), "year", ["ambiguous_day_month"]


def _resolve_range(
    ctx: _Context,
    start: tuple[int, int, int | None],
    end: tuple[int, int, int | None],
) -> _Resolved | None:
    """Two (day, month, year|None) ends; a missing year comes from the other end or publication."""
    (d1, m1, y1), (d2, m2, y2) = start, end
    wraps = (m2, d2) < (m1, d1)
    if y1 is None and y2 is not None:
        y1 = y2 - 1 if wraps else y2
    elif y2 is None and y1 is not None:
        y2 = y1 + 1 if wraps else y1
    warnings: list[str] = []
    if y1 is None or y2 is None:
        if not (_exists(m1, d1) and _exists(m2, d2)) or (m1, d1) == (m2, d2):
            return None
        inferred = _year_for_day_month(m1, d1, ctx.published) if ctx.published else None
        if inferred is None:
            return None, None, "day", ["year_unknown"]
        y1, y2 = inferred, inferred + 1 if wraps else inferred
        warnings.append("year_inferred")
    first, last = _valid(y1, m1, d1), _valid(y2, m2, d2)
    if first is None or last is None or last <= first:
        return None
    return first.isoformat(), last.isoformat(), "day", warnings


def _resolve_offset(ctx: _Context, unit: str, offset: int) -> _Resolved:
    """A signed offset in days, weeks, months or years from publication."""
    pub = ctx.published
    precision: Precision = "month" if unit == "week" else unit  # type: ignore[assignment]
    if pub is None:
        return None, None, precision, ["no_publication_date"]
    if unit == "day":
        iso = (pub + timedelta(days=offset)).isoformat()
        return iso, iso, "day", []
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=offset)
        sunday = monday + timedelta(days=6)
        first = _month_iso(monday.year, monday.month)
        last = _month_iso(sunday.year, sunday.month)
        return first, last, "month", ["week_coarsened"]
    if unit == "month":
        iso = _month_iso(*_shift_month(pub.year, pub.month, offset))
        return iso, iso, "month", []
    year = f"{pub.year + offset:04d}"
    return year, year, "year", []


# --------------------------------------------------------------------------- handlers


class _Match:
    """Access to one alternative's groups by their local names."""

    def __init__(self, match: re.Match[str], key: str) -> None:
        self.match = match
        self.key = key

    def __call__(self, name: str) -> str | None:
        try:
            return self.match.group(f"{self.key}_{name}")
        except IndexError:  # alternatives without this group ('dmy' has no modifier)
            return None

    def int(self, name: str) -> int | None:
        value = self(name)
        return int(value) if value else None

    def year(self, name: str) -> int | None:
        """Four-digit year, or a two-digit one read as 20yy (only in '13/9/18')."""
        value = self(name)
        if not value:
            return None
        return int(value) + 2000 if len(value) == 2 else int(value)

    def month(self, name: str) -> int:
        return _MONTH_NUMBER[_norm(self(name) or "")]

    def weekday(self, name: str) -> int:
        return _WEEKDAY_NUMBER[_norm(self(name) or "")]

    def modifier(self, name: str) -> str | None:
        value = self(name)
        return _MODIFIER[_norm(value)] if value else None

    def start(self, name: str) -> int:
        return self.match.start(f"{self.key}_{name}")


class _Impossible:
    """A well-formed expression naming a day that does not exist ('30 Februari 2019').

    Returned instead of None so that no shorter reading ('Februari 2019') is tried.
    """


_IMPOSSIBLE = _Impossible()


@dataclass(frozen=True)
class _Skip:
    """Outcome of a candidate that names no date: resume scanning at ``end``."""

    end: int


# (span start, resolution, kind); None: try the next alternative; _IMPOSSIBLE: skip it.
_Handled = tuple[int, _Resolved, Kind] | _Impossible | None


def _h_relative(g: _Match, ctx: _Context) -> _Handled:
    spec = _RELATIVE[_norm(g("p") or "")]
    return g.match.start(), _resolve_offset(ctx, spec["unit"], spec["offset"]), "relative"


def _h_ago(g: _Match, ctx: _Context) -> _Handled:
    direction = _norm(g("dir") or "")
    sign = 1 if direction in _AGO_FUTURE else -1
    if g("n") is None:
        unit, count = _AGO_FUSED[_norm(g("u") or "")], 1
    else:
        unit = _AGO_UNIT[_norm(g("u") or "")]
        number = _norm(g("n") or "")
        count = int(number) if number.isdigit() else _AGO_NUMBER[number]
    return g.match.start(), _resolve_offset(ctx, unit, sign * count), "relative"


def _h_weekday_relative(g: _Match, ctx: _Context) -> _Handled:
    mod = g.modifier("mod") or "this"
    if ctx.published is None:
        return g.match.start(), (None, None, "day", ["no_publication_date"]), "relative"
    iso = _weekday_relative(ctx.published, g.weekday("w"), mod).isoformat()
    return g.match.start(), (iso, iso, "day", []), "relative"


def _h_month_relative(g: _Match, ctx: _Context) -> _Handled:
    mod = g.modifier("mod")
    if ctx.published is None:
        return g.match.start(), (None, None, "month", ["no_publication_date"]), "relative"
    iso = _month_iso(_year_for_month(g.month("m"), ctx.published, mod), g.month("m"))
    return g.match.start(), (iso, iso, "month", []), "relative"


def _h_weekday_pair(g: _Match, ctx: _Context) -> _Handled:
    """'Kamis dan Jumat', 'du jeudi au samedi', 'on Monday to Wednesday': the days of
    the week the first one names (as :func:`_h_weekday_bare`), through the second."""
    span = (g.weekday("w2") - g.weekday("w1")) % 7
    if not span or not _pair_ok(g, consecutive=span == 1):
        return None
    if ctx.published is None:
        return g.match.start(), (None, None, "day", ["no_publication_date"]), "range"
    mod = g.modifier("o") if g("o") and _norm(g("o")) in _MODIFIER else None
    first = _weekday_relative(ctx.published, g.weekday("w1"), mod or "latest")
    last = first + timedelta(days=span)
    return g.match.start(), (first.isoformat(), last.isoformat(), "day", []), "range"


def _h_weekday_bare(g: _Match, ctx: _Context) -> _Handled:
    """A weekday named alone ('signé jeudi', 'signed the deal Thursday'): as news uses
    it, the most recent such day on or before publication."""
    if ctx.published is None:
        return g.match.start(), (None, None, "day", ["no_publication_date"]), "relative"
    iso = _weekday_relative(ctx.published, g.weekday("w"), "latest").isoformat()
    return g.match.start(), (iso, iso, "day", []), "relative"


def _h_weekday_range_numeric(g: _Match, ctx: _Context) -> _Handled:
    month = g.int("m") or 0
    return _weekday_range(g, ctx, g.int("d1") or 0, g.int("d2") or 0, month, g.year("y"))


def _h_weekday_range_named(g: _Match, ctx: _Context) -> _Handled:
    if not _pair_ok(g, consecutive=(g.int("d2") or 0) - (g.int("d1") or 0) == 1):
        return None
    return _weekday_range(g, ctx, g.int("d1") or 0, g.int("d2") or 0, g.month("m"), g.year("y"))


def _weekday_range(
    g: _Match, ctx: _Context, d1: int, d2: int, month: int, year: int | None
) -> _Handled:
    """'Rabu-Sabtu (12-15/9)': the first weekday fixes the year, the second is checked."""
    if not 1 <= month <= 12 or d2 <= d1 or not _exists(month, d2):
        return None
    result = _resolve_day(ctx, d1, month, year, g.weekday("w1"))
    if result is None:
        return None
    first, warnings = result
    if first is None:
        return g.match.start(), (None, None, "day", warnings), "range"
    last = _valid(first.year, month, d2)
    if last is None:
        return None
    if last.weekday() != g.weekday("w2") and "weekday_mismatch" not in warnings:
        warnings = [*warnings, "weekday_mismatch"]
    return g.match.start(), (first.isoformat(), last.isoformat(), "day", warnings), "range"


def _h_weekday_numeric(g: _Match, ctx: _Context) -> _Handled:
    resolved = _resolve_numeric(ctx, g.int("a") or 0, g.int("b") or 0, g.year("y"), g.weekday("w"))
    if resolved is None:
        return _IMPOSSIBLE
    return g.match.start(), resolved, "weekday_qualified"


def _h_weekday_named(g: _Match, ctx: _Context) -> _Handled:
    result = _resolve_day(ctx, g.int("d") or 0, g.month("m"), g.year("y"), g.weekday("w"))
    if result is None:
        return _IMPOSSIBLE
    return g.match.start(), _day_resolved(result), "weekday_qualified"


def _pair_ok(g: _Match, consecutive: bool) -> bool:
    """'dan', 'and', 'et' make a range only after 'antara/between/entre' or for consecutive ends."""
    connector = _norm(g("c") or "")
    if connector not in _PAIRS:
        return True
    opener = g("o")
    return consecutive or (opener is not None and _norm(opener) in _BETWEEN)


def _consecutive_days(d1: int, m1: int, d2: int, m2: int) -> bool:
    first, last = _valid(2001, m1, d1), _valid(2001, m2, d2)
    return bool(first and last and (last - first).days == 1)


def _h_range_dm_dm(g: _Match, ctx: _Context) -> _Handled:
    d1, m1, d2, m2 = g.int("d1") or 0, g.month("m1"), g.int("d2") or 0, g.month("m2")
    return _day_range(g, ctx, (d1, m1, g.year("y1")), (d2, m2, g.year("y2")))


def _h_range_d_dm(g: _Match, ctx: _Context) -> _Handled:
    if (g.int("d2") or 0) <= (g.int("d1") or 0):
        return None  # '2-1 Mei' is a score, not a range
    month, year = g.month("m"), g.year("y")
    return _day_range(g, ctx, (g.int("d1") or 0, month, year), (g.int("d2") or 0, month, year))


def _day_range(
    g: _Match, ctx: _Context, start: tuple[int, int, int | None], end: tuple[int, int, int | None]
) -> _Handled:
    if not _pair_ok(g, _consecutive_days(start[0], start[1], end[0], end[1])):
        return None
    resolved = _resolve_range(ctx, start, end)
    return None if resolved is None else (g.match.start(), resolved, "range")


def _h_range_m_m(g: _Match, ctx: _Context) -> _Handled:
    m1, m2, y2 = g.month("m1"), g.month("m2"), g.year("y2") or 0
    y1 = g.year("y1") or (y2 if m1 < m2 else y2 - 1)
    if (y1, m1) >= (y2, m2):
        return None
    if not _pair_ok(g, consecutive=(y2 * 12 + m2) - (y1 * 12 + m1) == 1):
        return None
    return g.match.start(), (_month_iso(y1, m1), _month_iso(y2, m2), "month", []), "range"


def _h_iso(g: _Match, ctx: _Context) -> _Handled:
    found = _valid(g.int("y") or 0, g.int("m") or 0, g.int("d") or 0)
    if found is None:
        return _IMPOSSIBLE
    return g.match.start(), _day_resolved((found, [])), "absolute"


def _h_numeric(g: _Match, ctx: _Context) -> _Handled:
    resolved = _resolve_numeric(ctx, g.int("a") or 0, g.int("b") or 0, g.year("y"), None)
    if resolved is None:
        return _IMPOSSIBLE
    return g.match.start(), resolved, "absolute"


def _h_day_month(g: _Match, ctx: _Context) -> _Handled:
    """'13 September 2018', 'September 13, 2018', '13 Sept', '13 September lalu'."""
    mod = g.modifier("mod") if g.key == "dm" else None
    result = _resolve_day(ctx, g.int("d") or 0, g.month("m"), g.year("y"), None, mod)
    if result is None:
        return _IMPOSSIBLE
    return g.match.start(), _day_resolved(result), "relative" if mod else "absolute"


def _h_month_year(g: _Match, ctx: _Context) -> _Handled:
    iso = _month_iso(g.year("y") or 0, g.month("m"))
    return g.match.start(), (iso, iso, "month", []), "absolute"


def _h_year_range(g: _Match, ctx: _Context) -> _Handled:
    y1, y2 = g.year("y1") or 0, g.year("y2") or 0
    if y2 <= y1 or _blocked_document_number(ctx.text, g.match.start()):
        return None
    if not _pair_ok(g, consecutive=y2 - y1 == 1):
        return None
    start = g.match.start() if g("o") else g.start("y1")
    return start, (str(y1), str(y2), "year", []), "range"


def _h_year(g: _Match, ctx: _Context) -> _Handled:
    if _blocked_document_number(ctx.text, g.match.start()):
        return None
    year = g("y")
    return g.start("y"), (year, year, "year", []), "absolute"


def _h_cue_month(g: _Match, ctx: _Context) -> _Handled:
    mod = g.modifier("mod")
    kind: Kind = "relative" if mod else "absolute"
    if ctx.published is None:
        warning = "no_publication_date" if mod else "year_unknown"
        return g.start("m"), (None, None, "month", [warning]), kind
    month = g.month("m")
    iso = _month_iso(_year_for_month(month, ctx.published, mod), month)
    return g.start("m"), (iso, iso, "month", [] if mod else ["year_inferred"]), kind


_HANDLERS: dict[str, Callable[[_Match, _Context], _Handled]] = {
    "rel": _h_relative,
    "ago": _h_ago,
    "agofused": _h_ago,
    "agoprefix": _h_ago,
    "wpair": _h_weekday_pair,
    "wbare": _h_weekday_bare,
    "wdprefix": _h_weekday_relative,
    "wdsuffix": _h_weekday_relative,
    "mprefix": _h_month_relative,
    "msuffix": _h_month_relative,
    "wrange_num": _h_weekday_range_numeric,
    "wrange_named": _h_weekday_range_named,
    "wparen": _h_weekday_numeric,
    "wnum_paren": _h_weekday_numeric,
    "wnamed": _h_weekday_named,
    "wnamed_md": _h_weekday_named,
    "wnum": _h_weekday_numeric,
    "range_dm_dm": _h_range_dm_dm,
    "range_d_dm": _h_range_d_dm,
    "range_md_md": _h_range_dm_dm,
    "range_md_d": _h_range_d_dm,
    "range_m_m": _h_range_m_m,
    "iso": _h_iso,
    "num": _h_numeric,
    "dmy": _h_day_month,
    "mdy": _h_day_month,
    "my": _h_month_year,
    "dm": _h_day_month,
    "md": _h_day_month,
    "year_range": _h_year_range,
    "year": _h_year,
    "cue_month": _h_cue_month,
}


def _blocked_name(text: str, start: int) -> bool:
    """'Jalan 17 Agustus', 'Universitas 17 Agustus 1945': part of a name, not a date."""
    return _NAME_PREFIX.search(text[max(0, start - _LOOKBEHIND) : start]) is not None


def _blocked_document_number(text: str, start: int) -> bool:
    """'Nomor 5 Tahun 2018' identifies a regulation rather than dating something."""
    return _DOCUMENT_NUMBER.search(text[max(0, start - _LOOKBEHIND) : start]) is not None


# --------------------------------------------------------------------------- public API


def _language(code: str | None) -> str | None:
    """'id', 'id-ID', 'IND' → 'id'; anything other than id/en/fr → None (all languages)."""
    if not code:
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    base = _LANGUAGE_ALIASES.get(base, base)
    return base if base in LANGUAGES else None


def _published(value: str | date | None) -> date | None:
    """A full publication date, from 'YYYY-MM-DD…' or a date; partial or bad values → None.

    Dates outside 1800-2199 are treated as metadata errors (and would overflow ``date``
    arithmetic at the ends of its range).
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        match = _PUBLISHED.match(value.strip())
        value = _valid(*(int(part) for part in match.groups())) if match else None
    if value is None or not PUBLISHED_YEARS[0] <= value.year <= PUBLISHED_YEARS[1]:
        return None
    return value


def _handle(key: str, match: re.Match[str], ctx: _Context) -> DateMention | _Skip | None:
    handled = _HANDLERS[key](_Match(match, key), ctx)
    if handled is None:
        return None
    if isinstance(handled, _Impossible):
        return _Skip(match.end())
    start, (start_date, end_date, precision, warnings), kind = handled
    end = match.end()
    return DateMention(
        start, end, ctx.text[start:end], start_date, end_date, precision, kind, warnings
    )


def _fallback(
    grammar: _Grammar, group: tuple[int, ...], key: str, at: int, ctx: _Context
) -> DateMention | _Skip | None:
    """After a rejected candidate, try the lower-priority alternatives at the same place."""
    for index in group:
        if index <= grammar.position[key]:
            continue
        other, pattern = grammar.alternatives[index]
        match = pattern.match(ctx.text, at)
        if match is not None and (outcome := _handle(other, match, ctx)) is not None:
            return outcome
    return None


def find_dates(
    text: str,
    *,
    published: str | date | None,
    language: str | None = None,
    today: date | None = None,
) -> list[DateMention]:
    """All date expressions in ``text``, resolved against the publication date.

    ``published`` is the document's publication date (``YYYY-MM-DD``, optionally with a
    time); anything less precise counts as unknown. ``language`` (``id``, ``en``, ``fr``)
    selects relative phrases and the English month-first readings; ``None`` allows all.
    ``today`` (default ``date.today()``) bounds weekday-derived years when there is no
    publication date. Mentions come in text order and never overlap; every mention's
    ``text == text[start:end]``.
    """
    ctx = _Context(text, _published(published), today or date.today(), _language(language))
    grammar = _grammar(ctx.language)
    mentions: list[DateMention] = []
    by_word, digit, paren = grammar.by_word, grammar.digit, grammar.paren
    done = 0  # mentions never overlap: skip tokens inside the last one
    for token in _TOKEN.finditer(text):
        at = token.start()
        if at < done:
            continue
        word = token.group()
        # Inlined for speed: this loop runs once per word of every document.
        group = digit if word[0].isdigit() else paren if word == "(" else by_word.get(word.lower())
        if not group or (match := grammar.combined[group].match(text, at)) is None:
            continue
        if _blocked_name(text, at):
            done = match.end()  # 'Universitas 17 Agustus 1945' is a name, all of it
            continue
        key = match.lastgroup or ""
        outcome = _handle(key, match, ctx) or _fallback(grammar, group, key, at, ctx)
        if isinstance(outcome, DateMention):
            mentions.append(outcome)
            done = outcome.end
        elif isinstance(outcome, _Skip):
            done = outcome.end  # '30 Februari 2019' is not a date, nor is part of it
    return _join_ranges(mentions, text)


def _join_ranges(mentions: list[DateMention], text: str) -> list[DateMention]:
    """'Selasa (1/8/2023) hingga Rabu (2/8/2023)': two full dates written as one range."""
    joined: list[DateMention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        if previous is not None and _ends_of_one_range(previous, mention, text):
            joined[-1] = DateMention(
                previous.start,
                mention.end,
                text[previous.start : mention.end],
                previous.start_date,
                mention.end_date,
                previous.precision,
                "range",
                [*previous.warnings, *(w for w in mention.warnings if w not in previous.warnings)],
            )
        else:
            joined.append(mention)
    return joined


def _ends_of_one_range(first: DateMention, second: DateMention, text: str) -> bool:
    if first.kind == "relative" or second.kind == "relative":
        return False
    if first.precision != "day" or second.precision != "day":
        return False
    if not (first.start_date and first.end_date and second.start_date and second.end_date):
        return False
    if not _BETWEEN_ENDS.fullmatch(text, first.end, second.start):
        return False
    days = (date.fromisoformat(second.end_date) - date.fromisoformat(first.start_date)).days
    return first.end_date < second.start_date and days <= MAX_JOINED_RANGE_DAYS
