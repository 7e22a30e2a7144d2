"""fate's panels (one a character) and its --all table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.text import Text

from . import layout
from .table import STATUS_STYLE, name_units, status_cell, status_text, table, units

if TYPE_CHECKING:
    from rich.panel import Panel


def fate_panels(
    con: Console,
    rows: Sequence[dict[str, Any]],
    names: dict[str, str],
    caption: str | None = None,
    sources_note: str | None = None,
) -> None:
    for row in rows:
        con.print(fate_panel(row, names, caption, sources_note, width=con.width))


FATE_COLUMNS = [
    ("name", "Name", 0),
    ("status", "Status", 1),
    ("when", "Ep", 2),
    ("cause", "How", 3),
    ("place", "Where", 6),
    ("by", "By", 4),
    ("ends", "Ends up", 5),
]


def fate_table(
    con: Console,
    rows: Sequence[dict[str, Any]],
    names: dict[str, str],
    caption: str | None,
    title: str,
) -> None:
    """`fate --all`: one row a character instead of a panel each."""
    shown = [
        {
            **row,
            "when": (
                f"{row['earliest_episode']}–{row['episode']}"
                if row.get("earliest_episode")
                else row.get("episode")
            ),
            "by": [names.get(i, i) for i in row.get("by") or []]
            + ([row["by_what"]] if row.get("by_what") else []),
        }
        for row in rows
    ]
    table(con, shown, FATE_COLUMNS, title=title, caption=caption, names=names)


def backing(lineages: int) -> str:
    """How a person reads the independent-lineage count of a fact."""
    return "one source only" if lineages == 1 else f"{lineages} independent sources"


def _by_units(row: dict[str, Any], names: dict[str, str]) -> layout.Units:
    """Who (whole names) and by what (words: "the mutated Jonas virus" may wrap)."""
    who = [names.get(i, i) for i in row.get("by") or []]
    out = units("by", who, {}) if who else []
    if row.get("by_what"):
        if out:
            out[-1].append(",")
        out += layout.words(Text(row["by_what"]))
    return out or [Text("unknown")]


def fate_panel(
    row: dict[str, Any],
    names: dict[str, str],
    caption: str | None = None,
    sources_note: str | None = None,
    width: int = 80,
) -> Panel:
    """One character's fate; ``caption`` and ``sources_note`` are the viewpoint's words for what
    is hidden (None when nothing is). Lines are wrapped here, between whole names and words."""
    from rich.panel import Panel  # only fate and watch draw panels

    inner = max(width - 4, 20)  # the panel's border and padding
    words = layout.words
    facts: list[tuple[str, layout.Units]] = [("Status", status_cell(row))]
    if row.get("episode") is not None:
        facts += [
            ("Episode", words(Text(_episode(row)))),
            ("How", words(Text(row.get("cause") or "unknown"))),
            ("By", _by_units(row, names)),
            ("Where", words(Text(row.get("place") or "unknown"))),
        ]
        if row.get("lineages"):
            facts.append(("Backed by", words(Text(backing(row["lineages"])))))
    facts += [
        ("Ends", words(Text(row.get("ends") or "unknown"))),
        ("Actor", name_units(row.get("actor") or "unknown")),
        ("Korean name", [Text(row.get("hangul") or "unknown")]),
        ("Group", words(Text(f"{', '.join(row.get('groups') or [row['group']])} — {row['role']}"))),
    ]
    if row.get("kind") == "group":
        facts.append(
            (
                "Record",
                words(Text("a group of people, not one person (not counted as a named character)")),
            )
        )
    if row.get("aliases"):
        facts.append(("Also written", units("aliases", row["aliases"], {})))
    if row.get("first_episode") is not None:
        facts.append(("First seen", words(Text(f"episode {row['first_episode']}"))))
    elif row.get("seen_by") is not None:
        facts.append(("First seen", words(Text(f"by episode {row['seen_by']} (not settled)"))))
    parts: list[Any] = layout.pairs(facts, inner, indent=0, key_style="bold")
    if row.get("history"):
        cols = [
            layout.Col("ep", "Ep", 0),
            layout.Col("status", "Became", 1),
            layout.Col("cause", "How", 2),
            layout.Col("by", "By", 3),
            layout.Col("place", "Where", 4),
        ]
        cells = [
            [
                words(Text(_episode(ch))),
                [status_text(ch["status"])],
                words(Text(ch.get("cause") or "—")),
                _by_units(ch, names) if ch["status"] != "alive" else [Text("—")],
                words(Text(ch.get("place") or "—")),
            ]
            for ch in row["history"]
        ]
        parts.append(layout.render(cols, cells, inner, title="Timeline", caption=None, keep=3))
    if row.get("caused"):
        last = len(row["caused"]) - 1
        done: layout.Units = [Text("Caused:")]
        for i, c in enumerate(row["caused"]):
            done += [
                *name_units(c["name"]),
                *words(
                    Text(f"({c['status']}, episode {c['episode']})" + (";" if i < last else ""))
                ),
            ]
        parts += [layout.fixed(t) for t in layout.wrap(done, inner)]
    if row.get("relationships"):
        from .graph_table import ties_disputes, ties_table

        parts.append(ties_table(row["relationships"], row["id"], names))
        parts.extend(ties_disputes(row["relationships"], row["id"], names))
    if row.get("note"):
        parts += layout.line(f"Note: {row['note']}", inner, style="italic")
    for d in row.get("disputes") or []:
        values = "; ".join(f"{v} ({', '.join(keys)})" for v, keys in d["values"].items())
        parts += layout.line(
            f"Sources disagree on {d['about']}: {values}. Followed: {d['followed']} — {d['why']}",
            inner,
        )
    if sources_note:
        parts += layout.line(f"Sources: {sources_note}", inner, style="dim")
    if row.get("cited"):
        parts += layout.line("Sources:", inner, style="dim")
        for s in row["cited"]:
            graded = (
                f" ({s['grade']}: {s['grade_reason']})"
                if s.get("grade") not in (None, "good")
                else ""
            )
            parts += layout.line(
                f"[{s['key']}] {s['publisher'] or ''}: {s['title'] or ''} {s['url'] or ''}".rstrip()
                + graded,
                inner,
                style="dim",
            )
    title = Text(row["name"] + (f" ({row['hangul']})" if row.get("hangul") else ""))
    # A gated fate says so in the panel itself: "alive" as of episode 5 is not an ending.
    subtitle = Text(caption, style="dim") if caption else None
    return Panel(
        Group(*parts),
        title=title,
        title_align="left",
        subtitle=subtitle,
        subtitle_align="left",
        border_style=STATUS_STYLE.get(row["status"], ""),
    )


def _episode(row: dict[str, Any]) -> str:
    from .text import episode_text  # one wording for fate and deaths

    return episode_text(row)
