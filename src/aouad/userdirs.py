"""Where aouad keeps what it writes for a user: saved progress (config) and snapshots (cache).

Each can be moved with an environment variable (tests, sandboxes, a shared machine):
AOUAD_CONFIG_DIR and AOUAD_CACHE_DIR, listed in `aouad --help`.

The config directory follows click's rules (``get_app_dir``: $XDG_CONFIG_HOME or ~/.config
on Linux, ~/Library/Application Support on macOS, %APPDATA% on Windows), where saved progress
has always lived. click has no cache directory, so that one is spelt out below, by the
conventions platformdirs follows (~/.cache, ~/Library/Caches, %LOCALAPPDATA%\\...\\Cache).
platformdirs itself is not used: it would be a dependency, and its import (configparser
with it) would cost every call that reads saved progress, the JSON path included.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "aouad"
CONFIG_ENV = "AOUAD_CONFIG_DIR"
CACHE_ENV = "AOUAD_CACHE_DIR"


def config_dir() -> Path:
    """Saved progress lives here."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from typer import get_app_dir  # click's rules; typer is loaded already on every CLI call

    return Path(get_app_dir(APP))


def cache_dir() -> Path:
    """Snapshots of a user's own rosters, and the key that signs them, live here."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / APP / "Cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / APP
