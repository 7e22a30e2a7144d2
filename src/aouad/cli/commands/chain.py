"""`aouad chain`: who infected whom, as a tree from patient zero."""

# No `from __future__ import annotations`: see cli/root.py.
from typing import Any

from ... import queries, records
from ..options import query_command
from ..output import Answer, names_by_id


@query_command(epilog="Examples:  aouad chain  |  aouad chain --json | jq '.[] | [.from, .to]'")
def chain(out: Answer) -> None:
    """Who infected whom, as a tree from patient zero; unknown links are shown as such."""
    roster = out.roster()
    rows = [records.link_row(link, roster) for link in queries.chain(roster)]
    by_id = names_by_id(roster)

    def human(con: Any, r: Any) -> None:
        from ...render.chain import chain_tree

        chain_tree(con, r, by_id, out.caption())

    out.emit(
        rows,
        records.LINK_KEYS,
        human,
        title="Infection chain",
        names=by_id,
    )
