#!/usr/bin/env python3
"""Set-up and the two everyday jobs, needing nothing but python3.

    python3 dev.py demo   # environment, install, ingest the sample corpus, show it, serve the web
    python3 dev.py demo --no-serve   # the same, without serving (returns at once)
    python3 dev.py test   # environment, install with test extras, lint, run all tests

The virtual environment lives in .venv and is reinstalled only when
pyproject.toml changes. Standard library only: this runs before anything
is installed.
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
STAMP = VENV / ".jejaring-install"
SAMPLE = ROOT / "src" / "jejaring" / "data" / "sample" / "documents"
DEMO_DB = ROOT / "jejaring.db"
DEFAULT_TEST_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__.strip())
        return 2
    return COMMANDS[argv[0]](argv[1:])


def demo(args: list[str]) -> int:
    """Install, ingest the sample corpus into ./jejaring.db, show it, then serve the web app.

    Serving runs until Ctrl-C; ``--no-serve`` stops after showing, for scripts.
    """
    ensure_environment(extras="")
    db = ["--db", str(DEMO_DB)]
    steps = [
        ["ingest", str(SAMPLE), *db],
        ["documents", "list", *db, "--limit", "30"],
        ["entities", "list", *db, "--limit", "15"],
        ["search", '"sister city" OR "kota kembar" OR jumelage', *db, "--limit", "5"],
    ]
    for step in steps:
        code = jejaring(step)
        if code:
            return code
    print(
        f"\nThe sample corpus is in {DEMO_DB}. Try: {BIN / 'jejaring'} search 'UCLG' --db {DEMO_DB}"
    )
    if "--no-serve" in args:
        return 0
    return serve_web(DEMO_DB)


def serve_web(db: Path) -> int:
    """Serve the web app and API on ``db`` at 127.0.0.1 until Ctrl-C; print the address first."""
    port = free_port(8000)
    print(f"\nServing the web app on port {port} (Ctrl-C stops it) …", flush=True)
    command = [str(BIN / "jejaring"), "serve", "--db", str(db), "--port", str(port)]
    try:
        return run(command)
    except KeyboardInterrupt:
        return 0


def free_port(preferred: int) -> int:
    """``preferred`` when nothing listens there, else any free port on loopback."""
    for port in (preferred, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise OSError("no free port on 127.0.0.1")


def test(args: list[str]) -> int:
    """Install with test extras, lint, then run the whole suite (extra args go to pytest)."""
    ensure_environment(extras="[test]")
    environment = dict(os.environ)
    if "JEJARING_TEST_PG" not in environment and postgres_answers("127.0.0.1", 5432):
        environment["JEJARING_TEST_PG"] = DEFAULT_TEST_PG
        print(f"PostgreSQL answers on 127.0.0.1:5432; testing against it too ({DEFAULT_TEST_PG}).")
    lint = run([str(BIN / "ruff"), "check", "src", "tests", "benchmarks", "dev.py"])
    if lint:
        return lint
    return run([str(PYTHON), "-m", "pytest", *args], env=environment)


def ensure_environment(extras: str) -> None:
    """Create .venv if missing; (re)install the package when pyproject.toml changed."""
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    print("Installing Jejaring and its dependencies …", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    code = run([*pip, "-e", f"{ROOT}{extras}"])
    if code:
        sys.exit(f"installation failed (pip exit code {code})")
    STAMP.write_text(wanted)


def jejaring(args: list[str]) -> int:
    return run([str(BIN / "jejaring"), *args])


def run(command: list[str], env: dict[str, str] | None = None) -> int:
    return subprocess.call(command, cwd=ROOT, env=env)


def postgres_answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


COMMANDS = {"demo": demo, "test": test}

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
