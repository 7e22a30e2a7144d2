"""The viewer's saved episode: how far they have watched, so answers stop there.

Stored as a small JSON file in the user's config directory. A file that cannot be
read is reported and left alone; before a new value replaces it, it is moved aside
so nothing the user had is lost.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import NamedTuple

from .model import EPISODES

FILE_NAME = "progress.json"
ENV_VAR = "AOUAD_CONFIG_DIR"  # overrides the platform's config directory (tests, sandboxes)


def config_dir() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    from typer import get_app_dir  # click's rules: XDG_CONFIG_HOME, ~/.config/aouad, %APPDATA%...

    return Path(get_app_dir("aouad"))


def progress_file() -> Path:
    return config_dir() / FILE_NAME


class Progress(NamedTuple):
    episode: int | None  # None: nothing saved, or unreadable
    warning: str | None = None  # why a file that exists could not be used


def read() -> Progress:
    path = progress_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Progress(None)
    except (OSError, UnicodeDecodeError) as err:
        return Progress(None, f"cannot read saved progress {path}: {getattr(err, 'strerror', None) or err}; ignoring it")
    try:
        episode = json.loads(text).get("episode")
    except (ValueError, AttributeError):
        episode = None
    if isinstance(episode, int) and not isinstance(episode, bool) and 1 <= episode <= EPISODES:
        return Progress(episode)
    return Progress(
        None,
        f"saved progress {path} is not valid (expected {{\"episode\": 1..{EPISODES}}}); ignoring it "
        "(`aouad progress N` moves it aside and saves anew; `aouad progress --clear` removes it)",
    )


def write(episode: int) -> str | None:
    """Save ``episode``; returns a note when an unreadable old file was moved aside."""
    path = progress_file()
    note = None
    if path.exists() and read().warning is not None:
        aside = path.with_name(f"{FILE_NAME}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
        os.replace(path, aside)
        note = f"the unreadable old progress file was kept as {aside}"
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps({"episode": episode}) + "\n", encoding="utf-8")
    os.replace(temporary, path)  # atomic: a crash never leaves half a file
    return note


def clear() -> bool:
    """Remove the saved progress; False when there was none."""
    try:
        progress_file().unlink()
    except FileNotFoundError:
        return False
    return True
