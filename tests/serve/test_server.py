"""`jejaring serve` over real HTTP on 127.0.0.1, with a user and token made by `jejaring user`."""

import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent / "jejaring"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def user_with_token(db: str) -> str:
    added = subprocess.run(
        [BIN, "user", "add", "carla", "--role", "admin", "--password-stdin", "--db", db],
        input="a good password\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert added.returncode == 0, added.stderr
    return subprocess.run(
        [BIN, "user", "token", "carla", "--db", db], capture_output=True, text=True, check=True
    ).stdout.strip()


@contextmanager
def served(db: str, *options: str):
    """``jejaring serve`` on a free port, once /health answers; yields (base URL, output)."""
    port = free_port()
    server = subprocess.Popen(
        [BIN, "serve", "--db", db, "--port", str(port), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    output: list[str] = []
    try:
        base = f"http://127.0.0.1:{port}/api/v1"
        for _ in range(300):
            try:
                httpx.get(base + "/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base, output
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=20)
        output.append(out)


def test_serve_binds_loopback_and_answers_with_a_cli_token(tmp_path):
    db = str(tmp_path / "served.db")
    token = user_with_token(db)
    with served(db) as (base, output):
        health = httpx.get(base + "/health")
        assert health.json()["status"] == "ok"
        users = httpx.get(base + "/users", headers={"Authorization": f"Bearer {token}"})
        assert users.status_code == 200 and users.json() == [{"name": "carla", "role": "admin"}]
        assert httpx.get(base + "/users").status_code == 401
        assert httpx.get(base + "/openapi.json").json()["info"]["title"] == "Jejaring"
    assert f"{base}" in output[0]


def test_serve_with_two_workers_shares_the_database(tmp_path):
    db = str(tmp_path / "workers.db")
    token = user_with_token(db)
    with served(db, "--workers", "2") as (base, _):
        assert httpx.get(base + "/health").json()["database"] == "sqlite"
        with httpx.Client(headers={"Authorization": f"Bearer {token}"}) as client:
            # fresh connections, so that both processes are likely asked
            answers = [
                client.get(base + "/users", headers={"Connection": "close"}) for _ in range(8)
            ]
        assert [a.status_code for a in answers] == [200] * 8
        assert httpx.get(base + "/users").status_code == 401
