"""One list of data files, one place for app directories.

roster.FILES and OPTIONAL_FILES are the list; the wheel's force-include in pyproject.toml is
configuration that must agree with it, and the build hook names the snapshot as snapshot.py
does. userdirs.py is where saved progress and snapshots live.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from aouad import roster, snapshot, userdirs

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_ships_exactly_the_roster_files():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    expected = {f"data/{n}": f"aouad/data/{n}" for n in (*roster.FILES, *roster.OPTIONAL_FILES)}
    assert shipped == expected
    assert all((ROOT / source).is_file() for source in shipped)


def test_the_build_hook_names_the_snapshot_as_aouad_reads_it():
    hook = (ROOT / "hatch_build.py").read_text(encoding="utf-8")
    assert f'BUNDLED_NAME = "{snapshot.BUNDLED_NAME}"' in hook


def test_env_overrides_move_both_directories(monkeypatch, tmp_path):
    monkeypatch.setenv("AOUAD_CONFIG_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("AOUAD_CACHE_DIR", str(tmp_path / "k"))
    assert userdirs.config_dir() == tmp_path / "c"
    assert userdirs.cache_dir() == tmp_path / "k"
    from aouad import progress

    assert progress.progress_file() == tmp_path / "c" / "progress.json"
    assert snapshot.cache_path(tmp_path).parent == tmp_path / "k" / "snapshots"


def test_saved_progress_stays_where_it_always_was(monkeypatch, tmp_path):
    """Without the overrides: click's config directory (where progress was saved before
    userdirs.py) and the XDG cache directory."""
    from typer import get_app_dir

    monkeypatch.delenv("AOUAD_CONFIG_DIR")
    monkeypatch.delenv("AOUAD_CACHE_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    assert userdirs.config_dir() == Path(get_app_dir("aouad"))
    if userdirs.sys.platform.startswith("linux"):
        assert userdirs.config_dir() == tmp_path / "xdg-config" / "aouad"
        assert userdirs.cache_dir() == tmp_path / "xdg-cache" / "aouad"
