"""A bounded cache of query results that a change to the database invalidates.

Full-text ranking and facets of a broad query read hundreds of documents,
and a well-connected entity's page or neighbourhood takes several statements;
popular queries and pages repeat, and the data changes only when something is
ingested or curated. Like a search engine's request cache (Elasticsearch's
shard request cache, Solr's queryResultCache), results are kept by query and
by the database's *data version*, a value the database itself changes when
any connection commits a change, whatever process made it:

- SQLite: ``PRAGMA data_version`` of the reading connection, which changes
  when another connection commits (so it is only used on a connection that
  never writes: the store's read engine);
- PostgreSQL: the current snapshot (``pg_current_snapshot()``), which changes
  when a transaction that writes starts or ends.

A changed version is a new key, so a reader never sees results older than
the data; stale entries simply age out of the LRU.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from sqlalchemy.orm import Session

_connection_numbers = itertools.count(1)


def data_version(session: Session) -> Hashable | None:
    """The database's data version as seen by ``session``'s connection, or ``None``."""
    connection = session.connection()
    dialect = connection.dialect.name
    if dialect == "sqlite":
        version = connection.exec_driver_sql("PRAGMA data_version").scalar()
        # Per connection: two connections may number the same state alike, so the
        # key names the connection (by a number never reused in this process).
        info = connection.connection.info
        number = info.setdefault("jejaring_connection", next(_connection_numbers))
        return (number, version)
    if dialect == "postgresql":
        return connection.exec_driver_sql("SELECT pg_current_snapshot()::text").scalar()
    return None


class ResultCache:
    """Least recently used results by key, safe to share between threads."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session: Session, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()``'s value for ``key`` at the database's current data version."""
        version = data_version(session)
        if version is None or self.size <= 0:
            return compute()
        full_key = (key, version)
        with self._lock:
            if full_key in self._entries:
                self._entries.move_to_end(full_key)
                self.hits += 1
                return self._entries[full_key]
        value = compute()
        with self._lock:
            self.misses += 1
            self._entries[full_key] = value
            self._entries.move_to_end(full_key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value
