"""Full-text search over documents: FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL.

Neither side stems: the ``unicode61`` tokenizer and the ``simple`` text
search configuration lower-case and split words only, which keeps Indonesian
words whole (an English stemmer would mangle "pemerintahan" or "kerja sama").

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Very long documents are indexed on their first half million characters:
# a PostgreSQL tsvector is limited to 1 MB.
PG_INDEXED_CHARS = 500_000

SQLITE_UP = [
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='seq',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS documents_fts_update",
    "DROP TRIGGER IF EXISTS documents_fts_delete",
    "DROP TRIGGER IF EXISTS documents_fts_insert",
    "DROP TABLE IF EXISTS documents_fts",
]
POSTGRES_UP = [
    f"""ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple', left(text, {PG_INDEXED_CHARS})), 'B')) STORED""",
    "CREATE INDEX ix_documents_search_vector ON documents USING gin (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS ix_documents_search_vector",
    "ALTER TABLE documents DROP COLUMN IF EXISTS search_vector",
]


def upgrade() -> None:
    for statement in _statements(SQLITE_UP, POSTGRES_UP):
        op.execute(statement)


def downgrade() -> None:
    for statement in _statements(SQLITE_DOWN, POSTGRES_DOWN):
        op.execute(statement)


def _statements(sqlite: list[str], postgres: list[str]) -> list[str]:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        return sqlite
    if dialect == "postgresql":
        return postgres
    raise NotImplementedError(f"full-text search is not available on {dialect}")
