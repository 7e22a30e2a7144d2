"""The errors aouad reports, each carrying the exit code it ends the program with.

Library code raises these and never exits; the command line turns one into a message on
stderr (a JSON object under machine formats) and its exit code. A data file's problems are
``Problem``s, each ``file:line:column: what is wrong (what was expected)``.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

# Exit codes, documented in README.md ("Exit codes"). 2 is click's usage error.
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_BAD_DATA = 3
EXIT_NOT_FOUND = 4
EXIT_AMBIGUOUS = 5
EXIT_INTERRUPTED = 130  # Ctrl-C: what a shell reports for a process ended by SIGINT
EXIT_BROKEN_PIPE = 141  # what a shell reports for a process ended by SIGPIPE


# Characters in one problem's message: the middle of a longer one is cut, so a problem stays
# one readable line even when it quotes a long value.
MAX_MESSAGE = 500


def clip(message: str) -> str:
    """``message``, with its middle cut out when it is longer than MAX_MESSAGE."""
    if len(message) <= MAX_MESSAGE:
        return message
    half = (MAX_MESSAGE - 5) // 2
    return f"{message[:half]} ... {message[-half:]}"


class Problem(NamedTuple):
    """One thing wrong with a data file, at a place a person can jump to.

    A NamedTuple sorts by file, line, column and message, as a report should.
    """

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        from .textsafety import shown  # a path from the command line may hold escape sequences

        return f"{shown(self.path)}:{self.line}:{self.column}: {shown(self.message)}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


class AouadError(Exception):
    exit_code: ClassVar[int] = EXIT_ERROR
    kind: ClassVar[str] = "error"

    def as_dict(self) -> dict[str, object]:
        return {"error": str(self), "kind": self.kind, "code": self.exit_code}


class UsageError(AouadError):
    """A bad option value that Typer's own checks cannot catch (e.g. --fields)."""

    exit_code = EXIT_USAGE
    kind = "usage"


class DataError(AouadError):
    """The roster files are unreadable or invalid; holds every problem found."""

    exit_code = EXIT_BAD_DATA
    kind = "bad-data"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def as_dict(self) -> dict[str, object]:
        return {
            "error": f"invalid roster: {len(self.problems)} problem(s)",
            "kind": self.kind,
            "code": self.exit_code,
            "problems": [p.as_dict() for p in self.problems],
        }


class Refused(UsageError):
    """An existing file aouad will not replace (a roster, a FIFO, a link): a usage error, as
    for `aouad html`, since another file name or --force is the way out."""


class NotFound(AouadError):
    """An unknown character name; the message carries suggestions."""

    exit_code = EXIT_NOT_FOUND
    kind = "not-found"

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"no character called {name!r}{hint}")

    def as_dict(self) -> dict[str, object]:
        return {**super().as_dict(), "name": self.name, "suggestions": self.suggestions}


class Ambiguous(AouadError):
    """A name that fits more than one character; the message lists them."""

    exit_code = EXIT_AMBIGUOUS
    kind = "ambiguous"

    def __init__(self, name: str, candidates: list[str]) -> None:
        self.name = name
        self.candidates = candidates
        super().__init__(
            f"{name!r} could be any of: {', '.join(candidates)} (give the full name or the id)"
        )

    def as_dict(self) -> dict[str, object]:
        return {**super().as_dict(), "name": self.name, "candidates": self.candidates}
