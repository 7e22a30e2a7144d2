"""Failure, in one place: how an AouadError or a click usage error becomes one stderr message
(plain words, or one JSON object under a machine format) and an exit code, never a traceback.
"""

# No `from __future__ import annotations`: see root.py.
import os
import sys
from typing import Any, NoReturn

import typer

from ..errors import AouadError, UsageError


def report(err: AouadError, as_json: bool) -> None:
    """An error on stderr: one JSON object under a machine format, else `aouad: ...` lines."""
    from ..textsafety import json_safe

    if as_json:
        import json

        sys.stderr.write(json_safe(json.dumps(err.as_dict(), ensure_ascii=False)) + "\n")
    else:  # a path or a value from the command line must not reach the terminal raw
        message = "\n".join(shown(line) for line in str(err).split("\n"))
        head = "aouad: invalid roster:\n" if hasattr(err, "problems") else "aouad: "
        sys.stderr.write(f"{head}{message}\n")


def fail(err: AouadError, as_json: bool = False) -> NoReturn:
    """Report ``err`` and end the command with its exit code."""
    report(err, as_json)
    raise typer.Exit(err.exit_code)


def shown(text: str) -> str:
    from ..textsafety import shown as safe

    return safe(text)


def silence_stdout() -> None:
    """Point stdout at devnull, so the interpreter's last flush cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (e.g. under a test runner)
        pass


def usage_failed(err: Exception, words: list[str], group: Any) -> NoReturn:
    """End the process for an exception click raised while parsing ``words``.

    Click's own exceptions are found by name (Typer vendors click): no arguments shows the
    help, as gh does; Ctrl-C at a prompt is "Aborted!"; a usage error is said in plain words
    (usage.py), as a JSON object under a machine format; anything else is not click's.
    """
    from .usage import explain, kinds

    kind = kinds(err)
    if "NoArgsIsHelpError" in kind:  # plain `aouad`: the help, as gh does
        sys.stdout.write(err.format_message() + "\n")  # type: ignore[attr-defined]
        sys.exit(0)
    if "Abort" in kind:
        sys.stderr.write("Aborted!\n")
        sys.exit(1)
    if "ClickException" not in kind:
        raise err
    message = explain(err, words, group)
    code = getattr(err, "exit_code", 2)
    error = UsageError(message) if code == UsageError.exit_code else AouadError(message)
    from .output import wants_machine_output

    report(error, wants_machine_output(words))
    sys.exit(code)
