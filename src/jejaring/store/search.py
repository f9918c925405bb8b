"""Full-text search behind one interface: SQLite FTS5 or PostgreSQL tsvector.

Queries are written once in a small, forgiving language and compiled for
each backend, so users never meet FTS5 or tsquery syntax errors:

- words are all required: ``sister city``
- ``"kerja sama"`` is a phrase; ``kota*`` a prefix
- ``-word`` excludes; ``a OR b`` accepts either

Ranking a query that matches most of a large archive ("jakarta" in a year
of Indonesian news) means scoring every match, which neither FTS5 nor
PostgreSQL can cut short. Like search engines that stop early, scoring here
considers the ``RANK_WINDOW`` most recently stored matches, and counting
stops at ``COUNT_LIMIT`` (``total_exact`` says whether the total is exact,
as "about 10,000 results" does elsewhere). Queries matching fewer documents
are ranked and counted in full.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from jejaring.errors import JejaringError

HIGHLIGHT_START, HIGHLIGHT_END = "\x02", "\x03"
RANK_WINDOW = 5_000
COUNT_LIMIT = 10_000
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


class QueryError(JejaringError):
    """The search query has nothing to search for."""


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # more than one word: a phrase
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True)
class Query:
    """Clauses are AND-ed; each clause is a list of alternatives (OR-ed)."""

    clauses: tuple[tuple[Term, ...], ...]


@dataclass(frozen=True)
class SearchFilters:
    language: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None
    theme: str | None = None
    country: str | None = None  # documents naming an entity of this country


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str | None
    snippet: str  # highlights between HIGHLIGHT_START and HIGHLIGHT_END
    score: float
    published: str | None
    language: str | None
    url: str | None
    site: str | None

    def snippet_html(self) -> str:
        """The snippet escaped for HTML, highlights as ``<mark>``."""
        escaped = html.escape(self.snippet)
        return escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_END, "</mark>")


@dataclass
class SearchResults:
    query: str
    total: int
    hits: list[SearchHit] = field(default_factory=list)
    total_exact: bool = True


def parse_query(query: str) -> Query:
    """Parse the user's query; raise ``QueryError`` if no positive term is left."""
    clauses: list[list[Term]] = []
    pending_or = False
    for match in _TOKEN.finditer(query):
        negated_phrase, phrase, bare = match.groups()
        if bare == "OR":
            pending_or = bool(clauses)
            continue
        term = _phrase_term(phrase, bool(negated_phrase)) if phrase is not None else _bare(bare)
        if term is None:
            continue
        if pending_or and not term.negated and not clauses[-1][0].negated:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        pending_or = False
    if not any(not clause[0].negated for clause in clauses):
        raise QueryError(f"nothing to search for in {query!r}: give at least one word")
    return Query(tuple(tuple(clause) for clause in clauses))


def _phrase_term(phrase: str, negated: bool) -> Term | None:
    words = tuple(w.lower() for w in _WORD.findall(phrase))
    return Term(words, negated=negated) if words else None


def _bare(token: str) -> Term | None:
    negated = token.startswith("-") and len(token) > 1
    token = token[1:] if negated else token
    prefix = token.endswith("*")
    words = tuple(w.lower() for w in _WORD.findall(token))
    if not words:
        return None
    return Term(words, prefix=prefix, negated=negated)


def to_fts5(query: Query) -> str:
    """FTS5 MATCH expression; every word is quoted, so no input is a syntax error."""
    positive = [c for c in query.clauses if not c[0].negated]
    negative = [c for c in query.clauses if c[0].negated]
    expression = " AND ".join(_fts5_clause(c) for c in positive)
    for clause in negative:
        expression = f"({expression}) NOT {_fts5_term(clause[0])}"
    return expression


def _fts5_clause(clause: tuple[Term, ...]) -> str:
    if len(clause) == 1:
        return _fts5_term(clause[0])
    return "(" + " OR ".join(_fts5_term(t) for t in clause) + ")"


def _fts5_term(term: Term) -> str:
    quoted = '"' + " ".join(term.words) + '"'
    return quoted + "*" if term.prefix else quoted


def to_tsquery(query: Query) -> str:
    """PostgreSQL ``to_tsquery('simple', …)`` input built from the same clauses."""
    parts = []
    for clause in query.clauses:
        alternatives = " | ".join(_ts_term(t) for t in clause)
        parts.append(f"({alternatives})" if len(clause) > 1 else alternatives)
    return " & ".join(parts)


def _ts_term(term: Term) -> str:
    lexemes = [f"'{w}'" for w in term.words]
    if term.prefix:
        lexemes[-1] += ":*"
    body = " <-> ".join(lexemes)
    if len(lexemes) > 1:
        body = f"({body})"
    return f"!{body}" if term.negated else body


def search(
    session: Session,
    query: str,
    *,
    filters: SearchFilters = SearchFilters(),
    limit: int = 10,
    offset: int = 0,
) -> SearchResults:
    """Ranked documents matching ``query``, best first, with highlighted snippets."""
    parsed = parse_query(query)
    dialect = session.get_bind().dialect.name
    where, params = _filter_sql(filters)
    params.update(
        limit=limit,
        offset=offset,
        window=max(RANK_WINDOW, limit + offset),
        count_limit=COUNT_LIMIT + 1,
    )
    if dialect == "sqlite":
        params["match"] = to_fts5(parsed)
        count_sql, top_sql, detail_sql = _sqlite_sql(where)
    elif dialect == "postgresql":
        params["tsquery"] = to_tsquery(parsed)
        count_sql, top_sql, detail_sql = _postgres_sql(where)
    else:
        raise QueryError(f"full-text search is not available on {dialect}")
    total = session.execute(text(count_sql), params).scalar_one()
    exact = total <= COUNT_LIMIT
    total = min(total, COUNT_LIMIT)
    if not total:
        return SearchResults(query, 0, [])
    top = session.execute(text(top_sql), params).all()
    if not top:
        return SearchResults(query, total, [], exact)
    scores = {seq: float(score or 0.0) for seq, score in top}
    detail = text(detail_sql).bindparams(bindparam("seqs", expanding=True))
    rows = {
        row["seq"]: row
        for row in session.execute(detail, {**params, "seqs": list(scores)}).mappings()
    }
    hits = [_hit(rows[seq], scores[seq]) for seq in scores if seq in rows]
    return SearchResults(query, total, hits, exact)


def _filter_sql(filters: SearchFilters) -> tuple[str, dict]:
    conditions, params = [], {}
    if filters.language:
        conditions.append("d.language = :language")
        params["language"] = filters.language
    if filters.date_from:
        conditions.append("d.published >= :date_from")
        params["date_from"] = filters.date_from
    if filters.date_to:
        # A bare year or month covers all of it: '2024' ≤ '2024-12-31' ≤ '2024~'.
        conditions.append("d.published <= :date_to")
        params["date_to"] = filters.date_to + "~"
    if filters.source:
        conditions.append("(d.site LIKE :source OR d.source LIKE :source OR d.url LIKE :source)")
        params["source"] = f"%{filters.source}%"
    if filters.theme:
        conditions.append(
            "d.id IN (SELECT document_id FROM document_themes WHERE theme_id = :theme)"
        )
        params["theme"] = filters.theme
    if filters.country:
        conditions.append(
            "d.id IN (SELECT m.document_id FROM mentions m JOIN entities e ON e.id = m.entity_id "
            "WHERE e.country = :country)"
        )
        params["country"] = filters.country
    where = "".join(f" AND {c}" for c in conditions)
    return where, params


_COLUMNS = "d.seq, d.id, d.title, d.published, d.language, d.url, d.site"


def _sqlite_sql(where: str) -> tuple[str, str, str]:
    # CROSS JOIN fixes the join order: the full-text match first, then the filters.
    matches = (
        "FROM documents_fts f CROSS JOIN documents d ON d.seq = f.rowid "
        f"WHERE documents_fts MATCH :match{where}"
    )
    count = f"SELECT count(*) FROM (SELECT 1 {matches} LIMIT :count_limit)"
    top = (
        "SELECT seq, score FROM (SELECT f.rowid AS seq, -f.rank AS score "
        f"{matches} ORDER BY f.rowid DESC LIMIT :window) "
        "ORDER BY score DESC, seq DESC LIMIT :limit OFFSET :offset"
    )
    snippet = f"snippet(documents_fts, 1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 24)"
    detail = (
        f"SELECT {_COLUMNS}, {snippet} AS snippet FROM documents_fts f "
        "JOIN documents d ON d.seq = f.rowid "
        "WHERE documents_fts MATCH :match AND f.rowid IN :seqs"
    )
    return count, top, detail


def _postgres_sql(where: str) -> tuple[str, str, str]:
    matches = (
        f"FROM documents d, to_tsquery('simple', :tsquery) q WHERE d.search_vector @@ q{where}"
    )
    count = f"SELECT count(*) FROM (SELECT 1 {matches} LIMIT :count_limit) counted"
    top = (
        "SELECT seq, ts_rank_cd(search_vector, q, 1) AS score FROM ("
        f"SELECT d.seq, d.search_vector, q {matches} ORDER BY d.seq DESC LIMIT :window"
        ") window_ ORDER BY score DESC, seq DESC LIMIT :limit OFFSET :offset"
    )
    options = (
        f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_END}, MaxWords=30, MinWords=12, "
        "MaxFragments=2, FragmentDelimiter=…"
    )
    detail = (
        f"SELECT {_COLUMNS}, ts_headline('simple', d.text, to_tsquery('simple', :tsquery), "
        f"'{options}') AS snippet FROM documents d WHERE d.seq IN :seqs"
    )
    return count, top, detail


def _hit(row, score: float) -> SearchHit:
    return SearchHit(
        id=row["id"],
        title=row["title"],
        snippet=row["snippet"] or "",
        score=score,
        published=row["published"],
        language=row["language"],
        url=row["url"],
        site=row["site"],
    )


FACET_WINDOW = 1_000
FACETS = ("language", "year", "theme", "country")


def facets(
    session: Session, query: str, *, filters: SearchFilters = SearchFilters()
) -> dict[str, dict[str, int]]:
    """Counts by language, year, theme and country over the ``FACET_WINDOW`` newest matches.

    Counting every match of a broad query would cost as much as ranking it
    all, so facets, like ranking, look at a recent window of matches.
    """
    parsed = parse_query(query)
    dialect = session.get_bind().dialect.name
    where, params = _filter_sql(filters)
    params["window"] = FACET_WINDOW
    if dialect == "sqlite":
        params["match"] = to_fts5(parsed)
        matched = (
            "SELECT d.id, d.language, d.published FROM documents_fts f CROSS JOIN documents d "
            f"ON d.seq = f.rowid WHERE documents_fts MATCH :match{where} "
            "ORDER BY f.rowid DESC LIMIT :window"
        )
    else:
        params["tsquery"] = to_tsquery(parsed)
        matched = (
            "SELECT d.id, d.language, d.published FROM documents d, "
            f"to_tsquery('simple', :tsquery) q WHERE d.search_vector @@ q{where} "
            "ORDER BY d.seq DESC LIMIT :window"
        )
    # One statement, the match computed once (MATERIALIZED) and grouped four ways.
    sql = (
        f"WITH w AS MATERIALIZED ({matched}) "
        "SELECT 'language', w.language, count(*) FROM w "
        "WHERE w.language IS NOT NULL GROUP BY w.language "
        "UNION ALL SELECT 'year', substr(w.published, 1, 4), count(*) FROM w "
        "WHERE w.published IS NOT NULL GROUP BY substr(w.published, 1, 4) "
        "UNION ALL SELECT 'theme', t.theme_id, count(*) FROM w "
        "JOIN document_themes t ON t.document_id = w.id GROUP BY t.theme_id "
        "UNION ALL SELECT 'country', e.country, count(DISTINCT w.id) FROM w "
        "JOIN mentions m ON m.document_id = w.id JOIN entities e ON e.id = m.entity_id "
        "WHERE e.country IS NOT NULL GROUP BY e.country"
    )
    found: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for name, key, n in session.execute(text(sql), params).all():
        found[name][str(key)] = int(n)
    return found
