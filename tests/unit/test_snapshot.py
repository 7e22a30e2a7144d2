"""Snapshots: the same roster as the YAML gives, and never one that is stale or broken."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from aouad import load_roster
from aouad.errors import DataError
from aouad.roster import data_dir_default


@pytest.fixture
def copy(tmp_path):
    d = tmp_path / "roster"
    shutil.copytree(data_dir_default(), d, ignore=shutil.ignore_patterns("README*", "roster.json"))
    return d


def snapshot_files(cache_dir):
    return (
        list((cache_dir / "snapshots").glob("*.json")) if (cache_dir / "snapshots").exists() else []
    )


def test_snapshot_gives_the_same_roster(cli, copy, tmp_path, monkeypatch):
    result = cli("validate", str(copy), "--snapshot")
    assert result.exit_code == 0 and "snapshot saved to" in result.stderr
    (snap,) = snapshot_files(Path(os.environ["AOUAD_CACHE_DIR"]))
    from aouad import snapshot

    from_snapshot = snapshot.read(snap, copy, "given")
    assert from_snapshot is not None
    assert from_snapshot == load_roster(copy, snapshots=False)
    assert load_roster(copy) == from_snapshot


def test_bundled_snapshot_matches_the_yaml_when_installed():
    from aouad import snapshot

    shipped = data_dir_default() / snapshot.BUNDLED_NAME
    if not shipped.exists():
        pytest.skip("not an installed wheel (an editable install reads data/ directly)")
    assert snapshot.read(shipped, data_dir_default(), "bundled") == load_roster(snapshots=False)


def test_edited_yaml_is_never_served_from_a_stale_snapshot(cli, copy):
    assert cli("validate", str(copy), "--snapshot").exit_code == 0
    assert load_roster(copy).fates["on-jo"].status == "alive"
    events = copy / "events.yaml"
    text = events.read_text(encoding="utf-8")
    stat = events.stat()
    # Same size, and the old mtime put back: a size+mtime check would be fooled, a content hash is
    # not.
    edited = text.replace("- who: on-jo\n    status: alive", "- who: on-jo\n    status: alivE", 1)
    assert edited != text and len(edited) == len(text)
    events.write_text(edited, encoding="utf-8")
    os.utime(events, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with pytest.raises(DataError) as caught:  # so the YAML was read, not the snapshot
        load_roster(copy)
    assert "unknown status 'alivE'" in str(caught.value)


@pytest.mark.parametrize("damage", ["garbage", "truncate", "foreign-version", "wrong-shape"])
def test_broken_or_foreign_snapshot_is_ignored(cli, copy, damage):
    assert cli("validate", str(copy), "--snapshot").exit_code == 0
    (snap,) = snapshot_files(Path(os.environ["AOUAD_CACHE_DIR"]))
    doc = json.loads(snap.read_text())
    if damage == "garbage":
        snap.write_bytes(b"\x00\xffnot json")
    elif damage == "truncate":
        snap.write_text(snap.read_text()[:500])
    elif damage == "foreign-version":
        doc["aouad"] = "0.0.0-other"
        doc["roster"]["characters"] = []
        snap.write_text(json.dumps(doc))
    else:
        doc["roster"]["characters"] = [["only", "three", "fields"]]
        snap.write_text(json.dumps(doc))
    assert load_roster(copy) == load_roster(copy, snapshots=False)


def test_loading_never_writes_a_snapshot(copy):
    load_roster(copy)
    assert snapshot_files(Path(os.environ["AOUAD_CACHE_DIR"])) == []
