"""The ``jejaring_relevance_v1`` component: is this about cities cooperating across borders?"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from jejaring.extract.annotations import text_of
from jejaring.extract.relevance import relevance


@Language.component(
    "jejaring_relevance_v1", assigns=["doc._.jj_relevance"], requires=["doc._.jj_entities"]
)
def annotate_relevance(doc: Doc) -> Doc:
    language = (doc._.jj_meta or {}).get("language") or doc.lang_
    result = relevance(text_of(doc), language, doc._.jj_entities or [])
    doc._.jj_relevance = {
        "relevant": result.relevant,
        "score": result.score,
        "reasons": list(result.reasons),
    }
    return doc
