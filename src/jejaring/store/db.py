"""Engines, sessions and migrations for SQLite (the embedded default) and PostgreSQL."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from jejaring.errors import StoreError
from jejaring.settings import database_url

logger = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass
class Store:
    """An open database: its engine and a session factory."""

    engine: Engine
    sessions: sessionmaker[Session]
    _reads: sessionmaker[Session] | None = field(default=None, repr=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def reads(self) -> sessionmaker[Session]:
        """Sessions for the short reads a web server runs in its event loop.

        They have an engine of their own: such reads run one at a time and give
        their connection back before the loop moves on, so one connection is
        enough, and they never wait for a connection held by a thread that in
        turn waits for the loop. An in-memory database has only the one engine.

        On PostgreSQL that engine reads in autocommit mode and does not ping
        the server before each use, as Django does by default: a page's few
        statements then take one round trip each, instead of two more for
        ``BEGIN`` and ``ROLLBACK`` and one for the ping. Each statement sees
        the data committed when it starts. A connection the server dropped
        fails one request and is then replaced (SQLAlchemy invalidates it).
        """
        if self._reads is None:
            url = self.engine.url
            if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
                self._reads = self.sessions
            else:
                engine = make_engine(
                    url.render_as_string(hide_password=False), pool_size=1, reads_only=True
                )
                self._reads = sessionmaker(engine, expire_on_commit=False)
        return self._reads

    @contextmanager
    def transaction(self):
        """A session whose work is committed together, or not at all."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        if self._reads is not None and self._reads is not self.sessions:
            self._reads.kw["bind"].dispose()
        self.engine.dispose()


def make_engine(db: str | Path, pool_size: int | None = None, reads_only: bool = False) -> Engine:
    """An engine for a file path or URL; ``postgresql://`` means psycopg 3.

    ``pool_size`` keeps that many connections open and opens more when they
    are all in use (never waiting for one). ``reads_only`` (PostgreSQL):
    autocommit, and no ping before each checkout (see :attr:`Store.reads`).
    """
    pool = {} if pool_size is None else {"pool_size": pool_size, "max_overflow": -1}
    url = database_url(db)
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 30}, **pool)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            server = (
                {"isolation_level": "AUTOCOMMIT", "pool_pre_ping": False}
                if reads_only
                else {"pool_pre_ping": True}
            )
            engine = create_engine(url, **server, **pool)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database {db!s}: {exc}") from exc
    return engine


def open_store(db: str | Path, *, migrate: bool = True) -> Store:
    """Open (and by default create or upgrade) the database named by ``db``."""
    engine = make_engine(db)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open database {db!s}: {_short(exc)}") from exc
    if migrate:
        upgrade(engine)
    return Store(engine, sessionmaker(engine, expire_on_commit=False))


FULL_TEXT_INDEX = "ix_documents_search_vector"  # PostgreSQL's GIN index (migration 0002)


def refresh_statistics(store: Store) -> None:
    """After a bulk load: fresh planner statistics, and the full-text index made whole.

    Until autovacuum gets round to it (or where it is off), PostgreSQL plans
    with no statistics, and a GIN index keeps new entries in a pending list
    that every search reads in full. Searches then chose sequential scans that
    unpack each document's tsvector: a search with no hits over the Kompas file
    took 12 ms instead of 0.1 ms. So an ingest run ends with what a database
    administrator would do after a bulk load. SQLite gets ``PRAGMA optimize``.
    A failure here is logged and costs only speed.
    """
    statements = {
        "postgresql": [f"SELECT gin_clean_pending_list('{FULL_TEXT_INDEX}')", "ANALYZE"],
        "sqlite": ["PRAGMA optimize"],
    }.get(store.dialect, [])
    try:
        with store.engine.begin() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
    except SQLAlchemyError as exc:
        logger.warning("could not refresh the database's statistics: %s", _short(exc))


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` in place (Alembic)."""
    from alembic import command

    with engine.begin() as connection:
        config = _alembic_config(connection)
        try:
            command.upgrade(config, revision)
        except SQLAlchemyError as exc:
            raise StoreError(f"database migration failed: {_short(exc)}") from exc


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision`` (``base`` removes it); data in dropped tables goes."""
    from alembic import command

    with engine.begin() as connection:
        try:
            command.downgrade(_alembic_config(connection), revision)
        except SQLAlchemyError as exc:
            raise StoreError(f"database downgrade failed: {_short(exc)}") from exc


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(None)).get_current_head()


def table_names(engine: Engine) -> list[str]:
    return inspect(engine).get_table_names()


def _alembic_config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _short(exc: Exception) -> str:
    if isinstance(exc, OperationalError) and exc.orig is not None:
        return str(exc.orig).strip().splitlines()[0]
    return str(exc).strip().splitlines()[0]
