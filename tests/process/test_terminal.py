"""At a real terminal (a pseudo-terminal): the quiz game, watch's keys and its save prompt, and the
note that an answer covers the whole season, shown to a person and never into a pipe."""

from __future__ import annotations

import json
import subprocess

from terminal import Terminal, shown_by, terminal_env

LETTERS = "abcd"


def questions(cli, *args):
    result = cli("quiz", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_quiz_in_a_real_terminal(cli, tmp_path, aouad_path):
    """Through a pseudo-terminal: it asks, takes a-d or 1-4, says right or wrong and where the
    fact comes from, re-asks after a reply it cannot read, and scores at the end."""
    rows = questions(cli, "--episode", "4", "--seed", "8", "-n", "3")
    right = rows[0]["answer"]
    wrong = next(str(i + 1) for i, letter in enumerate(LETTERS) if letter != rows[1]["answer"])
    env = terminal_env(COLUMNS="100", LINES="40", AOUAD_CONFIG_DIR=str(tmp_path / "cfg"))
    prompt = b"Your answer (a-d, q to stop): "
    with Terminal([aouad_path, "quiz", "--episode", "4", "--seed", "8", "-n", "3"], env) as term:
        term.until(rows[0]["question"].encode())
        term.until(prompt)
        term.type(f"{right}\r".encode())
        term.until(b"Right.")
        term.until(rows[1]["question"].encode())
        term.type(b"x\r")
        term.until(b"Answer with a, b, c or d")
        term.type(f"{wrong}\r".encode())
        term.until(
            f"Not quite: the answer is {rows[1]['answer']}) {rows[1]['answer_text']}".encode()
        )
        term.until(rows[1]["explanation"].split(":")[0].encode())
        term.until(b"sources: hidden until episode 12")
        term.until(rows[2]["question"].encode())
        term.type(b"q\r")
        screen = term.until(b"Score: 1 of 2 answered (3 asked for).")
        assert term.wait() == 0
    assert b"as of episode 4" in screen


def test_full_game_in_a_real_terminal_scores_every_answer(cli, tmp_path, aouad_path):
    rows = questions(cli, "--seed", "12", "-n", "2")
    env = terminal_env(COLUMNS="100", LINES="40", AOUAD_CONFIG_DIR=str(tmp_path / "cfg"))
    with Terminal([aouad_path, "quiz", "--seed", "12", "-n", "2"], env) as term:
        for r in rows:
            term.until(r["question"].encode())
            term.type(f"{LETTERS.index(r['answer']) + 1}\r".encode())
            term.until(f"sources: {r['sources'][0]}".encode())
        term.until(b"Score: 2 of 2.")
        assert term.wait() == 0


def test_watch_in_a_real_terminal(roster_dir, tmp_path, aouad_path):
    """Through a pseudo-terminal: single keys move, q quits, and saving is offered."""
    d = roster_dir()
    env = terminal_env(COLUMNS="100", LINES="40", AOUAD_CONFIG_DIR=str(tmp_path / "cfg"))
    with Terminal([aouad_path, "--data", str(d), "watch"], env) as term:
        term.until(b"Episode 1 of 12", timeout=15)
        term.press(b"n", b"Episode 2 of 12")
        term.press(b"n", b"Episode 3 of 12")
        term.press(b"q", b"Save progress at episode 3?")
        term.type(b"y\r")
        assert term.wait() == 0
    assert json.loads((tmp_path / "cfg" / "progress.json").read_text()) == {"episode": 3}


def test_an_answer_for_the_whole_season_says_so_once_at_a_terminal(
    roster_dir, tmp_path, aouad_path
):
    d = roster_dir()
    env = terminal_env(COLUMNS="100", AOUAD_CONFIG_DIR=str(tmp_path / "cfg"))

    def at_terminal(*args: str) -> bytes:
        code, seen = shown_by([aouad_path, "--data", str(d), *args], env)
        assert code == 0
        return seen

    assert at_terminal("survivors").count(b"covers all 12 episodes") == 1
    assert b"covers all 12" not in at_terminal("survivors", "--spoilers")
    assert b"covers all 12" not in at_terminal("survivors", "-e", "4")
    piped = subprocess.run(
        [aouad_path, "--data", str(d), "survivors"], capture_output=True, env=env, timeout=30
    )
    assert b"covers all 12" not in piped.stderr + piped.stdout
