"""The list commands' tables (survivors, characters, deaths, events, sources): their column
specs, and the reshaping of a record into what a cell shows. Rich only through table.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import table

if TYPE_CHECKING:
    from rich.console import Console

Rows = Sequence[dict[str, Any]]

# (key, header, priority): at a narrow width the highest priority numbers are left out first
PERSON_COLUMNS = [
    ("name", "Name", 0),
    ("hangul", "Hangul", 3),
    ("status", "Status", 1),
    ("ends", "Ends up", 2),
    ("groups", "Group", 4),
    ("actor", "Actor", 5),
]
GROUP_COLUMNS = [("name", "Group of people"), ("status", "Status"), ("ends", "Ends up")]
CHARACTER_COLUMNS = [
    ("id", "Id", 5),
    ("name", "Name", 0),
    ("hangul", "Hangul", 4),
    ("groups", "Group", 2),
    ("status", "Status", 1),
    ("ends", "Ends up", 3),
    ("actor", "Actor", 6),
]
# "lineages", as fate's "Backed by": sources of independent origin, copies once, unreliable
# ones not at all
CHANGE_COLUMNS = [
    ("episode", "Ep", 1),
    ("name", "Who", 0),
    ("status", "Became", 2),
    ("cause", "How", 3),
    ("by", "By", 4),
    ("by_what", "By what", 6),
    ("place", "Where", 5),
    ("lineages", "Sources", 7),
]
EVENT_COLUMNS = [
    ("episode", "Ep", 1),
    ("summary", "What happens", 0),
    ("place", "Where", 3),
    ("characters", "Who", 4),
    ("changes", "Changes", 2),
]
SOURCE_COLUMNS = [
    ("key", "Key", 0),
    ("grade", "Grade", 2),
    ("publisher", "Publisher", 4),
    ("lineage", "Lineage", 1),
    ("in_lineage", "In lineage", 5),
    ("characters", "Characters", 6),
    ("events", "Events, figures", 7),
    ("title", "Title", 3),
]


def survivors(con: Console, rows: Rows, caption: str | None) -> None:
    """The people, then the group records apart: several unnamed people each, not counted."""
    people = [row for row in rows if row["kind"] != "group"]
    groups = [row for row in rows if row["kind"] == "group"]
    table.table(
        con,
        people,
        PERSON_COLUMNS,
        title=f"Survivors: {len(people)}",
        caption=None if groups else caption,
    )
    if groups:
        table.table(
            con,
            groups,
            GROUP_COLUMNS,
            title=f"Groups, not counted as people: {len(groups)}",
            caption=caption,
        )


def characters(con: Console, rows: Rows, caption: str | None) -> None:
    groups = sum(row["kind"] == "group" for row in rows)
    shown = [
        {**row, "name": f"{row['name']} (group)"} if row["kind"] == "group" else row for row in rows
    ]
    title = f"Characters: {len(rows) - groups}" + (
        f", and {groups} group record(s) of several people" if groups else ""
    )
    table.table(con, shown, CHARACTER_COLUMNS, title=title, caption=caption)


def deaths(con: Console, rows: Rows, names: dict[str, str], caption: str | None) -> None:
    from .text import episode_text  # ranges and confirmations read as in fate

    shown = [{**row, "episode": episode_text(row)} for row in rows]
    table.table(
        con,
        shown,
        CHANGE_COLUMNS,
        title=f"Deaths and turnings: {len(rows)}",
        caption=caption,
        names=names,
    )
    if any(row.get("lineages") for row in rows):
        table.note(
            con,
            "Sources: how many independent sources back each row (copies of one page count "
            'once, unreliable ones not at all), as in fate\'s "Backed by".',
        )


def events(con: Console, rows: Rows, names: dict[str, str], caption: str | None) -> None:
    shown = [
        {
            **row,
            "changes": [
                {"name": names.get(c["id"], c["id"]), "status": c["status"]} for c in row["changes"]
            ],
        }
        for row in rows
    ]
    table.table(
        con,
        shown,
        EVENT_COLUMNS,
        title=f"Events: {len(rows)}",
        caption=caption,
        names=names,
    )


def sources(con: Console, rows: Rows, caption: str | None) -> None:
    shown = [
        {
            **row,
            "characters": len(row["characters"]),
            "events": len(row["events"]) + len(row["figures"]),
            "grade": row["grade"]
            if row["grade"] == "good"
            else f"{row['grade']}: {row['grade_reason']}",
        }
        for row in rows
    ]
    table.table(
        con,
        shown,
        SOURCE_COLUMNS,
        title=f"Sources: {len(rows)}",
        caption=caption,
        keep=2,
    )
