"""Help pages and usage errors read like gh's: clean flags, one example a line, the
environment, `aouad help`, and errors that say what was wrong, what is right and where it goes."""

from __future__ import annotations

import json

import pytest
import typer.main

from aouad.cli import app

COMMANDS = sorted(typer.main.get_command(app).commands)


def page(cli, *args: str) -> str:
    result = cli(*args, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_pages_are_clean(cli, command):
    text = page(cli, *([command] if command else []), "--help")
    for noise in ("<bool>", "<list", "<str>", "<int>", "[[", "]...", "  |  ", "╭", "<table"):
        assert noise not in text, f"{command} --help shows {noise!r}"
    examples = [line for line in text.splitlines() if line.startswith("  $ aouad")]
    assert examples, f"{command} --help has no example"
    assert "Examples:" in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_flags_show_no_value_and_values_show_what_they_take(cli):
    text = page(cli, "survivors", "--help")
    assert "      --json  " in text and "      --spoilers  " in text
    assert "-e, --episode N " in text and "-f, --format FORMAT" in text
    assert "Global flags (before the command):" in text and "--data DIR" in text
    assert "aouad fate [NAME...] [flags]" in page(cli, "fate", "--help")
    assert "aouad characters [TEXT] [flags]" in page(cli, "characters", "--help")


def test_top_level_help_lists_the_environment(cli):
    text = page(cli, "--help")
    for var in ("AOUAD_DATA", "AOUAD_CONFIG_DIR", "AOUAD_CACHE_DIR", "NO_COLOR"):
        assert var in text
    assert (
        "  $ aouad survivors --json | jq -r '.[].name'\n" in text
    )  # an example's own pipe stays in it


def test_help_is_a_command(cli):
    assert page(cli, "help") == page(cli, "--help") == page(cli)
    assert page(cli, "help", "fate") == page(cli, "fate", "--help")
    wrong = cli("help", "surviver")
    assert wrong.exit_code == 2 and "did you mean survivors" in wrong.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["survivors", "--episode", "13"], "--episode must be an episode from 1 to 12 (got '13')"),
        (["survivors", "-e", "x"], "--episode must be an episode from 1 to 12 (got 'x')"),
        (
            ["survivors", "--format", "xml"],
            "--format must be one of table, json, jsonl, csv, yaml (got 'xml')",
        ),
        (["events", "--in", "0"], "--in must be an episode from 1 to 12 (got '0')"),
        (["progress", "13"], "N must be an episode from 1 to 12 (got '13')"),
        (
            ["--fields", "name", "survivors"],
            "--fields is an option of survivors: it goes after the command",
        ),
        (
            ["survivors", "--data", "x"],
            "--data is a global option: it goes before the command (aouad --data DIR survivors)",
        ),
        (["survivors", "--no-color"], "--no-color is a global option: it goes before the command"),
        (["survivors", "--no-color", "true"], "--no-color is a global option"),
        (["surviver"], "unknown command 'surviver'; did you mean survivors"),
        (
            ["survivors", "--episod", "3"],
            "survivors has no option --episod; did you mean --episode?",
        ),
        (["events", "--in"], "--in needs a value"),
        (["survivors", "extra"], "survivors takes no argument 'extra'"),
    ],
)
def test_usage_errors_in_plain_words(cli, args, said):
    result = cli(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert said in result.stderr, result.stderr
    for jargon in ("Input should", "Value error", "Possible options", "╭", "Try '"):
        assert jargon not in result.stderr
    assert result.stderr.startswith("aouad: ") and result.stderr.count("\n") == 1


def test_usage_errors_under_json_are_json(cli):
    result = cli("survivors", "--episode", "13", "--json")
    err = json.loads(result.stderr)
    assert err == {
        "error": "--episode must be an episode from 1 to 12 (got '13')",
        "kind": "usage",
        "code": 2,
    }
    hint = json.loads(cli("--json", "survivors").stderr)
    assert "goes after the command" in hint["error"] and hint["code"] == 2


def test_the_console_script_says_the_same(run):
    result = run("survivors", "--episode", "13")
    assert result.returncode == 2
    assert result.stderr == "aouad: --episode must be an episode from 1 to 12 (got '13')\n"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["sources", "--lineage", "no-such"], "--lineage 'no-such' is not known (expected one of"),
        (["sources", "--lineage", "decidr"], "did you mean decider"),
        (
            ["characters", "--group", "teachr"],
            "--group 'teachr' is not known; did you mean teacher?",
        ),
        (["characters", "--status", "zombi"], "--status 'zombi' is not known; did you mean zombie"),
    ],
)
def test_a_filter_outside_its_closed_set_is_an_error_with_suggestions(cli, args, said):
    result = cli(*args)
    assert result.exit_code == 2 and result.stdout == "" and said in result.stderr


def test_under_a_gate_the_closed_set_is_what_the_viewer_may_see(cli):
    # hambie happens in episode 6: at episode 3 it is not a known status, and not suggested
    result = cli("characters", "--status", "hambie", "-e", "3")
    assert result.exit_code == 2 and "hambie" not in result.stderr.partition("is not known")[2]
    assert cli("characters", "--status", "zombie", "-e", "3").exit_code == 0


def completions(command: str, option: str | None, incomplete: str = "") -> list[str]:
    group = typer.main.get_command(app)
    cmd = group.commands[command]
    with group.make_context("aouad", [command], resilient_parsing=True) as root:
        ctx = cmd.make_context(command, [], parent=root, resilient_parsing=True)
        for param in cmd.params:
            if (option in param.opts) if option else param.param_type_name == "argument":
                return [item.value for item in param.shell_complete(ctx, incomplete)]
    raise AssertionError(f"{command} has no {option}")


def test_every_closed_set_completes(cli):
    twelve = [str(n) for n in range(1, 13)]
    assert completions("progress", None) == twelve
    assert completions("events", "--in") == twelve == completions("deaths", "--in")
    assert completions("watch", "--from") == twelve
    assert completions("survivors", "--episode", "1") == ["1", "10", "11", "12"]
    assert "zombie" in completions("characters", "--status")
    assert completions("characters", "--group", "te") == ["teacher"]
    assert "decider" in completions("sources", "--lineage", "dec")
    assert "survivors" in completions("help", None, "surv")


def test_completion_stays_within_saved_progress(cli):
    assert cli("progress", "3").exit_code == 0
    assert "hambie" not in completions("characters", "--status")  # first seen in episode 6
    assert completions("sources", "--lineage") == []  # sources are hidden before episode 12
    assert "military" not in completions("characters", "--group")
