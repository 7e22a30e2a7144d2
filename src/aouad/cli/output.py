"""Output: the formats, the global settings, and the per-call ``Answer`` (load the roster as
the viewer may see it, write rows in the chosen format, turn errors into messages through
failure.py); and the argv sniffing that tells, before any parsing, whether errors must be JSON.
"""

# No `from __future__ import annotations`: see app.py.
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Any

import typer

from ..errors import EXIT_BROKEN_PIPE, AouadError, UsageError
from .failure import report, shown, silence_stdout

if TYPE_CHECKING:
    from ..model import Roster
    from ..viewpoint import Viewpoint


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    yaml = "yaml"


class GraphFormat(str, Enum):
    """graph's formats: the shared five, and two graph languages only graph can write."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    yaml = "yaml"
    mermaid = "mermaid"
    dot = "dot"


MACHINE_FORMATS = frozenset(f.value for f in Format if f is not Format.table)
SHARED_FORMATS = frozenset(f.value for f in Format)


class Settings:
    """The global options, passed from the callback to each command through ctx.obj."""

    __slots__ = ("data", "no_color")

    def __init__(self, data: str | None = None, no_color: bool = False) -> None:
        self.data = data
        self.no_color = no_color


class Answer:
    """One command call's output settings, and the shared load/emit/error plumbing.

    A plain class rather than a dataclass: defining a dataclass costs start-up time.
    What the viewer may see is the viewpoint's to decide: ``view`` and ``roster()``.
    """

    __slots__ = ("ctx", "fmt", "fields", "view")

    def __init__(
        self, ctx: typer.Context, fmt: Enum, fields: list[str] | None, view: "Viewpoint"
    ) -> None:
        self.ctx = ctx
        self.fmt = fmt
        self.fields = fields
        self.view = view

    @classmethod
    def of(
        cls,
        ctx: typer.Context,
        fmt: Enum,
        as_json: bool,
        fields: str | None,
        episode: int | None = None,
        spoilers: bool = True,
    ) -> "Answer":
        """``spoilers`` False: gate by saved progress unless --episode says otherwise."""
        from ..viewpoint import choose

        # A command's own format enum (graph's) shares the first five values: those become Format.
        chosen = (
            Format.json if as_json else Format(fmt.value) if fmt.value in SHARED_FORMATS else fmt
        )
        wanted = [f.strip() for f in fields.split(",") if f.strip()] if fields else None
        return cls(ctx, chosen, wanted, choose(episode, spoilers, saved_episode))

    @property
    def episode(self) -> int | None:
        return self.view.episode

    @property
    def settings(self) -> Settings:
        return self.ctx.obj if isinstance(self.ctx.obj, Settings) else Settings()

    @property
    def plain(self) -> bool:
        """No colour: --no-color or NO_COLOR."""
        return self.settings.no_color or no_color_env()

    def roster(self) -> "Roster":
        """The roster as this viewer may see it."""
        return self.view.see(self.full_roster())

    def full_roster(self) -> "Roster":
        """The whole roster, for a command that gates it itself (watch) or only reads what is
        hidden to leave things out (quiz)."""
        import gc

        from ..roster import load_roster

        roster = load_roster(self.settings.data)
        # The roster, and all that Typer imported, live as long as this process: frozen, no
        # later collection walks them again, including the one at interpreter exit (most of
        # the measured start-up gain, see docs/performance.md). A CLI-only choice: the
        # library's load_roster leaves the caller's collector alone.
        gc.freeze()
        return roster

    def caption(self) -> str | None:
        return self.view.caption()

    @contextmanager
    def errors(self) -> Iterator[None]:
        try:
            yield
        except AouadError as err:
            report(err, self.fmt.value in MACHINE_FORMATS)
            raise typer.Exit(err.exit_code) from None

    def emit(
        self,
        rows: Any,
        keys: tuple[str, ...],
        human: Callable[[Any, Any], None],
        title: str = "",
        names: dict[str, str] | None = None,
        shape: str | None = None,
    ) -> None:
        """Write rows in the chosen format; ``human`` draws the default table; ``shape`` names
        the CSV reshaping in flat.py that keeps one plain value a cell."""
        self._guarded(lambda: self._emit(rows, keys, human, title, names, shape))

    def emit_text(self, text: str) -> None:
        """Write text a command drew itself (graph's mermaid and dot), handled as emit is."""
        self._guarded(lambda: sys.stdout.write(text))

    def _guarded(self, write: Callable[[], Any]) -> None:
        try:
            write()
            sys.stdout.flush()  # here, not at exit, so a closed pipe or a full disk is caught
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(
                EXIT_BROKEN_PIPE
            ) from None  # the reader quit early: not an error to report
        except OSError as err:
            silence_stdout()
            raise AouadError(f"cannot write the output: {err.strerror or err}") from None

    def check_fields(self, keys: tuple[str, ...]) -> None:
        unknown = [f for f in self.fields or () if f not in keys]
        if unknown:
            raise UsageError(
                f"unknown field(s) {', '.join(map(shown, unknown))} for --fields "
                f"(expected some of: {', '.join(keys)})"
            )

    def season_notice(self) -> None:
        """The viewpoint's notice, for a person at a terminal, never a pipe or a program."""
        notice = self.view.season_notice()
        if notice and sys.stdout.isatty():
            sys.stderr.write(notice + "\n")

    def _emit(
        self,
        rows: Any,
        keys: tuple[str, ...],
        human: Callable[[Any, Any], None],
        title: str,
        names: dict[str, str] | None,
        shape: str | None = None,
    ) -> None:
        if self.fields:
            self.check_fields(keys)
            from ..render.machine import select

            rows = select(rows, self.fields)
        if self.fmt is not Format.table:
            from ..render.machine import write

            header = self.fields or keys
            if self.fmt is Format.csv and shape:
                from .. import flat

                rows = flat.SHAPES[shape](rows)
                header = flat.HEADERS.get(shape, header) if not self.fields else header
            write(rows, self.fmt.value, sys.stdout, header)
            return
        self.season_notice()
        from ..render import table

        con = table.console(sys.stdout, self.plain)
        if self.fields:
            table.table(
                con,
                rows if isinstance(rows, list) else [rows],
                [(f, f) for f in self.fields],
                title=title,
                caption=self.caption(),
                names=names,
            )
        else:
            human(con, rows)


def saved_episode() -> int | None:
    """The saved episode, warning on stderr (never failing) when the file is unusable."""
    from .. import progress

    saved = progress.read()
    if saved.warning:
        sys.stderr.write(f"aouad: warning: {saved.warning}\n")
    return saved.episode


def saved_view() -> "Viewpoint":
    """The viewpoint of a command with no --episode or --spoilers of its own."""
    from ..viewpoint import choose

    return choose(None, False, saved_episode)


def no_color_env() -> bool:
    return bool(os.environ.get("NO_COLOR"))


def wants_machine_output(args: list[str]) -> bool:
    """Whether the command line asks for a machine format (--json, --format json, -fcsv, ...).

    As the options themselves behave: --json wins, else the last --format given counts.
    """
    chosen = None
    for i, word in enumerate(args):
        if word == "--":
            break
        if word == "--json":
            return True
        if word in ("--format", "-f"):
            chosen = args[i + 1] if i + 1 < len(args) else None
        elif word.startswith("--format="):
            chosen = word.partition("=")[2]
        elif word.startswith("-f") and not word.startswith("--"):
            chosen = word[2:]
    return chosen in MACHINE_FORMATS


def names_by_id(roster: "Roster") -> dict[str, str]:
    """Each character's name by id: what a table needs to show a name for an id."""
    return {c.id: c.name for c in roster.characters}
