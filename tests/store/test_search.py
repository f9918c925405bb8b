"""One search interface over SQLite FTS5 and PostgreSQL full-text search."""

import pytest

from jejaring.ingest.document import RawDocument
from jejaring.ingest.prepare import prepare
from jejaring.store.loader import load
from jejaring.store.search import (
    QueryError,
    SearchFilters,
    parse_query,
    search,
    to_fts5,
    to_tsquery,
)
from texts import CLIMATE_EN, JUMELAGE_FR, SISTER_CITY_ID

CORPUS = [
    ("kembar", SISTER_CITY_ID, "2024-09-12", "https://kota.example.org/a"),
    ("forum", CLIMATE_EN, "2023-05-02", "https://news.example.com/b"),
    ("jumelage", JUMELAGE_FR, "2022-01-15", "https://ville.example.fr/c"),
    ("pemerintahan", "Pemerintahan daerah membahas anggaran pemerintahan desa.", None, None),
    ("kerja", "Mereka bekerja sama dengan warga untuk membersihkan sungai kota.", None, None),
]


@pytest.fixture
def searchable(store):
    documents = [
        prepare(RawDocument(text=text, source=f"/c/{name}.txt", published=date, url=url))
        for name, text, date, url in CORPUS
    ]
    load(store, documents)
    return store


def ids(store, query, **filters):
    with store.sessions() as session:
        return [hit.id for hit in search(session, query, filters=SearchFilters(**filters)).hits]


def test_words_are_all_required_and_ranked(searchable):
    assert ids(searchable, "kota sampah") == ["kembar"]
    assert set(ids(searchable, "kota")) == {"kembar", "kerja"}


def test_phrase_query_needs_adjacent_words(searchable):
    assert ids(searchable, '"kerja sama"') == ["kembar"]  # "bekerja sama" is another word
    assert ids(searchable, '"sama kerja"') == []


def test_prefix_query(searchable):
    assert set(ids(searchable, "pemerin*")) == {"kembar", "pemerintahan"}


def test_no_stemming_keeps_indonesian_words_whole(searchable):
    assert ids(searchable, "pemerintah") == ["kembar"]  # not "pemerintahan"
    assert ids(searchable, "kerja") == ["kembar"]  # not "bekerja"


def test_exclusion_and_or(searchable):
    assert ids(searchable, "kota -sampah") == ["kerja"]
    assert set(ids(searchable, "jumelage OR mayors")) == {"jumelage", "forum"}


def test_diacritics_and_case_are_ignored_on_sqlite(searchable):
    if searchable.dialect != "sqlite":
        pytest.skip("PostgreSQL's 'simple' configuration keeps diacritics")
    assert ids(searchable, "DECHETS") == ["jumelage"]


def test_filters(searchable):
    assert ids(searchable, "kota OR council OR ville", language="en") == ["forum"]
    assert set(ids(searchable, "kota OR council OR ville", date_from="2023")) == {"kembar", "forum"}
    assert ids(searchable, "kota OR council OR ville", date_to="2022") == ["jumelage"]
    assert ids(searchable, "kota OR council OR ville", date_from="2023-06", date_to="2024-12") == [
        "kembar"
    ]
    assert ids(searchable, "kota OR council OR ville", source="news.example.com") == ["forum"]


def test_snippets_highlight_matches(searchable):
    with searchable.sessions() as session:
        results = search(session, "sampah")
    assert results.total == 1
    assert "<mark>sampah</mark>" in results.hits[0].snippet_html()


def test_pagination(searchable):
    with searchable.sessions() as session:
        first = search(session, "kota OR council OR ville", limit=2)
        second = search(session, "kota OR council OR ville", limit=2, offset=2)
    assert first.total == second.total == 4
    assert len(first.hits) == 2 and len(second.hits) == 2
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}


@pytest.mark.parametrize(
    "query", ['"unclosed kota', "AND NOT kota", "a:b (c", "kota) OR", "'; DROP TABLE documents; --"]
)
def test_hostile_input_is_not_a_syntax_error(searchable, query):
    with searchable.sessions() as session:
        search(session, query)  # raises on a syntax error
        assert search(session, "kota OR council OR ville").total == 4


@pytest.mark.parametrize("query", ["", "   ", "-kota", "***", '""'])
def test_empty_queries_are_refused(query):
    with pytest.raises(QueryError, match="nothing to search for"):
        parse_query(query)


def test_query_compilation():
    parsed = parse_query('kota* "kerja sama" -banjir a OR b')
    assert to_fts5(parsed) == '("kota"* AND "kerja sama" AND ("a" OR "b")) NOT "banjir"'
    assert to_tsquery(parsed) == "'kota':* & ('kerja' <-> 'sama') & !'banjir' & ('a' | 'b')"


def test_ranking_window_keeps_the_total_exact(searchable, monkeypatch):
    import jejaring.store.search as search_module

    monkeypatch.setattr(search_module, "RANK_WINDOW", 2)
    with searchable.sessions() as session:
        results = search(session, "kota OR council OR ville", limit=2)
    assert results.total == 4
    # only the two most recently stored matches are ranked
    assert {hit.id for hit in results.hits} == {"jumelage", "kerja"}


def test_an_ingest_run_leaves_statistics_and_a_whole_full_text_index(searchable):
    """PostgreSQL: planner statistics fresh and no GIN entries left pending after a load."""
    if searchable.dialect != "postgresql":
        pytest.skip("PostgreSQL's planner statistics and GIN pending list")
    with searchable.engine.connect() as connection:
        analysed = connection.exec_driver_sql(
            "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'documents'"
        ).scalar_one()
        # a second clean-up finds no pending pages left to move into the index
        pending = connection.exec_driver_sql(
            "SELECT gin_clean_pending_list('ix_documents_search_vector')"
        ).scalar_one()
    assert analysed and pending == 0
    assert ids(searchable, "kota") and ids(searchable, "zzzyxq") == []
