"""The ``jejaring_relations_v1`` component: typed relations between entities, with evidence.

Sentence by sentence: a cue phrase ("kota kembar", "member of", "en
partenariat avec") and the entities of the right kinds around it make a
relation; its status comes from status cues in the same sentence; the
sentence is the evidence. People's positions come from titles next to
their names ("Wali Kota Surabaya Eri …", "…, Kepala Biro Kerja Sama").
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span

from jejaring.extract.annotations import get_list, text_of
from jejaring.extract.datelines import in_dateline_place
from jejaring.extract.phrases import phrase_pattern
from jejaring.extract.titles import holds_positions

ACTOR_SUBTYPES = {"local_government", "city", "region"}
# What a city or province can be a member of: intergovernmental bodies have states as members.
MEMBER_OBJECT_SUBTYPES = {"city_network", "ngo", "other"}
NETWORKS = {"city_network"}
PARTNER_SUBTYPES = {
    "city_network",
    "intergovernmental",
    "development_agency",
    "ngo",
    "academic",
    "diplomatic_mission",
    "other",
    "business",
    "national_government",
}


@lru_cache(maxsize=1)
def lexicon() -> dict:
    text = resources.files("jejaring.data.lexicons").joinpath("relations.json").read_text("utf-8")
    return json.loads(text)


def cue(sentence: str, name: str) -> re.Match[str] | None:
    return phrase_pattern(tuple(lexicon()[name])).search(sentence)


@Language.factory(
    "jejaring_relations_v1",
    assigns=["doc._.jj_relations"],
    requires=["doc._.jj_entities", "doc._.jj_dates", "token.is_sent_start"],
)
def make_relations(nlp: Language, name: str) -> RelationFinder:
    return RelationFinder()


class RelationFinder:
    def __call__(self, doc: Doc) -> Doc:
        entities = doc._.jj_entities or []
        relations = get_list(doc, "jj_relations")
        main_actor = _main_actor(entities)
        for sentence in doc.sents:
            mentioned = _mentioned(entities, sentence)
            if not mentioned and not cue(sentence.text, "both_parties"):
                continue
            for finder in (_sister_cities, _members, _partners, _visits, _agreements):
                relations.extend(finder(doc, sentence, mentioned, main_actor))
        relations.extend(holds_positions(entities))
        relations.extend(_event_partners(doc._.jj_events or [], entities))
        _deduplicate(relations, entities)
        return doc


def _mentioned(entities: list[dict], sentence: Span) -> list[tuple[int, dict]]:
    """Entities the sentence speaks of, by first position. Not the place inside another
    name ("Canberra" in "Indonesian Embassy in Canberra"), nor the dateline ("BANDUNG, …")."""
    inside = [
        (m["start"], m["end"])
        for e in entities
        for m in e["mentions"]
        if sentence.start_char <= m["start"] < sentence.end_char
    ]
    text = text_of(sentence.doc)
    found = []
    for entity in entities:
        positions = [
            m["start"]
            for m in entity["mentions"]
            if sentence.start_char <= m["start"] < sentence.end_char
            and not any(
                s <= m["start"] and m["end"] <= e and (s, e) != (m["start"], m["end"])
                for s, e in inside
            )
            and not in_dateline_place(text, m["start"], m["end"])
        ]
        if positions:
            found.append((min(positions), entity))
    return sorted(found, key=lambda pair: pair[0])


def _main_actor(entities: list[dict]) -> dict | None:
    governments = [e for e in entities if e.get("subtype") == "local_government"]
    if not governments:
        return None
    return max(governments, key=lambda e: len(e["mentions"]))


def _is_actor(entity: dict) -> bool:
    return entity.get("subtype") in ACTOR_SUBTYPES


# Facts that happen on a day: the date written in their sentence is theirs.
DATED_TYPES = {"agreement", "visit", "sister_city"}


def _relation(
    relation_type: str,
    subject: dict,
    obj: dict,
    sentence: Span,
    status: str | None,
    confidence: float,
    **attributes,
) -> dict:
    return {
        "type": relation_type,
        "subject": subject["id"],
        "object": obj["id"],
        "status": status,
        "date": _sentence_date(sentence, status, relation_type)
        if relation_type in DATED_TYPES
        else None,
        "attributes": attributes,
        "evidence": [
            {"start": sentence.start_char, "end": sentence.end_char, "text": sentence.text}
        ],
        "confidence": confidence,
    }


def _sentence_date(
    sentence: Span, status: str | None = None, relation_type: str | None = None
) -> str | None:
    """The sentence's date, the most precise first: 'signed on 14 June 2023' → 2023-06-14.

    A fact already signed, active or ended cannot date from after the report: a later
    date is a deadline ("a climate plan by 2026"), not the day it happened. A date
    after "since" ("jumelées depuis 1968") dates a lasting tie, not a signing or a visit,
    and a twinning before any other date of its sentence.
    """
    published = (sentence.doc._.jj_meta or {}).get("published")
    text = sentence.doc.text
    dated = [
        (d, _after_since(text, d["start"]))
        for d in sentence.doc._.jj_dates or []
        if d.get("start_date")
        and sentence.start_char <= d["start"] < sentence.end_char
        and not (
            published
            and status not in UNSETTLED
            and d["start_date"] > published[: len(d["start_date"])]
        )
    ]
    if relation_type in EVENTFUL_TYPES:
        dated = [(d, since) for d, since in dated if not since]
    if not dated:
        return None
    dates = [d for d, _ in dated]
    since = [d for d, after_since in dated if after_since]
    if relation_type == "sister_city" and since:
        dates = since  # "twinned since 1978, signed … on Thursday": the tie dates from 1978
    order = {"day": 0, "month": 1, "year": 2}
    return min(dates, key=lambda d: order.get(d.get("precision"), 3))["start_date"]


UNSETTLED = {"proposed", "negotiating"}  # statuses whose date may lie ahead
EVENTFUL_TYPES = {"agreement", "visit"}  # facts of a day, not lasting ties


def _after_since(text: str, start: int) -> bool:
    """The date follows "sejak", "since" or "depuis" (a few words at most between)."""
    before = text[max(0, start - 30) : start]
    return bool(cue(before.rsplit(",", 1)[-1], "since"))


def _status(text: str, default: str) -> str:
    for status in ("ended", "renewed", "proposed", "negotiating"):
        if phrase_pattern(tuple(lexicon()["status"][status])).search(text):
            return status
    return default


def _sister_cities(doc, sentence, mentioned, main_actor) -> list[dict]:
    """One pair per cue: "sister cities between A and B, and sister province between C and D"."""
    cues = list(phrase_pattern(tuple(lexicon()["sister_city"])).finditer(sentence.text))
    if not cues:
        return []
    # a place, or a government of one: a bureau or office is no side of a twinning
    actors = [
        (p, e)
        for p, e in mentioned
        if _is_actor(e) and (e["type"] == "place" or e.get("jurisdiction"))
    ]
    status = _status(sentence.text, "active")
    status = "active" if status == "renewed" else status
    found = []
    bounds = [sentence.start_char + c.start() for c in cues] + [sentence.end_char]
    for index in range(len(cues)):
        listed = _listed_partners(doc, actors, bounds[index], bounds[index + 1])
        if listed:  # "kota kembar Surabaya, yaitu Busan, Kitakyushu, dan Guangzhou"
            segment = text_of(doc)[bounds[index] : bounds[index + 1]]
            kind, listed_status = _sister_kind(segment), _status(segment, "active")
            found += [
                _relation("sister_city", listed[0], other, sentence, listed_status, 0.8, kind=kind)
                for other in listed[1:]
            ]
            continue
        after = [e for p, e in actors if bounds[index] <= p < bounds[index + 1]]
        pair = _distinct_places(after, doc)
        if len(pair) < 2 and index == 0:
            pair = _distinct_places([e for _, e in actors], doc)
        if len(pair) < 2 and index == 0 and cue(sentence.text, "both_parties"):
            pair = _last_two_actors(doc, sentence.start_char)
        pair = _across_a_border(pair)
        if len(pair) >= 2:
            segment = text_of(doc)[bounds[index] : bounds[index + 1]]
            kind = _sister_kind(segment)
            found.append(
                _relation("sister_city", pair[0], pair[1], sentence, status, 0.8, kind=kind)
            )
    return found


def _listed_partners(doc, actors, start: int, end: int) -> list[dict]:
    """The owner and its partners when a cue's owner is followed by a list: "kota kembar
    Surabaya, yaitu Busan, Kitakyushu dan Guangzhou", "Lyon's twin towns, namely …"."""
    candidates = {e["id"] for _, e in actors}
    inside = sorted(
        (
            (min(m["start"] for m in e["mentions"] if start <= m["start"] < end), e)
            for e in doc._.jj_entities or []
            if e["id"] in candidates and any(start <= m["start"] < end for m in e["mentions"])
        ),
        key=lambda pair: pair[0],
    )
    if len(inside) < 3:
        return []
    owner_at, owner = inside[0]
    text = text_of(doc)
    between = text[owner_at : inside[1][0]]
    if not phrase_pattern(tuple(lexicon()["list_introducers"])).search(between):
        return []
    places = _distinct_places([owner, *(e for _, e in inside[1:])], doc)
    home = places[0].get("country")
    return [places[0], *(p for p in places[1:] if p.get("country") != home)]


def _sister_kind(text: str) -> str:
    lowered = text.lower()
    for kind, words in lexicon()["sister_kind"].items():
        if any(re.search(rf"(?<!\w){re.escape(w)}", lowered) for w in words):
            return kind
    return "city"


def _across_a_border(places: list[dict]) -> list[dict]:
    """The first place and the first one of another country: twinning crosses borders."""
    if len(places) < 2:
        return places
    first = places[0]
    for other in places[1:]:
        if not (first.get("country") and first.get("country") == other.get("country")):
            return [first, other]
    return [first]


def _distinct_places(actors: list[dict], doc: Doc) -> list[dict]:
    """One side per place: a government stands for the place it governs."""
    by_id = {e["id"]: e for e in doc._.jj_entities or []}
    chosen, places = [], set()
    for actor in actors:
        place = by_id.get(actor.get("jurisdiction"), actor)
        if place["id"] not in places:
            places.add(place["id"])
            chosen.append(place)
    return chosen


def _members(doc, sentence, mentioned, main_actor) -> list[dict]:
    """ "Kota X anggota UCLG", and "sebagai bagian dari Apeksi" (part of a network only)."""
    found = []
    for name, kinds in (("member_of", MEMBER_OBJECT_SUBTYPES), ("member_of_network", NETWORKS)):
        match = cue(sentence.text, name)
        if match:
            found += _members_after(sentence, mentioned, main_actor, match, kinds)
    return found


def _members_after(sentence, mentioned, main_actor, match, kinds: set[str]) -> list[dict]:
    at = sentence.start_char + match.start()
    subjects = [e for p, e in mentioned if _is_actor(e) and p < at] or (
        [main_actor] if main_actor else []
    )
    objects = [
        e
        for p, e in mentioned
        if p > at and e["type"] == "organization" and e.get("subtype") in kinds
    ]
    if not subjects or not objects:
        return []
    members = [subjects[-1]]
    both = cue(sentence.text, "both_parties")
    if both and sentence.start_char + both.start() < at and not any(p < at for p, _ in mentioned):
        # "Both cities are members of …": the two places the report is about
        members = _main_two_places(sentence.doc) or members
    return [
        _relation("member_of", member, obj, sentence, "active", 0.7)
        for member in members
        for obj in objects
    ]


def _partners(doc, sentence, mentioned, main_actor) -> list[dict]:
    match = cue(sentence.text, "partner_of")
    if not match:
        return []
    at = sentence.start_char + match.start()
    subjects = [e for p, e in mentioned if _is_actor(e)] or ([main_actor] if main_actor else [])
    if not subjects:
        return []
    subject = subjects[0]
    partners = [
        e for p, e in mentioned if p > at and e["id"] != subject["id"] and _partner_kind(subject, e)
    ]
    status = _status(sentence.text, "active")
    return [
        _relation("partner_of", subject, partner, sentence, status, 0.6) for partner in partners
    ]


def _partner_kind(subject: dict, entity: dict) -> bool:
    """An organisation a city or province works with: a body of a partner kind, or the
    government of a city or region abroad ("kerja sama dengan Pemerintah Kota Busan")."""
    if entity["type"] != "organization":
        return False
    if entity.get("subtype") in PARTNER_SUBTYPES:
        return True
    countries = subject.get("country"), entity.get("country")
    return (
        entity.get("subtype") == "local_government"
        and None not in countries
        and (countries[0] != countries[1])
    )


def _visits(doc, sentence, mentioned, main_actor) -> list[dict]:
    received = cue(sentence.text, "visit_received")
    if received:
        return _received_visit(sentence, mentioned, main_actor, received)
    match = cue(sentence.text, "visit")
    if not match:
        return []
    at = sentence.start_char + match.start()
    visitors = [e for p, e in mentioned if p < at and e["type"] in {"person", "organization"}]
    targets = [e for p, e in mentioned if p > at and e["type"] in {"place", "organization"}]
    if not visitors or not targets:
        return []
    return [_relation("visit", visitors[-1], targets[0], sentence, None, 0.6)]


def _received_visit(sentence, mentioned, main_actor, match) -> list[dict]:
    """ "Pemkot X menerima kunjungan delegasi Kota Y": Y visits X."""
    at = sentence.start_char + match.start()
    after = sentence.start_char + match.end()
    visitors = [
        e
        for p, e in mentioned
        if p >= after
        and (e["type"] == "person" or _is_actor(e) or e.get("subtype") in PARTNER_SUBTYPES)
    ]
    if not visitors:
        return []
    # "Surabaya and Busan Metropolitan City …, during a visit by a Busan delegation":
    # the host is the last one named before the cue that is not the visitor's own place
    visiting_place = visitors[0].get("jurisdiction") or visitors[0]["id"]
    hosts = [
        e
        for p, e in mentioned
        if p < at
        and e["type"] in {"organization", "place"}
        and (e.get("jurisdiction") or e["id"]) != visiting_place
    ]
    host = hosts[-1] if hosts else main_actor
    # "kunjungan delegasi Banyuwangi ke Hualien": the visit went out, to the place after "ke"
    host = _destination(sentence, mentioned, visitors[0]) or host
    if host is None or visiting_place == (host.get("jurisdiction") or host["id"]):
        return []
    return [_relation("visit", visitors[0], host, sentence, None, 0.6)]


def _destination(sentence, mentioned, visitor: dict) -> dict | None:
    """The place or actor named right after "ke", "to" or "à" following the visitor."""
    text = sentence.doc.text
    start = next(p for p, e in mentioned if e["id"] == visitor["id"])
    towards = phrase_pattern(tuple(lexicon()["visit_destination"]))
    for position, entity in mentioned:
        if position <= start or not (_is_actor(entity) or entity["type"] == "place"):
            continue
        between = text[start:position].rstrip()
        last_word = between.rsplit(None, 1)[-1] if between.split() else ""
        return entity if towards.fullmatch(last_word) else None
    return None


def _agreement_parties(doc, sentence, mentioned) -> list[dict]:
    """The two parties the sentence names; "les deux villes ont signé …" (both parties
    before the cue) are the two the text has just spoken of, whoever else is named."""
    both = cue(sentence.text, "both_parties")
    agreed = cue(sentence.text, "agreement")
    if both and agreed and both.start() < agreed.start():
        parties = _last_two_actors(doc, sentence.start_char)
        if parties:
            return parties
    parties = [
        e
        for _, e in mentioned
        if _is_actor(e) or (e["type"] == "organization" and e.get("subtype") in PARTNER_SUBTYPES)
    ]
    parties = _distinct_places(parties, doc)
    if len(parties) < 2 and both:
        parties = _last_two_actors(doc, sentence.start_char)
    return parties


def _main_two_places(doc) -> list[dict]:
    """The two places (or their governments) the report names most often."""
    counts: dict[str, int] = {}
    by_id = {e["id"]: e for e in doc._.jj_entities or []}
    for actor in filter(_is_actor, by_id.values()):
        place = by_id.get(actor.get("jurisdiction"), actor)
        counts[place["id"]] = counts.get(place["id"], 0) + len(actor["mentions"])
    ranked = sorted(counts, key=lambda place_id: -counts[place_id])
    return [by_id[place_id] for place_id in ranked[:2]] if len(ranked) >= 2 else []


def _last_two_actors(doc, before: int) -> list[dict]:
    """ "Kedua kota membahas …": the two places the text has just been speaking of."""
    entities = doc._.jj_entities or []
    latest = sorted(
        (
            (max(m["start"] for m in e["mentions"] if m["start"] < before), e)
            for e in entities
            if _is_actor(e) and any(m["start"] < before for m in e["mentions"])
        ),
        key=lambda pair: -pair[0],
    )
    places = _distinct_places([e for _, e in latest], doc)
    return places[:2] if len(places) >= 2 else []


def _agreements(doc, sentence, mentioned, main_actor) -> list[dict]:
    if not cue(sentence.text, "agreement"):
        return []
    parties = _agreement_parties(doc, sentence, mentioned)
    if len(parties) < 2:
        return []
    status = _status(sentence.text, "signed")
    return [_relation("agreement", parties[0], parties[1], sentence, status, 0.6)]


INTERNATIONAL = {
    "city_network",
    "intergovernmental",
    "development_agency",
    "ngo",
    "other",
    "business",
    "academic",
}


def _event_partners(events: list[dict], entities: list[dict]) -> list[dict]:
    """Organisations attending an event a local government holds are its partners."""
    by_id = {e["id"]: e for e in entities}
    relations = []
    for event in events:
        hosts = [
            by_id[i]
            for i in event["organizers"] + event["hosts"]
            if i in by_id and by_id[i].get("subtype") in ACTOR_SUBTYPES
        ]
        for host in hosts[:1]:
            for participant in event["participants"]:
                partner = by_id.get(participant["entity"])
                if (
                    partner
                    and partner["type"] == "organization"
                    and (partner.get("subtype") in INTERNATIONAL)
                ):
                    relations.append(
                        {
                            "type": "partner_of",
                            "subject": host["id"],
                            "object": partner["id"],
                            "status": "active",
                            "date": event.get("start"),
                            "attributes": {},
                            "evidence": list(event["evidence"]),
                            "confidence": 0.5,
                        }
                    )
    return relations


# Facts between places: a government stands for the place it governs (as posts held in
# a local government are held in its place), so the graph has one node per city.
PLACE_FACTS = {"sister_city", "visit", "agreement"}


def _deduplicate(relations: list[dict], entities: list[dict]) -> None:
    """One relation per type and pair of ends; facts between places are told of the
    places, so "Balai Kota Surabaya" and "Kota Surabaya" are the same end."""
    governs = {e["id"]: e["jurisdiction"] for e in entities if e.get("jurisdiction")}
    seen: dict[tuple, dict] = {}
    kept = []
    for relation in relations:
        if relation["type"] in PLACE_FACTS:
            relation["subject"] = governs.get(relation["subject"], relation["subject"])
            relation["object"] = governs.get(relation["object"], relation["object"])
        ends = (relation["subject"], relation["object"])
        if relation["type"] in {"sister_city", "partner_of"}:
            ends = tuple(sorted(ends))
        key = (relation["type"], *ends)
        if key in seen:
            kept_one = seen[key]
            kept_one["evidence"].extend(relation["evidence"])
            kept_one["confidence"] = min(0.95, kept_one["confidence"] + 0.1)
            if len(relation["date"] or "") > len(kept_one["date"] or ""):
                kept_one["date"] = relation["date"]  # the day, where the first said the year
            continue
        seen[key] = relation
        kept.append(relation)
    relations[:] = kept
