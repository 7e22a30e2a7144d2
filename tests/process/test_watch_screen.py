"""watch in a real 80x24 terminal: the panel fits, long episodes scroll inside it, every
episode (10-12 too) is reachable from the keyboard, and a key followed by Enter is one key."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time

import pytest

from aouad.keys import split

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def test_typed_text_splits_into_keys():
    assert split("n\r") == ["n", "enter"]
    assert split("\x1b[C\x1b[D12 ") == ["right", "left", "1", "2", "space"]
    assert split("q\r\n") == ["q", "enter"]


@pytest.fixture
def screen(tmp_path, aouad_path):
    """A pseudo-terminal of 80x24 running `aouad watch ARGS`; yields (press, screens, proc)."""
    procs = []

    def start(*args: str):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("NO_COLOR", "AOUAD_DATA", "COLUMNS", "LINES")
        }
        env.update({"AOUAD_CONFIG_DIR": str(tmp_path / "cfg"), "TERM": "xterm", "NO_COLOR": "1"})
        proc = subprocess.Popen(
            [aouad_path, "watch", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            close_fds=True,
            preexec_fn=os.setsid,
        )
        os.close(slave)
        procs.append((proc, master))
        seen = [b""]

        def read_until(token: bytes, timeout: float = 15) -> bytes:
            end = time.time() + timeout
            start_at = len(seen[0])
            while token not in seen[0][start_at:] and time.time() < end:
                if select.select([master], [], [], 0.1)[0]:
                    try:
                        seen[0] += os.read(master, 65536)
                    except OSError:
                        break
            assert token in seen[0][start_at:], seen[0][-1500:]
            time.sleep(0.3)  # the rest of the frame
            while select.select([master], [], [], 0.1)[0]:
                try:
                    seen[0] += os.read(master, 65536)
                except OSError:
                    break
            return seen[0]

        def press(keys: bytes, token: bytes) -> str:
            for _ in range(10):  # a key typed before the terminal is set up may be dropped
                os.write(master, keys)
                try:
                    read_until(token, timeout=2)
                    break
                except AssertionError:
                    continue
            return last_frame(seen[0])

        def send(keys: bytes) -> None:
            os.write(master, keys)

        return read_until, press, send, proc

    yield start
    for proc, master in procs:
        if proc.poll() is None:
            proc.kill()
        os.close(master)


def last_frame(raw: bytes) -> str:
    """The last screen drawn: what follows the last clear, escape codes removed."""
    frame = raw.rsplit(b"\x1b[2J", 1)[-1]
    return ANSI.sub(b"", frame).decode("utf-8", "replace").replace("\r", "")


def test_watch_fits_80x24_and_reaches_every_episode(screen):
    read_until, press, send, proc = screen("--from", "10")
    first = last_frame(read_until(b"Episode 10 of 12"))
    lines = [line for line in first.split("\n") if line.strip()]
    assert lines[0].startswith("╭─ Episode 10 of 12 · lines 1–") and "more below" in lines[0]
    assert "q quit" in lines[-1] and len(lines) <= 24
    assert all(len(line) <= 80 for line in lines)
    scrolled = press(
        b" ", b"Episode 10 of 12 \xc2\xb7 lines 2"
    )  # space pages down inside the panel
    assert "q quit" in scrolled
    assert "Episode 11 of 12" in press(b"11", b"Episode 11 of 12")
    after = press(b"n\r", b"Episode 12 of 12")  # a key followed by Enter is that key
    assert "Unknown key" not in after
    assert "Episode 1 of 12" in press(b"1\r", b"Episode 1 of 12")  # 1 then Enter: episode 1
    assert "Episode 12 of 12" in press(b"12", b"Episode 12 of 12")
    press(b"q", b"Save progress at episode 12?")
    send(b"n\r")
    assert proc.wait(timeout=15) == 0
