"""`aouad help [COMMAND]`: the help of aouad or of one command."""

# No `from __future__ import annotations`: see cli/root.py.
import sys
from typing import Annotated

import typer

from ...errors import UsageError
from ..completion import complete_command
from ..failure import fail
from ..options import command as register_command


@register_command(name="help", epilog="aouad help\naouad help fate\naouad help watch")
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
        fail(UsageError(f"no command called {command!r}{guess} (aouad help lists the commands)"))
    with found.make_context(command, [], parent=root, resilient_parsing=True) as sub:
        sys.stdout.write(found.get_help(sub) + "\n")
