"""Candidate mentions of places, organisations and people, before they become entities.

Three sources, in order of trust: patterns that name a government or a
mission around a place ("Pemprov Jawa Tengah", "City of Lyon", "Kedutaan
Besar Jepang"), the knowledge base (gazetteer matches, resolved by context),
and the statistical recogniser (people and names the knowledge base lacks).
Overlaps are settled by trust, then by length.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc

from jejaring.extract.annotations import text_of
from jejaring.extract.datelines import dateline_at, in_dateline_date
from jejaring.extract.dates import is_calendar_word
from jejaring.extract.kb import KnowledgeBase, Record
from jejaring.extract.spans import Occupied, overlapping
from jejaring.extract.stop_words import function_words

# A name right after a title ("Wali Kota Malang Sutiaji") outranks the statistical
# recogniser's reading of the same words ("Malang Sutiaji").
PRIORITY = {"pattern": 5, "title": 4, "person": 3, "kb": 2, "head": 2, "ner": 1}
# Heads too common at the start of other phrases to open an organisation's name.
AMBIGUOUS_HEADS = {"Forum", "Bank", "Group", "SA", "ST", "Institut", "Salon", "Radio", "Mission"}
NER_TYPES = {
    "PER": "person",
    "PERSON": "person",
    "ORG": "organization",
    "LOC": "place",
    "GPE": "place",
}
_CAPITALISED = re.compile(r"[A-Z0-9À-Ý][\w'’\-.]*")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    type: str
    subtype: str | None
    source: str
    record: Record | None = None
    jurisdiction: Mention | None = None
    attributes: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[int, int]:
        return self.start, self.end

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


@lru_cache(maxsize=1)
def organization_heads() -> list[tuple[str, str]]:
    """(head phrase, subtype), longest first, from the organisation head-word lexicon."""
    data = _lexicon("organization_heads.json")
    heads = [
        (head, subtype)
        for subtype, words in data.items()
        if not subtype.startswith("_")
        for head in words
    ]
    return sorted(heads, key=lambda pair: -len(pair[0]))


@dataclass(frozen=True)
class NamePattern:
    """A phrase around a place name {X}: "Pemprov {X}", "{X} City Council", "Kota {X}"."""

    prefix: str
    suffix: str
    type: str
    subtype: str
    level: str
    case_sensitive: bool
    place_subtypes: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def name_patterns() -> tuple[NamePattern, ...]:
    """Government, mission and place patterns from the knowledge base, longest first."""
    kb_dir = resources.files("jejaring.data") / "kb"
    governments = json.loads((kb_dir / "local_government_patterns.json").read_text("utf-8"))
    missions = json.loads((kb_dir / "diplomatic_mission_patterns.json").read_text("utf-8"))
    found = []
    for item in governments["patterns"]:
        found.append(
            _pattern(item["pattern"], "organization", item["subtype"], item["level"], item)
        )
    for item in missions["patterns"]:
        found.append(
            _pattern(item["pattern"], "organization", "diplomatic_mission", item["kind"], item)
        )
    for item in governments.get("place_patterns", []):
        found.append(_pattern(item["pattern"], "place", item["place_subtype"], item["level"], item))
    return tuple(sorted(found, key=lambda p: -(len(p.prefix) + len(p.suffix))))


def _pattern(text: str, kind: str, subtype: str, level: str, item: dict) -> NamePattern:
    prefix, suffix = text.split("{X}")
    allowed = item.get("place_subtypes") or item.get("x_subtypes") or [item.get("place_subtype")]
    return NamePattern(
        prefix,
        suffix,
        kind,
        subtype,
        level,
        bool(item.get("case_sensitive")),
        frozenset(a for a in allowed if a),
    )


def subtype_of_organization(name: str) -> str:
    for head, subtype in organization_heads():
        if name == head or name.startswith(head + " "):
            return subtype
    return "other"


def find_mentions(doc: Doc, kb: KnowledgeBase, context_countries: list[str]) -> list[Mention]:
    text = text_of(doc)
    kb_mentions = _kb_mentions(text, kb, context_countries)
    ner_mentions = _ner_mentions(doc)
    known_places = [m for m in kb_mentions if m.type == "place"]
    # A statistical place that the knowledge base knows as something else ("ASEAN") is
    # no place for a government pattern to wrap ("Wali Kota ASEAN" is no city).
    places = known_places + [
        m for m in ner_mentions if m.type == "place" and not any(m.overlaps(k) for k in kb_mentions)
    ]
    patterns = _government_mentions(text, places)
    patterns += [
        m
        for m in _government_mentions(text, _demonym_countries(text, kb))
        if m.subtype == "diplomatic_mission"
    ]
    patterns += _branches(text, kb_mentions)
    bodies = _headed_organizations(text, [*patterns, *kb_mentions])
    full_names = {m.start for m in ner_mentions if _rank_source(m) == "person"}
    people = _titled_people(text, [*patterns, *kb_mentions, *bodies], full_names)
    people += _appositive_people(text, [*patterns, *kb_mentions, *bodies, *people])
    headed = _headed_organizations(text, [*patterns, *kb_mentions, *people])
    settled = settle([*patterns, *people, *kb_mentions, *headed, *ner_mentions])
    settled = _short_names_of_people(settled, context_countries)
    return _without_concept_acronyms(text, _complete_lists(text, settled))


def _short_names_of_people(mentions: list[Mention], home: list[str]) -> list[Mention]:
    """One sense per document: once "Masaki Yasushi" is named, a bare "Masaki" is he,
    not the town abroad of that name (a town at home is more likely meant)."""
    words = {
        word
        for m in mentions
        if m.type == "person" and m.source in {"title", "ner"} and " " in m.text
        for word in m.text.split()
    }
    return [
        Mention(m.start, m.end, m.text, "person", None, "ner")
        if m.type == "place"
        and m.subtype == "city"
        and " " not in m.text
        and m.text in words
        and (m.record is None or m.record.country not in home)
        else m
        for m in mentions
    ]


_BRACKETED = re.compile(r"\(\s*([A-Z][A-Za-z0-9]{1,9})\s*\)")


def _without_concept_acronyms(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "New Urban Agenda (NUA)", "Sustainable Development Goals (SDG)": the acronym of an
    idea is no organisation, wherever it stands."""
    from jejaring.extract.themes import fold_key

    ideas = set()
    for match in _BRACKETED.finditer(text):
        words = fold_key(text[max(0, match.start() - 80) : match.start()]).split()[-6:]
        if any(" ".join(words[i:]) in _concepts() for i in range(len(words) - 1)):
            ideas.add(match.group(1))
    if not ideas:
        return mentions
    return [m for m in mentions if not (m.source in {"ner", "head"} and m.text in ideas)]


_LIST_GAP = re.compile(r"^\s*(?:,|;|dan|and|et|serta|,\s*(?:dan|and|et|serta))\s*$")
_LIST_ITEM = re.compile(r"\b[A-Z][A-Za-z0-9&'\-]*(?:\s+[A-Z][A-Za-z0-9&'\-]*){0,4}\b")


def _complete_lists(text: str, mentions: list[Mention]) -> list[Mention]:
    """In a list of organisations ("UCLG, GIZ, UNICEF, RDI, Vital Strategic"), the
    unknown members are organisations too: the list says what its items are."""
    ordered = sorted(mentions, key=lambda m: m.start)
    runs: list[list[Mention]] = []
    for mention in ordered:
        if runs and _LIST_GAP.match(text[runs[-1][-1].end : mention.start]):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    found = list(mentions)
    for run in runs:
        known = [m for m in run if m.source in {"kb", "pattern"}]
        if len(known) < 3 or sum(m.type == "organization" for m in known) * 2 <= len(known):
            continue
        for member in run:
            if member.source == "ner" and member.type != "organization":
                member.type, member.subtype = "organization", "other"
        added = _unnamed_members(text, run)
        found = [m for m in found if not (m.source == "ner" and any(m.overlaps(a) for a in added))]
        found += added
    return sorted(found, key=lambda m: m.start)


def _unnamed_members(text: str, run: list[Mention]) -> list[Mention]:
    """Capitalised items between or after the known members that nothing recognised."""
    found = []
    end = run[-1].end
    tail = re.match(r"(?:\s*,\s*(?:dan\s+|and\s+|et\s+)?[A-Z][^,.;\n]{0,40})+", text[end:])
    stretch_end = end + (tail.end() if tail else 0)
    for match in _LIST_ITEM.finditer(text, run[0].start, stretch_end):
        start, stop = match.span()
        if any(m.start < stop and start < m.end for m in run):
            continue
        before = text[max(run[0].start, start - 6) : start]
        if not re.search(r"(?:,|\bdan|\band|\bet)\s*$", before):
            continue
        found.append(Mention(start, stop, text[start:stop], "organization", "other", "ner"))
    return found


def settle(mentions: list[Mention]) -> list[Mention]:
    """Keep the most trusted, then longest, of overlapping mentions.

    A statistical mention never displaces an organisation the knowledge base
    or a pattern names ("UCLG ASPAC" is not a person), nor stretches a known
    place ("Jawa Tengah Jalin" in a headline); only a personal name may
    contain a place ("Budi Jakarta").
    """
    known = sorted((m for m in mentions if m.source in {"kb", "pattern"}), key=lambda m: m.start)
    starts = [m.start for m in known]
    longest = max((m.end - m.start for m in known), default=0)
    mentions = [
        m
        for m in mentions
        if not (
            m.source == "ner"
            and any(_displaces(m, k) for k in overlapping(known, starts, longest, m.start, m.end))
        )
    ]
    ranked = sorted(
        mentions, key=lambda m: (-PRIORITY[_rank_source(m)], -(m.end - m.start), m.start)
    )
    kept: list[Mention] = []
    taken = Occupied()
    for mention in ranked:
        if not taken.overlaps(mention.start, mention.end):
            kept.append(mention)
            taken.add(mention.start, mention.end)
    return sorted(kept, key=lambda m: m.start)


def _displaces(statistical: Mention, known: Mention) -> bool:
    if not statistical.overlaps(known):
        return False
    if known.start <= statistical.start and statistical.end <= known.end:
        return True
    return known.type == "organization" or statistical.type != "person"


def _rank_source(mention: Mention) -> str:
    if mention.source == "ner" and mention.type == "person" and " " in mention.text:
        return "person"  # a full personal name outranks a place inside it ("Budi Jakarta")
    return mention.source


# A town abroad is believed only when it is large, or its country is in the
# document: "Soni" (a first name) is also a village, "Voi" a town in Kenya.
MIN_FOREIGN_TOWN_POPULATION = 200_000


def _kb_mentions(text: str, kb: KnowledgeBase, context_countries: list[str]) -> list[Mention]:
    mentions = []
    matches = kb.find_mentions(text)
    places = [(m.key, m.candidates[0]) for m in matches if m.candidates[0].type == "place"]
    countries = set(context_countries) | {
        r.country for _, r in places if r.subtype == "country" and r.country
    }
    named = {m.candidates[0].id for m in matches if len(m.candidates) == 1}
    # a common word written as a name once ("City of Bogor") is that name everywhere
    named_words = {m.key for m in matches if m.common_word and _written_as_name(text, m)}
    for match in matches:
        if match.candidates[0].type == "place" and _names_something_else(text, match):
            continue  # "Persetujuan Paris", "Kyoto Protocol": a treaty, not the city
        # Other places are context; other mentions of the same name are not ("Dakar" twice
        # would otherwise vouch for Dakar region through Dakar city's country).
        nearby = [record for key, record in places if key != match.key]
        record = _named_elsewhere(match, named) or (
            kb.resolve(match.text, context_countries, nearby) or match.candidates[0]
        )
        if record.subtype == "city" and not _plausible_city(record, match, countries, named_words):
            continue
        mentions.append(
            Mention(
                match.start,
                match.end,
                match.text,
                record.type,
                record.subtype,
                "kb",
                record,
                attributes={"readings": match.candidates},
            )
        )
    return mentions


@lru_cache(maxsize=1)
def _place_named_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = _lexicon("place_named_things.json")
    before = "|".join(re.escape(w) for w in data["before"])
    after = "|".join(re.escape(w) for w in data["after"])
    return re.compile(rf"(?:^|\W)(?:{before})\s+$"), re.compile(rf"^\s+(?:{after})(?!\w)")


def _names_something_else(text: str, match) -> bool:
    before, after = _place_named_words()
    return bool(
        before.search(text[max(0, match.start - 30) : match.start])
        or after.match(text[match.end : match.end + 30])
        or _ends_a_venue_name(text, match.start)
    )


@lru_cache(maxsize=1)
def _venue_heads() -> frozenset[str]:
    return frozenset(_lexicon("place_named_things.json")["venue_heads"])


def _ends_a_venue_name(text: str, start: int) -> bool:
    """ "Gedung Gradhika Bhakti Praja": a place closing a capitalised run (up to four
    words) that a building's head word opens is part of that building's name."""
    words = text[max(0, start - 60) : start].split(" ")[:-1]
    run = []
    for word in reversed(words):
        if not word[:1].isupper() or not word.isalpha():
            break
        run.append(word)
        if word in _venue_heads():
            return True
        if len(run) == 4:
            break
    return False


def _named_elsewhere(match, named: set[str]) -> Record | None:
    """One sense per document: bare "Malang" is the Kota Malang the text names outright."""
    if len(match.candidates) < 2:
        return None
    chosen = [c for c in match.candidates if c.id in named]
    return chosen[0] if len(chosen) == 1 else None


def _branches(text: str, kb_mentions: list[Mention]) -> list[Mention]:
    """ "ICLEI Indonesia", "UNDP Indonesia": an organisation's office in a country."""
    by_start = {m.start: m for m in kb_mentions}
    found = []
    for mention in kb_mentions:
        if mention.type != "organization":
            continue
        country = by_start.get(mention.end + 1)
        if country is None or country.subtype != "country" or text[mention.end] != " ":
            continue
        found.append(
            Mention(
                mention.start,
                country.end,
                text[mention.start : country.end],
                "organization",
                mention.subtype,
                "pattern",
                attributes={"parent": mention.record.id if mention.record else None},
            )
        )
    return found


def _plausible_city(record: Record, match, countries: set[str], named_words: set[str]) -> bool:
    if match.common_word and match.key not in named_words:
        return False
    if record.country in countries:
        return True
    return (record.population or 0) >= MIN_FOREIGN_TOWN_POPULATION


@lru_cache(maxsize=1)
def _place_prefix_words() -> frozenset[str]:
    """The words that end the patterns' prefixes ("Kota", "City of", "Ville de")."""
    return frozenset(
        pattern.prefix.split()[-1].lower() for pattern in name_patterns() if pattern.prefix.strip()
    )


def _written_as_name(text: str, match) -> bool:
    """A word that is also a common word ("Bordeaux", "Nice", "Solo") names a place only
    where it is capitalised inside a sentence of ordinary case: not at a sentence's
    start and not in a headline, where every word has a capital."""
    start, end = match.start, match.end
    if not text[start].isupper():
        return False
    before = text[max(0, start - 200) : start].rstrip(" \t\"'“‘(«")
    if not before or before[-1] in ".!?:\n":
        return False
    previous = before.split()[-1]
    if previous[:1].isupper() and previous.lower() not in _place_prefix_words():
        return False  # "Gino Van Begin": inside a longer name, unless "Kota Solo"
    return not _in_title_case_line(text, start, end)


MAX_HEADLINE = 300  # characters: no headline is longer


def _headline_only(text: str, start: int, end: int) -> bool:
    """A name read only in a title-case headline ("Wali Kota Semarang Paparkan Program",
    "Bantul Jajaki Kerja Sama"), where every word has a capital, and nowhere else."""
    if start > MAX_HEADLINE:
        return False
    headline = text.find("\n", end, end + MAX_HEADLINE) > 0 > text.rfind("\n", 0, start)
    return headline and _in_title_case_line(text, start, end) and text.count(text[start:end]) < 2


def _in_title_case_line(text: str, start: int, end: int) -> bool:
    """Whether the span stands in a headline, a line where most words have a capital
    (a line longer than any headline is none, and is not read through)."""
    line_start = text.rfind("\n", max(0, start - MAX_HEADLINE), start) + 1
    line_end = text.find("\n", end, end + MAX_HEADLINE)
    if (line_start == 0 and start > MAX_HEADLINE) or (
        line_end < 0 and end + MAX_HEADLINE < len(text)
    ):
        return False
    line = text[line_start : line_end if line_end >= 0 else None]
    words = [w for w in line.split() if len(w) > 3]
    return sum(w[0].isupper() for w in words) > 0.6 * len(words)


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    """Words of the cooperation vocabulary ("mitra", "organisasi internasional", "kerja
    sama"): a capitalised run made only of them names an idea, not a body."""
    from jejaring.extract.themes import fold_key, load_lexicon

    categories = load_lexicon("relevance.json")["categories"]
    words = set(_lexicon("organization_heads.json")["_generic"])
    for name in ("cooperation", "international"):
        for by_strength in categories[name]["cues"].values():
            for cues in by_strength.values():
                for cue in cues:
                    words.update(fold_key(cue).split())
    return frozenset(words)


@lru_cache(maxsize=1)
def _concepts() -> frozenset[str]:
    """Theme phrases ("smart city", "green building"): ideas, not names of things."""
    from jejaring.extract.themes import fold_key, load_lexicon

    themes = load_lexicon("themes.json")["themes"]
    return frozenset(
        fold_key(cue)
        for theme in themes.values()
        for by_strength in theme["cues"].values()
        for cues in by_strength.values()
        for cue in cues
    )


_ARTICLE = re.compile(r"(?:The|La|Le|Les)\s+(?=[A-ZÀ-Ý])|L['’](?=[A-ZÀ-Ý])")


def _after_article(text: str, start: int, end: int) -> int:
    match = _ARTICLE.match(text, start, end)
    return match.end() if match else start


def _after_title(text: str, start: int, end: int) -> int:
    """Where a personal name starts when the recogniser took its title along."""
    from jejaring.extract.titles import title_pattern

    title = title_pattern().match(text, start, end)
    if title is None or title.end() >= end or not text[title.end()].isspace():
        return start
    return title.end() + len(text[title.end() : end]) - len(text[title.end() : end].lstrip())


def _holds_concept(folded: str) -> bool:
    """Whether a run of the words is a theme phrase ("gender based violence")."""
    words = folded.split()
    return any(
        " ".join(words[i:j]) in _concepts()
        for i in range(len(words))
        for j in range(i + 2, len(words) + 1)
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
        end -= 1
    return start, end


def _plausible_name(text: str, kind: str) -> bool:
    """A statistical mention is kept only if it reads like a name in cased news text.

    The model also learned from a lower-cased corpus, so it proposes common
    words ("mitra", "hambatan"); names here start with a capital, do not run
    over a line break, and are not theme phrases. A lone capitalised word is
    kept for people, and for organisations and places only as an acronym.
    """
    from jejaring.extract.themes import fold_key

    if "\n" in text.strip() or not text[:1].isupper() or fold_key(text) in _concepts():
        return False
    words = text.split()
    if kind == "person":
        if all(w.lower() in _PARTICLES for w in words):
            return False  # "Le maire …": an article, not a name
        if all(w.lower() in function_words() for w in words):
            return False  # "Elle bénéficie …", "Ia mengatakan …": a pronoun, not a name
        from jejaring.extract.titles import title_pattern

        if title_pattern().fullmatch(text):
            return False  # "Resident Representative": a title, the name comes with it
        if _holds_concept(fold_key(text)):
            return False  # "Penanggulangan Gender-Based Violence" is a topic
        capitalised = all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)
        return capitalised and any(ch.islower() for ch in text) and "." not in words[-1][:-1]
    if any(w[:1].islower() and len(w) > 3 and w not in _CONNECTORS for w in words):
        return False  # "Mitra Organisasi Internasional bertujuan …" is a clause, not a name
    if all(w in _generic_words() for w in fold_key(text).split()):
        return False  # "Mitra Organisasi Internasional": partner organisations, no name
    return len(words) > 1 or (text.isupper() and len(text) >= 3)


_CONNECTORS = {"dan", "untuk", "and", "for", "the", "des", "pour", "with", "dengan"}
# Lower-case words that belong inside personal names.
_PARTICLES = {
    "bin",
    "binti",
    "van",
    "von",
    "de",
    "da",
    "di",
    "del",
    "della",
    "der",
    "al",
    "el",
    "la",
    "le",
    "du",
    "dos",
    "das",
    "ibn",
    "bte",
}


# The rest of a capitalised name, ending in a year: the name is an event's edition.
_YEAR_ENDS_NAME = re.compile(r"(?:[ \t]+[A-ZÀ-Ý][\w'’\-]*){0,3}[ \t]+(?:19|20)\d{2}(?!\d)")
_ADMINISTRATIVE = re.compile(r"^(?:Provinsi|Kota|Kabupaten|Province|City|Region|Région)\s", re.I)


def _ner_mentions(doc: Doc) -> list[Mention]:
    mentions = []
    text = text_of(doc)
    for ent in doc.ents:
        kind = NER_TYPES.get(ent.label_)
        start, end = _trimmed(text, ent.start_char, ent.end_char)
        if kind in {"organization", "place"}:
            start = _after_article(text, start, end)  # "The World Bank" is "World Bank"
        if kind == "person":
            start = _after_title(text, start, end)  # "Dubes Masaki" is "Masaki"
        if kind is None or start >= end or not _plausible_name(text[start:end], kind):
            continue
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
            continue  # inside a word or a compound ("Gender-Based Violence")
        if kind == "person" and _headline_only(text, start, end):
            continue  # "Bantul Jajaki Kerja Sama …": headline words, no name
        if kind == "place" and _ADMINISTRATIVE.match(text[start:end]):
            continue  # "Provinsi X" where X is no province the knowledge base knows
        if kind == "organization" and dateline_at(text, start):
            continue  # "MANGUPURA - …": where the report was filed, not a body
        if in_dateline_date(text, start, end):
            continue  # "MAKASSAR, KOMPAS - …": the agency that filed the report
        if kind == "organization" and _YEAR_ENDS_NAME.match(text, end):
            continue  # "Forum Kota Hijau Asia 2024": an edition of an event, not a body
        subtype = subtype_of_organization(ent.text) if kind == "organization" else None
        if kind == "place":
            subtype = "other"
        mentions.append(Mention(start, end, text[start:end], kind, subtype, "ner"))
    return mentions


def _government_mentions(text: str, places: list[Mention]) -> list[Mention]:
    """Governments, missions and places named around a place: "Pemprov {X}", "{X} Embassy"."""
    found = []
    for named_place in places:
        for pattern in name_patterns():
            place = _as_reading(named_place, pattern.place_subtypes)
            if place is None:
                continue
            span = _around(text, place, pattern)
            if span is None:
                continue
            start, end = span
            head = (pattern.prefix or pattern.suffix).strip()
            if pattern.type == "place":
                found.append(
                    Mention(
                        start,
                        end,
                        text[start:end],
                        "place",
                        place.subtype,
                        "pattern",
                        place.record,
                        attributes={"level": pattern.level},
                    )
                )
            else:
                found.append(
                    Mention(
                        start,
                        end,
                        text[start:end],
                        "organization",
                        pattern.subtype,
                        "pattern",
                        jurisdiction=place,
                        attributes={"head": head, "level": pattern.level},
                    )
                )
            break
    return found


@lru_cache(maxsize=1)
def _demonyms() -> tuple[re.Pattern[str], dict[str, str]]:
    data = json.loads(
        (resources.files("jejaring.data") / "kb" / "demonyms.json").read_text("utf-8")
    )
    countries = {word: code for code, words in data["en"].items() for word in words}
    alternation = "|".join(re.escape(w) for w in sorted(countries, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternation})(?!\w)"), countries


def _demonym_countries(text: str, kb: KnowledgeBase) -> list[Mention]:
    """Countries named by their adjective ("the Korean Embassy"): read only to name a
    mission, never kept as places of their own."""
    pattern, countries = _demonyms()
    found = []
    for match in pattern.finditer(text):
        record = kb.get(f"iso3166-1:{countries[match.group()]}")
        if record is not None:
            found.append(
                Mention(match.start(), match.end(), match.group(), "place", "country", "kb", record)
            )
    return found


def _as_reading(place: Mention, subtypes: frozenset[str]) -> Mention | None:
    """The place read as one of ``subtypes``: "Conseil départemental de Dakar" is Dakar
    region, though "Dakar" alone is the city."""
    if place.record is None or place.subtype in subtypes:
        return place
    for record in place.attributes.get("readings", ()):
        if record.subtype in subtypes and record.type == "place":
            return Mention(
                place.start, place.end, place.text, "place", record.subtype, "kb", record
            )
    return None


_PARENTHETICAL = re.compile(r"\(\s*[^()\n]{1,30}\s*\)\s*$")


def _around(text: str, place: Mention, pattern: NamePattern) -> tuple[int, int] | None:
    """Where ``pattern`` wraps ``place``, allowing "Pemerintah Provinsi (Pemprov) {X}"."""
    start, end = _prefix_core(text, place, pattern), place.end
    if pattern.prefix:
        before = text[max(0, start - len(pattern.prefix) - 40) : start]
        parenthetical = _PARENTHETICAL.search(before)
        head_end = len(before) - (len(parenthetical.group(0)) if parenthetical else 0)
        head = before[:head_end]
        if parenthetical:
            head = head.rstrip() + " "
        if not _ends_with(head, pattern.prefix, pattern.case_sensitive):
            return None
        start = start - len(before) + len(head.rstrip() if parenthetical else head)
        start -= len(pattern.prefix.rstrip()) if parenthetical else len(pattern.prefix)
        if start > 0 and text[start - 1].isalnum():
            return None
    if pattern.suffix:
        end = _suffix_end(text, place, pattern)
        if end is None:
            return None
    if not pattern.prefix and not pattern.suffix:
        return None
    return start, end


def _prefix_core(text: str, place: Mention, pattern: NamePattern) -> int:
    """Where the place's own name starts for ``pattern``'s prefix: "Balai Kota Makassar",
    where the knowledge base read "Kota Makassar", is "Balai Kota {Makassar}"."""
    if not pattern.prefix:
        return place.start
    for index in [i + 1 for i, ch in enumerate(place.text) if ch == " "]:
        core = place.start + index
        head = core - len(pattern.prefix)
        written = _equal(text[max(0, head) : core], pattern.prefix, pattern.case_sensitive)
        if written and head < place.start and (head == 0 or not text[head - 1].isalnum()):
            return core
    return place.start


def _suffix_end(text: str, place: Mention, pattern: NamePattern) -> int | None:
    """Where ``pattern``'s suffix ends after the place, or after a shorter reading of it.

    "Surabaya City Hall": the knowledge base read "Surabaya City", so "{X} City
    Hall" is tried on "Surabaya" too. Only readings whose dropped words begin
    the suffix count.
    """
    cores = [place.end] + [
        place.start + i for i in range(len(place.text) - 1, 0, -1) if place.text[i] == " "
    ]
    for core in cores:
        end = core + len(pattern.suffix)
        if end <= place.end or (end < len(text) and text[end].isalnum()):
            continue
        if _equal(text[core:end], pattern.suffix, pattern.case_sensitive):
            return end
    return None


def _ends_with(text: str, suffix: str, case_sensitive: bool) -> bool:
    return text.endswith(suffix) if case_sensitive else text.lower().endswith(suffix.lower())


def _equal(first: str, second: str, case_sensitive: bool) -> bool:
    return first == second if case_sensitive else first.lower() == second.lower()


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    """A personal name after its honorifics, as written after a title."""
    abbreviated = "|".join(
        re.escape(a.rstrip(".")) for a in _lexicon("person_titles.json")["name_abbreviations"]
    )
    return re.compile(
        r"(?:(?:Dr|Drs|Dra|Ir|Prof|H|Hj|KH|Mr|Mrs|Ms|M|Mme)\.?\s+)*"
        # a full stop only after an initial ("Eri C. Putra") or an abbreviated given
        # name ("Moh. Ramdhan"), never ending a sentence inside
        rf"((?:[A-ZÀ-Ý][\w'’\-]*\s+|[A-ZÀ-Ý]\w?\.\s+|(?:{abbreviated})\.\s+){{0,3}}"
        r"[A-ZÀ-Ý][\w'’\-]*[\w])"
    )


_LINKS = re.compile(
    r"(?:\s+(?:untuk|di|dari|of|for|in|de|du|des|d'|la|le|RI|Republik\s+"
    r"Indonesia|Republic\s+of|Kerajaan|Kingdom\s+of|Royaume\s+du)\b)*\s*,?\s*"
)


def _titled_people(
    text: str, named: list[Mention], full_names: set[int] = frozenset()
) -> list[Mention]:
    """A capitalised name right after an official title (and the body it serves) is a person.

    "Gubernur Jawa Barat Ridwan Kamil", "Duta Besar Maroko untuk Republik Indonesia
    Quadia Benabdellah": the title, then places or bodies, then the name. After the
    title's own place, a place where the recogniser saw a full personal name begin
    (``full_names``) starts the name instead ("… untuk Indonesia Masaki Yasushi",
    Masaki also being a town), but "Wakil Bupati Hualien Chen" keeps Hualien.
    """
    from jejaring.extract.titles import title_pattern

    by_start = {m.start: m for m in sorted(named, key=lambda m: m.end - m.start)}
    people = []
    for title in title_pattern().finditer(text):
        if _inside_event_name(text, title.start()):
            continue  # "Forum Wali Kota Asia Pasifik" names a meeting, not a mayor
        position = title.end()
        # "Wali Kota Malang": the place's own name may begin inside the title ("Kota Malang")
        covering = [m for m in named if m.start < position < m.end]
        position = max((m.end for m in covering), default=position)
        after_comma = False
        stepped = 0
        for _ in range(4):  # step over the bodies and places named with the title
            link = _LINKS.match(text, position).group(0)
            position += len(link)
            after_comma = "," in link
            inner = by_start.get(position)
            if inner is None or after_comma or (stepped and position in full_names):
                break  # the name is next (the title's own place comes first, always)
            position = inner.end
            stepped += 1
        name_starts = full_names if stepped else frozenset()
        link = _LINKS.match(text, position).group(0)
        position += len(link)
        after_comma = after_comma or "," in link
        match = _name_pattern().match(text, position)
        inside = [
            m
            for m in named
            if match
            and match.start(1) <= m.start < m.end < match.end(1)
            and m.start not in name_starts
        ]
        if inside and not _name_after_comma(
            after_comma, match
        ):  # "Daerah Souss Massa Abdeljebar …"
            position = max(m.end for m in inside)
            position += len(_LINKS.match(text, position).group(0))
            match = _name_pattern().match(text, position)
        if match is None:
            match = _name_after_body(text, title.end(), named)
        if match is None or (
            match.start(1) in by_start
            and match.start(1) not in name_starts
            and not _name_after_comma(after_comma, match)
        ):
            continue
        start, end = _strip_degrees(text, *match.span(1))
        name = text[start:end]
        if "\n" in text[title.end() : end] or not _looks_personal(name):
            continue
        if _headline_only(text, start, end):
            continue  # "Wali Kota Semarang Paparkan Program Banjir": headline words, no name
        if any(m.start < end and start < m.end and m.source == "pattern" for m in named):
            continue
        people.append(
            Mention(start, end, name, "person", None, "title", attributes={"title": title.group(0)})
        )
    return people


_APPOSITIVE_NAME_END = re.compile(r"\s*(?:[,(]|$)")
_SPACES = re.compile(r" *")


def _name_after_body(text: str, title_end: int, named: list[Mention]) -> re.Match[str] | None:
    """ "le gouverneur de la province indonésienne de Java oriental, Khofifah Indar
    Parawansa, …": words the gazetteer does not step over, then a comma and a name of
    two words or more set off by a comma. Only when a place or body the title serves is
    named before that comma."""
    comma = text.find(",", title_end, title_end + 90)
    if comma < 0 or any(ch in text[title_end:comma] for ch in ".;:!?\n"):
        return None
    if not _LINKS.match(text, title_end).group(0).strip(" ,"):
        return None  # "le gouverneur de …", not "le gouverneur a évoqué …"
    if not any(
        title_end <= m.start and m.end <= comma and m.type in {"place", "organization"}
        for m in named
    ):
        return None
    match = _name_pattern().match(text, _SPACES.match(text, comma + 1).end())
    if match is None or len(match.group(1).split()) < 2:
        return None
    return match if _APPOSITIVE_NAME_END.match(text, match.end(1)) else None


def _name_after_comma(after_comma: bool, match: re.Match[str]) -> bool:
    """ "Duta Besar Jepang, Masaki Yasushi": after a comma, a name of two words or more
    may begin with a word the gazetteer knows as a town."""
    return after_comma and len(match.group(1).split()) > 1


_APPOSITIVE = re.compile(
    r"([A-ZÀ-Ý][\w'’\-]+(?:\s+(?:[A-ZÀ-Ý][\w'’\-]+|van|von|de|da|bin|binti|el|al)){1,3})"
    r"\s*,\s*(?:(?:the|le|la|sang)\s+|l['’])?$"
)


def _appositive_people(text: str, named: list[Mention]) -> list[Mention]:
    """A name right before a comma and a title is a person: "Barthélémy Dias, maire de
    Dakar", "Ricardo Nunes, Mayor of São Paulo"."""
    from jejaring.extract.titles import title_pattern

    people = []
    for title in title_pattern().finditer(text):
        before = text[max(0, title.start() - 80) : title.start()]
        match = _APPOSITIVE.search(before)
        if match is None:
            continue
        end = title.start() - len(before) + match.end(1)
        start = _name_start(text, end - len(match.group(1)), end, named)
        name = text[start:end]
        if len(name.split()) < 2 or "\n" in name or not _looks_personal(name):
            continue
        if any(m.start < end and start < m.end for m in named if m.type == "person"):
            continue  # already read, from the title before it
        people.append(
            Mention(start, end, name, "person", None, "title", attributes={"title": title.group(0)})
        )
    return people


def _name_start(text: str, start: int, end: int, named: list[Mention]) -> int:
    """Past the places, bodies and function words that open a run of capitalised words:
    "Kerajaan Maroko Hasrul Azwar" is "Hasrul Azwar", "Selon Barthélémy Dias" is
    "Barthélémy Dias"."""
    moved = True
    while moved and start < end:
        moved = False
        for mention in named:
            if mention.type != "person" and mention.start <= start < mention.end:
                start, moved = mention.end, True
        word = text[start:end].split(" ", 1)[0]
        if word.lower() in function_words():
            start, moved = start + len(word), True
        while start < end and text[start] == " ":
            start += 1
    return start


@lru_cache(maxsize=1)
def _event_heads() -> frozenset[str]:
    heads = _lexicon("events.json")["heads"]
    return frozenset(word.lower() for words in heads.values() for word in words)


def _inside_event_name(text: str, title_start: int) -> bool:
    """A capitalised event word right before the title ("Forum", "Konferensi")."""
    before = text[max(0, title_start - 40) : title_start].split()
    return bool(before) and before[-1][:1].isupper() and before[-1].lower() in _event_heads()


@lru_cache(maxsize=1)
def _single_word_heads() -> frozenset[str]:
    return frozenset(head for head, _ in organization_heads() if " " not in head)


def _looks_personal(name: str) -> bool:
    """Not an acronym ("UTC"), not an organisation's name ("Dewan Daerah"), and not a
    headline's words ("Dubes Belanda, Bahas Kerja Sama")."""
    from jejaring.extract.themes import fold_key

    if not any(ch.islower() for ch in name):
        return False
    if all(is_calendar_word(word) for word in name.split()):
        return False  # "…, Rabu (24/1)": the day, not a name
    if any(word in _generic_words() for word in fold_key(name).split()):
        return False
    from jejaring.extract.titles import title_pattern

    if title_pattern().match(name):
        return False  # "Duta Besar RI": a title and its country, the name comes later
    if any(word in _single_word_heads() for word in name.split()):
        return False
    if fold_key(name.split()[0]) in _portfolios():
        return False  # "Menteri Perdagangan dan Investasi": the post's portfolio
    return subtype_of_organization(name) == "other" and not any(
        name == head or name.startswith(head + " ") for head, _ in organization_heads()
    )


@lru_cache(maxsize=1)
def _portfolios() -> frozenset[str]:
    from jejaring.extract.themes import fold_key

    return frozenset(fold_key(w) for w in _lexicon("person_titles.json")["portfolios"])


@lru_cache(maxsize=1)
def _degrees() -> frozenset[str]:
    data = _lexicon("person_titles.json")
    return frozenset(d.rstrip(".").replace(".", "") for d in data["suffixes"])


def _strip_degrees(text: str, start: int, end: int) -> tuple[int, int]:
    """ "Akhmad Najib SH MHum" → "Akhmad Najib": academic degrees are not part of a name."""
    words = text[start:end].split(" ")
    while len(words) > 1 and words[-1].rstrip(".").replace(".", "") in _degrees():
        end -= len(words.pop()) + 1
    return start, end


_TRAILING_JOINT = re.compile(
    r"(?:[\s,\-]+(?:dan|and|of|for|de|du|des|la|et|&|untuk|pada))*[\s,\-]*$"
)


@lru_cache(maxsize=1)
def _headed_pattern() -> re.Pattern[str]:
    heads = [h for h, _ in organization_heads() if h[:1].isupper() and h not in AMBIGUOUS_HEADS]
    alternation = "|".join(re.escape(h) for h in heads)
    word = r"(?:[A-Z][\w'’\-]*|[0-9]+)"
    # names do not run over a line break: joints are spaces and tabs only
    joint = r"(?:[ \t]+(?:dan|and|of|for|de|du|des|la|et|&|untuk|pada)[ \t]+|[ \t]+)"
    # a head alone is kept only when a proper name stands before it ("Wageningen University")
    return re.compile(rf"(?<![\w\-])(?:{alternation})(?:{joint}{word})*(?![\w\-])")


def _headed_organizations(text: str, named: list[Mention]) -> list[Mention]:
    """ "Kementerian Dalam Negeri", "Biro Kerja Sama Daerah": a head word and capitalised words.

    The name stops where a government, place or organisation the knowledge
    base knows begins ("Dinas Pariwisata | Jawa Barat").
    """
    from jejaring.extract.themes import fold_key

    found = []
    for match in _headed_pattern().finditer(text):
        start, end = match.span()
        for other in named:
            if other.subtype == "country" and other.end == match.end():
                continue  # "Asosiasi Pemerintah Kota Indonesia": the country ends the name
            if start < other.start < end:
                end = min(end, other.start)
        name = _TRAILING_JOINT.sub("", text[start:end])
        end = start + len(name)
        subtype = subtype_of_organization(name)
        named_before = _named_before_head(text, start, match.group(0).split()[0])
        if named_before == start and name in _head_words():
            continue  # "Pemerintah Daerah", "Conseil régional": a head alone names no body
        start = named_before
        name = text[start:end]
        if len(name.split()) < 2 or any(o.start <= start and end <= o.end for o in named):
            continue
        if all(word in _generic_words() for word in fold_key(name).split()):
            continue  # "City Council": a kind of body, no particular one
        found.append(Mention(start, end, name, "organization", subtype, "head"))
    return found


@lru_cache(maxsize=1)
def _head_words() -> frozenset[str]:
    return frozenset(head for head, _ in organization_heads())


@lru_cache(maxsize=1)
def _trailing_heads() -> frozenset[str]:
    return frozenset(_lexicon("organization_heads.json")["_trailing"])


def _name_word(word: str) -> bool:
    """A capitalised word that may belong to a name ("Seattle-Nantes" too)."""
    return (
        word[:1].isupper()
        and word.replace("-", "").isalpha()
        and word.lower() not in function_words()
    )


def _named_before_head(text: str, start: int, head: str) -> int:
    """ "Wageningen University", "Korea Foundation": in English the proper name (often a
    place) stands before a head word like these; up to three capitalised words."""
    if head not in _trailing_heads():
        return start
    line_start = text.rfind("\n", max(0, start - 80), start) + 1 or max(0, start - 80)
    words = text[line_start:start].split(" ")[:-1]
    taken = 0
    while taken < 3 and taken < len(words) and _name_word(words[-1 - taken]):
        taken += 1
    if taken == len(words) and taken:  # the line's first words: perhaps a headline's
        return start
    return start - sum(len(w) + 1 for w in words[len(words) - taken :])


def _lexicon(name: str) -> dict:
    return json.loads(resources.files("jejaring.data.lexicons").joinpath(name).read_text("utf-8"))
