"""An app over a small graph: the bundled sample corpus, ingested and extracted once per run.

Extraction runs once per test session; each test gets a fresh database
(SQLite always, PostgreSQL when ``JEJARING_TEST_PG`` is set) loaded with the
same documents and records, an editor and an admin, and a ``TestClient``
that speaks real HTTP semantics to the app.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from databases import postgres_database
from jejaring.ingest.pipeline import IngestOptions, iter_documents, plan
from jejaring.ingest.prepare import PrepareOptions
from jejaring.ingest.sources import SourceOptions
from jejaring.serve import security
from jejaring.serve.app import create_app
from jejaring.settings import Settings
from jejaring.store import users
from jejaring.store.db import Store, open_store
from jejaring.store.loader import load

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "jejaring" / "data" / "sample" / "documents"
PASSWORD = "a long test password"


@pytest.fixture(scope="session")
def sample() -> tuple[list, dict]:
    """The sample corpus as documents and, by document id, its extraction records."""
    from jejaring.extract.extractor import Extractor

    options = IngestOptions(sources=SourceOptions(), prepare=PrepareOptions())
    documents = [d for d in iter_documents(plan([str(SAMPLE)], options.sources), options)]
    records = list(Extractor().extract_many(documents))
    return documents, {d.id: r for d, r in zip(documents, records, strict=True)}


def fill(store: Store, sample: tuple[list, dict]) -> None:
    documents, records = sample
    load(store, documents, annotate=lambda batch: [records[d.id] for d in batch])
    with store.transaction() as session:
        for name, role in (("eddy", "editor"), ("ada", "admin")):
            users.add_user(session, name, role, security.hash_password(PASSWORD))


@pytest.fixture(scope="session")
def sqlite_template(sample, tmp_path_factory) -> Path:
    """A filled SQLite file, made once and copied for each test (loading takes seconds)."""
    path = tmp_path_factory.mktemp("template") / "graph.db"
    made = open_store(path)
    fill(made, sample)
    with made.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    made.close()
    return path


@pytest.fixture
def graph_store(db_url: str, sample, sqlite_template: Path) -> Iterator[Store]:
    if "://" not in db_url:
        shutil.copyfile(sqlite_template, db_url)
    opened = open_store(db_url)
    if "://" in db_url:
        fill(opened, sample)
    yield opened
    opened.close()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def read_store(request, sample, sqlite_template: Path, tmp_path_factory) -> Iterator[Store]:
    """A filled database shared by a module's read-only tests, once per backend."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("read") / "graph.db"
        shutil.copyfile(sqlite_template, path)
        opened = open_store(path)
        yield opened
        opened.close()
        return
    with postgres_database(request.getfixturevalue("postgres_server_url")) as url:
        opened = open_store(url)
        fill(opened, sample)
        yield opened
        opened.close()


@pytest.fixture(scope="module")
def reader(read_store: Store) -> Iterator[TestClient]:
    """A client for read-only tests (it must not write: the database is shared)."""
    settings = Settings(secret_key="test-secret-" + "x" * 32)
    with TestClient(create_app(settings, store=read_store)) as test_client:
        yield test_client


@pytest.fixture
def settings() -> Settings:
    return Settings(secret_key="test-secret-" + "x" * 32)


@pytest.fixture
def client(graph_store: Store, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, store=graph_store)) as test_client:
        yield test_client


def login(client: TestClient, name: str = "eddy") -> str:
    """Log in through the API; returns the CSRF token (the cookie stays in the client)."""
    response = client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return response.json()["csrf_token"]


def token_for(client: TestClient, name: str = "eddy") -> str:
    csrf = login(client, name)
    response = client.post("/api/v1/tokens", headers={"X-CSRF-Token": csrf})
    assert response.status_code == 201, response.text
    client.post("/api/v1/auth/logout")
    client.cookies.clear()
    return response.json()["token"]
