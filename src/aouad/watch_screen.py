"""`aouad watch` at a terminal: keys in, one episode's panel out, until q.

The keys are read by keys.py and mean what ``watch.step`` says (n, p, 1-12) or scroll the
panel (j/k, space/b, arrows); render/pager.py draws the screen; progress is saved through
``watch.save``, and only when asked.
"""

from __future__ import annotations

import sys

from .model import Roster
from .queries import digest
from .viewpoint import Viewpoint
from .watch import QUIT, SAVE, past_question, save, step

# In a terminal, keys that scroll the episode's panel rather than change the episode.
SCROLL = {"j": 1, "down": 1, "k": -1, "up": -1}
ARROWS = {"right": "n", "left": "p", "escape": "q", "enter": ""}
DIGIT_WAIT = 1.0  # seconds to wait for the second digit of 10, 11 or 12 after a 1
ENTER_CONFIRMS = 1.0  # an Enter this soon after another key confirms it rather than stepping on


def run(
    roster: Roster, episode: int, view: Viewpoint, names: dict[str, str], no_color: bool
) -> None:
    """Watch at a terminal from ``episode``, until q, Ctrl-C or Ctrl-D."""
    import typer

    from .keys import Keys, now
    from .render import pager

    con = pager.console(sys.stdout, no_color)
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
        pager.draw(con, pager.frame(episode, lines, top, con.width, height), message)
        try:
            key = keys.get()  # no timeout: never None
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
        if key is None:
            continue
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
            message = save(episode)
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
        pager.say(con)  # the question goes under the message, not after it
    if saved != episode:
        try:
            if typer.confirm(f"Save progress at episode {episode}?", default=False):
                pager.say(con, save(episode))
        except (KeyboardInterrupt, EOFError, typer.Abort):
            pager.say(con)
