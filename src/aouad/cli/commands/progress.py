"""`aouad progress`: save, show or clear how far you have watched."""

# No `from __future__ import annotations`: see cli/root.py.
import sys
from typing import Annotated

import typer

from ...errors import AouadError, UsageError
from ...model import EPISODES
from ..completion import complete_episode
from ..failure import fail, shown
from ..options import command
from ..output import saved_episode


@command(
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
    from ... import progress as saved

    if clear and episode is not None:
        fail(UsageError("give an episode or --clear, not both"))
    try:  # only saving or clearing: a failed write of the answer is reported as such by main()
        if clear:
            removed = saved.clear()
        elif episode is not None:
            note = saved.write(episode)
    except OSError as err:
        action = "clear" if clear else "save"
        fail(
            AouadError(
                f"cannot {action} progress in {saved.progress_file()}: {err.strerror or err}"
            )
        )
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
        current = saved_episode()
        if current is None:
            sys.stdout.write(
                "No progress saved: answers are complete (spoilers). "
                "Save some with `aouad progress N`.\n"
            )
        else:
            where = shown(str(saved.progress_file()))
            sys.stdout.write(f"You have watched up to episode {current} ({where}).\n")
