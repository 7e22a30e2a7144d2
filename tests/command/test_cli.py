"""Every command, in both outputs, through Typer's CliRunner on a small roster."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@pytest.fixture
def mini(roster_dir, cli):
    d = str(roster_dir())

    def invoke(*args: str, **kw):
        return cli("--data", d, *args, **kw)

    return invoke


def as_json(result) -> object:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_survivors_json(mini):
    rows = as_json(mini("survivors", "--json"))
    assert [r["id"] for r in rows] == ["alpha"]
    assert rows[0]["ends"] == "camp" and rows[0]["status"] == "alive"


def test_survivors_table(mini):
    result = mini("survivors")
    assert result.exit_code == 0
    assert "Kim Al-pha" in result.stdout and "camp" in result.stdout
    assert "Kim Be-ta" not in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes


def test_fate_json_shape(mini):
    (row,) = as_json(mini("fate", "beta", "--json"))
    assert row["status"] == "zombie" and row["episode"] == 3 and row["confirmed_episode"] == 4
    assert row["cause"] == "the bite" and row["by_what"] == "zombies" and row["place"] == "lab"
    assert [h["status"] for h in row["history"]] == ["infected", "zombie"]
    assert row["cited"][0]["url"] == "https://example.org/s1"


def test_fate_table(mini):
    result = mini("fate", "beta")
    assert result.exit_code == 0
    for text in ("Kim Be-ta", "zombie", "the bite", "lab", "3 (confirmed in 4)", "Timeline"):
        assert text in result.stdout


@pytest.mark.parametrize(
    "name",
    [
        "alpha",
        "Kim Al-pha",
        "kim al-pha",
        "KimAlpha",
        "al pha",
        "Al-pha",
        "Alpha Kim",
        "김알파",
        "알파",
        "Alfa",
        "ALFA",
    ],
)
def test_every_name_form_finds_alpha(mini, name):
    (row,) = as_json(mini("fate", name, "--json"))
    assert row["id"] == "alpha"


def test_unknown_name_suggests_on_stderr(mini):
    result = mini("fate", "alpah")
    assert result.exit_code == 4
    assert result.stdout == ""
    assert "no character called 'alpah'" in result.stderr and "alpha (Kim Al-pha)" in result.stderr


@pytest.mark.parametrize("blank", ["", "   ", "-", "' '"])
def test_a_blank_name_is_a_usage_error(mini, blank):
    result = mini("fate", blank, "--json")
    assert result.exit_code == 2 and result.stdout == ""
    assert json.loads(result.stderr)["kind"] == "usage"
    assert mini("events", "--character", blank).exit_code == 2


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(max_size=24).filter(lambda t: "\x00" not in t))
def test_any_name_gets_an_answer_never_a_traceback(mini, name):
    # Whatever a person types: found (0), not a name (2), not found (4) or ambiguous (5).
    result = mini("fate", "--json", "--", name)
    assert result.exit_code in (0, 2, 4, 5), (name, result.stderr)
    if result.exit_code == 0:
        assert [r["id"] for r in json.loads(result.stdout)] in (["alpha"], ["beta"])
    else:
        assert result.stdout == "" and json.loads(result.stderr)["code"] == result.exit_code


def test_unknown_name_json_error(mini):
    result = mini("fate", "zzzz", "--json")
    assert result.exit_code == 4
    err = json.loads(result.stderr)
    assert err["code"] == 4 and err["kind"] == "not-found"


def test_ambiguous_name_lists_candidates(mini):
    result = mini("fate", "kim")
    assert result.exit_code == 5
    assert "alpha (Kim Al-pha)" in result.stderr and "beta (Kim Be-ta)" in result.stderr


def test_fate_needs_a_name(mini):
    result = mini("fate")
    assert result.exit_code == 2
    assert "name at least one character" in result.stderr


def test_fate_all_and_batch(mini):
    assert [r["id"] for r in as_json(mini("fate", "--all", "--json"))] == ["alpha", "beta"]
    assert [r["id"] for r in as_json(mini("fate", "beta", "alpha", "beta", "--json"))] == [
        "beta",
        "alpha",
    ]


def test_deaths(mini):
    rows = as_json(mini("deaths", "--json"))
    assert [(r["id"], r["status"], r["episode"]) for r in rows] == [("beta", "zombie", 3)]
    assert "Kim Be-ta" in mini("deaths").stdout


def test_where(mini):
    rows = as_json(mini("where", "--json"))
    assert {r["place"]: [c["id"] for c in r["characters"]] for r in rows} == {
        "camp": ["alpha"],
        "lab": ["beta"],
    }
    assert "camp" in mini("where").stdout


def test_characters_filters(mini):
    assert [r["id"] for r in as_json(mini("characters", "--json"))] == ["alpha", "beta"]
    assert [r["id"] for r in as_json(mini("characters", "--status", "zombie", "--json"))] == [
        "beta"
    ]
    assert [r["id"] for r in as_json(mini("characters", "--group", "student", "--json"))] == [
        "alpha"
    ]
    assert [r["id"] for r in as_json(mini("characters", "ACTOR ONE", "--json"))] == ["alpha"]
    assert [r["id"] for r in as_json(mini("characters", "al pha", "--json"))] == ["alpha"]
    result = mini("characters", "--status", "zombi")
    assert result.exit_code == 2 and "--status 'zombi' is not known" in result.stderr


def test_events_filters(mini):
    assert len(as_json(mini("events", "--json"))) == 3
    assert [e["id"] for e in as_json(mini("events", "--in", "3", "--json"))] == ["e03-beta-turns"]
    assert [e["id"] for e in as_json(mini("events", "--character", "alpha", "--json"))] == [
        "e12-alpha-safe"
    ]
    assert "Beta turns." in mini("events").stdout


def test_stats(mini):
    row = as_json(mini("stats", "--json"))
    assert row["total"] == 2 and row["by_status"]["zombie"] == 1 and row["by_status"]["alive"] == 1
    assert row["by_group"]["teacher"]["zombie"] == 1
    assert "Named characters: 2" in mini("stats").stdout


def test_episode_gate_hides_later_changes(mini):
    # Beta turns in 3 but it is only confirmed in 4: after 3, a viewer knows only the bite.
    (row,) = as_json(mini("fate", "beta", "--episode", "3", "--json"))
    assert row["status"] == "infected"
    (row,) = as_json(mini("fate", "beta", "-e", "4", "--json"))
    assert row["status"] == "zombie"
    # Beta is first seen in episode 2: unknown to a viewer after episode 1.
    assert mini("fate", "beta", "-e", "1").exit_code == 4
    assert [r["id"] for r in as_json(mini("survivors", "-e", "2", "--json"))] == ["alpha", "beta"]


def test_episode_out_of_range(mini):
    result = mini("survivors", "--episode", "13")
    assert result.exit_code == 2


def test_bad_data_dir(cli, tmp_path):
    result = cli("--data", str(tmp_path / "nope"), "survivors")
    assert result.exit_code == 3
    assert "no such directory" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "yaml"])
def test_other_formats(mini, fmt):
    result = mini("survivors", "--format", fmt)
    assert result.exit_code == 0 and "alpha" in result.stdout


def test_empty_csv_still_has_its_header(mini):
    # A script reading the csv finds the columns even when nothing matches.
    result = mini("characters", "no-such-text", "--format", "csv")
    assert result.exit_code == 0 and result.stdout.startswith("id,name,hangul,")
    assert len(result.stdout.splitlines()) == 1
    result = mini("characters", "no-such-text", "--format", "csv", "--fields", "name,status")
    assert result.stdout == "name,status\n"


# Two more sources for the mini roster: a copy of s1 (same lineage) and one of another lineage.
MORE_SOURCES = """\
       grade: good, grade_reason: a test source}
  s1-copy:
    title: A copy of s1
    publisher: Copier
    url: https://example.org/copy
    lineage: tests
    grade: good
    grade_reason: a faithful copy
  s2:
    title: Another source
    publisher: Elsewhere
    url: null
    lineage: elsewhere
    grade: weak
    grade_reason: a blog
"""


def with_more_sources(characters: str) -> str:
    return characters.replace("       grade: good, grade_reason: a test source}\n", MORE_SOURCES, 1)


def test_lineages_count_independent_sources(roster_dir, cli, mini_characters, mini_events):
    # Two pages of one lineage are one source; a second lineage makes two.
    events = mini_events.replace(
        "{who: beta, status: infected, cause: bitten, by_what: zombies}",
        "{who: beta, status: infected, cause: bitten, by_what: zombies, sources: [s1, s1-copy]}",
    )
    events = events.replace("confirmed_episode: 4}", "confirmed_episode: 4, sources: [s1, s2]}")
    d = str(roster_dir(with_more_sources(mini_characters), events))
    (row,) = as_json(cli("--data", d, "fate", "beta", "--json"))
    assert [h["lineages"] for h in row["history"]] == [1, 2]
    assert row["lineages"] == 2  # the decisive change: the turning
    assert "2 independent sources" in cli("--data", d, "fate", "beta").stdout
    (gated,) = as_json(cli("--data", d, "fate", "beta", "--json", "-e", "5"))
    assert gated["lineages"] is None and gated["sources"] == []  # sources are hidden before the end
    (alive,) = as_json(cli("--data", d, "fate", "alpha", "--json"))
    assert alive["lineages"] is None  # not a fatal status: no decisive change


def test_sources_lists_lineages_and_what_cites_them(roster_dir, cli, mini_characters):
    chars = with_more_sources(mini_characters).replace(
        "    first_episode: 2\n    sources: [s1]",
        "    first_episode: 2\n    sources: [s1, s1-copy]",
    )
    d = str(roster_dir(chars))

    def rows(*args: str) -> list[dict]:
        return as_json(cli("--data", d, "sources", "--json", *args))

    s1, copy, other = rows()
    assert (s1["key"], s1["in_lineage"], s1["characters"]) == ("s1", 2, ["alpha", "beta"])
    assert s1["events"] == ["e02-beta-bitten", "e03-beta-turns", "e12-alpha-safe"]
    assert (copy["characters"], copy["events"]) == (["beta"], [])
    assert (other["in_lineage"], other["characters"], other["events"], other["figures"]) == (
        1,
        [],
        [],
        [],
    )
    assert [r["key"] for r in rows("copier")] == ["s1-copy"]  # text search covers the publisher
    assert [r["key"] for r in rows("--lineage", "tests")] == ["s1", "s1-copy"]
    unknown = cli(
        "--data", d, "sources", "--json", "--lineage", "nope"
    )  # a closed set: an error, not nothing
    assert (
        unknown.exit_code == 2
        and "expected one of: elsewhere, tests" in json.loads(unknown.stderr)["error"]
    )
    assert rows("-e", "3") == []  # a title can give a fate away: nothing before the last episode
    table = cli("--data", d, "sources", "-e", "3").stdout
    assert "hidden until episode 12" in table


def test_fields(mini):
    rows = as_json(mini("characters", "--json", "--fields", "id,status"))
    assert rows == [{"id": "alpha", "status": "alive"}, {"id": "beta", "status": "zombie"}]
    result = mini("characters", "--fields", "id,nope")
    assert (
        result.exit_code == 2
        and "unknown field(s) nope" in result.stderr
        and "status" in result.stderr
    )


def test_validate(mini, roster_dir, cli):
    result = mini("validate")
    assert result.exit_code == 0 and "valid (2 characters, 3 events, 1 sources)" in result.stdout
    bad = roster_dir(events="events:\n  - id: X\n", name="bad")
    result = cli("validate", str(bad), "--json")
    assert result.exit_code == 3
    problems = json.loads(result.stdout)
    assert all({"file", "line", "column", "message"} <= set(p) for p in problems)


@pytest.mark.parametrize(
    "command",
    [
        "survivors",
        "fate",
        "deaths",
        "where",
        "characters",
        "events",
        "stats",
        "validate",
        "progress",
        "curve",
        "chain",
        "watch",
        "recap",
        "quiz",
    ],
)
def test_help_has_an_example(cli, command):
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"aouad {command}" in result.stdout


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("aouad ")


def test_top_level_help_has_examples(cli):
    result = cli("--help")
    assert (
        result.exit_code == 0
        and "Examples:" in result.stdout
        and "aouad fate cheong-san" in result.stdout
    )
