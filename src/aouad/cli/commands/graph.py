"""`aouad graph`: who is tied to whom, as a table, JSON, Mermaid or Graphviz DOT.

A query command like the others (options.query_command: --episode, --spoilers, saved
progress, --json, --fields), with graph's own --format choices (GraphFormat: the shared five,
mermaid and dot).
"""

# No `from __future__ import annotations`: see cli/root.py.
from typing import Annotated, Any

import typer

from ... import records
from ...errors import UsageError
from ..completion import complete_kind, complete_name
from ..options import query_command
from ..output import Answer, GraphFormat


@query_command(
    epilog="Examples:  aouad graph  |  aouad graph --focus gwi-nam  |  "
    "aouad graph --focus on-jo --depth 2 --format mermaid  |  "
    "aouad graph --format dot | dot -Tsvg > ties.svg  |  aouad graph --json | jq '.edges | length'",
    formats=GraphFormat,
)
def graph(
    out: Answer,
    focus: Annotated[
        str | None,
        typer.Option(
            "--focus",
            metavar="NAME",
            autocompletion=complete_name,
            help="Only the ties around this character.",
        ),
    ] = None,
    depth: Annotated[
        int | None,
        typer.Option(
            "--depth",
            min=1,
            metavar="N",
            help="With --focus: how many steps out (default 1: only the ties that touch them).",
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="K,...",
            autocompletion=complete_kind,
            help="Only these kinds of tie, comma-separated (Tab offers the kinds seen so far).",
        ),
    ] = None,
) -> None:
    """Who is tied to whom: family, friends, feelings, school, rescues, and who infected or
    harmed whom as the timeline shows it (derived from the status changes, never typed twice)."""
    from ...graph import select

    drawn = out.fmt.value in ("mermaid", "dot")
    if drawn and out.fields:
        raise UsageError(
            f"--fields applies to table, json, jsonl, csv and yaml, not to {out.fmt.value}"
        )
    roster = out.roster()
    chosen = select(
        roster, kinds=kind.split(",") if kind is not None else None, focus=focus, depth=depth
    )
    row = records.graph_row(chosen, roster)
    if drawn:
        from ...render import graph_text

        draw = graph_text.mermaid if out.fmt.value == "mermaid" else graph_text.dot
        out.emit_text(draw(row, out.caption()))
        return

    def human(con: Any, r: Any) -> None:
        from ...render.graph_table import graph_table

        graph_table(con, r, out.caption())

    out.emit(row, records.GRAPH_KEYS, human, title="Graph", shape="graph")
