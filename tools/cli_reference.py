#!/usr/bin/env python3
"""Write the CLI reference into README.md from the commands' own --help.

    python tools/cli_reference.py          # print the reference
    python tools/cli_reference.py --write  # replace it in README.md

A test regenerates it and compares, so the README never drifts from the code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- cli-reference:start -->", "<!-- cli-reference:end -->"


def command_paths() -> list[list[str]]:
    """Every command and group, depth first, as argument lists."""
    from jejaring.cli import app

    root = typer.main.get_command(app)
    paths: list[list[str]] = [[]]

    def walk(group, prefix: list[str]) -> None:
        for name, command in group.commands.items():  # registration order
            paths.append([*prefix, name])
            if hasattr(command, "commands"):
                walk(command, [*prefix, name])

    walk(root, [])
    return paths


def help_text(path: list[str]) -> str:
    environment = {**os.environ, "TYPER_USE_RICH": "0", "COLUMNS": "100", "NO_COLOR": "1"}
    completed = subprocess.run(
        [sys.executable, "-m", "jejaring", *path, "--help"],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    return "\n".join(line.rstrip() for line in completed.stdout.strip().splitlines())


def reference() -> str:
    sections = []
    for path in command_paths():
        title = " ".join(["jejaring", *path])
        sections.append(f"### `{title}`\n\n```text\n{help_text(path)}\n```\n")
    return "\n".join(sections)


def replace_reference(readme: str, body: str) -> str:
    before, rest = readme.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{body}{END}{after}"


def main() -> None:
    body = reference()
    if "--write" in sys.argv:
        README.write_text(replace_reference(README.read_text(encoding="utf-8"), body), "utf-8")
    else:
        print(body)


if __name__ == "__main__":
    main()
