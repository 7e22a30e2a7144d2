"""where's table of places and stats' tables of counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from . import layout
from .table import STATUS_LABEL, STATUS_STYLE, name_units, status_text, table

if TYPE_CHECKING:
    pass


def where_table(
    con: Console, rows: Sequence[dict[str, Any]], title: str, caption: str | None
) -> None:
    # One row per status within a place, so the dead and the unknown never read as among the living.
    cols = [
        layout.Col("place", "Place", 0),
        layout.Col("count", "#", 3, "right"),
        layout.Col("status", "Status there", 1),
        layout.Col("who", "Who", 2),
    ]
    cells = []
    for row in rows:
        by_status: dict[str, list[dict[str, Any]]] = {}
        for c in row["characters"]:
            by_status.setdefault(c["status"], []).append(c)
        for n, (status, people) in enumerate(by_status.items()):
            last = len(people) - 1
            who: layout.Units = []
            for i, c in enumerate(people):
                comma = "," if i < last else ""
                if c.get("kind") == "group":
                    who += [
                        *name_units(c["name"], STATUS_STYLE.get(status, "")),
                        Text("(group)" + comma),
                    ]
                else:
                    who += name_units(c["name"], STATUS_STYLE.get(status, ""), comma)
            place: layout.Units = []
            if n == 0:
                place = layout.words(Text(row["place"] or "not stated", style="bold"))
                if row.get("within"):
                    place += layout.words(Text(f"(in {row['within']})", style="dim"))
            count = [Text(str(row["count"]))] if n == 0 else []
            cells.append([place, count, [status_text(status)], who])
    layout.draw(con, cols, cells, title=title, caption=caption, show_lines=False)


def stats_tables(con: Console, row: dict[str, Any], caption: str | None) -> None:
    statuses = list(row["by_status"])
    cols = [layout.Col("group", "Group", 0)]
    cols += [layout.Col(s, STATUS_LABEL.get(s, s), 1, "right") for s in statuses]
    cells = [
        [[Text(group)], *([Text(str(counts[s]), style=STATUS_STYLE.get(s, ""))] for s in statuses)]
        for group, counts in row["by_group"].items()
    ]
    cells.append(
        [
            [Text("all", style="bold")],
            *([Text(str(row["by_status"][s]), style="bold")] for s in statuses),
        ]
    )
    # every count matters: below the width of the whole table, one block a group
    layout.draw(
        con,
        cols,
        cells,
        title=f"Named characters: {row['individuals']}",
        caption=caption,
        keep=len(cols),
    )
    notes = []
    if any(
        sum(counts[s] for counts in row["by_group"].values()) > row["by_status"][s]
        for s in statuses
    ):
        notes.append("Someone in two groups is counted in each; 'all' counts each person once.")
    if row.get("groups"):
        notes.append(
            f"Group records (several unnamed people each), not counted above: {row['groups']}."
        )
    if notes:
        con.print(Text(" ".join(notes), style="dim"))
    if row["figures"]:
        con.print()
        figures = [
            {
                "label": f["label"],
                "value": f"{f['value']:,}",
                "episode": f["episode"],
                "sources": f["sources"],
            }
            for f in row["figures"]
        ]
        table(
            con,
            figures,
            [
                ("label", "Figure", 0),
                ("value", "Value", 1),
                ("episode", "Ep", 3),
                ("sources", "Sources", 2),
            ],
            title="Hyosan, the city",
        )


# Each status has a glyph as well as a colour, so the chart reads without colour too.
