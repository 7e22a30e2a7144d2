"""Rich tables at a terminal: the console, cells that wrap between words and whole names, and
the table every list command draws. The other Rich modules of render/ build on these."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from rich.console import Console
from rich.cells import cell_len
from rich.text import Text

from . import layout

if TYPE_CHECKING:
    pass

STATUS_STYLE = {
    "alive": "bold green",
    "infected": "yellow",
    "hambie": "bold magenta",
    "zombie": "bold red",
    "dead": "red",
    "unknown": "dim",
}
from ..words import STATUS_LABEL  # noqa: E402  (one vocabulary: see words.py)

Column = tuple[str, str] | tuple[str, str, int]  # (row key, header[, priority: lower shows first])


class PipeAwareConsole(Console):
    """Rich ends the process with exit 1 when the reader of a pipe quits; aouad's caller
    expects the 141 a shell gives SIGPIPE, as for JSON, so the error goes back to it."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def console(out: TextIO, plain: bool) -> Console:
    # Rich already writes no escape codes when `out` is not a terminal. For NO_COLOR
    # and --no-color we drop every style, bold and italic included (color_system=None),
    # because Rich's own no_color keeps those and a plain reader wants none.
    if plain:
        return PipeAwareConsole(file=out, color_system=None, highlight=False, soft_wrap=False)
    return PipeAwareConsole(file=out, highlight=False, soft_wrap=False)


def status_text(status: str, after: str = "") -> Text:
    return Text(STATUS_LABEL.get(status, status) + after, style=STATUS_STYLE.get(status, ""))


NAME_KEYS = frozenset({"name", "from_name", "to_name"})  # a whole name is never broken


def status_cell(row: dict[str, Any]) -> layout.Units:
    """The status (one unit), and when a source last shows them if that is before the final
    episode (words, which may wrap)."""
    from .text import last_seen_text

    seen = last_seen_text(row)
    if not seen:
        return [status_text(row["status"])]
    *lead, episode, number = seen.removeprefix(", ").split(" ")
    return [status_text(row["status"], ","), *(Text(w) for w in lead), Text(f"{episode} {number}")]


def units(key: str, value: Any, names: dict[str, str]) -> layout.Units:
    """One cell as the pieces a line may break between: words of prose, whole names, whole
    statuses."""
    if key == "status" and isinstance(value, str):
        return [status_text(value)]
    if value is None:
        return [Text("—", style="dim")]
    if isinstance(value, list):
        if not value:
            return [Text("—", style="dim")]
        if key in ("by", "characters"):
            value = [names.get(v, v) if isinstance(v, str) else v for v in value]
        if all(
            isinstance(v, dict) and "status" in v and "name" in v for v in value
        ):  # who became what
            return [
                u
                for i, v in enumerate(value)
                for u in (
                    *name_units(v["name"], after=":"),
                    status_text(v["status"], "," if i < len(value) - 1 else ""),
                )
            ]
        shown = [str(v.get("id", v) if isinstance(v, dict) else v) for v in value]
        return [
            u
            for i, v in enumerate(shown)
            for u in name_units(v, after="," if i < len(shown) - 1 else "")
        ]
    if isinstance(value, dict):
        return [u for k, v in value.items() for u in name_units(f"{k}: {v},")]
    if isinstance(value, bool):
        return [Text("yes" if value else "no")]
    if key in NAME_KEYS and isinstance(value, str):
        return name_units(value)
    if not isinstance(value, str):
        return [Text(str(value))]
    return layout.words(Text(value))


WHOLE = (
    24  # a name up to this wide never breaks; a longer one is a description and wraps between words
)


def name_units(name: str, style: str = "", after: str = "") -> layout.Units:
    """A name as one unit (``after``, such as a comma, stuck to its end); a long description
    as words."""
    out = (
        [Text(name, style=style)]
        if cell_len(name) <= WHOLE
        else layout.words(Text(name, style=style))
    )
    out[-1].append(after)
    return out


def columns_of(columns: Sequence[Column]) -> list[layout.Col]:
    """(key, header) or (key, header, priority); without a priority, earlier is more important."""
    out = []
    for i, col in enumerate(columns):
        key, header = col[0], col[1]
        priority = col[2] if len(col) > 2 else i  # type: ignore[misc]
        out.append(layout.Col(key, header, priority, "right" if key in RIGHT else "left"))
    return out


RIGHT = frozenset({"count", "lineages", "in_lineage", "value"})


def table(
    con: Console,
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    *,
    title: str,
    caption: str | None = None,
    names: dict[str, str] | None = None,
    keep: int = 3,
) -> None:
    cols = columns_of(columns)
    # a status cell also says when a source last shows a living character (status_cell)
    cells = [
        [
            status_cell(row)
            if c.key == "status" and "status" in row
            else units(c.key, row.get(c.key), names or {})
            for c in cols
        ]
        for row in rows
    ]
    layout.draw(con, cols, cells, title=title, caption=caption, keep=keep)


def note(con: Console, text: str) -> None:
    """A dim line under a table, wrapped between words at the console's width."""
    for line in layout.line(text, con.width, style="dim"):
        con.print(line)


GLYPH = {
    "alive": "█",
    "infected": "▓",
    "hambie": "▒",
    "zombie": "░",
    "dead": "x",
    "unknown": "?",
    "unseen": "·",
}
CURVE_ORDER = ("alive", "infected", "hambie", "zombie", "dead", "unknown", "unseen")
