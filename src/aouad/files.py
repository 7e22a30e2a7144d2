"""Bounded reads and atomic writes of the files a user controls.

Rosters, snapshots and their key, saved progress and charts are read and written here, and
pages through atomic_write (pagefile.py checks a page's target itself).

A roster, a snapshot, saved progress and a chart may each be a FIFO, a device, a symlink
or a file that is still being written. Reading opens first and checks what was opened (no
window between a check and the open), never blocks on a FIFO and never reads past a bound.
Writing goes to a new temporary file beside the target and replaces the target in one
rename, so a full disk or Ctrl-C leaves the old file whole and no temporary file behind.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

# Opening a FIFO for reading blocks until a writer comes; with O_NONBLOCK it returns at once,
# and the fstat below refuses it. O_NOCTTY: opening a terminal device must not adopt it.
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotRegular(OSError):
    """The path is a directory, FIFO, device or socket: nothing a roster or setting can be."""

    def __init__(self, path: str | os.PathLike[str], mode: int) -> None:
        self.is_dir = stat.S_ISDIR(mode)
        reason = (
            (errno.EISDIR, "is a directory")
            if self.is_dir
            else (errno.EINVAL, "not a regular file")
        )
        super().__init__(*reason, os.fspath(path))


class NotPrivate(OSError):
    """The file belongs to another user, or others may read or write it."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(errno.EPERM, "not private to this user", os.fspath(path))


class TooBig(OSError):
    """The file holds more than the caller's bound; ``size`` is what it holds (at least)."""

    def __init__(
        self, path: str | os.PathLike[str], size: int, limit: int, *, grew: bool = False
    ) -> None:
        super().__init__(
            errno.EFBIG, f"file is {size} bytes (expected at most {limit})", os.fspath(path)
        )
        self.size, self.limit, self.grew = size, limit, grew


def _open_regular(path: str | os.PathLike[str]) -> tuple[int, os.stat_result]:
    """An open descriptor of the regular file at ``path`` and its stat; raises NotRegular."""
    fd = os.open(path, _READ_FLAGS)
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        # A FIFO would block the read forever, and /dev/zero (size 0) would fill memory.
        os.close(fd)
        raise NotRegular(path, info.st_mode)
    return fd, info


def read_head(path: str | os.PathLike[str], size: int) -> bytes:
    """The first ``size`` bytes (or fewer) of the regular file at ``path``."""
    fd, _info = _open_regular(path)
    try:
        return os.read(fd, size)
    finally:
        os.close(fd)


def read_bytes(path: str | os.PathLike[str], limit: int, *, private: bool = False) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    ``private``: only a file this user owns and no one else may read or write (POSIX), such
    as a key. Raises FileNotFoundError, NotRegular, TooBig, NotPrivate, or the system's OSError.
    """
    fd, info = _open_regular(path)
    try:
        if (
            private
            and hasattr(os, "geteuid")
            and (info.st_uid != os.geteuid() or info.st_mode & 0o077)
        ):
            raise NotPrivate(path)
        size = info.st_size
        if size > limit:
            raise TooBig(path, size, limit)
        chunks: list[bytes] = []
        total = 0
        want = size + 1  # one read, and the byte past st_size shows whether the file grew
        while total <= limit:
            chunk = os.read(
                fd, min(want, limit + 1 - total)
            )  # os.read allocates what it is asked for
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = 1 << 20
        if total > limit:
            raise TooBig(path, total, limit, grew=True)
        return b"".join(chunks)
    finally:
        os.close(fd)


def atomic_write(path: str | os.PathLike[str], data: bytes, *, private: bool = False) -> None:
    """Replace ``path`` with a file holding ``data``, all at once or not at all.

    The temporary file is made by tempfile (O_EXCL, a random name: no symlink planted at a
    predictable name is followed) in the target's directory, so the final rename stays on
    one file system. It is removed on any failure, KeyboardInterrupt included. ``private``
    files are readable by their owner only; others get the permissions the umask gives.
    """
    target = Path(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        try:
            if not private and hasattr(os, "fchmod"):  # mkstemp makes 0600; a chart is for sharing
                os.fchmod(fd, 0o666 & ~_umask())
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)  # the data is on disk before the rename makes it the file
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it; put it straight back
    os.umask(mask)
    return mask


def replace_output(
    path: str | os.PathLike[str], data: bytes, *, marker: bytes, force: bool = False
) -> None:
    """Write ``data``, a file aouad makes (a chart), to ``path``: atomically, and never over a
    file aouad did not make.

    An existing regular file is replaced only when its first KiB holds ``marker`` (an
    earlier output), or with ``force``. A symbolic link is replaced only with ``force``, and
    then the link itself: what it points to is never written. A directory, FIFO, device or
    socket is never replaced. Raises Refused (with the reason) or OSError.
    """
    from .errors import Refused

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise Refused("it is a directory")
        if stat.S_ISLNK(info.st_mode):
            if not force:
                raise Refused(
                    "it is a symbolic link (--force replaces the link, never what it points to)"
                )
        elif not stat.S_ISREG(info.st_mode):
            raise Refused("it is not a regular file (a FIFO, a device or a socket)")
        elif not force and marker not in read_head(path, 1024):
            raise Refused("it exists and aouad did not make it (--force replaces it)")
    atomic_write(path, data)
