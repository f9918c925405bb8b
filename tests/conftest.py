"""Fixtures shared by every test: fresh databases, SQLite always, PostgreSQL when named."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from databases import postgres_database
from http_server import LocalServer
from jejaring.store.db import Store, open_store

PG_ENV = "JEJARING_TEST_PG"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def pytest_collection_modifyitems(config, items) -> None:
    skip_shared = pytest.mark.skip(reason=f"needs the shared data folder at {SHARED}")
    for item in items:
        if "shared" in item.keywords and not SHARED.is_dir():
            item.add_marker(skip_shared)


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server to test against")
    return url


@pytest.fixture
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    with postgres_database(postgres_server_url) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return str(tmp_path / "jejaring.db")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request) -> str:
    """The URL of a fresh database, once per backend."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    yield opened
    opened.close()


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1, fresh for each test."""
    server = LocalServer().start()
    try:
        yield server
    finally:
        server.close()
