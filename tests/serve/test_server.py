"""`jejaring serve` over real HTTP on 127.0.0.1, with a user and token made by `jejaring user`."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent / "jejaring"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_binds_loopback_and_answers_with_a_cli_token(tmp_path):
    db = str(tmp_path / "served.db")
    added = subprocess.run(
        [BIN, "user", "add", "carla", "--role", "admin", "--password-stdin", "--db", db],
        input="a good password\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert added.returncode == 0, added.stderr
    token = subprocess.run(
        [BIN, "user", "token", "carla", "--db", db], capture_output=True, text=True, check=True
    ).stdout.strip()
    port = free_port()
    server = subprocess.Popen(
        [BIN, "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}/api/v1"
        for _ in range(100):
            try:
                health = httpx.get(base + "/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert health.json()["status"] == "ok"
        users = httpx.get(base + "/users", headers={"Authorization": f"Bearer {token}"})
        assert users.status_code == 200 and users.json() == [{"name": "carla", "role": "admin"}]
        assert httpx.get(base + "/users").status_code == 401
        assert httpx.get(base + "/openapi.json").json()["info"]["title"] == "Jejaring"
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/api/v1" in out
