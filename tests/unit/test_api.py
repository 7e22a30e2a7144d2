"""The library API returns exactly what the command line writes as JSON, gated the same way."""

from __future__ import annotations

import json

import pytest

from aouad import api

pytestmark = pytest.mark.usefixtures("bundled_once")

CALLS = [
    ("survivors", [], {}),
    ("characters", ["--group", "teacher"], {"group": "teacher"}),
    ("fate", ["cheong-san", "남온조"], {"names": ["cheong-san", "남온조"]}),
    ("fate", ["--all"], {}),
    ("deaths", ["--by", "gwi-nam"], {"by": "gwi-nam"}),
    ("deaths", ["--in", "4", "--status", "dead"], {"episode": 4, "status": "dead"}),
    ("where", [], {}),
    ("events", ["--search", "rooftop"], {"search": "rooftop"}),
    ("stats", [], {}),
    ("curve", [], {}),
    ("chain", [], {}),
    ("sources", ["--lineage", "decider"], {"lineage": "decider"}),
    ("recap", [], {}),
    ("recap", ["--from", "2", "--to", "3"], {"start": 2, "end": 3}),
    (
        "quiz",
        ["--seed", "6", "-n", "5", "--kinds", "by,place"],
        {"seed": 6, "count": 5, "kinds": "by,place"},
    ),
    ("graph", [], {}),
    (
        "graph",
        ["--focus", "Jang Ha-ri", "--depth", "2", "--kind", "rescued,parent"],
        {"focus": "Jang Ha-ri", "depth": 2, "kinds": "rescued,parent"},
    ),
    ("graph", ["--kind", "parent,spouse"], {"kinds": ["parent", "spouse"]}),
]


@pytest.mark.parametrize("episode", [None, 5])
@pytest.mark.parametrize(("command", "args", "kwargs"), CALLS, ids=lambda v: str(v))
def test_api_records_are_the_json_output(cli, command, args, kwargs, episode):
    gate = ["--episode", str(episode)] if episode else ["--spoilers"]
    result = cli(command, *args, "--json", *gate)
    assert result.exit_code == 0, result.stderr
    assert getattr(api, command)(as_of=episode, **kwargs) == json.loads(result.stdout)


def test_the_api_raises_the_same_errors(cli):
    from aouad.errors import NotFound

    with pytest.raises(NotFound):
        api.deaths(by="nobody-at-all")
    assert cli("deaths", "--by", "nobody-at-all").exit_code == NotFound.exit_code


def test_the_api_refuses_a_recap_past_its_episode():
    from aouad.errors import UsageError

    with pytest.raises(UsageError, match="episode 7 is past what you have watched"):
        api.recap(as_of=5, end=7)


def test_the_model_objects_agree_with_the_json():
    """What a library user reads off the dataclasses is what the JSON says: no field that the
    records fill in from elsewhere (a change's place is resolved once, at load)."""
    from aouad import load_roster, queries

    roster = load_roster()
    rows = {row["id"]: row for row in api.fate()}
    for fate in queries.all_fates(roster):
        row = rows[fate.character.id]
        decisive = fate.decisive
        assert fate.status == row["status"]
        assert (decisive.place if decisive else None) == row["place_id"]
        assert (decisive.episode if decisive else None) == row["episode"]
        assert [ch.place for ch in fate.history] == [h["place_id"] for h in row["history"]]
