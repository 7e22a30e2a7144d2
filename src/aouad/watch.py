"""`aouad watch`: step through the season an episode at a time.

At a terminal it redraws one Rich panel per episode and reads single keys. Without
one (a pipe, a script, a test) it prints plain text and reads one command a line,
so it can never wait on a key that will not come: end of input simply stops.

The viewpoint says how far the viewer has watched (``view.last``). Stepping past it
asks first, and progress is saved only when the viewer asks for it (s).
"""

from __future__ import annotations

import sys

from . import progress
from .model import EPISODES, Roster
from .queries import digest
from .render.text import digest_lines
from .viewpoint import Viewpoint

YES = {"y", "yes"}

NEXT = {"n", "next", "", " ", "\r", "\n", "\x1b[C", "l", "j"}
PREVIOUS = {"p", "prev", "previous", "\x1b[D", "h", "k"}
QUIT = {"q", "quit", "exit", "\x1b"}
SAVE = {"s", "save"}
HELP = "keys: n or → next, p or ← previous, 1-12 jump, s save progress, q quit"


def step(episode: int, command: str) -> tuple[int, str | None]:
    """The episode after a command, and a message for the viewer (if any)."""
    if command in NEXT:
        if episode == EPISODES:
            return episode, "That was the last episode."
        return episode + 1, None
    if command in PREVIOUS:
        if episode == 1:
            return episode, "This is the first episode."
        return episode - 1, None
    if command.isascii() and command.isdecimal() and 1 <= int(command) <= EPISODES:  # not "²" or "٣"
        return int(command), None
    return episode, f"Unknown key {command!r}; {HELP}."


def _save(episode: int) -> str:
    try:
        note = progress.write(episode)
    except OSError as err:
        return f"Could not save progress: {err.strerror or err}"
    return f"Saved: watched up to episode {episode}." + (f" ({note})" if note else "")


def past_question(view: Viewpoint, episode: int) -> str:
    return (f"Episode {episode} is past your saved progress (episode {view.last}) and would show "
            "what happens in it. Watch it anyway?")


def run(roster: Roster, first: int, view: Viewpoint, *, no_color: bool = False) -> None:
    """Step through the season from ``first``; ``view`` says how far the viewer has watched."""
    names = {c.id: c.name for c in roster.characters}
    if sys.stdin.isatty() and sys.stdout.isatty():
        _interactive(roster, first, view, names, no_color)
    else:
        _plain(roster, first, view, names)


def _plain(roster: Roster, episode: int, view: Viewpoint, names: dict[str, str]) -> None:
    out = sys.stdout
    lines = iter(sys.stdin)
    limit = view.last
    if episode > limit:
        out.write(past_question(view, episode) + " (yes/no)\n")
        if next(lines, "").strip().lower() not in YES:
            out.write(f"Staying at episode {limit}.\n")
            episode = limit
        else:
            limit = episode
    out.write("\n".join(digest_lines(digest(roster, episode), names)) + "\n")
    out.write(f"({HELP}; one per line)\n")
    saved = None
    for line in lines:
        command = line.strip().lower()
        if command in QUIT:
            break
        if command in SAVE:
            out.write(_save(episode) + "\n")
            saved = episode
            continue
        wanted, message = step(episode, command)
        if message:
            out.write(message + "\n")
            continue
        if wanted > limit:
            out.write(past_question(view, wanted) + " (yes/no)\n")
            if next(lines, "").strip().lower() not in YES:
                out.write(f"Staying at episode {episode}.\n")
                continue
            limit = wanted
        episode = wanted
        out.write("\n".join(digest_lines(digest(roster, episode), names)) + "\n")
    if saved != episode:
        out.write(f"Stopped at episode {episode}. To save it: aouad progress {episode}\n")


def _interactive(roster: Roster, episode: int, view: Viewpoint, names: dict[str, str], no_color: bool) -> None:
    import typer
    from rich.text import Text

    from .render.table import console, digest_panel

    con = console(sys.stdout, no_color)
    message: str | None = None
    saved = None
    limit = view.last

    def may_see(wanted: int) -> bool:
        nonlocal limit
        if wanted <= limit:
            return True
        try:
            allowed = typer.confirm(past_question(view, wanted), default=False)
        except (KeyboardInterrupt, EOFError, typer.Abort):
            allowed = False
        if allowed:
            limit = wanted
        return allowed

    if not may_see(episode):
        episode = limit
    while True:
        con.clear()
        con.print(digest_panel(digest(roster, episode), names))
        if message:
            con.print(Text(message, style="italic"))  # Text: a typed "[" is not markup
        try:
            key = typer.getchar()
        except (KeyboardInterrupt, EOFError):
            return  # Ctrl-C / Ctrl-D: leave at once, nothing saved, nothing asked
        command = key.lower() if len(key) == 1 else key
        message = None
        if command in QUIT:
            break
        if command in SAVE:
            message = _save(episode)
            saved = episode
            continue
        wanted, message = step(episode, command)
        if wanted != episode and not may_see(wanted):
            message = f"Staying at episode {episode} (your saved progress)."
            continue
        episode = wanted
    if saved != episode:
        try:
            if typer.confirm(f"Save progress at episode {episode}?", default=False):
                con.print(Text(_save(episode)))
        except (KeyboardInterrupt, EOFError, typer.Abort):
            con.print()
