"""When saving progress or a snapshot fails: a clear message and exit code 1, never a
traceback, and nothing half-written left behind (the old file whole, no temporary file)."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path

import pytest

DISK_FULL = OSError(errno.ENOSPC, "No space left on device")
DENIED = PermissionError(errno.EACCES, "Permission denied")


def fails_cleanly(result, message: str) -> None:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # handled, not raised through
    assert result.stderr == f"aouad: {message}\n"
    assert result.stdout == ""


def files_in(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


@pytest.fixture
def config(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "config"
    monkeypatch.setenv("AOUAD_CONFIG_DIR", str(d))
    return d


# --- progress


def test_progress_in_a_directory_that_cannot_be_made(cli, tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("not a directory\n")
    where = tmp_path / "a-file" / "config"
    monkeypatch.setenv("AOUAD_CONFIG_DIR", str(where))
    fails_cleanly(
        cli("progress", "3"), f"cannot save progress in {where / 'progress.json'}: Not a directory"
    )


def test_progress_in_a_directory_that_may_not_be_written(cli, config, monkeypatch):
    config.mkdir()

    def denied(*args, **kwargs):
        raise DENIED

    monkeypatch.setattr(tempfile, "mkstemp", denied)  # as a read-only directory answers
    fails_cleanly(
        cli("progress", "3"),
        f"cannot save progress in {config / 'progress.json'}: Permission denied",
    )
    assert files_in(config) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anywhere")
def test_progress_in_a_read_only_directory(cli, config):
    config.mkdir()
    config.chmod(0o500)
    try:
        result = cli("progress", "3")
    finally:
        config.chmod(0o700)
    fails_cleanly(result, f"cannot save progress in {config / 'progress.json'}: Permission denied")


def test_progress_on_a_full_disk_keeps_the_old_file(cli, config, monkeypatch):
    config.mkdir()
    (config / "progress.json").write_text('{"episode": 2}\n')

    def full(*args):
        raise DISK_FULL

    monkeypatch.setattr(os, "write", full)
    fails_cleanly(
        cli("progress", "5"),
        f"cannot save progress in {config / 'progress.json'}: No space left on device",
    )
    assert files_in(config) == ["progress.json"]  # no temporary file left
    assert (config / "progress.json").read_text() == '{"episode": 2}\n'


def test_progress_where_a_directory_stands(cli, config):
    """A directory is not an unreadable file to move aside: it is the user's, and stays."""
    (config / "progress.json").mkdir(parents=True)
    (config / "progress.json" / "kept").write_text("the user's\n")
    fails_cleanly(
        cli("progress", "3"), f"cannot save progress in {config / 'progress.json'}: is a directory"
    )
    assert files_in(config) == ["progress.json"]
    assert (config / "progress.json" / "kept").read_text() == "the user's\n"


def test_clearing_progress_that_cannot_be_removed(cli, config):
    (config / "progress.json").mkdir(parents=True)
    result = cli("progress", "--clear")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"aouad: cannot clear progress in {config / 'progress.json'}: ")


# --- snapshots


@pytest.fixture
def valid(roster_dir) -> Path:
    return roster_dir()


def snapshot_target(directory: Path) -> Path:
    from aouad import snapshot

    return snapshot.cache_path(directory)


def test_snapshot_in_a_cache_that_cannot_be_made(cli, valid, tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("not a directory\n")
    monkeypatch.setenv("AOUAD_CACHE_DIR", str(tmp_path / "a-file" / "cache"))
    target = snapshot_target(valid)
    fails_cleanly(
        cli("validate", str(valid), "--snapshot"),
        f"cannot write snapshot {target}: Not a directory",
    )


def test_snapshot_error_as_json(cli, valid, tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("not a directory\n")
    monkeypatch.setenv("AOUAD_CACHE_DIR", str(tmp_path / "a-file" / "cache"))
    result = cli("validate", str(valid), "--snapshot", "--json")
    assert result.exit_code == 1
    error = json.loads(result.stderr)
    assert error == {
        "error": f"cannot write snapshot {snapshot_target(valid)}: Not a directory",
        "kind": "error",
        "code": 1,
    }


@pytest.mark.parametrize("failure", [DISK_FULL, DENIED], ids=["disk-full", "denied"])
def test_snapshot_write_failures(cli, valid, monkeypatch, failure):
    target = snapshot_target(valid)
    assert cli("validate", str(valid), "--snapshot").exit_code == 0  # the key and one snapshot
    before = target.read_bytes()

    def fail(*args):
        raise failure

    monkeypatch.setattr(os, "write", fail)
    fails_cleanly(
        cli("validate", str(valid), "--snapshot"),
        f"cannot write snapshot {target}: {failure.strerror}",
    )
    assert target.read_bytes() == before  # the old snapshot whole
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
