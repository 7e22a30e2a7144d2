"""CSV of nested values: what a spreadsheet gets where a command's JSON nests lists and mappings.

tests/command/test_csv.py checks that no cell is JSON; this file checks each nested value against
the text the CSV contract promises for it (aouad/flat.py, README "CSV"), row by row, on the whole
bundled season, and that nothing deeper than that contract leaks into a cell as code.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

FORMULA_START = ("=", "+", "-", "@")


def _json(cli, *args: str):
    result = cli(*args, "--spoilers", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _csv(cli, *args: str) -> list[dict[str, str]]:
    result = cli(*args, "--spoilers", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def _text(value: str) -> str:
    """A cell as written: text that a spreadsheet would run as a formula starts with '."""
    return "'" + value if value.startswith(FORMULA_START) else value


def test_fate_nested_values_read_as_the_documented_text(bundled_once, cli):
    fates, rows = _json(cli, "fate", "--all"), _csv(cli, "fate", "--all")
    assert [r["id"] for r in rows] == [f["id"] for f in fates]
    nested = {"history": 0, "disputes": 0, "cited": 0, "caused": 0, "relationships": 0}
    for fate, row in zip(fates, rows):
        expected = {
            "history": "; ".join(f"{h['episode']} {h['status']}" for h in fate["history"]),
            "disputes": "; ".join(f"{d['about']}: {d['followed']}" for d in fate["disputes"]),
            "cited": "; ".join(c["key"] for c in fate["cited"]),
            "caused": "; ".join(f"{c['id']} {c['status']} {c['episode']}" for c in fate["caused"]),
            "relationships": "; ".join(
                f"{t['from']} {t['kind']} {t['to']} {t['episode']}" for t in fate["relationships"]
            ),
        }
        for key, text in expected.items():
            assert row[key] == _text(text), (fate["id"], key)
            nested[key] += len(fate[key]) > 1  # a list of several: the joins are exercised
        # plain lists: joined with "; "
        assert row["aliases"] == _text("; ".join(fate["aliases"]))
        assert row["by"] == "; ".join(fate["by"])
    assert all(nested.values()), f"some nested field never has two entries: {nested}"


def test_event_changes_read_as_id_and_status(bundled_once, cli):
    events, rows = _json(cli, "events"), _csv(cli, "events")
    assert len(rows) == len(events)
    for event, row in zip(events, rows):
        assert row["changes"] == "; ".join(f"{c['id']}: {c['status']}" for c in event["changes"])
    assert any(row["changes"].count("; ") >= 2 for row in rows)


def test_a_mapping_becomes_a_column_per_key(bundled_once, cli):
    """quiz's options {a: .., b: .., c: .., d: ..} are four columns, options.a to options.d."""
    questions, rows = _json(cli, "quiz", "--seed", "1"), _csv(cli, "quiz", "--seed", "1")
    assert [k for k in rows[0] if k.startswith("options.")] == [f"options.{x}" for x in "abcd"]
    for question, row in zip(questions, rows, strict=True):
        for letter, text in question["options"].items():
            assert row[f"options.{letter}"] == _text(text)


# A list or mapping written as code: Python's repr ({'id': ...) or JSON ([{"id": ...).
CODE = re.compile(r"""[\[{]['"{\[]""")


@pytest.mark.parametrize(
    "args",
    [
        ("fate", "--all"),
        ("events",),
        ("where",),
        ("stats",),
        ("graph",),
        ("quiz", "--seed", "1"),
        ("recap",),
    ],
    ids=" ".join,
)
def test_no_cell_holds_a_nested_value_as_code(bundled_once, cli, args):
    for row in _csv(cli, *args):
        for key, value in row.items():
            assert not CODE.search(value), f"{' '.join(args)}: {key} = {value[:120]!r}"


def test_recap_is_a_row_per_event_told(bundled_once, cli):
    told, rows = _json(cli, "recap"), _csv(cli, "recap")
    events = [(e["episode"], event) for e in told["episodes"] for event in e["events"]]
    assert len(rows) == len(events) > 12
    for (episode, event), row in zip(events, rows, strict=True):
        assert row["episode"] == str(episode) and row["id"] == event["id"]
        assert row["summary"] == _text(event["summary"])
        assert row["characters"] == "; ".join(event["characters"])
        assert row["sources"] == "; ".join(event["sources"])
