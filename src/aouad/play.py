"""`aouad quiz` at a terminal: ask each question, take an answer, say whether it was right and
where the fact comes from, and give the score at the end.

Only for a person at a terminal (stdin and stdout both one); a pipe gets the printed quiz and
its answer key instead (render/story.py), so nothing ever waits for an answer that cannot come.
The drawing is render/story.py's; here are the replies and the score.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from .render import story as draw
from .render.story import LETTERS

QUIT = {"q", "quit", "exit"}


def choice(reply: str) -> int | None:
    """The option a reply picks: a-d or 1-4 (None if it picks none)."""
    reply = reply.strip().lower().rstrip(")")
    if len(reply) == 1 and reply in LETTERS:
        return LETTERS.index(reply)
    if reply.isascii() and reply.isdecimal() and 1 <= int(reply) <= len(LETTERS):
        return int(reply) - 1
    return None


def play(
    rows: Sequence[dict[str, Any]], caption: str | None, sources_note: str | None, *, no_color: bool
) -> None:
    con = draw.console(sys.stdout, no_color)
    draw.play_heading(con, rows, caption)
    right = asked = 0
    try:
        for q in rows:
            draw.blank(con)
            draw.question(con, q)
            picked = None
            while picked is None:
                reply = draw.prompt(con)
                if reply.strip().lower() in QUIT:
                    raise EOFError
                picked = choice(reply)
                if picked is None:
                    draw.nudge(con)
            asked += 1
            correct = LETTERS[picked] == q["answer"]
            right += correct
            draw.verdict(con, q, correct)
            draw.where_from(con, q, sources_note)
    except (EOFError, KeyboardInterrupt):
        draw.blank(con)
    draw.blank(con)
    draw.score(con, right, asked, len(rows))
