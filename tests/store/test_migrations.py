"""Migrations build the schema the models describe, and run both ways."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from jejaring.store.db import current_revision, downgrade, head_revision, make_engine, upgrade
from jejaring.store.models import Base

# Full-text search lives outside the ORM: FTS5 tables on SQLite, a generated
# tsvector column and its index on PostgreSQL.
SEARCH_OBJECTS = ("documents_fts", "search_vector")


def schema_differences(engine) -> list:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    return [d for d in differences if not any(name in repr(d) for name in SEARCH_OBJECTS)]


def test_upgrade_creates_the_models_schema(db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert schema_differences(engine) == []
    engine.dispose()


def test_upgrade_is_idempotent_and_downgrade_reverses(db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    upgrade(engine)
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert "documents" in inspect(engine).get_table_names()
    engine.dispose()
