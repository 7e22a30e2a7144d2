"""The command line: thin Typer commands (options -> load -> query -> render).

``main`` is the one place an AouadError becomes a stderr message and an exit code.
"""

# No `from __future__ import annotations` here: Typer would eval every annotation string
# on each run, and real annotation objects are cheaper to read.
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import __version__, queries, records
from .errors import EXIT_BROKEN_PIPE, AouadError, UsageError
from .model import EPISODES, FATAL, GROUPS, Roster

if TYPE_CHECKING:
    from .viewpoint import Viewpoint

from .clicore import AouadCommand, AouadGroup  # noqa: E402  (help pages and usage errors)

app = typer.Typer(
    name="aouad",
    cls=AouadGroup,
    help="Who lives, who dies, how, when and where in All of Us Are Dead (2022).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    epilog="Examples:  aouad survivors  |  aouad fate cheong-san  |  aouad survivors --json | jq -r '.[].name'"
    "  |  aouad progress 4",
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format", "-f", help="Output: table for people; json, jsonl, csv or yaml for programs."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FieldsOpt = Annotated[
    str | None,
    typer.Option("--fields", metavar="A,B,...", help="Keep only these keys (columns in a table)."),
]


def complete_episode(incomplete: str) -> list[str]:
    return [str(n) for n in range(1, EPISODES + 1) if str(n).startswith(incomplete)]


def _completion_roster(ctx: typer.Context) -> Roster | None:
    """The roster as the viewer on this command line may see it; None when unreadable.

    Completion keeps the spoiler gate: with saved progress (or --episode on the line) it
    offers only what has been met so far, so pressing Tab cannot reveal what comes later.
    """
    from . import progress
    from .errors import AouadError
    from .roster import load_roster
    from .viewpoint import choose

    root = ctx.find_root()
    data = root.params.get("data") if root is not None else None
    # a broken progress file warns elsewhere, not in a completion
    view = choose(
        ctx.params.get("episode"), bool(ctx.params.get("spoilers")), lambda: progress.read().episode
    )
    try:
        return view.see(load_roster(data))
    except AouadError:
        return None


def complete_name(ctx: typer.Context, incomplete: str) -> list[str]:
    """Character ids for shell completion, among the characters met so far."""
    roster = _completion_roster(ctx)
    if roster is None:
        return []
    return [c.id for c in roster.characters if c.id.startswith(incomplete.lower())]


def complete_status(ctx: typer.Context, incomplete: str) -> list[str]:
    """The statuses a viewer has seen happen: a later one is not even named."""
    roster = _completion_roster(ctx)
    return [s for s in (roster.statuses if roster else ()) if s.startswith(incomplete.lower())]


def complete_group(ctx: typer.Context, incomplete: str) -> list[str]:
    """The groups of the characters met so far, in the model's order."""
    roster = _completion_roster(ctx)
    met = {c.group for c in roster.characters} if roster else set()
    return [g for g in GROUPS if g in met and g.startswith(incomplete.lower())]


def complete_lineage(ctx: typer.Context, incomplete: str) -> list[str]:
    """Source lineages; none before the last episode, where sources are hidden."""
    roster = _completion_roster(ctx)
    found = sorted({s.lineage for s in roster.sources}) if roster else []
    return [name for name in found if name.startswith(incomplete.lower())]


EpisodeOpt = Annotated[
    int | None,
    typer.Option(
        "--episode",
        "-e",
        min=1,
        max=EPISODES,
        metavar="N",
        autocompletion=complete_episode,
        help="Answer as a viewer who has seen episodes 1..N: no later spoilers.",
    ),
]

SpoilersOpt = Annotated[
    bool, typer.Option("--spoilers", help="Ignore saved progress for this call: answer in full.")
]


class Settings:
    """The global options, passed from the callback to each command through ctx.obj."""

    __slots__ = ("data", "no_color")

    def __init__(self, data: str | None = None, no_color: bool = False) -> None:
        self.data = data
        self.no_color = no_color


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"aouad {__version__}\n")  # not echo: it may bypass main's stdout checks
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="DIR",
            help="Roster directory (characters.yaml, events.yaml). "
            "Default: $AOUAD_DATA, else the bundled roster.",
        ),
    ] = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="Plain text, no colour codes.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = Settings(data=data, no_color=no_color)


class Answer:
    """One command call's output settings, and the shared load/emit/error plumbing.

    A plain class rather than a dataclass: defining a dataclass costs start-up time.
    What the viewer may see is the viewpoint's to decide: ``view`` and ``roster()``.
    """

    __slots__ = ("ctx", "fmt", "fields", "view")

    def __init__(
        self, ctx: typer.Context, fmt: Format, fields: list[str] | None, view: "Viewpoint"
    ) -> None:
        self.ctx = ctx
        self.fmt = fmt
        self.fields = fields
        self.view = view

    @classmethod
    def of(
        cls,
        ctx: typer.Context,
        fmt: Format,
        as_json: bool,
        fields: str | None,
        episode: int | None = None,
        spoilers: bool = True,
    ) -> "Answer":
        """``spoilers`` False: gate by saved progress unless --episode says otherwise."""
        from .viewpoint import choose

        # A command's own format enum (graph's) shares the first five values: those become Format.
        chosen = (
            Format.json if as_json else Format(fmt.value) if fmt.value in _SHARED_FORMATS else fmt
        )
        wanted = [f.strip() for f in fields.split(",") if f.strip()] if fields else None
        return cls(ctx, chosen, wanted, choose(episode, spoilers, _saved_episode))

    @property
    def episode(self) -> int | None:
        return self.view.episode

    @property
    def settings(self) -> Settings:
        return self.ctx.obj if isinstance(self.ctx.obj, Settings) else Settings()

    def roster(self) -> Roster:
        """The roster as this viewer may see it."""
        import gc

        from .roster import load_roster

        roster = load_roster(self.settings.data)
        # The roster, and all that Typer imported, live as long as this process: frozen, no
        # later collection walks them again, including the one at interpreter exit (most of
        # the measured start-up gain, see docs/performance.md). A CLI-only choice: the
        # library's load_roster leaves the caller's collector alone.
        gc.freeze()
        return self.view.see(roster)

    def caption(self) -> str | None:
        return self.view.caption()

    @contextmanager
    def errors(self) -> Iterator[None]:
        try:
            yield
        except AouadError as err:
            _report(err, self.fmt.value in MACHINE_FORMATS)
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
            _silence_stdout()
            raise typer.Exit(
                EXIT_BROKEN_PIPE
            ) from None  # the reader quit early: not an error to report
        except OSError as err:
            _silence_stdout()
            raise AouadError(f"cannot write the output: {err.strerror or err}") from None

    def check_fields(self, keys: tuple[str, ...]) -> None:
        unknown = [f for f in self.fields or () if f not in keys]
        if unknown:
            raise UsageError(
                f"unknown field(s) {', '.join(map(_shown, unknown))} for --fields "
                f"(expected some of: {', '.join(keys)})"
            )

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
            from .render.machine import select

            rows = select(rows, self.fields)
        if self.fmt is not Format.table:
            from .render.machine import write

            header = self.fields or keys
            if self.fmt is Format.csv and shape:
                from . import flat

                rows = flat.SHAPES[shape](rows)
                header = flat.HEADERS.get(shape, header) if not self.fields else header
            write(rows, self.fmt.value, sys.stdout, header)
            return
        notice = self.view.season_notice()
        if notice and sys.stdout.isatty():  # a person at a terminal, never a pipe or a program
            sys.stderr.write(notice + "\n")
        from .render import table

        con = table.console(sys.stdout, self.settings.no_color or _no_color_env())
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


# The output options every query command takes, as (parameter, annotation, default).
OUTPUT_OPTIONS = (
    ("fmt", FormatOpt, Format.table),
    ("as_json", JsonOpt, False),
    ("fields", FieldsOpt, None),
    ("episode", EpisodeOpt, None),
    ("spoilers", SpoilersOpt, False),
)


def query_command(
    *, epilog: str, formats: type[Enum] = Format
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a query command written as ``body(out: Answer, **own options)``.

    The command Typer sees takes the body's own options followed by OUTPUT_OPTIONS; it turns
    those five into ``out`` and runs the body inside ``out.errors()``. One place declares
    them, so every query command offers the same options in the same order. ``formats``
    replaces the choices of --format for a command that writes more (graph: GraphFormat).
    """
    import inspect

    def register(body: Callable[..., None]) -> Callable[..., None]:
        own = [p for p in inspect.signature(body).parameters.values() if p.name != "out"]
        params = [
            inspect.Parameter(
                "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
            ),
            *own,
            *(
                inspect.Parameter(
                    name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
                )
                for name, annotation, default in _output_options(formats)
            ),
        ]

        def command(ctx: typer.Context, **options: Any) -> None:
            out = Answer.of(ctx, *(options.pop(name) for name, _, _ in OUTPUT_OPTIONS))
            with out.errors():
                body(out, **options)

        command.__name__ = body.__name__
        command.__doc__ = body.__doc__
        command.__signature__ = inspect.Signature(params, return_annotation=None)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in params}
        app.command(epilog=epilog, cls=AouadCommand)(command)
        return body

    return register


def _saved_view() -> "Viewpoint":
    """The viewpoint of a command with no --episode or --spoilers of its own."""
    from .viewpoint import choose

    return choose(None, False, _saved_episode)


def _output_options(formats: type[Enum]) -> tuple[tuple[str, Any, Any], ...]:
    if formats is Format:
        return OUTPUT_OPTIONS
    more = " or ".join(f.value for f in formats if f.value not in _SHARED_FORMATS)  # type: ignore[attr-defined]
    own = Annotated[
        formats,
        typer.Option(
            "--format",
            "-f",
            help="Output: table for people; json, jsonl, csv or "
            f"yaml for programs; {more} for diagrams.",
        ),
    ]
    return (("fmt", own, formats("table")), *OUTPUT_OPTIONS[1:])


def _saved_episode() -> int | None:
    """The saved episode, warning on stderr (never failing) when the file is unusable."""
    from . import progress

    saved = progress.read()
    if saved.warning:
        sys.stderr.write(f"aouad: warning: {saved.warning}\n")
    return saved.episode


def _silence_stdout() -> None:
    """Point stdout at devnull, so the interpreter's last flush cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (e.g. under a test runner)
        pass


def _no_color_env() -> bool:
    return bool(os.environ.get("NO_COLOR"))


def _report(err: AouadError, as_json: bool) -> None:
    from .textsafety import json_safe, shown

    if as_json:
        import json

        sys.stderr.write(json_safe(json.dumps(err.as_dict(), ensure_ascii=False)) + "\n")
    else:  # a path or a value from the command line must not reach the terminal raw
        message = "\n".join(shown(line) for line in str(err).split("\n"))
        head = "aouad: invalid roster:\n" if hasattr(err, "problems") else "aouad: "
        sys.stderr.write(f"{head}{message}\n")


def _shown(text: str) -> str:
    from .textsafety import shown

    return shown(text)


def _tables() -> Any:
    """The Rich renderers, imported only when a table is drawn (JSON never pays for Rich)."""
    from .render import table

    return table


def _names(roster: Roster) -> dict[str, str]:
    return {c.id: c.name for c in roster.characters}


def _choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    """A value from a closed set, or a usage error that says which would be right.

    Under a gate ``allowed`` is what the viewer may see (roster.statuses, not every status)."""
    if value is None or value in allowed:
        return value
    import difflib

    close = difflib.get_close_matches(value.lower(), allowed, n=3, cutoff=0.5)
    guess = f"; did you mean {' or '.join(close)}?" if close else ""
    known = (
        f"one of: {', '.join(allowed)}"
        if len(allowed) <= 12
        else f"one of {len(allowed)} (Tab completes them)"
    )
    raise UsageError(f"{option} {value!r} is not known{guess} (expected {known})")


# (key, header, priority): at a narrow width the highest priority numbers are left out first
PERSON_COLUMNS = [
    ("name", "Name", 0),
    ("hangul", "Hangul", 3),
    ("status", "Status", 1),
    ("ends", "Ends up", 2),
    ("groups", "Group", 4),
    ("actor", "Actor", 5),
]


@query_command(
    epilog="Examples:  aouad survivors  |  aouad survivors --json | jq -r '.[].name'  |  aouad survivors -e 6"
)
def survivors(out: Answer) -> None:
    """Everyone still living at the end, and where they end up; group records are listed apart."""
    roster = out.roster()
    rows = [records.character_row(f, roster) for f in queries.survivors(roster)]

    def human(con: Any, r: Any) -> None:
        people = [row for row in r if row["kind"] != "group"]
        groups = [row for row in r if row["kind"] == "group"]
        _tables().table(
            con,
            people,
            PERSON_COLUMNS,
            title=f"Survivors: {len(people)}",
            caption=None if groups else out.caption(),
        )
        if groups:  # several unnamed people each: not counted among the survivors above
            _tables().table(
                con,
                groups,
                [("name", "Group of people"), ("status", "Status"), ("ends", "Ends up")],
                title=f"Groups, not counted as people: {len(groups)}",
                caption=out.caption(),
            )

    out.emit(rows, records.CHARACTER_KEYS, human, title="Survivors")


@query_command(
    epilog="Examples:  aouad fate cheong-san  |  aouad fate 'Lee Su-hyeok' 남온조  |  aouad fate gwi-nam --json"
)
def fate(
    out: Answer,
    names: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="NAME...",
            help="Id, given or full name, Hangul or alias.",
            autocompletion=complete_name,
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every character.")] = False,
) -> None:
    """How each named character ends: status, how, by whom, where, in which episode."""
    if not names and not all_:
        raise UsageError("name at least one character, or give --all (e.g. aouad fate cheong-san)")
    roster = out.roster()
    found = queries.all_fates(roster) if all_ else queries.fate(roster, names or [])
    rows = [records.fate_row(f, roster) for f in found]
    names_by_id = _names(roster)

    def human(con: Any, r: Any) -> None:
        if all_:  # one row a character: fifty panels are no overview
            _tables().fate_table(con, r, names_by_id, out.caption(), title=f"Fates: {len(r)}")
        else:
            _tables().fate_panels(con, r, names_by_id, out.caption(), out.view.sources_note())

    out.emit(rows, records.FATE_KEYS, human, title="Fates", names=names_by_id, shape="fate")


@query_command(
    epilog="Examples:  aouad deaths  |  aouad deaths --by gwi-nam  |  aouad deaths --in 11 --status zombie  |  aouad deaths --format csv > deaths.csv"
)
def deaths(
    out: Answer,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            "-b",
            metavar="NAME",
            autocompletion=complete_name,
            help="Only those this character caused (bit, turned or killed).",
        ),
    ] = None,
    in_episode: Annotated[
        int | None,
        typer.Option(
            "--in",
            "-i",
            min=1,
            max=EPISODES,
            metavar="N",
            autocompletion=complete_episode,
            help="Only those in episode N.",
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            "-s",
            metavar="STATUS",
            autocompletion=complete_status,
            help="Only those into this status (Tab completes them).",
        ),
    ] = None,
) -> None:
    """Every death and turning, in episode order; filter by who caused it, episode and status."""
    if in_episode is not None and not out.view.allows(in_episode):
        raise UsageError(out.view.past(in_episode))
    roster = out.roster()
    _choice(status, tuple(s for s in roster.statuses if s in FATAL), "--status")
    found = queries.deaths(roster, by=by, episode=in_episode, status=status)
    rows = [records.change_row(ch, roster) for ch in found]
    # "lineages", as fate's "Backed by": sources of independent origin, copies once, unreliable ones not at all
    columns = [
        ("episode", "Ep", 1),
        ("name", "Who", 0),
        ("status", "Became", 2),
        ("cause", "How", 3),
        ("by", "By", 4),
        ("by_what", "By what", 6),
        ("place", "Where", 5),
        ("lineages", "Sources", 7),
    ]
    names_by_id = _names(roster)

    def human(con: Any, r: Any) -> None:
        from .render.text import episode_text  # ranges and confirmations read as in fate

        shown = [{**row, "episode": episode_text(row)} for row in r]
        _tables().table(
            con,
            shown,
            columns,
            title=f"Deaths and turnings: {len(r)}",
            caption=out.caption(),
            names=names_by_id,
        )
        if any(row.get("lineages") for row in r):
            _tables().note(
                con,
                "Sources: how many independent sources back each row (copies of one page count "
                'once, unreliable ones not at all), as in fate\'s "Backed by".',
            )

    out.emit(rows, records.CHANGE_KEYS, human, title="Deaths", names=names_by_id)


@query_command(epilog="Examples:  aouad where  |  aouad where --json | jq '.[] | {place, count}'")
def where(out: Answer) -> None:
    """Every character, grouped by where they end up."""
    roster = out.roster()
    rows = [records.place_row(p) for p in queries.where(roster)]
    title = (
        f"Where everyone is after episode {out.view.last}"
        if out.view.gated
        else "Where everyone ends up"
    )
    out.emit(
        rows,
        records.PLACE_KEYS,
        lambda con, r: _tables().where_table(con, r, title, out.caption()),
        title="Where",
        shape="where",
    )


StatusOpt = Annotated[
    str | None,
    typer.Option(
        "--status",
        "-s",
        metavar="STATUS",
        autocompletion=complete_status,
        help="Only this status (Tab completes the ones seen so far).",
    ),
]
GroupOpt = Annotated[
    str | None,
    typer.Option(
        "--group",
        "-g",
        metavar="GROUP",
        autocompletion=complete_group,
        help=f"Only this group: {', '.join(GROUPS)}.",
    ),
]


@query_command(
    epilog="Examples:  aouad characters  |  aouad characters --group teacher  |  aouad characters kim --status zombie"
)
def characters(
    out: Answer,
    search: Annotated[
        str | None,
        typer.Argument(metavar="[TEXT]", help="Text to look for in names, actors, roles."),
    ] = None,
    status: StatusOpt = None,
    group: GroupOpt = None,
) -> None:
    """The roster, filterable by status, group and text."""
    roster = out.roster()
    _choice(status, roster.statuses, "--status")
    _choice(group, GROUPS, "--group")
    found = queries.characters(roster, status=status, group=group, text=search)
    rows = [records.character_row(f, roster) for f in found]
    columns = [
        ("id", "Id", 5),
        ("name", "Name", 0),
        ("hangul", "Hangul", 4),
        ("groups", "Group", 2),
        ("status", "Status", 1),
        ("ends", "Ends up", 3),
        ("actor", "Actor", 6),
    ]

    def human(con: Any, r: Any) -> None:
        groups = sum(row["kind"] == "group" for row in r)
        shown = [
            {**row, "name": f"{row['name']} (group)"} if row["kind"] == "group" else row
            for row in r
        ]
        title = f"Characters: {len(r) - groups}" + (
            f", and {groups} group record(s) of several people" if groups else ""
        )
        _tables().table(con, shown, columns, title=title, caption=out.caption())

    out.emit(rows, records.CHARACTER_KEYS, human, title="Characters")


@query_command(
    epilog="Examples:  aouad events --in 11  |  aouad events --character on-jo  |  aouad events --search rooftop  |  aouad events --format jsonl"
)
def events(
    out: Answer,
    in_episode: Annotated[
        int | None,
        typer.Option(
            "--in",
            "-i",
            min=1,
            max=EPISODES,
            metavar="N",
            autocompletion=complete_episode,
            help="Only episode N's events.",
        ),
    ] = None,
    character: Annotated[
        str | None,
        typer.Option(
            "--character",
            "-c",
            metavar="NAME",
            autocompletion=complete_name,
            help="Only events involving this character.",
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-S",
            metavar="TEXT",
            help="Only events whose summary, place or cause holds TEXT.",
        ),
    ] = None,
) -> None:
    """The timeline, filterable by episode, by character and by text."""
    if in_episode is not None and not out.view.allows(in_episode):
        raise UsageError(out.view.past(in_episode))
    roster = out.roster()
    found = queries.events(roster, episode=in_episode, character=character, search=search)
    rows = [records.event_row(e, roster) for e in found]
    names = _names(roster)

    def human(con: Any, r: Any) -> None:
        shown = [
            {
                **row,
                "changes": [
                    {"name": names.get(c["id"], c["id"]), "status": c["status"]}
                    for c in row["changes"]
                ],
            }
            for row in r
        ]
        _tables().table(
            con,
            shown,
            [
                ("episode", "Ep", 1),
                ("summary", "What happens", 0),
                ("place", "Where", 3),
                ("characters", "Who", 4),
                ("changes", "Changes", 2),
            ],
            title=f"Events: {len(r)}",
            caption=out.caption(),
            names=names,
        )

    out.emit(rows, records.EVENT_KEYS, human, title="Events", names=names, shape="events")


@query_command(epilog="Examples:  aouad stats  |  aouad stats --json | jq .by_status")
def stats(out: Answer) -> None:
    """Counts by status and group, and the city-level figures the sources give."""
    roster = out.roster()
    row = records.stats_row(queries.stats(roster), out.episode)
    out.emit(
        row,
        records.STATS_KEYS,
        lambda con, r: _tables().stats_tables(con, r, out.caption()),
        title="Stats",
        shape="stats",
    )


@query_command(
    epilog="Examples:  aouad sources  |  aouad sources reviewgeek  |  aouad sources --lineage decider --json"
)
def sources(
    out: Answer,
    search: Annotated[
        str | None,
        typer.Argument(
            metavar="[TEXT]", help="Text to look for in keys, titles, publishers, lineages."
        ),
    ] = None,
    lineage: Annotated[
        str | None,
        typer.Option(
            "--lineage",
            "-l",
            metavar="NAME",
            autocompletion=complete_lineage,
            help="Only the sources of this lineage (one original and its copies).",
        ),
    ] = None,
) -> None:
    """Every source the data cites: how far it is trusted (good, weak, unreliable) and why, its lineage,
    how many sources share that lineage, and what cites it. An unreliable source backs nothing on its own.

    Hidden before the last episode (with saved progress or --episode): a title can give a fate away.
    """
    roster = out.roster()
    if roster.sources:  # before the last episode none are shown, so no lineage is "unknown" either
        _choice(lineage, tuple(sorted({s.lineage for s in roster.sources})), "--lineage")
    rows = [
        records.source_use_row(u) for u in queries.sources(roster, text=search, lineage=lineage)
    ]

    def human(con: Any, r: Any) -> None:
        shown = [
            {
                **row,
                "characters": len(row["characters"]),
                "events": len(row["events"]) + len(row["figures"]),
                "grade": row["grade"]
                if row["grade"] == "good"
                else f"{row['grade']}: {row['grade_reason']}",
            }
            for row in r
        ]
        caption = out.view.sources_note()
        _tables().table(
            con,
            shown,
            [
                ("key", "Key", 0),
                ("grade", "Grade", 2),
                ("publisher", "Publisher", 4),
                ("lineage", "Lineage", 1),
                ("in_lineage", "In lineage", 5),
                ("characters", "Characters", 6),
                ("events", "Events, figures", 7),
                ("title", "Title", 3),
            ],
            title=f"Sources: {len(r)}",
            caption=caption,
            keep=2,
        )

    out.emit(rows, records.SOURCE_KEYS, human, title="Sources")


@app.command(
    cls=AouadCommand,
    epilog="Examples:  aouad progress 4  |  aouad progress  |  aouad progress --clear",
)
def progress(
    episode: Annotated[
        int | None,
        typer.Argument(
            metavar="[N]",
            min=1,
            max=EPISODES,
            autocompletion=complete_episode,
            help="The last episode you have watched (1-12).",
        ),
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Forget the saved episode.")] = False,
) -> None:
    """Save how far you have watched; every command then hides what comes later."""
    from . import progress as saved

    if clear and episode is not None:
        _report(UsageError("give an episode or --clear, not both"), False)
        raise typer.Exit(UsageError.exit_code)
    try:  # only saving or clearing: a failed write of the answer is reported as such by main()
        if clear:
            removed = saved.clear()
        elif episode is not None:
            note = saved.write(episode)
    except OSError as err:
        action = "clear" if clear else "save"
        _report(
            AouadError(
                f"cannot {action} progress in {saved.progress_file()}: {err.strerror or err}"
            ),
            False,
        )
        raise typer.Exit(AouadError.exit_code) from None
    if clear:
        sys.stdout.write("Saved progress cleared.\n" if removed else "No progress was saved.\n")
    elif episode is not None:
        if note:
            sys.stderr.write(f"aouad: {note}\n")
        sys.stdout.write(
            f"Saved: you have watched up to episode {episode}. "
            "Answers now stop there (--spoilers shows all).\n"
        )
    else:
        current = _saved_episode()
        if current is None:
            sys.stdout.write(
                "No progress saved: answers are complete (spoilers). "
                "Save some with `aouad progress N`.\n"
            )
        else:
            where = _shown(str(saved.progress_file()))
            sys.stdout.write(f"You have watched up to episode {current} ({where}).\n")


@query_command(
    epilog="Examples:  aouad curve  |  aouad curve --json | jq '.[] | {episode, alive}'  |  aouad curve --svg curve.svg"
)
def curve(
    out: Answer,
    svg: Annotated[
        str | None,
        typer.Option("--svg", metavar="FILE", help="Also save the chart as an SVG image."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="With --svg: replace FILE even if aouad did not make it "
            "(a link is replaced, never what it points to).",
        ),
    ] = False,
) -> None:
    """How many characters stand in each status after each episode, as a chart and counts."""
    if svg is not None and not svg.strip():
        raise UsageError("--svg needs a file name (e.g. --svg curve.svg)")
    roster = out.roster()
    rows = [records.tally_row(t) for t in queries.curve(roster)]
    if svg:  # first, so a file that cannot be written fails before any output
        out.check_fields(
            records.TALLY_KEYS
        )  # and a bad command line fails before the file is written
        from .render.svg import MARK, curve_svg

        _save_svg(svg, curve_svg(rows, out.caption()), MARK, force)
    out.emit(
        rows,
        records.TALLY_KEYS,
        lambda con, r: _tables().curve_chart(con, r, out.caption()),
        title="Survival curve",
    )


def _save_svg(path: str, text: str, mark: str, force: bool = False) -> None:
    """Write the chart: atomically, and only over an earlier chart (``mark``) unless ``force``."""
    from .errors import Refused
    from .files import replace_output

    try:
        replace_output(path, text.encode("utf-8"), marker=mark.encode("utf-8"), force=force)
    except Refused as err:
        raise Refused(f"will not replace {_shown(path)}: {err}") from None
    except OSError as err:
        raise AouadError(f"cannot write {_shown(path)}: {err.strerror or err}") from None
    sys.stderr.write(f"aouad: chart saved to {_shown(path)}\n")


@query_command(epilog="Examples:  aouad chain  |  aouad chain --json | jq '.[] | [.from, .to]'")
def chain(out: Answer) -> None:
    """Who infected whom, as a tree from patient zero; unknown links are shown as such."""
    roster = out.roster()
    rows = [records.link_row(link, roster) for link in queries.chain(roster)]
    names_by_id = _names(roster)
    out.emit(
        rows,
        records.LINK_KEYS,
        lambda con, r: _tables().chain_tree(con, r, names_by_id, out.caption()),
        title="Infection chain",
        names=names_by_id,
    )


@app.command(
    cls=AouadCommand,
    epilog="Examples:  aouad watch  |  aouad watch --from 3  |  printf 'n\\nn\\nq\\n' | aouad watch",
)
def watch(
    ctx: typer.Context,
    start: Annotated[
        int | None,
        typer.Option(
            "--from",
            min=1,
            max=EPISODES,
            metavar="N",
            autocompletion=complete_episode,
            help="Start at episode N (default: saved progress, else 1).",
        ),
    ] = None,
    spoilers: SpoilersOpt = False,
) -> None:
    """Watch along: episode by episode, what happens and who is left (keys: n, p, 1-12, s, q).

    In a terminal: n or → next, p or ← back, 1-12 an episode (1 then Enter for episode 1),
    j/k or ↓/↑ scroll a long episode, space a page, s save progress, q quit. Without a
    terminal (a pipe, a script) it reads one command a line. With saved progress, stepping
    past it asks first; progress is saved only with s.
    """
    from .watch import run

    out = Answer.of(ctx, Format.table, False, None, spoilers=spoilers)
    with out.errors():
        roster = Answer.of(
            ctx, Format.table, False, None
        ).roster()  # the whole season: watch gates each step
        first = start or out.episode or 1
        run(roster, first, out.view, no_color=out.settings.no_color or _no_color_env())


@app.command(
    cls=AouadCommand,
    epilog="Examples:  aouad validate  |  aouad validate ./my-roster --json  |  aouad validate ./big-roster --snapshot",
)
def validate(
    ctx: typer.Context,
    directory: Annotated[
        str | None,
        typer.Argument(
            metavar="[DIR]",
            help="Roster directory; default: --data, $AOUAD_DATA, else the bundled roster.",
        ),
    ] = None,
    write_snapshot: Annotated[
        bool,
        typer.Option(
            "--snapshot",
            help="When valid, save a snapshot in your cache directory so later calls on this "
            "roster skip parsing (used only while both files stay exactly as they are).",
        ),
    ] = False,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Check a roster and report every problem at once (file:line:column: problem)."""
    from .errors import DataError
    from .roster import data_dir, load_roster

    out = Answer.of(ctx, fmt, as_json, None)
    chosen = directory if directory is not None else out.settings.data
    where, _origin = data_dir(chosen)
    try:
        digests: dict[str, str] = {}  # of the bytes parsed, for the snapshot
        roster = load_roster(chosen, snapshots=False, digests=digests)  # always the YAML itself
    except DataError as err:
        if out.fmt is Format.table:
            sys.stderr.write(f"{err}\n{len(err.problems)} problem(s) in {_shown(str(where))}\n")
        else:
            from .render.machine import write

            write([p.as_dict() for p in err.problems], out.fmt.value, sys.stdout)
        raise typer.Exit(err.exit_code) from None
    if write_snapshot:
        from . import snapshot

        target = snapshot.cache_path(where)
        try:
            snapshot.write(roster, digests, target)
        except OSError as err:
            _report(
                AouadError(f"cannot write snapshot {target}: {err.strerror or err}"),
                out.fmt is not Format.table,
            )
            raise typer.Exit(AouadError.exit_code) from None
        sys.stderr.write(f"aouad: snapshot saved to {_shown(str(target))}\n")
    if (
        out.fmt is Format.table and _saved_view().gated
    ):  # the counts would tell how many are still to come
        sys.stdout.write(
            f"{_shown(str(where))}: valid "
            "(counts hidden: your saved progress stops before the end)\n"
        )
    elif out.fmt is Format.table:
        ties = f", {len(roster.relationships)} relationships" if roster.relationships else ""
        sys.stdout.write(
            f"{_shown(str(where))}: valid ({len(roster.characters)} characters, "
            f"{len(roster.events)} events, {len(roster.sources)} sources{ties})\n"
        )
    else:
        from .render.machine import write

        write([], out.fmt.value, sys.stdout)


def complete_command(ctx: typer.Context, incomplete: str) -> list[str]:
    root = ctx.find_root()
    return [name for name in root.command.list_commands(root) if name.startswith(incomplete)]  # type: ignore[attr-defined]


@app.command(name="help", cls=AouadCommand, epilog="aouad help\naouad help fate\naouad help watch")
def help_(
    ctx: typer.Context,
    command: Annotated[
        str | None,
        typer.Argument(
            metavar="[COMMAND]",
            autocompletion=complete_command,
            help="The command to explain; none: every command.",
        ),
    ] = None,
) -> None:
    """Show help for aouad, or for one command (the same as aouad COMMAND --help)."""
    root = ctx.find_root()
    group = root.command
    if command is None:
        sys.stdout.write(group.get_help(root) + "\n")
        return
    found = group.get_command(root, command)  # type: ignore[attr-defined]
    if found is None:
        import difflib

        close = difflib.get_close_matches(command, group.list_commands(root), n=3)  # type: ignore[attr-defined]
        guess = f"; did you mean {' or '.join(close)}?" if close else ""
        _report(
            UsageError(f"no command called {command!r}{guess} (aouad help lists the commands)"),
            False,
        )
        raise typer.Exit(UsageError.exit_code)
    with found.make_context(command, [], parent=root, resilient_parsing=True) as sub:
        sys.stdout.write(found.get_help(sub) + "\n")


from . import cli_story  # noqa: E402,F401  recap and quiz: registered after the other commands

GLOBAL_FLAGS = ("--no-color",)
GLOBAL_VALUES = ("--data",)


def app_for(args: list[str]) -> typer.Typer:
    """The app, trimmed to the one command being run.

    Typer turns every registered command into a click command on each call, which costs
    about a millisecond a command; a shell loop calls aouad many times. Help, completion,
    --version and unknown commands get the whole app, so they list and suggest everything.
    """
    if any(var.startswith("_AOUAD_COMPLETE") for var in os.environ):
        return app
    rest = iter(args)
    for word in rest:
        if word in GLOBAL_VALUES:
            next(rest, None)
        elif word in GLOBAL_FLAGS or word.startswith(tuple(f"{v}=" for v in GLOBAL_VALUES)):
            continue
        elif word.startswith("-"):
            return app
        elif word == "help":  # `aouad help fate` needs the other commands
            return app
        else:
            chosen = [c for c in app.registered_commands if (c.name or c.callback.__name__) == word]
            if not chosen:
                return app
            import copy

            trimmed = copy.copy(app)
            trimmed.registered_commands = chosen
            return trimmed
    return app


MACHINE_FORMATS = frozenset(f.value for f in Format if f is not Format.table)
_SHARED_FORMATS = frozenset(f.value for f in Format)


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


def main() -> None:
    """Run the app as the console script does; see process.py for how the process ends."""
    from .process import guarded

    guarded(_run, machine=wants_machine_output(sys.argv[1:]))


def _run() -> None:
    """Run the app, ending quietly when a pipe reader quits early.

    Usage errors (an unknown option, --episode 99) are worded by AouadGroup.main: plain words,
    or under a machine format the same JSON object on stderr as aouad's own errors.
    """
    args = sys.argv[1:]
    command = app_for(args)
    try:
        command(prog_name="aouad", args=args)
    except BrokenPipeError:  # one that escaped Answer.emit (help text, say)
        _silence_stdout()
        sys.exit(EXIT_BROKEN_PIPE)


# The web page. Its data comes from the gated roster like every answer (pagedata.py); the
# page is drawn by render/html.py and written by pagefile.py. What it prints is a record of
# what it wrote, so --json and the other output options mean what they mean everywhere.
@query_command(
    epilog="Examples:  aouad html  |  aouad html -o ~/aouad.html --episode 4  |  "
    "aouad html --spoilers -o full.html --force  |  aouad html --json"
)
def html(
    out: Answer,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write the page (default: aouad.html in this directory).",
        ),
    ] = "aouad.html",
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite FILE even if aouad html did not write it.")
    ] = False,
) -> None:
    """Write one offline web page as of your episode: cards, search, an episode scrubber, the chart, deaths and the chain.

    Self-contained (no network, works from file://); nothing from a later episode is in the file.
    Prints where it wrote (--json: file, episode, gated, characters, bytes). Overwrites only a page
    it wrote itself, unless --force; an interrupted write leaves the old file whole.
    """
    from .pagedata import page_data
    from .pagefile import write_page
    from .render.html import MARK, render

    if not output.strip():
        raise UsageError("--output needs a file name (e.g. -o aouad.html)")
    out.check_fields(records.PAGE_KEYS)  # a bad command line fails before the file is written
    roster = out.roster()
    data = page_data(roster, out.view)
    page = render(data).encode("utf-8")
    target = write_page(output, page, MARK, force)
    row = records.page_row(
        str(target), data["episode"], data["gated"], len(roster.characters), len(page)
    )
    if out.fmt is not Format.table or out.fields:
        out.emit([row], records.PAGE_KEYS, lambda con, r: None, title="Page")
        return
    notice = out.view.season_notice()
    if notice and sys.stdout.isatty():
        sys.stderr.write(notice + "\n")
    scope = f"as of episode {row['episode']}" if row["gated"] else "all episodes"
    line = (
        f"Wrote {target} ({row['characters']} characters, {scope}, {max(1, round(row['bytes'] / 1024))} KB): "
        f"open {target.as_uri()} in a browser\n"
    )
    try:  # one plain line: this path needs no Rich
        sys.stdout.write(line)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None


# Commands kept in their own modules register themselves on `app` when imported (last: they use the above).
from . import cli_graph  # noqa: E402,F401
