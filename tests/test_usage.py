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
    assert "  $ aouad survivors --json | jq -r '.[].name'\n" in text  # an example's own pipe stays in it


def test_help_is_a_command(cli):
    assert page(cli, "help") == page(cli, "--help") == page(cli)
    assert page(cli, "help", "fate") == page(cli, "fate", "--help")
    wrong = cli("help", "surviver")
    assert wrong.exit_code == 2 and "did you mean survivors" in wrong.stderr


@pytest.mark.parametrize(("args", "said"), [
    (["survivors", "--episode", "13"], "--episode must be an episode from 1 to 12 (got '13')"),
    (["survivors", "-e", "x"], "--episode must be an episode from 1 to 12 (got 'x')"),
    (["survivors", "--format", "xml"], "--format must be one of table, json, jsonl, csv, yaml (got 'xml')"),
    (["events", "--in", "0"], "--in must be an episode from 1 to 12 (got '0')"),
    (["progress", "13"], "N must be an episode from 1 to 12 (got '13')"),
    (["--fields", "name", "survivors"], "--fields is an option of survivors: it goes after the command"),
    (["survivors", "--data", "x"], "--data is a global option: it goes before the command (aouad --data DIR survivors)"),
    (["survivors", "--no-color"], "--no-color is a global option: it goes before the command"),
    (["survivors", "--no-color", "true"], "--no-color is a global option"),
    (["surviver"], "unknown command 'surviver'; did you mean survivors"),
    (["survivors", "--episod", "3"], "survivors has no option --episod; did you mean --episode?"),
    (["events", "--in"], "--in needs a value"),
    (["survivors", "extra"], "survivors takes no argument 'extra'"),
])
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
    assert err == {"error": "--episode must be an episode from 1 to 12 (got '13')", "kind": "usage", "code": 2}
    hint = json.loads(cli("--json", "survivors").stderr)
    assert "goes after the command" in hint["error"] and hint["code"] == 2


def test_the_console_script_says_the_same(run):
    result = run("survivors", "--episode", "13")
    assert result.returncode == 2
    assert result.stderr == "aouad: --episode must be an episode from 1 to 12 (got '13')\n"
