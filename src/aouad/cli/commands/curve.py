"""`aouad curve`: how many stand in each status after each episode; --svg saves the chart."""

# No `from __future__ import annotations`: see cli/root.py.
import sys
from typing import Annotated, Any

import typer

from ... import queries, records
from ...errors import AouadError, UsageError
from ..failure import shown
from ..options import query_command
from ..output import Answer


@query_command(
    epilog="Examples:  aouad curve  |  aouad curve --json | jq '.[] | {episode, alive}'  |  "
    "aouad curve --svg curve.svg"
)
def curve(
    out: Answer,
    svg: Annotated[
        str | None,
        typer.Option("--svg", metavar="FILE", help="Also save the chart as an SVG image."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="With --svg: replace FILE even if aouad did not make it "
            "(a link is replaced, never what it points to).",
        ),
    ] = False,
) -> None:
    """How many characters stand in each status after each episode, as a chart and counts."""
    if svg is not None and not svg.strip():
        raise UsageError("--svg needs a file name (e.g. --svg curve.svg)")
    roster = out.roster()
    rows = [records.tally_row(t) for t in queries.curve(roster)]
    if svg:  # first, so a file that cannot be written fails before any output
        out.check_fields(
            records.TALLY_KEYS
        )  # and a bad command line fails before the file is written
        from ...render.svg import MARK, curve_svg

        _save_svg(svg, curve_svg(rows, out.caption()), MARK, force)

    def human(con: Any, r: Any) -> None:
        from ...render.curve import curve_chart

        curve_chart(con, r, out.caption())

    out.emit(
        rows,
        records.TALLY_KEYS,
        human,
        title="Survival curve",
    )


def _save_svg(path: str, text: str, mark: str, force: bool = False) -> None:
    """Write the chart: atomically, and only over an earlier chart (``mark``) unless ``force``."""
    from ...errors import Refused
    from ...files import replace_output

    try:
        replace_output(path, text.encode("utf-8"), marker=mark.encode("utf-8"), force=force)
    except Refused as err:
        raise Refused(f"will not replace {shown(path)}: {err}") from None
    except OSError as err:
        raise AouadError(f"cannot write {shown(path)}: {err.strerror or err}") from None
    sys.stderr.write(f"aouad: chart saved to {shown(path)}\n")
