"""The graph for people, drawn with Rich: the ties grouped by character, and a fate's ties."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text

from .graph_text import COLOURS, phrase

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

# Black (DOT's colour for a killing) vanishes on a dark terminal.
STYLE = {**COLOURS, "killed": "bold red"}


def _tie(edge: dict[str, Any], who: str) -> tuple[str, str]:
    """(how ``who`` is tied, to whom) for one edge that touches them."""
    forward = edge["from"] == who
    return phrase(edge["kind"], forward), edge["to"] if forward else edge["from"]


def graph_table(con: Console, row: dict[str, Any], caption: str | None) -> None:
    """Every character with a tie, and under each one their ties by episode: one Text printed
    once, not a Rich Table, which took ~150 ms to lay out the ~200 lines of the full roster."""
    names = {n["id"]: n["name"] for n in row["nodes"]}
    mine: dict[str, list[dict[str, Any]]] = {}
    for edge in row["edges"]:
        mine.setdefault(edge["from"], []).append(edge)
        if edge["to"] != edge["from"]:
            mine.setdefault(edge["to"], []).append(edge)
    width = max((len(_tie(e, e["from"])[0]) for e in row["edges"]), default=0)
    width = max([width] + [len(_tie(e, e["to"])[0]) for e in row["edges"]])
    out = Text(f"Ties: {len(row['edges'])} between {len(row['nodes'])} characters\n", style="bold")
    for node in row["nodes"]:
        out.append(f"\n{node['name']}\n", style="bold")
        for edge in mine.get(node["id"], ()):
            how, other = _tie(edge, node["id"])
            out.append(f"  ep {edge['episode']:>2}  ")
            out.append(f"{how:<{width}}", style=STYLE.get(edge["kind"], ""))
            out.append(f"  {names.get(other, other)}\n")
    if caption:
        out.append(f"\n{caption}\n", style="dim")
    con.print(out, end="")


def ties_table(edges: Sequence[dict[str, Any]], who: str, names: dict[str, str]) -> Table:
    """One character's ties, for their fate panel."""
    from rich import box
    from rich.table import Table

    t = Table(box=box.SIMPLE_HEAD, title="Ties", title_justify="left")
    for header in ("Ep", "Tie", "With"):
        t.add_column(header, overflow="fold")
    for edge in edges:
        how, other = _tie(edge, who)
        disputed = " (sources disagree)" if edge.get("disputes") else ""
        t.add_row(
            str(edge["episode"]),
            Text(how + disputed, style=STYLE.get(edge["kind"], "")),
            Text(names.get(other, other)),
        )
    return t


def ties_disputes(edges: Sequence[dict[str, Any]], who: str, names: dict[str, str]) -> list[Text]:
    """Where sources disagree about one of a character's ties: every value, and which is
    followed."""
    lines = []
    for edge in edges:
        how, other = _tie(edge, who)
        for d in edge.get("disputes") or []:
            values = "; ".join(f"{v} ({', '.join(keys)})" for v, keys in d["values"].items())
            lines.append(
                Text(
                    f"Sources disagree on {d['about']} ({how} {names.get(other, other)}): "
                    f"{values}. "
                    f"Followed: {d['followed']} — {d['why']}"
                )
            )
    return lines
