"""`aouad html`: one offline web page as of your episode.

Its data comes from the gated roster like every answer (pagedata.py); the page is drawn by
render/html.py and written by pagefile.py. What it prints is a record of what it wrote, so
--json and the other output options mean what they mean everywhere.
"""

# No `from __future__ import annotations`: see cli/root.py.
import sys
from typing import Annotated

import typer

from ... import records
from ...errors import EXIT_BROKEN_PIPE, UsageError
from ..failure import silence_stdout
from ..options import query_command
from ..output import Answer, Format


@query_command(
    epilog="Examples:  aouad html  |  aouad html -o ~/aouad.html --episode 4  |  "
    "aouad html --spoilers -o full.html --force  |  aouad html --json"
)
def html(
    out: Answer,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write the page (default: aouad.html in this directory).",
        ),
    ] = "aouad.html",
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite FILE even if aouad html did not write it.")
    ] = False,
) -> None:
    """Write one offline web page as of your episode: cards, search, an episode scrubber, the
    chart, deaths and the chain.

    Self-contained (no network, works from file://); nothing from a later episode is in the file.
    Prints where it wrote (--json: file, episode, gated, characters, bytes). Overwrites only a page
    it wrote itself, unless --force; an interrupted write leaves the old file whole.
    """
    from ...pagedata import page_data
    from ...pagefile import write_page
    from ...render.html import MARK, render

    if not output.strip():
        raise UsageError("--output needs a file name (e.g. -o aouad.html)")
    out.check_fields(records.PAGE_KEYS)  # a bad command line fails before the file is written
    roster = out.roster()
    data = page_data(roster, out.view)
    page = render(data).encode("utf-8")
    target = write_page(output, page, MARK, force)
    row = records.page_row(
        str(target), data["episode"], data["gated"], len(roster.characters), len(page)
    )
    if out.fmt is not Format.table or out.fields:
        out.emit([row], records.PAGE_KEYS, lambda con, r: None, title="Page")
        return
    out.season_notice()
    scope = f"as of episode {row['episode']}" if row["gated"] else "all episodes"
    line = (
        f"Wrote {target} ({row['characters']} characters, {scope}, "
        f"{max(1, round(row['bytes'] / 1024))} KB): "
        f"open {target.as_uri()} in a browser\n"
    )
    try:  # one plain line: this path needs no Rich
        sys.stdout.write(line)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
