"""The JSON Schemas in docs/schema/ against the real output of every command.

Each command's --json output (and its --format jsonl lines, and its --format yaml)
must validate against its schema, on the bundled roster and on a small one; JSON
errors on stderr must validate against error.json; and each schema's keys must be
the keys in aouad.records, so a change of shape without a schema change fails here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")  # jsonschema >= 4.18

from jsonschema import Draft202012Validator  # noqa: E402
from referencing import Registry, Resource  # noqa: E402

from aouad import records  # noqa: E402
from aouad.model import STATUSES  # noqa: E402

SCHEMA_DIR = Path(__file__).parents[2] / "docs" / "schema"
COMMAND_SCHEMAS = (
    "survivors",
    "characters",
    "fate",
    "deaths",
    "where",
    "events",
    "stats",
    "curve",
    "chain",
    "sources",
    "validate",
    "recap",
    "quiz",
    "html",
    "graph",
)
OBJECT_SCHEMAS = ("stats", "recap", "graph")  # one object, not an array of rows
ALL_SCHEMAS = (*COMMAND_SCHEMAS, "error", "defs")
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# Real invocations, as (schema, args after the global options). Several per schema so
# filters and empty answers are covered too.
CALLS = [
    ("survivors", ["survivors"]),
    ("characters", ["characters"]),
    ("characters", ["characters", "--status", "alive", "--group", "police"]),
    ("fate", ["fate", "--all"]),
    ("deaths", ["deaths"]),
    ("where", ["where"]),
    ("events", ["events"]),
    ("events", ["events", "--in", "1"]),
    ("stats", ["stats"]),
    ("curve", ["curve"]),
    ("chain", ["chain"]),
    ("sources", ["sources"]),
    ("sources", ["sources", "no-such-source-text"]),
    ("recap", ["recap"]),
    ("recap", ["recap", "--from", "1", "--to", "1"]),
    ("quiz", ["quiz", "--seed", "3"]),  # a seed: the jsonl and yaml checks compare two runs
    ("quiz", ["quiz", "--seed", "3", "--kinds", "actor,hangul"]),
    ("graph", ["graph"]),
]
EPISODES = (None, 1, 3, 6, 12)


# --- loading the schemas


def _uri(name: str) -> str:
    return (SCHEMA_DIR / f"{name}.json").as_uri()


def _load(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def registry() -> Registry:
    """Every schema file under its file:// URI, so relative $refs (defs.json#/...) resolve."""
    return Registry().with_resources(
        (_uri(name), Resource.from_contents(_load(name))) for name in ALL_SCHEMAS
    )


def validator(registry: Registry, name: str, pointer: str = "") -> Draft202012Validator:
    """A validator for one schema file, or for the part of it at a JSON pointer (e.g. /items)."""
    return Draft202012Validator({"$ref": f"{_uri(name)}#{pointer}"}, registry=registry)


def check(registry: Registry, name: str, instance: Any, pointer: str = "") -> None:
    errors = sorted(
        validator(registry, name, pointer).iter_errors(instance), key=lambda e: list(e.path)
    )
    assert not errors, f"{name}.json{pointer}: " + "; ".join(
        f"at {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors[:5]
    )


# --- running the CLI on either roster


@pytest.fixture(params=["bundled", "mini"])
def aouad(request, cli, roster_dir):
    """Run aouad on the bundled roster or on the small one (--data before the command)."""
    if request.param == "bundled":
        request.getfixturevalue("bundled_once")  # parsed once: the shapes are what is tested
        prefix: list[str] = []
    else:
        prefix = ["--data", str(roster_dir())]

    def invoke(*args: str):
        return cli(*prefix, *args, env={"AOUAD_DATA": ""})

    return invoke


def _with_episode(args: list[str], episode: int | None) -> list[str]:
    return [*args, "--episode", str(episode)] if episode is not None else list(args)


def _ok_json(result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --- the schema files themselves


@pytest.mark.parametrize("name", ALL_SCHEMAS)
def test_schema_file_is_valid_draft_2020_12(name):
    schema = _load(name)
    assert schema["$schema"] == DRAFT
    Draft202012Validator.check_schema(schema)


def test_every_schema_file_is_tested():
    assert sorted(p.stem for p in SCHEMA_DIR.glob("*.json")) == sorted(ALL_SCHEMAS)


# --- real output validates


@pytest.mark.parametrize("episode", [None, 2, 7])
def test_focused_graph_validates(registry, cli, episode):
    result = cli(*_with_episode(["graph", "--focus", "on-jo", "--depth", "2", "--json"], episode))
    data = _ok_json(result)
    assert data["edges"], "on-jo has ties from episode 1: the test would prove nothing"
    check(registry, "graph", data)


def test_fate_by_name_validates(registry, cli, roster_dir):
    d = str(roster_dir())
    data = _ok_json(cli("--data", d, "fate", "beta", "Alfa", "--json"))
    assert [r["id"] for r in data] == ["beta", "alpha"]
    check(registry, "fate", data)


def test_html_report_validates(aouad, registry, tmp_path):
    # Not in CALLS: html writes a file, so each call gets its own place for it.
    for episode in EPISODES:
        page = tmp_path / f"page-{episode}.html"
        data = _ok_json(aouad(*_with_episode(["html", "-o", str(page)], episode), "--json"))
        check(registry, "html", data)
        assert data[0]["file"] == str(page) and data[0]["bytes"] == page.stat().st_size
    assert not validator(registry, "html").is_valid([{**data[0], "gated": "no"}])


def test_validate_output_validates(aouad, registry):
    data = _ok_json(aouad("validate", "--json"))
    assert data == []
    check(registry, "validate", data)


def test_validate_broken_roster_validates(registry, cli, roster_dir, mini_events):
    broken = roster_dir(
        events=mini_events.replace("status: zombie", "status: zombi"), name="broken"
    )
    result = cli("validate", str(broken), "--json", env={"AOUAD_DATA": ""})
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data and "zombi" in data[0]["message"]
    check(registry, "validate", data)


def test_validate_missing_directory_validates(registry, cli, tmp_path):
    result = cli("--data", str(tmp_path / "nowhere"), "validate", "--json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data[0]["line"] == 0 and data[0]["column"] == 0
    check(registry, "validate", data)


@pytest.mark.parametrize(("name", "args"), CALLS, ids=[" ".join(a) for _, a in CALLS])
def test_machine_formats_validate(aouad, registry, name, args):
    """--json validates at each gate; --format yaml is the same data as the JSON; --format jsonl
    is the JSON's rows, one a line, each valid against the item schema."""
    for episode in EPISODES:
        check(registry, name, _ok_json(aouad(*_with_episode(args, episode), "--json")))
    as_json = _ok_json(aouad(*args, "--json"))
    as_yaml = aouad(*args, "--format", "yaml")
    assert as_yaml.exit_code == 0, as_yaml.stderr
    assert yaml.safe_load(as_yaml.stdout) == as_json
    result = aouad(*args, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    if name in OBJECT_SCHEMAS:  # one object, so one line: the whole schema
        assert lines == [as_json]
        check(registry, name, lines[0])
        return
    assert lines == as_json
    for line in lines:
        check(registry, name, line, "/items")


def test_validate_yaml_round_trips_to_the_json(aouad):
    as_json = _ok_json(aouad("validate", "--json"))
    result = aouad("validate", "--format", "yaml")
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load(result.stdout) == as_json


# --- JSON errors on stderr


def _error(result, code: int) -> dict[str, Any]:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    err = json.loads(result.stderr)
    assert err["code"] == code
    return err


def test_not_found_error_validates(aouad, registry):
    err = _error(aouad("fate", "zzzz-nobody", "--json"), 4)
    assert err["kind"] == "not-found" and err["name"] == "zzzz-nobody"
    check(registry, "error", err)


def test_not_found_with_suggestions_validates(registry, cli, roster_dir):
    err = _error(cli("--data", str(roster_dir()), "fate", "alpah", "--json"), 4)
    assert "alpha (Kim Al-pha)" in err["suggestions"]
    check(registry, "error", err)


def test_not_found_in_events_filter_validates(aouad, registry):
    err = _error(aouad("events", "--character", "zzzz-nobody", "--format", "jsonl"), 4)
    check(registry, "error", err)


def test_ambiguous_error_validates(registry, cli, roster_dir):
    err = _error(cli("--data", str(roster_dir()), "fate", "kim", "--json"), 5)
    assert err["kind"] == "ambiguous"
    assert err["candidates"] == ["alpha (Kim Al-pha)", "beta (Kim Be-ta)"]
    check(registry, "error", err)


BROKEN_ROSTERS = {
    "bad-yaml": {"characters": "characters: [\n  - id: alpha\n"},
    "bad-value": {"events": "events:\n  - {id: e1, episode: 13, summary: x, sources: [nope]}\n"},
    "empty-file": {"events": ""},
}


@pytest.mark.parametrize("broken", sorted(BROKEN_ROSTERS))
def test_bad_data_error_validates(registry, cli, roster_dir, broken):
    d = roster_dir(**BROKEN_ROSTERS[broken], name=broken)
    for args in (["survivors"], ["fate", "alpha"], ["stats"]):
        err = _error(cli("--data", str(d), *args, "--json"), 3)
        assert err["kind"] == "bad-data" and err["problems"]
        check(registry, "error", err)


def test_missing_roster_directory_error_validates(registry, cli, tmp_path):
    err = _error(cli("--data", str(tmp_path / "nowhere"), "deaths", "--json"), 3)
    check(registry, "error", err)


@pytest.mark.parametrize(
    "args",
    [
        ["survivors", "--fields", "id,nope"],
        ["stats", "--fields", "total,nope"],
        ["characters", "--status", "undead"],
        ["characters", "--group", "pirates"],
        ["fate"],
    ],
    ids=lambda a: " ".join(a),
)
def test_usage_error_validates(aouad, registry, args):
    err = _error(aouad(*args, "--json"), 2)
    assert err["kind"] == "usage"
    check(registry, "error", err)


@pytest.mark.parametrize(
    "args",
    [
        ["survivors", "--json", "--episode", "99"],
        ["deaths", "--format", "csv", "--bogus"],
        ["fate", "-fjsonl", "--episode", "zero"],
        ["where", "--format=yaml", "extra-word"],
    ],
    ids=lambda a: " ".join(a),
)
def test_typer_option_errors_are_json_too(run, registry, args):
    # Typer catches these before aouad runs; the entry point still answers in the asked-for shape.
    result = run(*args)
    assert result.returncode == 2 and result.stdout == ""
    err = json.loads(result.stderr)
    assert err["kind"] == "usage" and err["code"] == 2
    check(registry, "error", err)


@pytest.mark.parametrize(
    "args",
    [
        ["survivors", "--episode", "99"],
        [
            "survivors",
            "-f",
            "json",
            "-f",
            "table",
            "--episode",
            "99",
        ],  # the last --format counts, as Typer reads it
    ],
    ids=lambda a: " ".join(a),
)
def test_typer_option_errors_stay_text_for_people(run, args):
    result = run(*args)
    assert result.returncode == 2 and "--episode" in result.stderr
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stderr)


# --- the schemas are strict: a wrong shape fails


def _fate_row(cli, roster_dir) -> dict[str, Any]:
    (row,) = _ok_json(cli("--data", str(roster_dir()), "fate", "beta", "--json"))
    return row


@pytest.mark.parametrize(
    "spoil",
    [
        lambda r: r.update(extra=1),
        lambda r: r.pop("hangul"),
        lambda r: r.update(status="undead"),
        lambda r: r.update(group="pirate"),
        lambda r: r.update(episode=13),
        lambda r: r.update(first_episode="1"),
        lambda r: r.update(by=["Kim Al-pha"]),
        lambda r: r["history"][0].update(extra=1),
        lambda r: r["history"][0].pop("event"),
        lambda r: r["cited"][0].pop("url"),
        lambda r: r.update(status="alive"),  # alive, yet a decisive change is given
    ],
    ids=[
        "extra key",
        "missing key",
        "status",
        "group",
        "episode 13",
        "episode as text",
        "by a name",
        "extra history key",
        "missing history key",
        "missing cited key",
        "alive with a death",
    ],
)
def test_fate_schema_rejects_a_wrong_shape(registry, cli, roster_dir, spoil):
    row = _fate_row(cli, roster_dir)
    check(registry, "fate", [row])
    spoil(row)
    assert not validator(registry, "fate").is_valid([row])


def test_survivors_and_deaths_schemas_restrict_status(registry, cli, roster_dir):
    d = str(roster_dir())
    (dead,) = _ok_json(cli("--data", d, "characters", "beta", "--json"))
    assert not validator(registry, "survivors").is_valid([dead])
    (alive,) = _ok_json(cli("--data", d, "characters", "alpha", "--json"))
    check(registry, "survivors", [alive])
    (death,) = _ok_json(cli("--data", d, "deaths", "--json"))
    assert not validator(registry, "deaths").is_valid([{**death, "status": "alive"}])


def test_error_schema_rejects_a_wrong_shape(registry):
    ok = {
        "error": "no character called 'x'",
        "kind": "not-found",
        "code": 4,
        "name": "x",
        "suggestions": [],
    }
    check(registry, "error", ok)
    for bad in (
        {**ok, "code": 3},
        {**ok, "extra": 1},
        {k: v for k, v in ok.items() if k != "suggestions"},
        {**ok, "kind": "usage"},
        {"error": "x", "kind": "bad-data", "code": 3},
    ):
        assert not validator(registry, "error").is_valid(bad), bad


def test_refused_and_interrupted_errors_match_the_schema(registry, cli, roster_dir):
    d = roster_dir()
    refused = cli("--data", str(d), "curve", "--json", "--svg", str(d / "characters.yaml"))
    assert refused.exit_code == 2 and refused.stdout == ""
    assert json.loads(refused.stderr)["kind"] == "usage"
    check(registry, "error", json.loads(refused.stderr))
    interrupted = {"error": "interrupted", "kind": "interrupted", "code": 130}  # process._say's
    check(registry, "error", interrupted)


# --- the schemas' keys are the records' keys


def _on_jos_first_tie() -> dict[str, Any]:
    """A real tie row (a graph edge plus note and disputes), from the bundled roster."""
    from aouad import load_roster

    roster = load_roster()
    tie = records.relationships_of(roster.fates["on-jo"], roster)[0]
    assert tuple(tie)[:5] == tuple(
        records.edge_row(next(iter(_edges(roster))))
    )  # the edge's keys come first
    return tie


def _edges(roster):
    from aouad.graph import build

    return build(roster).edges


def _keys(registry: Registry, name: str, pointer: str = "") -> tuple[list[str], list[str]]:
    """(property names, required names) of an object schema, following $ref and allOf."""
    resolver = registry.resolver(_uri(name))
    props: list[str] = []
    required: list[str] = []

    def walk(schema: dict[str, Any], resolver) -> None:
        if "$ref" in schema:
            found = resolver.lookup(schema["$ref"])
            walk(found.contents, found.resolver)
        for sub in schema.get("allOf", []):
            walk(sub, resolver)
        props.extend(p for p in schema.get("properties", {}) if p not in props)
        required.extend(r for r in schema.get("required", []) if r not in required)

    walk(resolver.lookup(f"{_uri(name)}#{pointer}").contents, resolver)
    return props, required


@pytest.mark.parametrize(
    ("name", "pointer", "keys"),
    [
        ("survivors", "/items", records.CHARACTER_KEYS),
        ("characters", "/items", records.CHARACTER_KEYS),
        ("fate", "/items", records.FATE_KEYS),
        ("deaths", "/items", records.CHANGE_KEYS),
        ("defs", "/$defs/change", records.CHANGE_KEYS),
        ("events", "/items", records.EVENT_KEYS),
        (
            "events",
            "/items/properties/changes/items",
            tuple(k for k in records.CHANGE_KEYS if k not in ("episode", "event")),
        ),
        ("where", "/items", records.PLACE_KEYS),
        ("stats", "", records.STATS_KEYS),
        ("curve", "/items", records.TALLY_KEYS),
        ("sources", "/items", records.SOURCE_KEYS),
        ("chain", "/items", records.LINK_KEYS),
        ("recap", "", records.RECAP_KEYS),
        ("quiz", "/items", records.QUESTION_KEYS),
        ("html", "/items", records.PAGE_KEYS),
        ("graph", "", records.GRAPH_KEYS),
        ("defs", "/$defs/edge", tuple(_on_jos_first_tie())[:5]),
        ("defs", "/$defs/tie", tuple(_on_jos_first_tie())),
    ],
)
def test_schema_keys_are_the_record_keys(registry, name, pointer, keys):
    props, required = _keys(registry, name, pointer)
    assert sorted(props) == sorted(keys)
    # A status not seen yet under a spoiler gate has no key: only those may be optional.
    optional = set(STATUSES) - {"alive"} if name == "curve" else set()
    assert sorted(required) == sorted(k for k in keys if k not in optional)


def test_problem_and_error_keys(registry):
    from aouad.errors import Ambiguous, DataError, NotFound, Problem, UsageError

    problem = Problem("f.yaml", 1, 2, "m")
    assert sorted(_keys(registry, "defs", "/$defs/problem")[0]) == sorted(problem.as_dict())
    for err, pointer in (
        (UsageError("x"), "usage"),
        (DataError([problem]), "badData"),
        (NotFound("x", []), "notFound"),
        (Ambiguous("x", ["a", "b"]), "ambiguous"),
    ):
        props, required = _keys(registry, "error", f"/$defs/{pointer}")
        assert sorted(props) == sorted(required) == sorted(err.as_dict()), pointer
        check(registry, "error", json.loads(json.dumps(err.as_dict())))
