"""`aouad characters`: the roster, filterable by status, group and text."""

# No `from __future__ import annotations`: see cli/root.py.
from typing import Annotated, Any

import typer

from ... import queries, records
from ...model import GROUPS
from ..completion import complete_group, complete_status
from ..options import choice, query_command
from ..output import Answer

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
    epilog="Examples:  aouad characters  |  aouad characters --group teacher  |  "
    "aouad characters kim --status zombie"
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
    choice(status, roster.statuses, "--status")
    choice(group, GROUPS, "--group")
    found = queries.characters(roster, status=status, group=group, text=search)
    rows = [records.character_row(f, roster) for f in found]

    def human(con: Any, r: Any) -> None:
        from ...render import lists

        lists.characters(con, r, out.caption())

    out.emit(rows, records.CHARACTER_KEYS, human, title="Characters")
