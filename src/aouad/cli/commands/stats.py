"""`aouad stats`: counts by status and group, and the city-level figures."""

# No `from __future__ import annotations`: see cli/root.py.
from typing import Any

from ... import queries, records
from ..options import query_command
from ..output import Answer


@query_command(epilog="Examples:  aouad stats  |  aouad stats --json | jq .by_status")
def stats(out: Answer) -> None:
    """Counts by status and group, and the city-level figures the sources give."""
    roster = out.roster()
    row = records.stats_row(queries.stats(roster), out.episode)

    def human(con: Any, r: Any) -> None:
        from ...render.summary import stats_tables

        stats_tables(con, r, out.caption())

    out.emit(
        row,
        records.STATS_KEYS,
        human,
        title="Stats",
        shape="stats",
    )
