"""Spoiler-aware answers: saved progress, --episode, --spoilers, watch, curve and chain."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import MINI_CHARACTERS, MINI_EVENTS


@pytest.fixture
def config(tmp_path):
    return {"AOUAD_CONFIG_DIR": str(tmp_path / "config")}


@pytest.fixture
def mini(roster_dir, cli, config):
    d = str(roster_dir())

    def invoke(*args: str, input: str | None = None):  # noqa: A002
        return cli("--data", d, *args, env=config, input=input)

    return invoke


def rows(result):
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_progress_round_trip(mini, config):
    assert "No progress saved" in mini("progress").stdout
    assert mini("progress", "3").exit_code == 0
    assert "up to episode 3" in mini("progress").stdout
    saved = Path(config["AOUAD_CONFIG_DIR"], "progress.json").read_text()
    assert json.loads(saved) == {"episode": 3}
    assert "cleared" in mini("progress", "--clear").stdout
    assert "No progress was saved" in mini("progress", "--clear").stdout


def test_progress_gates_every_command_until_overridden(mini):
    mini("progress", "3")
    # Beta's turning in 3 is only confirmed in 4: with progress at 3, still just bitten.
    assert rows(mini("fate", "beta", "--json"))[0]["status"] == "infected"
    assert rows(mini("deaths", "--json")) == []
    assert rows(mini("fate", "beta", "--json", "--episode", "4"))[0]["status"] == "zombie"
    assert rows(mini("fate", "beta", "--json", "--spoilers"))[0]["status"] == "zombie"
    assert [e["episode"] for e in rows(mini("events", "--json"))] == [2, 3]
    assert rows(mini("stats", "--json"))["episode"] == 3
    assert "saved progress" in mini("survivors").stdout


def test_a_character_only_bounded_is_met_by_that_episode(roster_dir, cli, config):
    # gamma: first episode unknown, on screen by episode 3; his only change comes in 12.
    chars = (
        MINI_CHARACTERS
        + """\
  - id: gamma
    name: Kim Gam-ma
    hangul: unknown
    actor: unknown
    group: police
    role: a test officer
    first_episode: unknown
    seen_by: 3
    sources: [s1]
    last_seen: {episode: 12, sources: [s1]}
"""
    )
    events = (
        MINI_EVENTS
        + """\
  - id: e12-gamma-safe
    episode: 12
    summary: Gamma is safe.
    place: camp
    changes:
      - {who: gamma, status: alive}
    sources: [s1]
"""
    )
    d = str(roster_dir(chars, events))

    def ids(episode: str) -> list[str]:
        return [
            r["id"]
            for r in rows(cli("--data", d, "characters", "--json", "-e", episode, env=config))
        ]

    assert "gamma" not in ids("2") and "gamma" in ids("3")
    (row,) = rows(cli("--data", d, "fate", "gamma", "--json", env=config))
    assert (row["first_episode"], row["seen_by"]) == (None, 3)
    assert "by episode 3 (not settled)" in cli("--data", d, "fate", "gamma", env=config).stdout


def test_a_later_seen_by_is_not_shown_under_the_gate(roster_dir, cli, config):
    # Beta is met through a flashback in episode 2 but only bounded to be on screen by 3:
    # a viewer at episode 2 must not be told "by episode 3".
    chars = MINI_CHARACTERS.replace("first_episode: 2", "first_episode: unknown\n    seen_by: 3")
    events = MINI_EVENTS.replace(
        "    summary: Beta is bitten.\n", "    summary: Beta is bitten.\n    flashback: true\n"
    )
    d = str(roster_dir(chars, events))
    (row,) = rows(cli("--data", d, "fate", "beta", "--json", "-e", "2", env=config))
    assert row["seen_by"] is None
    assert "by episode 3" not in cli("--data", d, "fate", "beta", "-e", "2", env=config).stdout
    (row,) = rows(cli("--data", d, "fate", "beta", "--json", "-e", "3", env=config))
    assert row["seen_by"] == 3


def test_progress_out_of_range(mini):
    assert mini("progress", "13").exit_code == 2
    assert mini("progress", "0").exit_code == 2


def test_corrupt_progress_warns_and_is_kept(mini, config):
    d = config["AOUAD_CONFIG_DIR"]
    os.makedirs(d)
    path = os.path.join(d, "progress.json")
    Path(path).write_text("{not json")
    result = mini("survivors", "--json")
    assert result.exit_code == 0
    assert "warning" in result.stderr and "not valid" in result.stderr
    assert len(json.loads(result.stdout)) == 1  # no gate: full answers (alpha alive; beta a zombie)
    assert Path(path).read_text() == "{not json"  # never silently overwritten
    result = mini("progress", "5")
    assert result.exit_code == 0 and "kept as" in result.stderr
    kept = [n for n in os.listdir(d) if n.startswith("progress.json.unreadable")]
    assert len(kept) == 1 and Path(d, kept[0]).read_text() == "{not json"


def test_unreadable_progress_directory(mini, config):
    os.makedirs(
        os.path.join(config["AOUAD_CONFIG_DIR"], "progress.json")
    )  # a directory, not a file
    result = mini("survivors")
    assert result.exit_code == 0 and "warning" in result.stderr and "Traceback" not in result.stderr


def test_watch_without_terminal_reads_commands(mini):
    result = mini("watch", "--from", "2", input="n\np\np\nx\n²\n12\nn\nq\n")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    order = [line for line in out.splitlines() if line.startswith("== Episode")]
    assert order == [
        "== Episode 2 ==",
        "== Episode 3 ==",
        "== Episode 2 ==",
        "== Episode 1 ==",
        "== Episode 12 ==",
    ]
    assert "Beta turns." in out and "Kim Be-ta: infected" in out
    assert (
        "Unknown key 'x'" in out
        and "Unknown key '²'" in out
        and "That was the last episode." in out
    )
    assert "Stopped at episode 12. To save it: aouad progress 12" in out


def test_watch_saves_and_ends_on_end_of_input(mini):
    result = mini("watch", input="n\ns\n")
    assert result.exit_code == 0
    assert "Saved: watched up to episode 2." in result.stdout
    assert "up to episode 2" in mini("progress").stdout


def test_watch_starts_from_saved_progress(mini):
    mini("progress", "3")
    assert mini("watch", input="").stdout.startswith("== Episode 3 ==")


def test_curve_totals_and_gate(mini):
    curve = rows(mini("curve", "--json"))
    assert [r["episode"] for r in curve] == list(range(1, 13))
    statuses = ("alive", "infected", "hambie", "zombie", "dead", "unknown", "unseen")
    assert all(sum(r[s] for s in statuses) == r["total"] == 2 for r in curve)
    assert (curve[0]["unseen"], curve[1]["infected"], curve[3]["zombie"]) == (1, 1, 1)
    assert len(rows(mini("curve", "--json", "-e", "5"))) == 5


def test_curve_chart_and_svg(mini, tmp_path):
    result = mini("curve")
    assert result.exit_code == 0 and "Survival curve" in result.stdout and "█" in result.stdout
    svg = tmp_path / "curve.svg"
    result = mini("curve", "--svg", str(svg))
    assert result.exit_code == 0 and svg.read_text().lstrip().startswith("<svg")
    bad = mini("curve", "--svg", str(tmp_path / "no" / "such" / "dir.svg"))
    assert bad.exit_code == 1 and "cannot write" in bad.stderr
    bad_json = mini("curve", "--json", "--svg", str(tmp_path / "no" / "such" / "dir.svg"))
    assert bad_json.exit_code == 1 and bad_json.stdout == ""  # no half answer before the failure
    assert json.loads(bad_json.stderr)["code"] == 1
    empty = mini("curve", "--svg", "")
    assert empty.exit_code == 2 and "--svg needs a file name" in empty.stderr
    target = tmp_path / "not-written.svg"
    bad_fields = mini("curve", "--svg", str(target), "--fields", "nope")
    assert bad_fields.exit_code == 2 and not target.exists()  # a bad command line writes no file


def test_chain(mini):
    edges = rows(mini("chain", "--json"))
    assert [(e["from"], e["to"], e["episode"], e["by_what"]) for e in edges] == [
        (None, "beta", 2, "zombies")
    ]
    result = mini("chain")
    assert "not passed on by a known character" in result.stdout and "Kim Be-ta" in result.stdout


def test_watch_asks_before_stepping_past_saved_progress(mini, config):
    mini("progress", "2")
    result = mini("watch", input="n\nno\nq\n")
    assert "Episode 3 is past your saved progress (episode 2)" in result.stdout
    assert "== Episode 3 ==" not in result.stdout and "Staying at episode 2." in result.stdout
    result = mini("watch", input="n\nyes\nq\n")
    assert "== Episode 3 ==" in result.stdout
    # A jump or --from past the gate asks too; end of input answers no.
    assert "== Episode 12 ==" not in mini("watch", input="12\n").stdout
    assert "== Episode 12 ==" not in mini("watch", "--from", "12", input="").stdout
    assert "== Episode 12 ==" in mini("watch", "--from", "12", "--spoilers", input="").stdout
    # Stepping never saves: only s does.
    assert json.loads(Path(config["AOUAD_CONFIG_DIR"], "progress.json").read_text()) == {
        "episode": 2
    }


def test_watch_counts_nobody_still_to_come(mini):
    first = mini("watch", input="").stdout
    assert "unseen" not in first and "Tally: alive 1" in first


def test_a_gated_answer_says_so_where_a_person_reads_it(mini):
    mini("progress", "3")
    fate = " ".join(mini("fate", "alpha").stdout.split())
    assert "as of episode 3 (your saved progress" in fate
    where = " ".join(mini("where").stdout.split())
    assert "Where everyone is after episode 3" in where and "ends up" not in where
    past = mini("events", "--in", "5")
    assert (
        past.exit_code == 2 and "episode 5 is past what you have watched (episode 3" in past.stderr
    )
    assert mini("events", "--in", "5", "--spoilers").exit_code == 0
    assert "Where everyone ends up" in mini("where", "--spoilers").stdout


def test_a_status_not_seen_yet_is_not_a_choice(mini):
    early = mini("characters", "--status", "zombie", "-e", "2")
    assert early.exit_code == 2 and "expected one of: alive, infected" in early.stderr
    assert mini("characters", "--status", "zombie", "-e", "4").exit_code == 0


def test_a_gated_curve_names_only_what_has_happened(mini):
    (first, second) = rows(mini("curve", "--json", "-e", "2"))
    assert set(second) == {"episode", "alive", "infected", "unseen", "total"}
    assert (first["unseen"], second["unseen"], second["total"]) == (1, 0, 2)


def test_validate_keeps_counts_to_itself_under_saved_progress(mini):
    assert "2 characters" in mini("validate").stdout
    mini("progress", "1")
    shown = mini("validate")
    assert shown.exit_code == 0 and "valid" in shown.stdout and "characters" not in shown.stdout
