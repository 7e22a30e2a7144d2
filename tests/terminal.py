"""`aouad` at a real terminal, for the process tests: one way to start it in a pseudo-terminal,
read what it shows and type into it (tests/process/test_terminal.py, test_watch_screen.py)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
from collections.abc import Sequence


def terminal_env(**extra: str) -> dict[str, str]:
    """The environment of a person at an xterm: no NO_COLOR, no AOUAD_DATA of the test run's."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "AOUAD_DATA")}
    env.update({"TERM": "xterm", **extra})
    return env


class Terminal:
    """A command whose stdin, stdout and stderr are a pty, in a session of its own whose
    controlling terminal is that pty, as in a real terminal (key reading opens /dev/tty)."""

    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        master, slave = pty.openpty()
        name = os.ttyname(slave)

        def own_terminal() -> None:
            os.setsid()
            os.close(os.open(name, os.O_RDWR))

        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            close_fds=True,
            preexec_fn=own_terminal,
        )
        os.close(slave)
        self.master = master
        self.seen = b""  # everything shown so far

    def until(self, token: bytes, timeout: float = 20) -> bytes:
        """Read until ``token`` shows (fail after ``timeout`` seconds); return all shown so far."""
        end = time.time() + timeout
        while token not in self.seen and time.time() < end:
            if select.select([self.master], [], [], 0.2)[0]:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:  # the program has exited and the pty is closed
                    break
        assert token in self.seen, self.seen[-1500:]
        return self.seen

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def press(self, key: bytes, token: bytes, tries: int = 20) -> None:
        """Type ``key`` until ``token`` shows: a key typed before the program switches the terminal
        to raw mode is flushed by that switch (as in any terminal), so it is typed again."""
        for _ in range(tries):
            self.type(key)
            try:
                self.until(token, timeout=0.5)
                return
            except AssertionError:
                continue
        self.until(token, timeout=0.1)

    def wait(self, timeout: float = 15) -> int:
        return self.proc.wait(timeout=timeout)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def shown_by(argv: Sequence[str], env: dict[str, str], timeout: float = 30) -> tuple[int, bytes]:
    """Run a command to its end at a terminal: its exit code and all it showed."""
    end = time.time() + timeout
    with Terminal(argv, env) as term:
        while time.time() < end:
            if select.select([term.master], [], [], 0.2)[0]:
                try:
                    chunk = os.read(term.master, 65536)
                except OSError:  # exited, all read
                    break
                if not chunk:
                    break
                term.seen += chunk
            elif term.proc.poll() is not None:
                break
        return term.wait(timeout), term.seen
