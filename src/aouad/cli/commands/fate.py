"""`aouad fate`: how each named character ends."""

# No `from __future__ import annotations`: see cli/root.py.
from typing import Annotated, Any

import typer

from ... import queries, records
from ...errors import UsageError
from ..completion import complete_name
from ..options import query_command
from ..output import Answer, names_by_id


@query_command(
    epilog="Examples:  aouad fate cheong-san  |  aouad fate 'Lee Su-hyeok' 남온조  |  "
    "aouad fate gwi-nam --json"
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
    by_id = names_by_id(roster)

    def human(con: Any, r: Any) -> None:
        from ...render import fate

        if all_:  # one row a character: fifty panels are no overview
            fate.fate_table(con, r, by_id, out.caption(), title=f"Fates: {len(r)}")
        else:
            fate.fate_panels(con, r, by_id, out.caption(), out.view.sources_note())

    out.emit(rows, records.FATE_KEYS, human, title="Fates", names=by_id, shape="fate")
