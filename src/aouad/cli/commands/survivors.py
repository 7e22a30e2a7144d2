"""`aouad survivors`: everyone still living at the end, and where they end up."""

# No `from __future__ import annotations`: see cli/root.py.

from typing import Any

from ... import queries, records
from ..options import query_command
from ..output import Answer


@query_command(
    epilog="Examples:  aouad survivors  |  aouad survivors --json | jq -r '.[].name'  |  "
    "aouad survivors -e 6"
)
def survivors(out: Answer) -> None:
    """Everyone still living at the end, and where they end up; group records are listed apart."""
    roster = out.roster()
    rows = [records.character_row(f, roster) for f in queries.survivors(roster)]

    def human(con: Any, r: Any) -> None:
        from ...render import lists

        lists.survivors(con, r, out.caption())

    out.emit(rows, records.CHARACTER_KEYS, human, title="Survivors")
