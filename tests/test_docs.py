"""Documentation that can rot is checked against the code."""

import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import cli_reference  # noqa: E402


def test_readme_opens_with_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```bash\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert commands == ["python3 dev.py demo", "python3 dev.py test"]


def test_every_command_is_in_the_readme_and_up_to_date():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in cli_reference.command_paths():
        assert f"### `{' '.join(['jejaring', *path])}`" in readme
    regenerated = cli_reference.replace_reference(readme, cli_reference.reference())
    difference = "".join(
        difflib.unified_diff(readme.splitlines(True), regenerated.splitlines(True), n=1)
    )
    assert not difference, f"run: python tools/cli_reference.py --write\n{difference[:3000]}"


def test_every_module_has_a_docstring():
    import ast

    missing = []
    for path in (ROOT / "src" / "jejaring").rglob("*.py"):
        if path.name in {"__main__.py"} or "versions" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if path.name != "__init__.py" and ast.get_docstring(tree) is None:
            missing.append(str(path.relative_to(ROOT)))
    assert not missing, f"modules without a docstring: {missing}"
