"""`aouad watch`: watch along, episode by episode (the screen and keys are in watch.py)."""

# No `from __future__ import annotations`: see cli/root.py.
from typing import Annotated

import typer

from ...model import EPISODES
from ..completion import complete_episode
from ..options import SpoilersOpt, command
from ..output import Answer, Format


@command(
    epilog="Examples:  aouad watch  |  aouad watch --from 3  |  "
    "printf 'n\\nn\\nq\\n' | aouad watch",
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
    from ...watch import run

    out = Answer.of(ctx, Format.table, False, None, spoilers=spoilers)
    with out.errors():
        roster = out.full_roster()  # the whole season: watch gates each step
        first = start or out.episode or 1
        run(roster, first, out.view, no_color=out.plain)
