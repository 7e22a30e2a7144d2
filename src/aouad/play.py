"""`aouad quiz` at a terminal: ask each question, take an answer, say whether it was right and
where the fact comes from, and give the score at the end.

Only for a person at a terminal (stdin and stdout both one); a pipe gets the printed quiz and
its answer key instead (render/story.py), so nothing ever waits for an answer that cannot come.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from rich.text import Text

from .render.story import LETTERS, answer_line, hanging, heading, question, where_from
from .render.table import console

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
    con = console(sys.stdout, no_color)
    con.print(heading(rows))
    if caption:
        con.print(Text(caption, style="dim"))
    right = asked = 0
    try:
        for q in rows:
            con.print()
            question(con, q)
            picked = None
            while picked is None:
                reply = con.input("Your answer (a-d, q to stop): ")
                if reply.strip().lower() in QUIT:
                    raise EOFError
                picked = choice(reply)
                if picked is None:
                    con.print(Text("Answer with a, b, c or d (or 1-4); q stops.", style="italic"))
            asked += 1
            if LETTERS[picked] == q["answer"]:
                right += 1
                con.print(Text("Right.", style="bold green"))
            else:
                verdict = Text("Not quite: the answer is ", style="bold red")
                verdict.append_text(answer_line(q))
                hanging(con, "", verdict)
            where_from(con, q, sources_note)
    except (EOFError, KeyboardInterrupt):
        con.print()
    con.print()
    if asked < len(rows):
        con.print(
            Text(f"Score: {right} of {asked} answered ({len(rows)} asked for).", style="bold")
        )
    else:
        con.print(Text(f"Score: {right} of {len(rows)}.", style="bold"))
