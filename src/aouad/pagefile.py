"""Writing the page's file: never over a file aouad did not write, never half-written.

A page is written to a new temporary file beside the target and renamed over it in one step,
so a full disk, a crash or Ctrl-C leaves the old file whole and no temporary file behind.
An existing file is replaced only when its first bytes carry the page's mark (render/html.py),
or when the caller says --force.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import AouadError, UsageError
from .files import atomic_write  # the one atomic writer (snapshots, progress, charts, pages)

# How far into an existing file to look for the mark: it sits on the second line.
_HEAD = 512


def _ours(path: Path, mark: str) -> bool:
    with open(path, "rb") as handle:
        return mark.encode("utf-8") in handle.read(_HEAD)


def check_target(path: str, mark: str, force: bool) -> Path:
    """The file to write (symlinks followed, so a link keeps pointing at the page); refuses
    a directory or special file, and a file that is not aouad's unless ``force``."""
    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise AouadError(f"cannot write {path}: no directory {target.parent}") from None
        return target
    except OSError as err:
        raise AouadError(f"cannot write {path}: {err.strerror or err}") from None
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(
            f"{path} is {'a directory' if stat.S_ISDIR(info.st_mode) else 'not a regular file'} "
            "(expected a file name for the page, e.g. -o aouad.html)"
        )
    if force:
        return target
    try:
        ours = _ours(target, mark)
    except OSError as err:
        raise AouadError(f"cannot read {path} to check it: {err.strerror or err}") from None
    if not ours:
        raise UsageError(
            f"{path} exists and was not written by aouad html; "
            "--force overwrites it, or choose another file with -o"
        )
    return target


def write_page(path: str, page: bytes, mark: str, force: bool) -> Path:
    """Write the page to ``path``; returns where it went. AouadError when it cannot."""
    target = check_target(path, mark, force)
    try:
        atomic_write(target, page)
    except OSError as err:
        raise AouadError(f"cannot write {path}: {err.strerror or err}") from None
    return target
