"""watch's screen: one episode in a panel that fits the terminal, scrolled when it is longer.

The panel's title (which episode, which lines) and its key help are always on screen; the
body between them is a window onto the episode's lines, moved with j/k, space/b and the arrow
keys. Lines are wrapped here, between whole words, names and statuses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.panel import Panel
from rich.text import Text

from . import layout
from .table import console, name_units, status_text
from .text import tally_text

if TYPE_CHECKING:
    from rich.console import Console

    from .text import Digest

__all__ = ["body", "console", "draw", "frame", "say", "window"]

KEYS = "n/→ next · p/← back · 1-12 episode · j/k/space scroll · s save · q quit"
SHORT_KEYS = "n p 1-12 · j k space · s q"


def body(d: Digest, names: dict[str, str], width: int) -> list[Text]:
    """The episode's lines at ``width`` (inside the panel's borders)."""
    lines: list[Text] = []
    for e in d.events:
        units = layout.words(Text(e.summary))
        if e.flashback:
            units += layout.words(Text("(flashback)", style="italic dim"))
        for n, line in enumerate(layout.wrap(units, width - 2)):
            lines.append(layout.fixed(Text("• " if n == 0 else "  ") + line))
    if d.changes:
        lines.append(Text(""))
        for ch in d.changes:
            units = [*name_units(names.get(ch.who, ch.who), after=":"), status_text(ch.status)]
            if ch.cause:
                units += layout.words(Text(f"— {ch.cause}", style="dim"))
            for n, line in enumerate(layout.wrap(units, width - 4)):
                lines.append(layout.fixed(Text("  " if n == 0 else "    ") + line))
    lines.append(Text(""))
    tally = layout.words(Text("After this episode: " + tally_text(d.tally.counts), style="bold"))
    lines += [layout.fixed(t) for t in layout.wrap(tally, width)]
    return lines


def window(lines: list[Text], top: int, height: int) -> int:
    """``top`` kept within the lines, so the window never runs past the end."""
    return max(0, min(top, len(lines) - height))


def frame(episode: int, lines: list[Text], top: int, width: int, height: int) -> Panel:
    """The panel: ``height`` rows in all, showing lines[top:] as far as they fit."""
    room = max(height - 2, 1)
    shown = lines[top : top + room]
    title = f"Episode {episode} of 12"
    if len(lines) > room:
        more = top + len(shown) < len(lines)
        title += f" · lines {top + 1}–{top + len(shown)} of {len(lines)}" + (
            " · more below" if more else ""
        )
        if len(title) + 6 > width:  # a narrow terminal: the same, shorter
            title = f"Episode {episode} of 12 · {top + 1}–{top + len(shown)}/{len(lines)}" + (
                " ↓" if more else ""
            )
    keys = KEYS if len(KEYS) + 6 <= width else SHORT_KEYS
    content: Any = Text("\n").join(shown) if shown else Text("")
    return Panel(
        content,
        title=title,
        title_align="left",
        subtitle=keys,
        subtitle_align="right",
        width=width,
        height=height,
    )


def draw(con: Console, panel: Panel, message: str | None) -> None:
    """One screen: the episode's panel, and under it the message (if any) on the last line."""
    con.clear()
    con.print(panel)
    if message:
        con.print(Text(message, style="italic"), no_wrap=True, overflow="ellipsis", end="")


def say(con: Console, text: str = "") -> None:
    """A line under the screen (how saving went), or an empty one."""
    if text:
        con.print(Text(text))
    else:
        con.print()
