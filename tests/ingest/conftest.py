from collections.abc import Iterator

import pytest
from http_server import LocalServer


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1, fresh for each test."""
    server = LocalServer().start()
    try:
        yield server
    finally:
        server.close()
