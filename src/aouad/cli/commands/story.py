"""`aouad recap` and `aouad quiz`: the story so far, and questions on it.

Query commands like the others (options.query_command): --episode, --spoilers, saved progress,
--json/--format and --fields work the same, and the spoiler property test covers them.
"""

# No `from __future__ import annotations`: see cli/root.py.
import sys
from typing import Annotated, Any

import typer

from ... import records
from ...model import EPISODES
from ..options import query_command
from ..output import Answer, Format

FromOpt = Annotated[
    int | None,
    typer.Option(
        "--from", min=1, max=EPISODES, metavar="A", help="First episode to tell (default 1)."
    ),
]
ToOpt = Annotated[
    int | None,
    typer.Option(
        "--to",
        min=1,
        max=EPISODES,
        metavar="B",
        help="Last episode to tell (default: the last you may see).",
    ),
]


@query_command(
    epilog="Examples:  aouad recap  |  aouad recap --from 3 --to 4  |  aouad recap -e 6 --json | "
    "jq '.standing.places'"
)
def recap(out: Answer, start: FromOpt = None, end: ToOpt = None) -> None:
    """The story so far: each episode's key events, then where things stand.

    For episodes 1 to the last you may see (--episode, saved progress, else 12), or --from A
    --to B: the key events with their sources, then everyone met by status, and the living by
    where they are and with whom. About five minutes of reading for the season.
    """
    from ... import recap as story

    first, last = story.span(out.view, start, end)
    roster = out.roster()
    row = records.recap_row(story.recap(roster, first, last), roster, out.episode)

    def human(con: Any, r: Any) -> None:
        from ...render import story as draw

        draw.recap(con, r, out.caption(), out.view.sources_note())

    out.emit(row, records.RECAP_KEYS, human, title="Recap", shape="recap")


SeedOpt = Annotated[
    int | None,
    typer.Option(
        "--seed",
        min=0,
        metavar="S",
        help="Seed: the same seed gives the same quiz (default: a new one, printed).",
    ),
]
CountOpt = Annotated[
    int | None,
    typer.Option(
        "-n",
        "--count",
        min=1,
        metavar="COUNT",
        help="How many questions (default 10, or as many as the data allows).",
    ),
]
KindsOpt = Annotated[
    str | None,
    typer.Option(
        "--kinds",
        metavar="K,...",
        help="Only these kinds: by (who infected or killed X), episode (when X turns or dies), "
        "place (where X "
        "ends up), actor, hangul; parent when the roster has relationship data.",
    ),
]


@query_command(
    epilog="Examples:  aouad quiz  |  aouad quiz -e 4 -n 5 --seed 7  |  "
    "aouad quiz --kinds actor,hangul  |  aouad quiz --json | jq '.[].question'"
)
def quiz(out: Answer, seed: SeedOpt = None, count: CountOpt = None, kinds: KindsOpt = None) -> None:
    """Multiple-choice questions on what you have seen, made from the data.

    At a terminal it asks each question, takes a-d (or 1-4), says whether you were right and
    where the fact comes from, and scores you; in a pipe it prints the questions and an answer
    key. Without --seed it picks a new seed and prints it, so a quiz can be asked again.
    """
    from ... import quiz as questions

    # The full roster, not out.roster(): disputes and notes are hidden under a gate, yet decide
    # what is too unsure to ask (quiz.ask reads them only to leave questions out).
    full = out.full_roster()
    used, made = questions.ask(full, out.view, seed=seed, count=count, kinds=kinds)
    rows = [records.question_row(q, used, out.episode) for q in made]

    def human(con: Any, r: Any) -> None:
        from ...render.story import quiz_sheet

        quiz_sheet(con, r, out.caption(), out.view.sources_note())

    if out.fmt is Format.table and not out.fields and sys.stdin.isatty() and sys.stdout.isatty():
        from ...play import play

        play(
            rows,
            out.caption(),
            out.view.sources_note(),
            no_color=out.plain,
        )
        return
    out.emit(
        rows,
        records.QUESTION_KEYS,
        human,
        title="Quiz",
    )
