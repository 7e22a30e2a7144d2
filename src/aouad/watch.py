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
    if (
        command.isascii() and command.isdecimal() and 1 <= int(command) <= EPISODES
    ):  # not "²" or "٣"
        return int(command), None
    return episode, f"Unknown key {command!r}; {HELP}."


def _save(episode: int) -> str:
    try:
        note = progress.write(episode)
    except OSError as err:
        return f"Could not save progress: {err.strerror or err}"
    return f"Saved: watched up to episode {episode}." + (f" ({note})" if note else "")


def past_question(view: Viewpoint, episode: int) -> str:
    return (
        f"Episode {episode} is past your saved progress (episode {view.last}) and would show "
        "what happens in it. Watch it anyway?"
    )


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


# In a terminal, keys that scroll the episode's panel rather than change the episode.
SCROLL = {"j": 1, "down": 1, "k": -1, "up": -1}
ARROWS = {"right": "n", "left": "p", "escape": "q", "enter": ""}
DIGIT_WAIT = 1.0  # seconds to wait for the second digit of 10, 11 or 12 after a 1
ENTER_CONFIRMS = 1.0  # an Enter this soon after another key confirms it rather than stepping on


def _interactive(
    roster: Roster, episode: int, view: Viewpoint, names: dict[str, str], no_color: bool
) -> None:
    import typer
    from rich.text import Text

    from .keys import Keys, now
    from .render import pager
    from .render.table import console

    con = console(sys.stdout, no_color)
    keys = Keys()
    message: str | None = None
    saved = None
    limit = view.last
    top = 0
    last_key_at = -ENTER_CONFIRMS

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
        height = max(con.height - 1, 6)  # the last line holds messages
        lines = pager.body(digest(roster, episode), names, con.width - 4)
        room = height - 2
        top = pager.window(lines, top, room)
        con.clear()
        con.print(pager.frame(episode, lines, top, con.width, height))
        if message:
            con.print(Text(message, style="italic"), no_wrap=True, overflow="ellipsis", end="")
        try:
            key = keys.get()
            if key == "1":  # 1, 10, 11 or 12: wait a moment for a second digit
                second = keys.get(timeout=DIGIT_WAIT)
                if second in ("0", "1", "2"):
                    key += second
                elif second not in (None, "enter"):
                    keys.pending.appendleft(second)
        except (KeyboardInterrupt, EOFError):
            return  # Ctrl-C / Ctrl-D: leave at once, nothing saved, nothing asked
        if key == "enter" and now() - last_key_at < ENTER_CONFIRMS:
            last_key_at = -ENTER_CONFIRMS
            continue  # the Enter after a key confirms that key ("n⏎" is one step)
        last_key_at = now() if key != "enter" else -ENTER_CONFIRMS
        message = None
        if key in SCROLL:
            top += SCROLL[key]
            continue
        if key in ("b", "pageup"):
            top -= room - 1
            continue
        if key in ("g", "home", "G", "end"):
            top = 0 if key in ("g", "home") else len(lines)
            continue
        if key in ("space", "pagedown"):
            if top + room < len(lines):
                top += room - 1  # one line of the last page stays, for context
                continue
            key = "n"  # at the end of the episode, space goes on to the next
        command = ARROWS.get(key, key.lower() if len(key) == 1 else key)
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
        if wanted != episode:
            top = 0
        episode = wanted
    if message:
        con.print()  # the question goes under the message, not after it
    if saved != episode:
        try:
            if typer.confirm(f"Save progress at episode {episode}?", default=False):
                con.print(Text(_save(episode)))
        except (KeyboardInterrupt, EOFError, typer.Abort):
            con.print()
