"""`aouad where`: every character, grouped by where they end up."""

# No `from __future__ import annotations`: see cli/root.py.
from typing import Any

from ... import queries, records
from ..options import query_command
from ..output import Answer


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

    def human(con: Any, r: Any) -> None:
        from ...render.summary import where_table

        where_table(con, r, title, out.caption())

    out.emit(
        rows,
        records.PLACE_KEYS,
        human,
        title="Where",
        shape="where",
    )
