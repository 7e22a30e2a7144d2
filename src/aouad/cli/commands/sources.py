"""`aouad sources`: every source the data cites, and how far it is trusted."""

# No `from __future__ import annotations`: see cli/root.py.
from typing import Annotated, Any

import typer

from ... import queries, records
from ..completion import complete_lineage
from ..options import choice, query_command
from ..output import Answer


@query_command(
    epilog="Examples:  aouad sources  |  aouad sources reviewgeek  |  "
    "aouad sources --lineage decider --json"
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
    """Every source the data cites: how far it is trusted (good, weak, unreliable) and why, its
    lineage, how many sources share that lineage, and what cites it. An unreliable source backs
    nothing on its own.

    Hidden before the last episode (with saved progress or --episode): a title can give a fate away.
    """
    roster = out.roster()
    if roster.sources:  # before the last episode none are shown, so no lineage is "unknown" either
        choice(lineage, tuple(sorted({s.lineage for s in roster.sources})), "--lineage")
    rows = [
        records.source_use_row(u) for u in queries.sources(roster, text=search, lineage=lineage)
    ]

    def human(con: Any, r: Any) -> None:
        from ...render import lists

        lists.sources(con, r, out.view.sources_note())

    out.emit(rows, records.SOURCE_KEYS, human, title="Sources")
