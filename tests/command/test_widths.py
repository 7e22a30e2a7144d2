"""Every table reads at 40, 80 and 120 columns: no line wider than the terminal, no word cut
inside itself, and every name and status on one line.

The words a table may show are taken from the same command drawn 400 columns wide, where
nothing wraps: at a narrower width every word must still be one of them (a cut "Hyeon-j" is
not). The names and statuses come from the command's own JSON.
"""

from __future__ import annotations

import json
import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from aouad.cli import app
from aouad.render.table import GLYPH, STATUS_LABEL, WHOLE

WIDTHS = (40, 80, 120)
COMMANDS = [
    ["survivors"],
    ["characters"],
    ["deaths"],
    ["where"],
    ["events", "--in", "2"],
    ["events", "--in", "11"],
    ["stats"],
    ["sources"],
    ["curve"],
    ["chain"],
    ["fate", "--all"],
    ["fate", "gwi-nam", "cheong-san"],
    ["survivors", "--fields", "name,status,ends,role"],
    ["deaths", "--episode", "7"],
]
runner = CliRunner()


def draw(args: list[str], width: int) -> str:
    result = runner.invoke(
        app, args, env={"COLUMNS": str(width), "NO_COLOR": "1"}, terminal_width=width
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def data(args: list[str]) -> object:
    plain = [a for a in args if a not in ("--fields",) and "," not in a]
    return json.loads(runner.invoke(app, [*plain, "--json"]).stdout)


def tokens(text: str) -> set[str]:
    return {t.strip("│├└─┃╭╮╰╯") for t in text.split()} - {""}


def names_and_statuses(value: object) -> tuple[set[str], set[str]]:
    names: set[str] = set()
    statuses: set[str] = set()

    def walk(v: object) -> None:
        if isinstance(v, dict):
            for key, inner in v.items():
                if key in ("name", "to_name", "from_name") and isinstance(inner, str):
                    names.add(inner)
                elif key == "status" and isinstance(inner, str):
                    statuses.add(STATUS_LABEL.get(inner, inner))
                walk(inner)
        elif isinstance(v, list):
            for inner in v:
                walk(inner)

    walk(value)
    return names, statuses


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_tables_read_at_any_width(args, width):
    out = draw(args, width)
    lines = out.splitlines()
    for line in lines:
        assert cell_len(line.rstrip()) <= width, (
            f"{' '.join(args)} at {width}: line too wide: {line!r}"
        )
    whole = tokens(draw(args, 400))
    shown = re.sub(r"Left out at this width:.*?shows\s+them\)", "", out, flags=re.S)
    cut = {
        t
        for t in tokens(shown)
        if t not in whole
        and t.rstrip(",") not in whole
        and not t.endswith("…")
        and not set(t) <= set(GLYPH.values())
    }
    assert not cut, f"{' '.join(args)} at {width} breaks words: {sorted(cut)[:10]}"
    names, statuses = names_and_statuses(data(args))
    wide = draw(args, 400)
    for name in names:
        if cell_len(name) <= WHOLE and name in wide:
            assert any(name in line for line in lines), (
                f"{' '.join(args)} at {width}: {name!r} not on one line"
            )
    for status in statuses:
        if status in wide:
            assert any(status in line for line in lines), (
                f"{' '.join(args)} at {width}: {status!r} split"
            )


def test_a_long_word_is_never_folded(roster_dir):
    """A word longer than any column is given a line of its own, not cut into pieces."""
    from aouad.render.layout import wrap, words
    from rich.text import Text

    lines = wrap(words(Text("a Kindergarten girl and Orangibberish")), 10)
    assert [t.plain for t in lines] == ["a", "Kindergarten", "girl and", "Orangibberish"]


def test_narrow_tables_become_records():
    out = draw(["survivors"], 40)
    assert "Nam On-jo\n  Status   alive\n" in out  # one block a row, "key  value" lines


def test_columns_left_out_are_named():
    out = draw(["survivors"], 80)
    assert "Left out at this width: Group, Actor" in out


def test_fate_all_is_one_table_not_fifty_panels():
    out = draw(["fate", "--all"], 120)
    assert "╭" not in out and out.startswith("Fates: ")
    assert len(out.splitlines()) < 400  # fifty panels take over 1,500
