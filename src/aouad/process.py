"""The process around a command: its streams, Ctrl-C, and how it ends.

Every way the process can end is one `aouad: ...` line on stderr (or none) and an exit code
from the table in README.md, never a traceback:

- the reader of a pipe quits early: nothing more is printed, exit 141, as a shell reports
  SIGPIPE (`aouad survivors | head -1`);
- stdout cannot be written (a full disk, `> /dev/full`): "cannot write the output", exit 1;
- Ctrl-C, from the first import on: "interrupted", exit 130;
- a terminal that cannot show a character (PYTHONIOENCODING=ascii): it is replaced, not fatal.

``main`` is the console script. It catches Ctrl-C around the import of the CLI too, which
takes most of a short call's time; cli.main runs the app inside ``guarded``.
"""

from __future__ import annotations

import errno
import os
import sys

TYPE_CHECKING = False  # as typing.TYPE_CHECKING: until main's try, every import is outside it
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, NoReturn


class OutputError(Exception):
    """Writing stdout failed. Deliberately not an OSError: Typer ends the process with exit 1
    on a broken pipe (an OSError) before aouad could say 141."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


class _Stdout:
    """sys.stdout, except that a failed write or flush raises OutputError."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as err:
            raise OutputError(err) from None

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as err:
            raise OutputError(err) from None

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding...: the real stream's
        return getattr(self._stream, name)


def main() -> NoReturn:
    """The `aouad` console script and `python -m aouad`."""
    _replace_unshowable()
    try:
        from .cli import main as cli_main
    except KeyboardInterrupt:
        _interrupted()
    cli_main()
    sys.exit(0)  # cli_main always exits; this only satisfies NoReturn


def guarded(run: Callable[[], Any], *, machine: bool = False) -> NoReturn:
    """Run ``run`` (which may sys.exit) and end the process as the module docstring says.

    ``machine``: a machine format was asked for, so a message is one JSON object, as every
    error is then (README, docs/schema/error.json).
    """
    from .errors import EXIT_BROKEN_PIPE, EXIT_ERROR, EXIT_INTERRUPTED

    global _machine
    _machine = machine
    _replace_unshowable()
    real = sys.stdout
    sys.stdout = _Stdout(real)  # type: ignore[assignment]
    try:
        try:
            run()
            code: int = 0
        except SystemExit as done:
            code = _exit_code(done)
        sys.stdout.flush()  # here, not at exit, so a full disk or a closed pipe is reported
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    except OutputError as failed:
        _silence_stdout(real)
        if failed.error.errno == errno.EPIPE:
            sys.exit(EXIT_BROKEN_PIPE)  # the reader quit early: not an error to report
        _say(
            f"cannot write the output: {failed.error.strerror or failed.error}", "error", EXIT_ERROR
        )
        sys.exit(EXIT_ERROR)
    finally:
        sys.stdout = real
    if code == EXIT_INTERRUPTED:  # Typer turns Ctrl-C into a silent exit 130
        _interrupted()
    sys.exit(code)


def _exit_code(done: SystemExit) -> int:
    from .errors import EXIT_ERROR

    if done.code is None:
        return 0
    if isinstance(done.code, int):
        return done.code
    _say(str(done.code), "error", EXIT_ERROR)
    return EXIT_ERROR


def _interrupted() -> NoReturn:
    from .errors import EXIT_INTERRUPTED

    _say("interrupted", "interrupted", EXIT_INTERRUPTED)
    sys.exit(EXIT_INTERRUPTED)


_machine = False


def _say(message: str, kind: str, code: int) -> None:
    if _machine:
        import json

        line = json.dumps({"error": message, "kind": kind, "code": code})
    else:
        line = f"aouad: {message}"
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr is gone too: the exit code still says it
        pass


def _replace_unshowable() -> None:
    """Print '?' for what the terminal's encoding cannot show (PYTHONIOENCODING=ascii, a
    C locale) instead of failing the whole answer with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) in (
            "strict",
            "surrogateescape",
        ):
            try:
                reconfigure(errors="replace")
            except (OSError, ValueError):
                pass


def _silence_stdout(stream: Any) -> None:
    """Point stdout at devnull, so the interpreter's last flush cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (e.g. a test runner)
        pass
