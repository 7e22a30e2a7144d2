"""The app: the Typer object, its global options, which command modules to import, and
``main``, the console script's way in.

Typer turns every registered command into a click command on each call, which costs about a
millisecond a command, and importing a command's module costs more; a shell loop calls aouad
many times. So ``main`` imports only the module of the command being run (COMMANDS);
help, completion, --version and unknown commands get the whole app, so they list and
suggest everything.
"""

# No `from __future__ import annotations` in cli/: Typer would eval every annotation string
# on each run, and real annotation objects are cheaper to read.
import sys
from typing import Annotated

import typer

from .. import __version__
from ..errors import EXIT_BROKEN_PIPE
from .failure import silence_stdout
from .group import AouadGroup
from .output import Settings, wants_machine_output

app = typer.Typer(
    name="aouad",
    cls=AouadGroup,
    help="Who lives, who dies, how, when and where in All of Us Are Dead (2022).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    epilog="Examples:  aouad survivors  |  aouad fate cheong-san  |  "
    "aouad survivors --json | jq -r '.[].name'  |  aouad progress 4",
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


# Every command, in the order help lists them, and the module under commands/ that holds it.
COMMANDS = {
    "survivors": "survivors",
    "fate": "fate",
    "deaths": "deaths",
    "where": "where",
    "characters": "characters",
    "events": "events",
    "stats": "stats",
    "sources": "sources",
    "progress": "progress",
    "curve": "curve",
    "chain": "chain",
    "watch": "watch",
    "validate": "validate",
    "help": "help",
    "recap": "story",
    "quiz": "story",
    "html": "html",
    "graph": "graph",
}


def load(module: str) -> None:
    """Import commands/<module>.py, which registers its commands on ``app``."""
    from importlib import import_module

    import_module(f"{__package__}.commands.{module}")


def load_all() -> None:
    """Register every command, in COMMANDS order whatever was imported before."""
    for module in dict.fromkeys(COMMANDS.values()):
        load(module)
    order = list(COMMANDS)
    app.registered_commands.sort(key=lambda c: order.index(c.name or c.callback.__name__))  # type: ignore[union-attr]


GLOBAL_FLAGS = ("--no-color",)
GLOBAL_VALUES = ("--data",)


def app_for(args: list[str]) -> typer.Typer:
    """The app, holding only the one command being run; the whole app when that is unclear."""
    import os

    if any(var.startswith("_AOUAD_COMPLETE") for var in os.environ):
        return _whole()
    rest = iter(args)
    for word in rest:
        if word in GLOBAL_VALUES:
            next(rest, None)
        elif word in GLOBAL_FLAGS or word.startswith(tuple(f"{v}=" for v in GLOBAL_VALUES)):
            continue
        elif word.startswith("-"):
            return _whole()
        elif word == "help" or word not in COMMANDS:  # `aouad help fate` needs the others
            return _whole()
        else:
            load(COMMANDS[word])
            chosen = [c for c in app.registered_commands if (c.name or c.callback.__name__) == word]  # type: ignore[union-attr]
            import copy

            trimmed = copy.copy(app)
            trimmed.registered_commands = chosen
            return trimmed
    return _whole()


def _whole() -> typer.Typer:
    load_all()
    return app


def main() -> None:
    """Run the app as the console script does; see process.py for how the process ends."""
    from ..process import guarded

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
        silence_stdout()
        sys.exit(EXIT_BROKEN_PIPE)
