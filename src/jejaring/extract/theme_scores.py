"""The ``jejaring_themes_v1`` component: document themes with their evidence."""

from __future__ import annotations

from dataclasses import asdict

from spacy.language import Language
from spacy.tokens import Doc

from jejaring.extract.annotations import get_list, text_of
from jejaring.extract.themes import score_themes


@Language.component("jejaring_themes_v1", assigns=["doc._.jj_themes"])
def annotate_themes(doc: Doc) -> Doc:
    """Themes from the multilingual cue lexicon, and events' themes from their sentences."""
    language = (doc._.jj_meta or {}).get("language") or doc.lang_
    themes = get_list(doc, "jj_themes")
    themes.extend(_as_dict(t) for t in score_themes(text_of(doc), language))
    for event in doc._.jj_events or []:
        evidence = event["evidence"][0]
        event["themes"] = [t.id for t in score_themes(evidence["text"], language)]
    return doc


def _as_dict(theme) -> dict:
    data = asdict(theme)
    return {"id": data["id"], "score": round(data["score"], 4), "evidence": data["evidence"]}
