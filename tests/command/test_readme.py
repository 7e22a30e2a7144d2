"""README examples are the program's own output: this test keeps them from going stale.

Each ```console block in README.md holds `$ aouad ...` followed by what it prints (with
NO_COLOR and a 100-column terminal). To refresh them after a change of data or layout:
`python tests/command/test_readme.py --update`.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

README = Path(__file__).parents[2] / "README.md"
BLOCK = re.compile(r"```console\n\$ (aouad [^\n]*)\n(.*?)```", re.S)
ENV = {"NO_COLOR": "1", "COLUMNS": "100", "LINES": "50"}


def run(command: str) -> str:
    from typer.testing import CliRunner

    from aouad.cli import app

    result = CliRunner().invoke(app, shlex.split(command)[1:], env=ENV)
    assert result.exit_code == 0, result.stderr
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def examples() -> list[tuple[str, str]]:
    return BLOCK.findall(README.read_text(encoding="utf-8"))


def test_readme_has_examples():
    assert len(examples()) >= 3


def test_readme_examples_are_current(monkeypatch, tmp_path):
    monkeypatch.setenv("AOUAD_CONFIG_DIR", str(tmp_path))  # no saved progress: full answers
    for command, shown in examples():
        assert run(command) == shown, (
            f"README example is stale: {command} (python tests/command/test_readme.py --update)"
        )


if __name__ == "__main__" and "--update" in sys.argv:
    text = README.read_text(encoding="utf-8")
    text = BLOCK.sub(lambda m: f"```console\n$ {m.group(1)}\n{run(m.group(1))}```", text)
    README.write_text(text, encoding="utf-8")
