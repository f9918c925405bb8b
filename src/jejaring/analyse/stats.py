"""Statistics over the stored graph: activity per year and quarter, countries, themes, types.

Counts are grouped in the database; periods come from ISO date prefixes (a
relation's own date, else its document's publication date). Rejected
relations do not count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from jejaring.store import models as M
from jejaring.store.browse import (
    REJECTED,
    Period,
    documents_with_theme,
    entity_ref,
    relation_date,
)

TOP = 15


def _quarter(date: str) -> str | None:
    if len(date) < 7 or not date[5:7].isdigit():
        return None
    return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}"


def _relation_base(period: Period, theme: str | None):
    statement = (
        select(M.Relation.id, M.Relation.type, relation_date().label("when"))
        .outerjoin(M.Document, M.Document.id == M.Relation.document_id)
        .where(M.Relation.review_state != REJECTED)
    )
    if theme:
        statement = statement.where(M.Relation.document_id.in_(documents_with_theme(theme)))
    statement = period.apply(statement, relation_date())
    return statement


def _dates(session: Session, period: Period, theme: str | None) -> dict[str, list[str]]:
    """Every dated relation, event and document as an ISO date, by kind."""
    relations = session.scalars(select(_relation_base(period, theme).subquery().c.when)).all()
    events = select(M.Event.start).where(M.Event.review_state != REJECTED)
    documents = select(M.Document.published).where(M.Document.relevant.is_(True))
    if theme:
        events = events.where(
            M.Event.id.in_(select(M.EventTheme.event_id).where(M.EventTheme.theme_id == theme))
        )
        documents = documents.where(M.Document.id.in_(documents_with_theme(theme)))
    events = period.apply(events, M.Event.start)
    documents = period.apply(documents, M.Document.published)
    return {
        "relations": [d for d in relations if d],
        "events": [d for d in session.scalars(events).all() if d],
        "documents": [d for d in session.scalars(documents).all() if d],
    }


def _periods(dates: dict[str, list[str]], key) -> list[dict[str, Any]]:
    table: dict[str, Counter] = defaultdict(Counter)
    for kind, values in dates.items():
        for value in values:
            period = key(value)
            if period:
                table[period][kind] += 1
    return [
        {"period": period, **{kind: table[period][kind] for kind in dates}}
        for period in sorted(table)
    ]


def statistics(session: Session, *, period: Period = Period(), theme: str | None = None) -> dict:
    """The dashboard's numbers, all under the same filters."""
    dates = _dates(session, period, theme)
    base = _relation_base(period, theme).subquery()
    return {
        "per_year": _periods(dates, lambda d: d[:4] if d[:4].isdigit() else None),
        "per_quarter": _periods(dates, _quarter),
        "by_country": _by_country(session, base),
        "top_partners": _top_partners(session, base),
        "by_theme": _by_theme(session, period),
        "by_relation_type": [
            {"type": kind, "count": count}
            for kind, count in session.execute(
                select(base.c.type, func.count())
                .group_by(base.c.type)
                .order_by(func.count().desc(), base.c.type)
            ).all()
        ],
        "recent_documents": _recent(session, period, theme),
    }


def _endpoint_rows(session: Session, base):
    subject, obj = aliased(M.Entity), aliased(M.Entity)
    return session.execute(
        select(base.c.id, subject, obj)
        .join(M.Relation, M.Relation.id == base.c.id)
        .join(subject, subject.id == M.Relation.subject_id)
        .join(obj, obj.id == M.Relation.object_id)
    ).all()


def _by_country(session: Session, base) -> list[dict[str, Any]]:
    counts = Counter()
    for _, subject, obj in _endpoint_rows(session, base):
        for country in {subject.country, obj.country} - {None}:
            counts[country] += 1
    names = dict(
        session.execute(
            select(M.Entity.country, M.Entity.name).where(
                M.Entity.subtype == "country", M.Entity.country.in_(list(counts))
            )
        ).all()
    )
    return [
        {"country": country, "name": names.get(country, country), "relations": n}
        for country, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _top_partners(session: Session, base) -> list[dict[str, Any]]:
    counts, entities = Counter(), {}
    for _, subject, obj in _endpoint_rows(session, base):
        for entity in (subject, obj):
            counts[entity.id] += 1
            entities[entity.id] = entity
    return [
        {"entity": entity_ref(entities[entity_id]), "relations": n}
        for entity_id, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP]
    ]


def _by_theme(session: Session, period: Period) -> list[dict[str, Any]]:
    documents = period.apply(
        select(M.DocumentTheme.theme_id, func.count())
        .join(M.Document, M.Document.id == M.DocumentTheme.document_id)
        .group_by(M.DocumentTheme.theme_id),
        M.Document.published,
    )
    relations = period.apply(
        select(M.DocumentTheme.theme_id, func.count(M.Relation.id))
        .join(M.Relation, M.Relation.document_id == M.DocumentTheme.document_id)
        .join(M.Document, M.Document.id == M.DocumentTheme.document_id)
        .where(M.Relation.review_state != REJECTED)
        .group_by(M.DocumentTheme.theme_id),
        relation_date(),
    )
    per_document = dict(session.execute(documents).all())
    per_relation = dict(session.execute(relations).all())
    return sorted(
        (
            {"theme": t, "documents": per_document.get(t, 0), "relations": per_relation.get(t, 0)}
            for t in set(per_document) | set(per_relation)
        ),
        key=lambda row: (-row["documents"], row["theme"]),
    )


def _recent(session: Session, period: Period, theme: str | None) -> list[dict[str, Any]]:
    statement = (
        select(M.Document.id, M.Document.title, M.Document.published)
        .where(M.Document.relevant.is_(True))
        .order_by(M.Document.published.desc(), M.Document.seq.desc())
        .limit(10)
    )
    if theme:
        statement = statement.where(M.Document.id.in_(documents_with_theme(theme)))
    statement = period.apply(statement, M.Document.published)
    return [{"id": i, "title": t, "published": p} for i, t, p in session.execute(statement).all()]
