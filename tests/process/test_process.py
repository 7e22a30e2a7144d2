"""What only a real process shows: the installed entry point, exit codes, pipes, colour."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def test_installed_entry_point_answers_from_elsewhere(run):
    result = run("survivors", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all(r["status"] in ("alive", "infected", "hambie") for r in rows)


def test_python_dash_m(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "aouad", "--version"], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0 and result.stdout.startswith("aouad ")


@pytest.mark.parametrize(
    "args, code",
    [
        (("survivors",), 0),
        (("fate", "no-such-person-xyz"), 4),
        (("survivors", "--episode", "99"), 2),
        (("no-such-command",), 2),
        (("--data", "/nonexistent/dir", "survivors"), 3),
    ],
)
def test_exit_codes(run, args, code):
    result = run(*args)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr


def test_errors_go_to_stderr_only(run):
    result = run("fate", "no-such-person-xyz", "--json")
    assert result.stdout == ""
    assert json.loads(result.stderr)["code"] == 4


def test_no_colour_when_piped(run):
    result = run("survivors")
    assert result.returncode == 0 and "\x1b[" not in result.stdout


def test_colour_on_demand_and_no_color_wins(run):
    forced = run("survivors", env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    assert "\x1b[" not in run("survivors", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[" not in run("--no-color", "survivors", env={"FORCE_COLOR": "1"}).stdout


def test_reader_quitting_early_is_quiet(tmp_path, aouad_path):
    # `aouad ... | head -1`: the reader closes the pipe after one line.
    proc = subprocess.Popen(
        f"'{aouad_path}' fate --all --format jsonl | head -1",
        shell=True,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = proc.communicate(timeout=60)
    assert len(out.splitlines()) == 1
    assert "Traceback" not in err and "BrokenPipe" not in err
    status = subprocess.run(
        f"set -o pipefail; '{aouad_path}' fate --all --format jsonl | head -1 >/dev/null",
        shell=True,
        executable="/bin/bash",
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert status.returncode == 141 and status.stderr == ""  # as a shell reports SIGPIPE


def test_a_table_into_a_closed_pipe_exits_141_too(tmp_path, aouad_path):
    status = subprocess.run(
        # every character's panel: far more than a pipe holds, so the writer meets the closed pipe
        f"set -o pipefail; '{aouad_path}' fate $('{aouad_path}' characters --format csv --fields "
        "id | tail -n +2)"
        " | head -1 >/dev/null",
        shell=True,
        executable="/bin/bash",
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert status.returncode == 141 and status.stderr == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_is_a_message_not_a_traceback(run):
    with open("/dev/full", "w") as full:
        result = run("fate", "--all", stdout=full)
    assert result.returncode == 1
    assert result.stderr.strip() == "aouad: cannot write the output: No space left on device"


def test_json_path_does_not_import_rich(tmp_path):
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['aouad', 'survivors', '--json']\n"
        "try:\n"
        "    runpy.run_module('aouad', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('RICH' if any(m == 'rich' or m.startswith('rich.') for m in sys.modules) "
        "else 'CLEAN')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.stderr.endswith("CLEAN"), result.stderr[-500:]


@pytest.mark.parametrize(
    "words, cword, expected",
    [("aouad fate cheong", "2", "cheong-san"), ("aouad survivors --episode 1", "3", "12")],
)
def test_shell_completion(run, words, cword, expected):
    result = run(env={"_AOUAD_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword})
    assert result.returncode == 0
    assert expected in result.stdout.split()


def test_completion_keeps_the_spoiler_gate(run, tmp_path):
    # After episode 1, Tab must not offer someone first seen in episode 5.
    env = {"AOUAD_CONFIG_DIR": str(tmp_path / "cfg")}
    assert run("progress", "1", env=env).returncode == 0

    def offered(words: str) -> list[str]:
        cword = str(len(words.split()))
        result = run(
            env={
                **env,
                "_AOUAD_COMPLETE": "complete_bash",
                "COMP_WORDS": words + " ",
                "COMP_CWORD": cword,
            }
        )
        assert result.returncode == 0
        return result.stdout.split()

    assert "cheong-san" in offered("aouad fate") and "ji-min-father" not in offered("aouad fate")
    assert "ji-min-father" in offered("aouad fate --spoilers")
    assert "ji-min-father" in offered("aouad fate --episode 5")
    assert "ji-min-father" not in offered("aouad events --episode 4 --character")


def test_completion_can_be_shown(run):
    # Typer guesses the shell from the process tree (shellingham), which has no shell in it
    # under some test runners ("Shell  not supported"); told not to guess, it takes the one named.
    env = {"SHELL": "/bin/bash", "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    result = run("--show-completion", "bash", env=env)
    assert result.returncode == 0 and "_AOUAD_COMPLETE" in result.stdout
