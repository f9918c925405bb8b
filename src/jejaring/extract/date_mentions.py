"""The ``jejaring_dates_v1`` component: date expressions resolved against publication."""

from __future__ import annotations

from dataclasses import asdict

from spacy.language import Language
from spacy.tokens import Doc

from jejaring.extract.annotations import get_list, text_of
from jejaring.extract.dates import find_dates


@Language.component("jejaring_dates_v1", assigns=["doc._.jj_dates"])
def annotate_dates(doc: Doc) -> Doc:
    """Every date mention, with offsets into the cleaned text and ISO values."""
    meta = doc._.jj_meta or {}
    language = meta.get("language") or doc.lang_
    mentions = find_dates(text_of(doc), published=meta.get("published"), language=language)
    anchor = None if meta.get("published") else _anchor(mentions)
    if anchor is not None:
        # Without a publication date, the text's own fully dated mentions set the year
        # of the others ("12-15 September" beside "Kamis (13/9/2018)"); relative dates
        # ("kemarin") still have nothing to count from.
        unresolved = {(m.start, m.end) for m in mentions if m.start_date is None}
        mentions = [
            _anchored(m, (m.start, m.end) in unresolved)
            for m in find_dates(text_of(doc), published=anchor, language=language)
        ]
    get_list(doc, "jj_dates").extend(asdict(mention) for mention in mentions)
    return doc


def _anchored(mention, was_unresolved: bool):
    if mention.kind == "relative":
        mention.start_date = mention.end_date = None
        mention.warnings.append("no_publication_date")
    elif was_unresolved and mention.start_date is not None:
        mention.warnings.append("year_from_other_dates")
    return mention


def _anchor(mentions) -> str | None:
    """The first day-precise date whose year the text states or its weekday fixes."""
    for mention in mentions:
        if (
            mention.precision == "day"
            and mention.start_date
            and mention.kind in {"absolute", "weekday_qualified", "range"}
        ):
            return mention.start_date
    return None
