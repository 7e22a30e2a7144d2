"""chain's tree: who infected whom, from patient zero; unknown links shown as such."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.text import Text

from . import layout
from .table import STATUS_STYLE, name_units, status_text


def chain_tree(
    con: Console, rows: Sequence[dict[str, Any]], names: dict[str, str], caption: str | None
) -> None:
    """Who infected whom, as a forest that shows every link and claims no order the data lacks.

    A victim is drawn under the infector's own infection only when that came first (the same
    episode or earlier). A link the infector made while not yet infected themselves (Byeong-chan
    injecting his son in episode 1, Cheong-san dropping Gwi-nam among zombies in episode 5)
    hangs from the infector's name at the top level instead, so a loop (Cheong-san -> Gwi-nam
    -> Cheong-san) is drawn as it happened, and nobody vanishes. A character reached twice
    (several infectors) is drawn in full once; later it says "see above".
    """
    from rich.tree import Tree

    infected_in = {row["to"]: row["episode"] for row in rows}  # each character's first infection
    passed: dict[str | None, list[dict[str, Any]]] = {}
    for row in rows:
        passed.setdefault(row["from"], []).append(row)

    def after_own(row: dict[str, Any]) -> bool:
        own = infected_in.get(row["from"])
        return own is not None and own <= row["episode"]

    tree = Tree(Text("Who infected whom", style="bold"))
    drawn: set[str] = set()

    def name(who: str) -> str:
        return names.get(who, who)

    def label(row: dict[str, Any], unknown: bool, depth: int, again: bool) -> Text:
        # Wrapped here, between whole names, statuses and words: Rich would split a name.
        style = STATUS_STYLE.get(row["status"], "")
        parts = [
            *name_units(name(row["to"])),
            Text(f" ep {row['episode']},", style=style),
            status_text(row["status"]),
        ]
        if unknown:
            parts += layout.words(
                Text(
                    f"— {row.get('cause') or 'unknown'} (by {row.get('by_what') or 'unknown'})",
                    style="dim",
                )
            )
        elif row.get("cause"):
            parts += layout.words(Text(f"— {row['cause']}", style="dim"))
        if again:
            parts += layout.words(Text("(see above)", style="italic"))
        return layout.fixed(layout.wrapped(parts, max(con.width - 4 * depth, 16)))

    def grow(node: Tree, row: dict[str, Any], depth: int, unknown: bool = False) -> None:
        who = row["to"]
        if who in drawn:
            node.add(label(row, unknown, depth, again=True))
            return
        drawn.add(who)
        child = node.add(label(row, unknown, depth, again=False))
        for later in passed.get(who, []):
            if after_own(later):
                grow(child, later, depth + 1)

    # Top level: each character who passed it on before being infected (in episode order),
    # then the infections no known character passed on.
    starters: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["from"] is not None and not after_own(row):
            starters.setdefault(row["from"], []).append(row)
    for who, links in starters.items():
        own = infected_in.get(who)
        note = (
            f"not infected when passing it on; infected later, in episode {own}"
            if own
            else "not infected"
        )
        heading = [*name_units(name(who), "bold"), *layout.words(Text(f"({note})", style="bold"))]
        root = tree.add(layout.fixed(layout.wrapped(heading, max(con.width - 4, 16))))
        for row in links:
            grow(root, row, 2)
    if None in passed:
        unknown = tree.add(
            layout.fixed(
                layout.wrapped(
                    layout.words(
                        Text(
                            "not passed on by a known character (zombies, unknown)", style="italic"
                        )
                    ),
                    max(con.width - 4, 16),
                )
            )
        )
        for row in passed[None]:
            grow(unknown, row, 2, unknown=True)
    con.print(tree)
    if caption:
        con.print(Text(caption, style="dim"))
