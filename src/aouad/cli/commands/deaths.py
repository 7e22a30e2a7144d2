"""`aouad deaths`: every death and turning, in episode order."""

# No `from __future__ import annotations`: see cli/root.py.
from typing import Annotated, Any

import typer

from ... import queries, records
from ...model import EPISODES, FATAL
from ..completion import complete_episode, complete_name, complete_status
from ..options import choice, past_gate, query_command
from ..output import Answer, names_by_id


@query_command(
    epilog="Examples:  aouad deaths  |  aouad deaths --by gwi-nam  |  "
    "aouad deaths --in 11 --status zombie  |  aouad deaths --format csv > deaths.csv"
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
    past_gate(out, in_episode)
    roster = out.roster()
    choice(status, tuple(s for s in roster.statuses if s in FATAL), "--status")
    found = queries.deaths(roster, by=by, episode=in_episode, status=status)
    rows = [records.change_row(ch, roster) for ch in found]
    by_id = names_by_id(roster)

    def human(con: Any, r: Any) -> None:
        from ...render import lists

        lists.deaths(con, r, by_id, out.caption())

    out.emit(rows, records.CHANGE_KEYS, human, title="Deaths", names=by_id)
