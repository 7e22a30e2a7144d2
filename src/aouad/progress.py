"""The viewer's saved episode: how far they have watched, so answers stop there.

Stored as a small JSON file in the user's config directory (see userdirs.py), and read on
every call, so it is read as warily as a roster: a regular file only (a FIFO or /dev/zero
behind the name must not hang or fill memory), at most MAX_BYTES, parsed without a traceback
whatever it holds. A file that cannot be used is reported and ignored; before a new value
replaces it, it is moved aside under a name of its own, so nothing the user had is lost.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from .model import EPISODES
from .userdirs import config_dir

FILE_NAME = "progress.json"
MAX_BYTES = 4096  # {"episode": 12} is 16 bytes


def progress_file() -> Path:
    return config_dir() / FILE_NAME


class Progress(NamedTuple):
    episode: int | None  # None: nothing saved, or unreadable
    warning: str | None = None  # why a file that exists could not be used


def read() -> Progress:
    from . import files
    from .textsafety import shown

    path = progress_file()
    fix = "(`aouad progress N` moves it aside and saves anew; `aouad progress --clear` removes it)"
    try:
        raw = files.read_bytes(path, MAX_BYTES)
    except FileNotFoundError:
        return Progress(None)
    except files.TooBig:
        return Progress(
            None,
            f"saved progress {shown(str(path))} is over {MAX_BYTES} bytes "
            f'(expected {{"episode": 1..{EPISODES}}}); ignoring it {fix}',
        )
    except OSError as err:  # not a regular file, no permission, a name too long...
        why = err.strerror or err
        where = shown(str(path))
        return Progress(None, f"cannot read saved progress {where}: {why}; ignoring it {fix}")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested past Python's stack
        doc = None
    episode = doc.get("episode") if isinstance(doc, dict) else None
    if isinstance(episode, int) and not isinstance(episode, bool) and 1 <= episode <= EPISODES:
        return Progress(episode)
    return Progress(
        None,
        f"saved progress {shown(str(path))} is not valid "
        f'(expected {{"episode": 1..{EPISODES}}}); ignoring it {fix}',
    )


def write(episode: int) -> str | None:
    """Save ``episode``; returns a note when an unreadable old file was moved aside."""
    from . import files
    from .textsafety import shown

    path = progress_file()
    note = None
    if path.is_dir() and not path.is_symlink():  # not a file to move aside: the user's to move
        raise files.NotRegular(path, stat.S_IFDIR)
    if os.path.lexists(path) and read().warning is not None:
        aside = _move_aside(path)
        note = f"the unreadable old progress file was kept as {shown(str(aside))}"
    path.parent.mkdir(parents=True, exist_ok=True)
    files.atomic_write(path, (json.dumps({"episode": episode}) + "\n").encode("ascii"))
    return note


def _move_aside(path: Path) -> Path:
    """Rename ``path`` to a new name of its own: two moved aside in one second both stay."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    fd, aside = tempfile.mkstemp(prefix=f"{FILE_NAME}.unreadable-{stamp}-", dir=path.parent)
    os.close(fd)
    try:
        os.replace(path, aside)  # over the empty placeholder: a name no other file has
    except BaseException:
        os.unlink(aside)
        raise
    return Path(aside)


def clear() -> bool:
    """Remove the saved progress; False when there was none."""
    try:
        progress_file().unlink()
    except FileNotFoundError:
        return False
    return True
