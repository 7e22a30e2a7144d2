"""`aouad watch`: step through the season an episode at a time.

At a terminal it redraws one Rich panel per episode and reads single keys (watch_screen.py).
Without one (a pipe, a script, a test) it prints plain text and reads one command a line
(here), so it can never wait on a key that will not come: end of input simply stops. Both
step with ``step`` (pure: an episode and a command in, the next episode out) and save with
``save`` (through progress.py).

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


def save(episode: int) -> str:
    """Save progress at ``episode`` (progress.py) and say how that went, never failing."""
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
        from .watch_screen import run as run_screen

        run_screen(roster, first, view, names, no_color)
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
            out.write(save(episode) + "\n")
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
