"""The ``jejaring_events_v1`` component: named events with dates, place, organisers, people.

An event is found by its name: a run of capitalised words around a word
that names a kind of event ("7th UCLG ASPAC Congress", "Kongres ke-7 UCLG
ASPAC", "pertemuan Mitra Organisasi Internasional"). Names of one event are
grouped by word overlap. Its other fields come from the sentences around
its mentions: the nearest date, a place introduced by "di"/"in"/"à", the
organisations said to organise or host it (or named inside its name), the
participants in sentences about attending, and a participant count.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span

from jejaring.extract.annotations import get_list, text_of
from jejaring.extract.datelines import datelines, in_dateline_date
from jejaring.extract.kb import normalize
from jejaring.extract.phrases import phrase_pattern
from jejaring.extract.stop_words import stop_words

_ORDINAL = re.compile(r"^(\d+(st|nd|rd|th|e|er|ème)?|ke-?\d+|[IVX]+|\d{4})$", re.I)
_QUOTED_THEME = re.compile(
    r"(?:bertema|bertajuk|mengusung tema|dengan tema|tema|theme[d]?|motto|slogan|sous le thème|"
    r"le thème|thème)\s*:?\s*[\"“«']\s*([^\"”»'\n]{6,160}?)\s*[\"”»']",
    re.I,
)
# Events held online: no place unless the text names one.
ONLINE_TYPES = {"webinar"}
PARTICIPANT_KINDS = {
    ("organization", "local_government"),
    ("place", "city"),
    ("place", "region"),
    ("organization", "national_government"),
    ("organization", "city_network"),
    ("organization", "intergovernmental"),
    ("organization", "development_agency"),
    ("organization", "diplomatic_mission"),
    ("organization", "ngo"),
    ("organization", "other"),
    ("organization", "academic"),
    ("organization", "business"),
    ("place", "country"),
    ("person", None),  # officials attending ("dihadiri oleh Gubernur X, Duta Besar Y")
}


@lru_cache(maxsize=1)
def lexicon() -> dict:
    text = resources.files("jejaring.data.lexicons").joinpath("events.json").read_text("utf-8")
    return json.loads(text)


def _phrases(name: str) -> re.Pattern[str]:
    """The lexicon's phrase list ``name`` as one pattern, compiled once."""
    return phrase_pattern(tuple(lexicon()[name]))


@lru_cache(maxsize=1)
def _head_pattern() -> re.Pattern[str]:
    heads = [(h, t) for t, words in lexicon()["heads"].items() for h in words]
    alternation = "|".join(re.escape(h) for h, _ in sorted(heads, key=lambda p: -len(p[0])))
    return re.compile(rf"(?<!\w)({alternation})(?!\w)", re.I)


@lru_cache(maxsize=1)
def _head_types() -> dict[str, str]:
    return {h: t for t, words in lexicon()["heads"].items() for h in words}


@dataclass
class EventName:
    start: int
    end: int
    text: str
    type: str
    sentence: Span
    capitalised: bool


@dataclass
class EventGroup:
    names: list[EventName] = field(default_factory=list)
    references: list[EventName] = field(default_factory=list)  # "pertemuan ini", "the congress"
    acronyms: list[EventName] = field(default_factory=list)  # "(MGMAC)" and its later uses

    @property
    def first(self) -> EventName:
        return min(self.names, key=lambda n: n.start)


@Language.factory(
    "jejaring_events_v1",
    assigns=["doc._.jj_events"],
    requires=["doc._.jj_entities", "doc._.jj_dates", "token.is_sent_start"],
)
def make_events(nlp: Language, name: str) -> EventFinder:
    return EventFinder()


class EventFinder:
    def __call__(self, doc: Doc) -> Doc:
        found = find_event_names(doc)
        groups = _named_outside_headlines(doc, group_names([n for n in found if n.capitalised]))
        _attach_references(doc, groups, [n for n in found if not n.capitalised])
        _attach_acronyms(doc, groups)
        events = get_list(doc, "jj_events")
        for number, group in enumerate(groups, start=1):
            events.append(build_event(doc, group, f"v{number}"))
        _share_with_companions(doc, groups, events)
        if len(events) == 1:
            _labelled_fields(doc, events[0])
        _drop_entities_that_are_events(doc, groups, events)
        return doc


def _named_outside_headlines(doc: Doc, groups: list[EventGroup]) -> list[EventGroup]:
    """A headline capitalises every word ("Gubernur Terima Kunjungan Dubes"): a name seen
    only there is no name unless the body names the event too."""
    return [g for g in groups if not all(_in_headline(text_of(doc), n.start) for n in g.names)]


def _in_headline(text: str, position: int) -> bool:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start : end if end >= 0 else len(text)].strip()
    if not line or line[-1] in '.!?"”' or len(line.split()) > 25:
        return False  # a sentence of the body, however many names it holds
    words = [w for w in line.split() if len(w) > 3]
    capitalised = sum(w[:1].isupper() for w in words)
    return len(words) >= 4 and capitalised >= 0.75 * len(words)


def _drop_entities_that_are_events(doc: Doc, groups: list[EventGroup], events: list[dict]):
    """ "ASEAN Mayors Forum" named as a whole is the event, not an organisation beside it."""
    names = {normalize(n.text) for group in groups for n in [*group.names, *group.acronyms]}
    entities = doc._.jj_entities or []
    gone = {
        e["id"]
        for e in entities
        if e["type"] == "organization" and any(normalize(m["text"]) in names for m in e["mentions"])
    }
    if not gone:
        return
    entities[:] = [e for e in entities if e["id"] not in gone]
    for event in events:
        event["organizers"] = [o for o in event["organizers"] if o not in gone]
        event["hosts"] = [h for h in event["hosts"] if h not in gone]
        event["participants"] = [p for p in event["participants"] if p["entity"] not in gone]
    for entity in entities:
        entity["roles"] = [r for r in entity.get("roles", []) if r.get("organization") not in gone]
        if not entity["roles"]:
            entity.pop("roles")
            entity.pop("_role_evidence", None)


def find_event_names(doc: Doc) -> list[EventName]:
    found: list[EventName] = []
    text = text_of(doc)
    for match in _head_pattern().finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        start, end = _extend(doc, span.start, span.end)
        head_capitalised = match.group(0)[:1].isupper()
        tail = _sentence_case_tail(doc, end) if head_capitalised and end == span.end else end
        name_span = doc[start:tail]
        others = [t for t in name_span if t.i < span.start or t.i >= span.end]
        capitalised_others = [
            t for t in others if t.text[:1].isupper() and t.text.replace("-", "").isalpha()
        ]
        capitalised = (
            (bool(capitalised_others) or tail > end)
            and (head_capitalised or len(capitalised_others) >= 2)
            and not _used_as_verb(doc, span.start, head_capitalised)
        )
        found.append(
            EventName(
                name_span.start_char,
                name_span.end_char,
                name_span.text,
                _head_types()[match.group(0).lower()],
                span.sent,
                capitalised,
            )
        )
    return _drop_nested(found)


def _extend(doc: Doc, start: int, end: int) -> tuple[int, int]:
    connectors = set(lexicon()["name_connectors"])
    sentence = doc[start].sent
    while start > sentence.start:
        previous = doc[start - 1]
        if _name_word(previous) and previous.lower_ not in _openers():
            start -= 1
        elif (
            previous.lower_ in connectors
            and start - 2 >= sentence.start
            and _name_word(doc[start - 2])
        ):
            start -= 2
        else:
            break
    last_good = end
    while end < sentence.end:
        token = doc[end]
        if _name_word(token):
            end += 1
            last_good = end
        elif token.lower_ in connectors and end + 1 < sentence.end:
            end += 1
        else:
            break
    return start, last_good


def _used_as_verb(doc: Doc, head: int, head_capitalised: bool) -> bool:
    """ "would also visit Penang Port": a head in lower case after a modal or "to" is a
    verb, whatever capitalised words follow it."""
    if head_capitalised:
        return False
    markers = _verb_markers(doc.lang_)
    return any(t.lower_ in markers for t in doc[max(0, head - 2) : head])


@lru_cache(maxsize=4)
def _verb_markers(language: str) -> frozenset[str]:
    return frozenset(lexicon()["verb_markers"].get(language, []))


def _sentence_case_tail(doc: Doc, end: int) -> int:
    """Where a name written in sentence case ends: "Forum des collectivités territoriales
    africaines", "Sommet des maires du monde" (French names events so).

    After the head, "de"/"des"/"du"/"d'" (and "la"/"l'") and words that are no stop
    words, up to five; the name stops at punctuation, a verb, "à", "avec", …
    """
    data = lexicon()["sentence_case"]
    if doc.lang_ not in data["languages"]:
        return end
    stop = stop_words(doc.lang_)
    sentence_end = doc[end - 1].sent.end
    if end >= sentence_end or doc[end].lower_ not in data["connectors"]:
        return end
    position, last_word, words = end, end, 0
    while position < sentence_end and words < 5:
        token = doc[position]
        if token.lower_ in data["connectors"]:  # "de", "de la", "de l'"
            position += 1
        elif token.is_alpha and token.lower_ not in stop:
            position, last_word, words = position + 1, position + 1, words + 1
        else:
            break
    return last_word


@lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    return frozenset(lexicon()["not_name_openers"])


def _name_word(token) -> bool:
    text = token.text
    if "\n" in text or (token.is_punct and text not in {"-", "–", "&"}):
        return False
    return text[:1].isupper() or bool(_ORDINAL.match(text))


def _drop_nested(names: list[EventName]) -> list[EventName]:
    kept: list[EventName] = []
    for name in sorted(names, key=lambda n: (-(n.end - n.start), n.start)):
        if not any(n.start <= name.start and name.end <= n.end for n in kept):
            kept.append(name)
    return sorted(kept, key=lambda n: n.start)


def _words(text: str) -> set[str]:
    """Comparable words of an event name: heads by event type, no numbers or ordinals."""
    heads = _head_types()
    ordinals = set(lexicon()["ordinal_words"])
    words = set()
    for word in normalize(text).split():
        if word.isdigit() or word in ordinals or re.fullmatch(r"\d+(st|nd|rd|th|e|er)?", word):
            continue
        words.add(heads.get(word, word))
    return words


def group_names(names: list[EventName]) -> list[EventGroup]:
    groups: list[EventGroup] = []
    for name in names:
        words = _words(name.text)
        for group in groups:
            if any(_similar(words, _words(other.text)) for other in group.names):
                group.names.append(name)
                break
        else:
            groups.append(EventGroup([name]))
    return groups


@lru_cache(maxsize=1)
def _defined_acronym() -> re.Pattern[str]:
    """ "(MGMAC)" right after a name, or after its ordinal ("Dialog … kedua (NLD2)")."""
    ordinals = "|".join(re.escape(w) for w in lexicon()["ordinal_words"] if len(w) > 2)
    return re.compile(
        rf"\s*(?:(?:{ordinals}|ke-?\d+)\s*)?\(\s*([A-Z][A-Za-z0-9&]{{1,11}})\s*\)", re.I
    )


def _attach_acronyms(doc: Doc, groups: list[EventGroup]) -> None:
    """ "… of the ASEAN Capital 2023 (MGMAC)": the short name defined in brackets, and its uses."""
    for group in groups:
        for name in group.names:
            match = _defined_acronym().match(text_of(doc), name.end)
            if match is None or sum(c.isupper() for c in match.group(1)) < 2:
                continue
            acronym = match.group(1)
            if acronym in _organisation_names(doc):
                break  # "… de l'Association … (AIMF)": the organisation's acronym
            for use in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text_of(doc)):
                span = doc.char_span(use.start(), use.end(), alignment_mode="expand")
                if span is not None:
                    group.acronyms.append(
                        EventName(use.start(), use.end(), acronym, name.type, span.sent, True)
                    )
            break


def _organisation_names(doc: Doc) -> set[str]:
    """What known bodies are called in the text (a body of unknown kind may be the event)."""
    return {
        mention["text"]
        for entity in doc._.jj_entities or []
        if entity["type"] == "organization" and entity.get("subtype") not in (None, "other")
        for mention in entity["mentions"]
    }


def _share_with_companions(doc: Doc, groups: list[EventGroup], events: list[dict]) -> None:
    """ "X held alongside Y": events named together share the dates and place one gives."""
    cue = _phrases("alongside")
    for i, first in enumerate(groups):
        for j, second in enumerate(groups):
            if i == j:
                continue
            together = any(
                a.sentence.start == b.sentence.start and cue.search(a.sentence.text)
                for a in [*first.names, *first.acronyms]
                for b in [*second.names, *second.acronyms]
            )
            if together:
                for key in ("start", "end", "location"):
                    if events[i][key] is None and events[j][key] is not None:
                        events[i][key] = events[j][key]


def _labelled_fields(doc: Doc, event: dict) -> None:
    """Event pages: "Tempat\nRabat", "Diselenggarakan oleh\nICLEI" as labelled lines."""
    entities = doc._.jj_entities or []
    if event["location"] is None:
        event["location"] = _after_label(doc, entities, lexicon()["location_labels"], {"place"})
    if not event["organizers"]:
        found = _after_label(doc, entities, lexicon()["organized_by"], {"organization"})
        event["organizers"] = [found] if found else []


def _after_label(doc: Doc, entities: list[dict], labels: list[str], kinds: set[str]):
    pattern = re.compile(r"(?im)^\s*(?:" + "|".join(map(re.escape, labels)) + r")\s*:?\s*$")
    for match in pattern.finditer(text_of(doc)):
        following = _entities_in(entities, match.end(), match.end() + 120)
        for _, entity in following:
            if entity["type"] in kinds:
                return entity["id"]
    return None


def _attach_references(doc: Doc, groups: list[EventGroup], plain: list[EventName]) -> None:
    """ "Pertemuan ini", "the congress": a plain head word after an event of that type."""
    demonstratives = set(lexicon()["demonstratives"])
    for reference in plain:
        before = text_of(doc)[max(0, reference.start - 6) : reference.start].lower().split()
        after = text_of(doc)[reference.end : reference.end + 10].lower().split()
        if not (before and before[-1] in demonstratives) and not (
            after and after[0].strip(",.") in demonstratives
        ):
            continue
        earlier = [
            g
            for g in groups
            if g.first.start < reference.start and any(n.type == reference.type for n in g.names)
        ]
        if earlier:
            max(earlier, key=lambda g: g.first.start).references.append(reference)


def _similar(first: set[str], second: set[str]) -> bool:
    if not first or not second:
        return False
    overlap = len(first & second)
    return overlap / len(first | second) >= 0.5 or overlap >= min(len(first), len(second)) >= 2


def build_event(doc: Doc, group: EventGroup, event_id: str) -> dict:
    first = group.first
    sentences = _sentences(group)
    entities = doc._.jj_entities or []
    start, end = _dates(doc, group)
    surfaces = list(dict.fromkeys(n.text for n in sorted(group.names, key=lambda n: n.start)))
    name = max(surfaces, key=lambda s: (len(_words(s)), len(s)))
    surfaces = list(dict.fromkeys([*surfaces, *(a.text for a in group.acronyms)]))
    organizers = _organizers(doc, group, sentences, entities)
    hosts = _hosts(doc, group, sentences, entities)
    location = _location(doc, first.type, sentences, entities, hosts)
    event = {
        "id": event_id,
        "name": name,
        "aliases": [s for s in surfaces if s != name],
        "type": first.type,
        "start": start,
        "end": end,
        "location": location,
        "organizers": organizers,
        "hosts": hosts,
        "participants": _participants(
            doc, sentences, entities, {*organizers, *_place_and_qualifier(doc, entities, location)}
        ),
        "participant_count": _participant_count(doc, sentences),
        "motto": _motto(doc, sentences),
        "themes": [],
        "evidence": [
            {
                "start": first.sentence.start_char,
                "end": first.sentence.end_char,
                "text": first.sentence.text,
            }
        ],
        "confidence": 0.6 + 0.1 * min(3, len(group.names)),
    }
    return event


def _sentences(group: EventGroup) -> list[Span]:
    seen: dict[int, Span] = {}
    for name in [*group.names, *group.references]:
        sentence = name.sentence
        seen.setdefault(sentence.start, sentence)
        doc = sentence.doc
        if sentence.end < len(doc):  # the sentence after often carries date and place
            following = doc[sentence.end].sent
            seen.setdefault(following.start, following)
    return [seen[k] for k in sorted(seen)]


def _dates(doc: Doc, group: EventGroup) -> tuple[str | None, str | None]:
    text = text_of(doc)
    dates = [
        d
        for d in doc._.jj_dates or []
        if d.get("start_date") and not in_dateline_date(text, d["start"], d["end"])
    ]
    if not dates:
        return None, None
    best = None
    for name in sorted(group.names, key=lambda n: n.start):
        window_end = name.sentence.end_char + 400
        candidates = [d for d in dates if name.sentence.start_char - 200 <= d["start"] < window_end]
        if candidates:
            best = min(
                candidates, key=lambda d: (d["precision"] != "day", abs(d["start"] - name.end))
            )
            break
    if best is None:
        return None, None
    end = best.get("end_date") or best["start_date"]
    for following in dates:  # "Selasa (1/8) … Rabu (2/8)": consecutive days, one event
        gap = following["start"] - best["end"]
        if (
            0 < gap <= 80
            and following["start_date"] > end
            and following["precision"] == "day"
            and _days_between(end, following["start_date"]) <= 7
        ):
            end = following.get("end_date") or following["start_date"]
    return best["start_date"], end


def _days_between(first: str, second: str) -> int:
    from datetime import date

    try:
        return (date.fromisoformat(second) - date.fromisoformat(first)).days
    except ValueError:
        return 999


def _entities_in(entities: list[dict], start: int, end: int) -> list[tuple[int, dict]]:
    found = []
    for entity in entities:
        for mention in entity["mentions"]:
            if start <= mention["start"] and mention["end"] <= end:
                found.append((mention["start"], entity))
    return sorted(found, key=lambda pair: pair[0])


def _location(
    doc: Doc, event_type: str, sentences: list[Span], entities: list[dict], hosts: list[str]
) -> str | None:
    """The host place (or the place a host government governs), which the text states
    outright; else a place introduced by "di"/"in"/"à"; else a city named with the
    event; else the dateline. An online event has a place only when the text says so."""
    places = [_place_of(entities, h) for h in hosts]
    places = [p for p in places if p is not None]
    if places:
        return places[0]
    cued = _cued_location(doc, sentences, entities)
    if cued:
        return cued
    if event_type in ONLINE_TYPES:
        return None
    for sentence in sentences:
        for _, entity in _entities_in(entities, sentence.start_char, sentence.end_char):
            if entity["type"] == "place" and entity.get("subtype") == "city":
                return entity["id"]
    return _dateline(doc, entities)


def _place_of(entities: list[dict], entity_id: str) -> str | None:
    """The place itself, or the place a local government governs."""
    entity = next((e for e in entities if e["id"] == entity_id), None)
    if entity is None:
        return None
    if entity["type"] == "place":
        return entity_id
    return entity.get("jurisdiction")


def _dateline(doc: Doc, entities: list[dict]) -> str | None:
    """ "JAKARTA - …", "SEMARANG, KOMPAS.com -": the city a report was filed from."""
    for dateline in datelines(text_of(doc)):
        for _, entity in _entities_in(entities, dateline.place_start, dateline.place_end):
            if entity["type"] == "place":
                return entity["id"]
    return None


def _cued_location(doc: Doc, sentences: list[Span], entities: list[dict]) -> str | None:
    """A place right after "di", "in", "à", …; a country only when it is a city-state
    ("di Singapura"), which the gazetteer knows as a city of the same name."""
    for sentence in sentences:
        for position, entity in _entities_in(entities, sentence.start_char, sentence.end_char):
            if entity["type"] != "place" or (
                entity.get("subtype") == "country" and not _city_state(entity)
            ):
                continue
            before = text_of(doc)[max(0, position - 12) : position].lower()
            if re.search(r"(?:\bdi|\bin|\bà|\bat|\bke|tempat)\s*[,:]?\s*$", before):
                return entity["id"]
    return None


def _city_state(country: dict) -> bool:
    from jejaring.extract.kb import KnowledgeBase

    return any(
        record.subtype == "city" and record.country == country.get("country")
        for record in KnowledgeBase.load().candidates(country["name"])
    )


def _cue_entities(
    doc: Doc,
    sentences: list[Span],
    entities: list[dict],
    cues: list[str],
    kinds: set[str],
    max_gap: int = 160,
) -> list[str]:
    """The first entity of ``kinds`` that starts within ``max_gap`` characters after a cue."""
    found: list[str] = []
    for sentence in sentences:
        lowered = sentence.text.lower()
        for cue in cues:
            index = lowered.find(cue)
            if index < 0:
                continue
            start = sentence.start_char + index + len(cue)
            for at, entity in _entities_in(entities, start, min(sentence.end_char, start + 160)):
                if at - start > max_gap:
                    break
                if entity["type"] in kinds and entity["id"] not in found:
                    found.append(entity["id"])
                    break
    return found


def _place_and_qualifier(doc: Doc, entities: list[dict], location: str | None) -> set[str]:
    """The event's place and the country or region written after it ("di Penang, Malaysia"):
    where it happens, not who takes part."""
    if location is None:
        return set()
    place = next((e for e in entities if e["id"] == location), None)
    if place is None:
        return {location}
    found = {location}
    for mention in place["mentions"]:
        after = re.match(r",\s*", text_of(doc)[mention["end"] : mention["end"] + 3])
        if after is None:
            continue
        at = mention["end"] + after.end()
        for start, entity in _entities_in(entities, at, at + 60):
            if start == at and entity["type"] == "place":
                found.add(entity["id"])
    return found


def _organizers(doc: Doc, group: EventGroup, sentences: list[Span], entities: list[dict]):
    found = _cue_entities(doc, sentences, entities, lexicon()["organized_by"], {"organization"})
    direct = lexicon()["organized_by_direct"]  # "yang diselenggarakan UN-ESCAP": no "oleh"
    found += [
        e
        for e in _cue_entities(doc, sentences, entities, direct, {"organization"}, max_gap=2)
        if e not in found
    ]
    found += [e for e in _holders(doc, group, entities) if e not in found]
    for name in group.names:  # an organisation named inside the event's name organises it
        for _, entity in _entities_in(entities, name.start, name.end):
            if entity["type"] == "organization" and entity["id"] not in found:
                found.append(entity["id"])
    return found


def _holders(doc: Doc, group: EventGroup, entities: list[dict]) -> list[str]:
    """ "Pemprov X menggelar pertemuan …", "the mayor hosted the forum": who holds the event.

    The actor nearest before a holding verb in the sentence naming the event; a
    person stands for the organisation of their role.
    """
    verbs = _phrases("held_by")
    for name in group.names:
        sentence = name.sentence
        verb = verbs.search(text_of(doc), sentence.start_char, name.start)
        if verb is None:
            continue
        actors = [
            (position, e)
            for position, e in _entities_in(entities, sentence.start_char, verb.start())
            if e["type"] in {"organization", "person"}
        ]
        if not actors:
            continue
        actor = actors[-1][1]
        if actor["type"] == "person":
            roles = [r["organization"] for r in actor.get("roles", []) if r.get("organization")]
            return roles[:1]
        return [e["id"] for e in _coordinated(text_of(doc), actors)]
    return []


_JOINED = re.compile(r"^\s*(?:,|dan|and|et|serta|bersama|,\s*(?:dan|and|et|serta))\s*$", re.I)


def _coordinated(text: str, actors: list[tuple[int, dict]]) -> list[dict]:
    """ "Kementerian Luar Negeri dan Kedutaan Besar Maroko mengadakan …": the organisations
    joined by 'dan', 'and', 'et' or commas right before the verb hold it together."""
    chosen = [actors[-1]]
    for position, entity in reversed(actors[:-1]):
        if entity["type"] != "organization" or any(entity is e for _, e in chosen):
            continue
        end = max(m["end"] for m in entity["mentions"] if m["start"] == position)
        if not _JOINED.match(text[end : chosen[-1][0]]):
            break
        chosen.append((position, entity))
    return [e for _, e in reversed(chosen)]


def _hosts(doc: Doc, group: EventGroup, sentences: list[Span], entities: list[dict]) -> list[str]:
    """ "X menjadi tuan rumah EVENT", "X hosts EVENT" name the host before the cue;
    "tuan rumah: X", "hosted by X" after it."""
    before = _hosts_named_before(doc, group, entities)
    if before:
        return before
    return _cue_entities(
        doc, sentences, entities, lexicon()["hosted_by"], {"organization", "place"}
    )


def _hosts_named_before(doc: Doc, group: EventGroup, entities: list[dict]) -> list[str]:
    cues = _phrases("hosts_before")
    for name in sorted(group.names, key=lambda n: n.start):
        sentence = name.sentence
        cue = None
        for match in cues.finditer(text_of(doc), sentence.start_char, name.start):
            cue = match
        if cue is None:
            continue
        actors = [
            e
            for _, e in _entities_in(entities, sentence.start_char, cue.start())
            if e["type"] == "place" or e.get("subtype") == "local_government"
        ]
        if actors:
            return [actors[-1]["id"]]
    return []


def _participants(doc: Doc, sentences: list[Span], entities: list[dict], exclude: set[str]):
    cues = _phrases("participation")
    found: list[dict] = []
    seen = set(exclude)
    for sentence in sentences:
        if not cues.search(sentence.text):
            continue
        for _, entity in _entities_in(entities, sentence.start_char, sentence.end_char):
            kind = (entity["type"], entity.get("subtype"))
            if kind in PARTICIPANT_KINDS and entity["id"] not in seen:
                seen.add(entity["id"])
                found.append({"entity": entity["id"], "role": "participant"})
    return found


@lru_cache(maxsize=1)
def _qualifiers() -> dict[str, str]:
    return {q: kind for kind, items in lexicon()["count_qualifiers"].items() for q in items}


@lru_cache(maxsize=1)
def _count_pattern() -> re.Pattern[str]:
    """ "lebih dari 800 peserta", "more than 600 participants", "plus de 50 maires"."""
    nouns = "|".join(
        re.escape(n) for n in sorted(set(lexicon()["count_nouns"]), key=len, reverse=True)
    )
    alternation = "|".join(re.escape(q) for q in sorted(_qualifiers(), key=len, reverse=True))
    return re.compile(
        rf"(?:({alternation})\s+)?(\d{{1,3}}(?:[.,]\d{{3}})+|\d+)\s+(?:{nouns})(?!\w)", re.I
    )


def _participant_count(doc: Doc, sentences: list[Span]) -> dict | None:
    pattern, qualifiers = _count_pattern(), _qualifiers()
    for sentence in sentences:
        match = pattern.search(sentence.text)
        if match:
            value = int(re.sub(r"[.,]", "", match.group(2)))
            qualifier = qualifiers.get((match.group(1) or "").lower(), "exact")
            return {"value": value, "qualifier": qualifier}
    return None


def _motto(doc: Doc, sentences: list[Span]) -> str | None:
    for sentence in sentences:
        match = _QUOTED_THEME.search(sentence.text)
        if match:
            return match.group(1).strip()
    return None
