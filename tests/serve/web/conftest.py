"""A real server and a real browser for the web app's tests.

Once per session: a fresh SQLite database filled the way a user fills one
(`jejaring ingest` of the bundled sample corpus, `jejaring user add
--password-stdin` for an editor), served by uvicorn on 127.0.0.1 on a free
port in a background thread, and Debian's headless Chromium driven by
Playwright. Screenshots go to
test-artifacts/web/ (git-ignored) so a person can look at every page.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "src" / "jejaring" / "data" / "sample" / "documents"
ARTIFACTS = ROOT / "test-artifacts" / "web"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EDITOR = "eddy"
PASSWORD = "a long editor password"


def jejaring(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the real command line, as a user would, and fail the test setup on an error."""
    result = subprocess.run(
        [sys.executable, "-m", "jejaring", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "OMP_NUM_THREADS": "1"},
        check=False,
    )
    assert result.returncode == 0, f"jejaring {' '.join(args)} failed:\n{result.stderr}"
    return result


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database with the sample corpus and its graph, and one editor."""
    path = tmp_path_factory.mktemp("web") / "jejaring.db"
    jejaring("ingest", str(SAMPLE), "--db", str(path))
    add_editor(path)
    return path


def add_editor(db: Path) -> None:
    """The editor who logs in, created with the command an administrator would use."""
    result = jejaring(
        "user",
        "add",
        EDITOR,
        "--role",
        "editor",
        "--password-stdin",
        "--db",
        str(db),
        stdin=PASSWORD + "\n",
    )
    assert f"user {EDITOR} (editor) created" in result.stderr


class ThreadedServer:
    """uvicorn serving an app on an already bound loopback socket, in a daemon thread."""

    def __init__(self, app) -> None:
        import uvicorn

        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self._server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def start(self) -> ThreadedServer:
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            assert time.monotonic() < deadline, "the web server did not start within 30 s"
            assert self._thread.is_alive(), "the web server stopped while starting"
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()


@pytest.fixture(scope="session")
def web_url(web_db: Path) -> Iterator[str]:
    from jejaring.serve.app import create_app
    from jejaring.settings import Settings

    # The sample's events are extracted at confidence 0.7; a threshold above it puts them in
    # the review queue next to the relations, so the queue's event tab has work to show.
    settings = Settings(
        db=str(web_db), secret_key="web-test-secret-" + "x" * 32, review_threshold=0.8
    )
    server = ThreadedServer(create_app(settings)).start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(
            f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        )
    playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


class Pages:
    """A browser context on the test server that records page errors and saves screenshots."""

    def __init__(self, browser, base_url: str, **context_options) -> None:
        self.base_url = base_url
        self.context = browser.new_context(base_url=base_url, **context_options)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def pages(browser, web_url: str) -> Iterator[Pages]:
    """A desktop-sized English browser session; fails the test if a page threw an error."""
    session = Pages(browser, web_url, locale="en-GB", viewport={"width": 1280, "height": 900})
    try:
        yield session
        assert session.errors == [], f"errors in the browser: {session.errors}"
    finally:
        session.close()
