"""curve's chart at a terminal: a bar of glyphs an episode, and the counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import layout
from .table import CURVE_ORDER, GLYPH, STATUS_STYLE


def curve_chart(con: Console, rows: Sequence[dict[str, Any]], caption: str | None) -> None:
    # Only the statuses the rows carry: a gated curve names no status not seen yet, and has
    # no "unseen" column when nobody is still to be met.
    order = [
        s
        for s in CURVE_ORDER
        if rows and s in rows[0] and (s != "unseen" or any(r[s] for r in rows))
    ]
    title = "Survival curve: named characters after each episode"
    # What the count columns leave of the line: each is its header wide (at least 2 digits)
    # plus three for padding and divider; the episode column and the bar's padding take 5.
    counts = sum(max(len(s), 2) + 3 for s in order)
    width = min(60, con.width - 5 - counts)
    legend = [Text(f"{GLYPH[s]} {s} ", style="dim") for s in order]
    if width < 16:  # too narrow for the counts beside the bar: the counts go under it
        bar_width = max(con.width - 5, 10)
        con.print(Text(title, style="bold"))
        for row in rows:
            line = Text(f"{row['episode']:>3}  ")
            line.append_text(_bar(row, order, bar_width))
            con.print(line, no_wrap=True, overflow="ellipsis")
            shown = [
                Text(
                    f"{s} {row[s]}" + ("," if s != order[-1] else ""),
                    style=STATUS_STYLE.get(s, "dim"),
                )
                for s in order
            ]
            for part in layout.wrap(shown, bar_width):
                con.print(Text("     ") + part, no_wrap=True)
    else:
        t = Table(
            title=title,
            caption=caption,
            box=box.SIMPLE_HEAD,
            title_justify="left",
            pad_edge=False,
            show_edge=False,
        )
        t.add_column("Ep", justify="right")
        t.add_column("", no_wrap=True, width=width)
        for status in order:
            t.add_column(
                status,
                justify="right",
                min_width=len(status),
                style=STATUS_STYLE.get(status, "dim"),
            )
        for row in rows:
            t.add_row(str(row["episode"]), _bar(row, order, width), *(str(row[s]) for s in order))
        con.print(t)
        caption = None
    for part in layout.wrap(legend, con.width):
        con.print(part, no_wrap=True)
    if caption:
        con.print(Text(caption, style="dim"))


def _bar(row: dict[str, Any], order: Sequence[str], width: int) -> Text:
    bar = Text()
    total = row["total"] or 1
    used = 0
    for status in order:
        cells = round((used + row[status]) * width / total) - round(used * width / total)
        used += row[status]
        bar.append(GLYPH[status] * cells, style=STATUS_STYLE.get(status, "dim"))
    return bar
