"""People's positions from official titles next to their names.

"Penjabat (Pj) Wali Kota Palembang Dr H Akhmad Najib", "Marulina Dewi,
Kepala Biro Kerja Sama Daerah Pemprov DKI Jakarta", "the Mayor of Lyon,
Grégory Doucet": a title from the knowledge base's lexicon, the
organisation or place named with it, and the person beside it make a
``holds_position`` relation and a role on the person.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from jejaring.extract.annotations import text_of

# Between a title's organisation and the name: honorifics, degrees, commas.
_FILLER = re.compile(
    r"^[\s,:]*(?:(?:Dr|Drs|Dra|Ir|Prof|H|Hj|KH|dr|Mr|Mrs|Ms|M|Mme|Bapak|Ibu|"
    r"Pak|Bu)\.?\s+)*$"
)
_MAX_GAP = 90


@lru_cache(maxsize=1)
def _titles_data() -> dict:
    return json.loads((resources.files("jejaring.data") / "kb" / "titles.json").read_text("utf-8"))


def _forms(item: dict) -> list[str]:
    """How a title is written: its name, abbreviations and variants."""
    return [item["title"], *item.get("abbreviations", []), *item.get("variants", [])]


@lru_cache(maxsize=1)
def title_pattern() -> re.Pattern[str]:
    data = _titles_data()
    forms = {form for item in data["titles"] for form in _forms(item)}
    modifiers = {form for item in data["modifiers"] for form in item["forms"]}
    titles = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    mods = "|".join(re.escape(m) for m in sorted(modifiers, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:(?:{mods})\s*(?:\([^()\n]{{1,12}}\)\s*)?)*(?:{titles})(?!\w)")


def assign_roles(doc: Doc, entities: list[dict]) -> None:
    """Fill each person's ``roles`` (and the private ``_role_evidence`` beside them)."""
    text = text_of(doc)
    mentions = sorted(
        ((m["start"], m["end"], e) for e in entities for m in e["mentions"]),
        key=lambda item: item[0],
    )
    titles = list(title_pattern().finditer(text))
    for start, end, person in mentions:
        if person["type"] != "person":
            continue
        found = _title_before(text, start, titles, mentions) or _title_after(
            text, end, titles, mentions
        )
        if found is None:
            continue
        title_text, organization, evidence = found
        organization = _mission_for(title_text, organization, entities)
        role = {"title": title_text, "organization": organization["id"] if organization else None}
        if role not in person.setdefault("roles", []):
            person["roles"].append(role)
            person.setdefault("_role_evidence", []).append(_sentence(doc, evidence))


@lru_cache(maxsize=1)
def _mission_titles() -> tuple[str, ...]:
    """Lower-case forms (feminine ones too) of the titles held in a diplomatic mission."""
    return tuple(
        form.lower()
        for item in _titles_data()["titles"]
        if item.get("organization_subtype") == "diplomatic_mission"
        for form in [*_forms(item), *item.get("feminine", [])]
    )


def _mission_for(title_text: str, organization: dict | None, entities: list[dict]):
    """ "Duta Besar Maroko": an ambassador serves the embassy of that country when the
    text names it ("Kedutaan Besar Maroko di Indonesia"), not the country itself."""
    if organization is None or organization.get("subtype") != "country":
        return organization
    lowered = title_text.lower()
    if not lowered.startswith(_mission_titles()):
        return organization
    names = {organization["name"].lower(), *(a.lower() for a in organization["aliases"])}
    at = min((lowered.find(n) for n in names if n in lowered), default=-1)
    if at < 0 or re.search(r"\b(?:to|untuk|auprès|in|di)\b", lowered[:at]):
        return organization  # "Ambassador to Indonesia": the host country, not the sender
    missions = [
        e
        for e in entities
        if e.get("subtype") == "diplomatic_mission"
        and (
            e.get("jurisdiction") == organization["id"]
            or any(n in e["name"].lower().split(" di ")[0] for n in names)
        )
    ]
    return missions[0] if len(missions) == 1 else organization


def holds_positions(entities: list[dict]) -> list[dict]:
    """A ``holds_position`` relation for every role that names its organisation or place.

    A post in a local government is held in the place it governs (the spec allows
    either): one node per city or province in the graph, whichever name the text used.
    """
    by_id = {e["id"]: e for e in entities}
    relations = []
    for person in entities:
        for role, evidence in zip(
            person.get("roles", []), person.get("_role_evidence", []), strict=False
        ):
            if role["organization"] is None:
                continue
            office = by_id.get(role["organization"], {})
            held_in = (
                office.get("jurisdiction") if office.get("subtype") == "local_government" else None
            )
            relations.append(
                {
                    "type": "holds_position",
                    "subject": person["id"],
                    "object": held_in or role["organization"],
                    "status": "active",
                    "date": None,
                    "attributes": {"title": role["title"]},
                    "evidence": [evidence],
                    "confidence": 0.7,
                }
            )
    return relations


def _title_before(text, person_start, titles, mentions):
    for title in reversed([t for t in titles if t.end() <= person_start]):
        if person_start - title.end() > _MAX_GAP or "\n" in text[title.end() : person_start]:
            return None
        between = [  # named with the title, or begun inside it ("Wali Kota Malang")
            (s, e, ent)
            for s, e, ent in mentions
            if title.start() < s and title.end() < e <= person_start and ent["type"] != "person"
        ]
        rest = text[between[-1][1] : person_start] if between else text[title.end() : person_start]
        if not _FILLER.match(rest) and not _FILLER.match(rest.split(",")[-1]):
            return None
        organization = between[0][2] if between else None
        span_end = between[-1][1] if between else title.end()
        span_start = title.start()
        if organization is None:  # "Medan Mayor Bobby Nasution": the place before the title
            organization, span_start = _named_just_before(text, title.start(), mentions)
        return text[span_start:span_end], organization, (span_start, person_start)
    return None


def _named_just_before(text, title_start, mentions):
    """The place or body written right before a title, with only a space between:
    "Medan Mayor Bobby Nasution", "ICLEI Secretary General Gino Van Begin"."""
    for start, end, entity in mentions:
        if entity["type"] == "person" or not 0 < title_start - end <= 3:
            continue
        if text[end:title_start] in {" ", "'s ", "’s "}:  # "Busan's Mayor Park …"
            return entity, start
    return None, title_start


# Between a title and the body it names there is no comma or clause break: in "Kim,
# Director of the Division, said Seoul …" Seoul is what he spoke of, not where he works.
_CLAUSE_BREAK = re.compile(r"[,;:.!?\"“”()]")


def _title_after(text, person_end, titles, mentions):
    gap = text[person_end : person_end + 4]
    if not gap.lstrip().startswith(","):
        return None
    for title in titles:
        if title.start() < person_end or title.start() - person_end > 6:
            continue
        after = [
            (s, e, ent)
            for s, e, ent in mentions
            if title.end() <= s < title.end() + _MAX_GAP
            and ent["type"] != "person"
            and not _CLAUSE_BREAK.search(text, title.end(), s)
        ]
        organization = after[0][2] if after else None
        span_end = after[0][1] if after else title.end()
        if "\n" in text[title.end() : span_end]:
            organization, span_end = None, title.end()
        return text[title.start() : span_end], organization, (person_end, span_end)
    return None


def _sentence(doc: Doc, evidence: tuple[int, int]) -> dict:
    span = doc.char_span(evidence[0], evidence[1], alignment_mode="expand")
    sentence = span.sent if span is not None else doc[:]
    return {"start": sentence.start_char, "end": sentence.end_char, "text": sentence.text}
