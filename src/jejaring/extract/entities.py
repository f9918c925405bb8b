"""The ``jejaring_entities_v1`` component: mentions → entities, within one document.

Mentions are grouped into entities by what they refer to: the same
knowledge-base record; the same government (level and place, so "Pemprov
DKI" joins "Pemerintah Provinsi DKI Jakarta"); a parenthetical definition
("United Cities and Local Governments (UCLG)"); a short form of a personal
name ("Marulina" for "Marulina Dewi"); or the same normalised name.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from jejaring.extract.annotations import get_list, text_of
from jejaring.extract.kb import KnowledgeBase, normalize
from jejaring.extract.mentions import Mention, find_mentions
from jejaring.extract.titles import assign_roles

_PARENTHESIS_BETWEEN = re.compile(r"^\s*\(\s*$")


@Language.factory(
    "jejaring_entities_v1",
    assigns=["doc._.jj_entities", "doc._.jj_mentions"],
    requires=["doc.ents", "token.is_sent_start"],
)
def make_entities(nlp: Language, name: str) -> EntityLinker:
    return EntityLinker(KnowledgeBase.load())


class EntityLinker:
    """Find mentions, link them to the knowledge base, and group them into entities."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        countries = _context_countries(doc)
        mentions = find_mentions(doc, self.kb, countries)
        mentions += [m.jurisdiction for m in mentions if m.jurisdiction is not None]
        groups = group_mentions(text_of(doc), mentions)
        entities = [self._entity(group) for group in groups]
        _number(entities)
        _link_jurisdictions(entities, groups)
        assign_roles(doc, entities)
        doc._.jj_mentions = [_mention_dict(m) for m in sorted(mentions, key=lambda m: m.start)]
        get_list(doc, "jj_entities").extend(entities)
        return doc

    def _entity(self, group: list[Mention]) -> dict:
        group = sorted(group, key=lambda m: m.start)
        best = max(group, key=lambda m: (m.source == "pattern", m.record is not None, len(m.text)))
        record = next((m.record for m in group if m.record is not None), None)
        surfaces = list(dict.fromkeys(m.text for m in group))
        name = max(surfaces, key=len)
        if best.source == "kb" and record is not None:
            name = record.name  # the knowledge base's preferred name; surface forms are aliases
            surfaces.append(name)
        aliases = [s for s in surfaces if s != name]
        if record is not None:
            aliases += [
                a for a in (record.name, *record.acronyms) if a != name and a not in aliases
            ]
        entity = {
            "id": "",
            "type": best.type,
            "subtype": best.subtype,
            "name": name,
            "aliases": aliases,
            "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in group],
            "country": record.country if record is not None else None,
            "ids": _ids(record),
            "_kb": record.id if record is not None else None,
        }
        if record is not None and record.extra.get("lat") is not None:
            entity["coordinates"] = {"lat": record.extra["lat"], "lon": record.extra["lon"]}
        if best.source == "pattern":
            entity["_level"] = best.attributes.get("level")
        return entity


def group_mentions(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Union-find over the rules in the module docstring."""
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    by_key: dict[tuple, int] = {}
    for index, mention in enumerate(mentions):
        for key in _identity_keys(mention):
            if key in by_key:
                union(index, by_key[key])
            else:
                by_key[key] = index
    _merge_parenthetical(text, mentions, union)
    _merge_short_person_names(mentions, union, find)
    _merge_truncated_bodies(mentions, union, find)
    groups: dict[int, list[Mention]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        groups[find(index)].append(mention)
    return sorted(groups.values(), key=lambda g: min(m.start for m in g))


def _identity_keys(mention: Mention) -> list[tuple]:
    keys: list[tuple] = [(mention.type, normalize(mention.text))]
    if mention.record is not None:
        if mention.type == "place":
            # one name, two places ("Dakar" the city, "Dakar" the region): two entities
            keys = [(mention.type, normalize(mention.text), mention.record.subtype)]
        keys.append(("kb", mention.record.id))
    if mention.source == "pattern" and mention.jurisdiction is not None:
        place = mention.jurisdiction
        where = place.record.id if place.record is not None else normalize(place.text)
        keys.append(("government", mention.attributes.get("level"), where))
    return keys


def _merge_parenthetical(text: str, mentions: list[Mention], union) -> None:
    """ "Long Name (ACR)" and "ACR (Long Name)": the two are one entity."""
    ordered = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    for a, b in pairwise(ordered):
        first, second = mentions[a], mentions[b]
        if first.type != second.type or first.source == "pattern" or second.source == "pattern":
            continue
        if first.record and second.record and first.record.id != second.record.id:
            continue  # "Sfax (Tunisie)": a place and its country, not one name defined
        between = text[first.end : second.start]
        closes = text[second.end : second.end + 2].lstrip().startswith(")")
        if _PARENTHESIS_BETWEEN.match(between) and closes:
            union(a, b)


def _merge_short_person_names(mentions: list[Mention], union, find) -> None:
    people = [i for i, m in enumerate(mentions) if m.type == "person"]
    full = [i for i in people if len(mentions[i].text.split()) > 1]
    for i in people:
        words = mentions[i].text.split()
        if len(words) != 1:
            continue
        owners = {find(j) for j in full if words[0] in mentions[j].text.split()}
        if len(owners) == 1:
            union(i, owners.pop())


def _merge_truncated_bodies(mentions: list[Mention], union, find) -> None:
    """ "Wageningen University" once the text has named "Wageningen University & Research":
    a body of unknown kind, named by the opening words of exactly one longer name."""
    by_opening: dict[tuple[str, ...], list[tuple[int, list[str]]]] = defaultdict(list)
    for i, mention in enumerate(mentions):
        words = mention.text.split()
        if mention.type == "organization" and mention.record is None and len(words) >= 2:
            by_opening[tuple(words[:2])].append((i, words))
    for group in by_opening.values():  # only names opening with the same two words compare
        for i, words in group:
            longer = {
                find(j)
                for j, other in group
                if len(other) > len(words) and other[: len(words)] == words
            }
            if len(longer) == 1:
                union(i, longer.pop())


def _number(entities: list[dict]) -> None:
    for number, entity in enumerate(entities, start=1):
        entity["id"] = f"e{number}"


def _link_jurisdictions(entities: list[dict], groups: list[list[Mention]]) -> None:
    owner = {}
    for entity, group in zip(entities, groups, strict=True):
        for mention in group:
            owner[id(mention)] = entity["id"]
    for entity, group in zip(entities, groups, strict=True):
        for mention in group:
            if mention.jurisdiction is not None and id(mention.jurisdiction) in owner:
                entity["jurisdiction"] = owner[id(mention.jurisdiction)]
                break
    by_id = {entity["id"]: entity for entity in entities}
    for entity in entities:  # a local government is in its place's country
        place = by_id.get(entity.get("jurisdiction", ""))
        if place is not None and entity["country"] is None:
            entity["country"] = place["country"]


def _context_countries(doc: Doc) -> list[str]:
    language = (doc._.jj_meta or {}).get("language") or doc.lang_
    return list(_language_countries().get(language, []))


@lru_cache(maxsize=1)
def _language_countries() -> dict[str, list[str]]:
    path = resources.files("jejaring.data") / "kb" / "language_countries.json"
    data = json.loads(path.read_text("utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _ids(record) -> dict:
    if record is None:
        return {}
    return {k: v for k, v in record.ids.items() if v not in (None, "")}


def _mention_dict(mention: Mention) -> dict:
    return {
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "type": mention.type,
        "subtype": mention.subtype,
        "source": mention.source,
        "kb": mention.record.id if mention.record is not None else None,
    }
