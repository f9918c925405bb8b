"""A real HTTP server on 127.0.0.1 for tests: routes, delays, flaky routes, request counts.

Tests of network code talk to this server over loopback rather than to mocks,
so redirects, timeouts, streaming and headers behave as they do in production.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

LOOPBACK = "127.0.0.1"


@dataclass
class Route:
    """What one path answers.

    The first ``fail_times`` requests get ``fail_status`` (with ``fail_headers``);
    later ones get ``status``. ``delay`` seconds pass before anything is sent.
    With ``send_length=False`` no Content-Length is sent and the body ends when
    the connection closes, like a streamed response of unknown size.
    """

    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    fail_times: int = 0
    fail_status: int = 503
    fail_headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True


class LocalServer:
    """A threaded HTTP server bound to loopback on a free port, serving in the background."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self._counts: Counter[str] = Counter()
        self._headers: dict[str, list[dict[str, str]]] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = _Server((LOOPBACK, 0), _handler_for(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def url(self, path: str = "/") -> str:
        return f"http://{LOOPBACK}:{self.port}{path}"

    def route(self, path: str, body: bytes | str = b"", **options: object) -> str:
        """Serve ``body`` at ``path`` (other ``Route`` fields by keyword); return its URL."""
        self.routes[path] = Route(body=body, **options)  # type: ignore[arg-type]
        return self.url(path)

    def requests(self, path: str) -> int:
        """How many requests ``path`` has received."""
        with self._lock:
            return self._counts[path]

    def request_headers(self, path: str) -> list[dict[str, str]]:
        """The headers of every request ``path`` received, oldest first."""
        with self._lock:
            return list(self._headers.get(path, []))

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._stopping.set()  # wakes handlers sleeping out a delay
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _record(self, path: str, headers: dict[str, str]) -> int:
        with self._lock:
            self._counts[path] += 1
            self._headers.setdefault(path, []).append(headers)
            return self._counts[path]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet: clients that time out and hang up are what some tests are about."""


def _handler_for(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            count = server._record(path, {k.lower(): v for k, v in self.headers.items()})
            route = server.routes.get(path)
            if route is None:
                self._send(404, {"Content-Type": "text/plain"}, b"not found", True)
                return
            if route.delay and server._stopping.wait(route.delay):
                return
            if count <= route.fail_times:
                self._send(route.fail_status, route.fail_headers, b"failing on purpose", True)
                return
            body = route.body.encode("utf-8") if isinstance(route.body, str) else route.body
            self._send(route.status, route.headers, body, route.send_length)

        def _send(
            self, status: int, headers: dict[str, str], body: bytes, send_length: bool
        ) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if send_length and not any(k.lower() == "content-length" for k in headers):
                self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output clean."""

    return Handler
