"""`aouad validate`: check a roster and report every problem at once; --snapshot caches it."""

# No `from __future__ import annotations`: see cli/root.py.
import sys
from typing import Annotated

import typer

from ...errors import AouadError
from ..failure import fail, shown
from ..options import FormatOpt, JsonOpt, command
from ..output import Answer, Format, saved_view


@command(
    epilog="Examples:  aouad validate  |  aouad validate ./my-roster --json  |  "
    "aouad validate ./big-roster --snapshot",
)
def validate(
    ctx: typer.Context,
    directory: Annotated[
        str | None,
        typer.Argument(
            metavar="[DIR]",
            help="Roster directory; default: --data, $AOUAD_DATA, else the bundled roster.",
        ),
    ] = None,
    write_snapshot: Annotated[
        bool,
        typer.Option(
            "--snapshot",
            help="When valid, save a snapshot in your cache directory so later calls on this "
            "roster skip parsing (used only while both files stay exactly as they are).",
        ),
    ] = False,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Check a roster and report every problem at once (file:line:column: problem)."""
    from ...errors import DataError
    from ...roster import data_dir, load_roster

    out = Answer.of(ctx, fmt, as_json, None)
    chosen = directory if directory is not None else out.settings.data
    where, _origin = data_dir(chosen)
    try:
        digests: dict[str, str] = {}  # of the bytes parsed, for the snapshot
        roster = load_roster(chosen, snapshots=False, digests=digests)  # always the YAML itself
    except DataError as err:
        if out.fmt is Format.table:
            sys.stderr.write(f"{err}\n{len(err.problems)} problem(s) in {shown(str(where))}\n")
        else:
            from ...render.machine import write

            write([p.as_dict() for p in err.problems], out.fmt.value, sys.stdout)
        raise typer.Exit(err.exit_code) from None
    if write_snapshot:
        from ... import snapshot

        target = snapshot.cache_path(where)
        try:
            snapshot.write(roster, digests, target)
        except OSError as err:
            fail(
                AouadError(f"cannot write snapshot {target}: {err.strerror or err}"),
                out.fmt is not Format.table,
            )
        sys.stderr.write(f"aouad: snapshot saved to {shown(str(target))}\n")
    if (
        out.fmt is Format.table and saved_view().gated
    ):  # the counts would tell how many are still to come
        sys.stdout.write(
            f"{shown(str(where))}: valid "
            "(counts hidden: your saved progress stops before the end)\n"
        )
    elif out.fmt is Format.table:
        ties = f", {len(roster.relationships)} relationships" if roster.relationships else ""
        sys.stdout.write(
            f"{shown(str(where))}: valid ({len(roster.characters)} characters, "
            f"{len(roster.events)} events, {len(roster.sources)} sources{ties})\n"
        )
    else:
        from ...render.machine import write

        write([], out.fmt.value, sys.stdout)
