"""CSV is flat for every command: one record a row, one plain value a cell, never JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest
import typer.main

from aouad.cli import app


def query_commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(
        name
        for name, cmd in group.commands.items()
        if any("--episode" in getattr(p, "opts", ()) for p in cmd.params)
    )


runner_args = {"survivors": [], "fate": ["--all"], "events": [], "sources": []}


def table(cli, *args: str) -> list[dict[str, str]]:
    result = cli(*args, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.mark.parametrize("command", query_commands())
def test_no_cell_holds_json(cli, command):
    rows = table(cli, command, *runner_args.get(command, []))
    assert rows, command
    for row in rows:
        for key, value in row.items():
            assert not value.startswith(("[", "{")), f"{command}: {key} holds {value[:60]!r}"
            try:
                parsed = json.loads(value)
            except ValueError:
                continue
            assert not isinstance(parsed, (list, dict)), f"{command}: {key} holds JSON"
        assert len(row) < 40, f"{command}: {len(row)} columns in a row"


def test_stats_is_a_row_per_group(cli):
    rows = table(cli, "stats")
    assert [r["group"] for r in rows][-1] == "all"
    assert list(rows[0]) == [
        "episode",
        "group",
        "alive",
        "infected",
        "hambie",
        "zombie",
        "dead",
        "unknown",
        "total",
    ]
    everyone = json.loads(cli("stats", "--json").stdout)
    assert int(rows[-1]["total"]) == everyone["individuals"]
    assert int(rows[-1]["zombie"]) == everyone["by_status"]["zombie"]
    # someone in two groups counts in each group's row, and once in "all"
    assert sum(int(r["zombie"]) for r in rows[:-1]) >= everyone["by_status"]["zombie"]


def test_where_is_a_row_per_place_and_character(cli):
    rows = table(cli, "where")
    assert list(rows[0]) == ["place", "place_id", "within", "count", "id", "name", "status", "kind"]
    places = json.loads(cli("where", "--json").stdout)
    assert len(rows) == sum(p["count"] for p in places)


def test_fate_history_disputes_and_cited_read_as_text(cli):
    (row,) = table(cli, "fate", "gwi-nam")
    assert row["history"] == "5 infected; 6 hambie; 11 dead"
    assert row["disputes"].startswith("whether his body is shown")
    assert "reviewgeek-ending" in row["cited"].split("; ")


def test_a_gated_stats_csv_names_only_known_statuses(cli):
    rows = table(cli, "stats", "--episode", "3")
    assert "hambie" not in rows[0] and "dead" not in rows[0]


def test_empty_where_csv_keeps_its_header(cli, roster_dir):
    empty = roster_dir(characters="sources: {}\ncharacters: []\n", events="events: []\n")
    result = cli("--data", str(empty), "where", "--format", "csv")
    if result.exit_code == 0:
        assert result.stdout.splitlines()[0] == "place,count,id,name,status"
