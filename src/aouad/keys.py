"""Keys from a terminal, one at a time, with a time limit: what watch needs to read "12".

A terminal hands over whatever was typed since the last read: "n\r" when a key is followed by
Enter, a whole escape sequence for an arrow. ``Keys`` splits that into keys, and remembers
when each came, so watch can tell "1 then 2" (episode 12) from "1, a pause" (episode 1), and
an Enter that confirms the key before it from an Enter of its own.
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque

ESC = "\x1b"
NAMED = {
    "\x1b[A": "up",
    "\x1b[B": "down",
    "\x1b[C": "right",
    "\x1b[D": "left",
    "\x1bOA": "up",
    "\x1bOB": "down",
    "\x1bOC": "right",
    "\x1bOD": "left",
    "\x1b[5~": "pageup",
    "\x1b[6~": "pagedown",
    "\x1b[H": "home",
    "\x1b[F": "end",
    "\x1b[1~": "home",
    "\x1b[4~": "end",
    "\r": "enter",
    "\n": "enter",
    " ": "space",
    ESC: "escape",
    "\x03": "interrupt",
    "\x04": "eof",
    "\x7f": "backspace",
}


def split(data: str) -> list[str]:
    """Typed text as keys: escape sequences whole, everything else a character at a time.
    "\r\n" (some terminals send both for Enter) is one Enter."""
    out: list[str] = []
    i = 0
    while i < len(data):
        ch = data[i]
        if ch == ESC and i + 1 < len(data) and data[i + 1] in "[O":
            j = i + 2
            while j < len(data) and not (data[j].isalpha() or data[j] == "~"):
                j += 1
            out.append(data[i : j + 1])
            i = j + 1
            continue
        if ch == "\r" and data[i + 1 : i + 2] == "\n":
            i += 1
        out.append(ch)
        i += 1
    return [NAMED.get(k, k) for k in out]


class Keys:
    """Reads keys from a terminal (POSIX: stdin in cbreak mode while waiting)."""

    def __init__(self) -> None:
        self.pending: deque[str] = deque()
        self.fd = sys.stdin.fileno()

    def get(self, timeout: float | None = None) -> str | None:
        """The next key, or None when ``timeout`` seconds pass with none."""
        if not self.pending:
            data = self._read(timeout)
            if data is None:
                return None
            self.pending.extend(split(data))
        key = self.pending.popleft()
        if key == "interrupt":
            raise KeyboardInterrupt
        if key == "eof":
            raise EOFError
        return key

    def _read(self, timeout: float | None) -> str | None:
        try:
            import select
            import termios
            import tty
        except ImportError:  # not POSIX: one key at a time, no time limit
            import typer

            return typer.getchar()
        old = termios.tcgetattr(self.fd)
        try:
            # TCSANOW: keys typed before this point are kept, not flushed
            tty.setcbreak(self.fd, termios.TCSANOW)
            ready, _, _ = select.select([self.fd], [], [], timeout)
            if not ready:
                return None
            data = os.read(self.fd, 64)
            # an escape sequence may arrive in two reads: wait a moment for its tail
            while data.endswith(ESC.encode()) or data.endswith(b"\x1b[") or data.endswith(b"\x1bO"):
                more, _, _ = select.select([self.fd], [], [], 0.05)
                if not more:
                    break
                data += os.read(self.fd, 64)
        finally:
            termios.tcsetattr(self.fd, termios.TCSANOW, old)
        if not data:
            raise EOFError
        return data.decode("utf-8", errors="replace")


def now() -> float:
    return time.monotonic()
