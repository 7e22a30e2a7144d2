"""Shell completion of values: episodes, names, statuses, groups, lineages, commands.

Completion keeps the spoiler gate: with saved progress (or --episode on the line) it offers
only what has been met so far, so pressing Tab cannot reveal what comes later.
"""

# No `from __future__ import annotations`: see app.py.
from typing import TYPE_CHECKING

import typer

from ..model import EPISODES, GROUPS

if TYPE_CHECKING:
    from ..model import Roster


def complete_episode(incomplete: str) -> list[str]:
    return [str(n) for n in range(1, EPISODES + 1) if str(n).startswith(incomplete)]


def completion_roster(ctx: typer.Context) -> "Roster | None":
    """The roster as the viewer on this command line may see it; None when unreadable."""
    from .. import progress
    from ..errors import AouadError
    from ..roster import load_roster
    from ..viewpoint import choose

    root = ctx.find_root()
    data = root.params.get("data") if root is not None else None
    # a broken progress file warns elsewhere, not in a completion
    view = choose(
        ctx.params.get("episode"), bool(ctx.params.get("spoilers")), lambda: progress.read().episode
    )
    try:
        return view.see(load_roster(data))
    except AouadError:
        return None


def complete_name(ctx: typer.Context, incomplete: str) -> list[str]:
    """Character ids for shell completion, among the characters met so far."""
    roster = completion_roster(ctx)
    if roster is None:
        return []
    return [c.id for c in roster.characters if c.id.startswith(incomplete.lower())]


def complete_status(ctx: typer.Context, incomplete: str) -> list[str]:
    """The statuses a viewer has seen happen: a later one is not even named."""
    roster = completion_roster(ctx)
    return [s for s in (roster.statuses if roster else ()) if s.startswith(incomplete.lower())]


def complete_group(ctx: typer.Context, incomplete: str) -> list[str]:
    """The groups of the characters met so far, in the model's order."""
    roster = completion_roster(ctx)
    met = {c.group for c in roster.characters} if roster else set()
    return [g for g in GROUPS if g in met and g.startswith(incomplete.lower())]


def complete_lineage(ctx: typer.Context, incomplete: str) -> list[str]:
    """Source lineages; none before the last episode, where sources are hidden."""
    roster = completion_roster(ctx)
    found = sorted({s.lineage for s in roster.sources}) if roster else []
    return [name for name in found if name.startswith(incomplete.lower())]


def complete_kind(ctx: typer.Context, incomplete: str) -> list[str]:
    """The kinds of tie seen so far: a later kind is not even named."""
    from ..graph import known_kinds

    roster = completion_roster(ctx)
    done, _, last = incomplete.rpartition(",")  # --kind parent,sib<Tab>
    prefix = f"{done}," if done else ""
    return [
        prefix + k for k in (known_kinds(roster) if roster else ()) if k.startswith(last.lower())
    ]


def complete_command(ctx: typer.Context, incomplete: str) -> list[str]:
    root = ctx.find_root()
    names = root.command.list_commands(root)  # type: ignore[attr-defined]
    return [name for name in names if name.startswith(incomplete)]
