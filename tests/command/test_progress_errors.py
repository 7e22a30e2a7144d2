"""`aouad progress` when it cannot do what it is asked: a progress file it cannot write or clear,
one it cannot read, an episode out of range. One clear line on stderr, its exit code, nothing on
stdout, no traceback, and the saved state left as it was."""

from __future__ import annotations

import pytest


@pytest.fixture
def config(tmp_path, monkeypatch):
    """Point the config directory somewhere; return the progress file's path."""

    def at(directory):
        monkeypatch.setenv("AOUAD_CONFIG_DIR", str(directory))
        return directory / "progress.json"

    return at


def failed(result, code: int) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stdout == "" and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    return line


def test_progress_cannot_be_saved_where_a_file_is_in_the_way(cli, tmp_path, config):
    (tmp_path / "a-file").write_text("not a directory\n")
    where = config(tmp_path / "a-file" / "cfg")  # mkdir fails, even for root (chmod would not)
    line = failed(cli("progress", "3"), 1)
    assert line == f"aouad: cannot save progress in {where}: Not a directory"
    line = failed(cli("progress", "--clear"), 1)
    assert line == f"aouad: cannot clear progress in {where}: Not a directory"
    shown = cli("progress")  # showing it only warns: answers stay complete
    assert shown.exit_code == 0 and shown.stdout.startswith("No progress saved")
    assert shown.stderr.startswith(f"aouad: warning: cannot read saved progress {where}")


def test_progress_that_is_a_directory_cannot_be_cleared_or_overwritten(cli, tmp_path, config):
    where = config(tmp_path / "cfg")
    (where / "kept").mkdir(parents=True)
    line = failed(cli("progress", "--clear"), 1)
    assert line == f"aouad: cannot clear progress in {where}: Is a directory"
    assert failed(cli("progress", "4"), 1).startswith(f"aouad: cannot save progress in {where}: ")
    assert (where / "kept").is_dir()  # nothing of the user's is removed


@pytest.mark.parametrize("episode", ["0", "13", "three"])
def test_an_episode_out_of_range_is_a_usage_error(cli, tmp_path, config, episode):
    where = config(tmp_path / "cfg")
    assert cli("progress", "5").exit_code == 0
    line = failed(cli("progress", episode), 2)
    assert line == f"aouad: N must be an episode from 1 to 12 (got '{episode}')"
    assert '"episode": 5' in where.read_text()  # the saved episode is untouched


def test_an_episode_and_clear_together_is_a_usage_error(cli, tmp_path, config):
    where = config(tmp_path / "cfg")
    assert cli("progress", "5").exit_code == 0
    assert failed(cli("progress", "3", "--clear"), 2) == (
        "aouad: give an episode or --clear, not both"
    )
    assert '"episode": 5' in where.read_text()
