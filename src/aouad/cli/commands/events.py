"""`aouad events`: the timeline, filterable by episode, character and text."""

# No `from __future__ import annotations`: see cli/root.py.
from typing import Annotated, Any

import typer

from ... import queries, records
from ...model import EPISODES
from ..completion import complete_episode, complete_name
from ..options import past_gate, query_command
from ..output import Answer, names_by_id


@query_command(
    epilog="Examples:  aouad events --in 11  |  aouad events --character on-jo  |  "
    "aouad events --search rooftop  |  aouad events --format jsonl"
)
def events(
    out: Answer,
    in_episode: Annotated[
        int | None,
        typer.Option(
            "--in",
            "-i",
            min=1,
            max=EPISODES,
            metavar="N",
            autocompletion=complete_episode,
            help="Only episode N's events.",
        ),
    ] = None,
    character: Annotated[
        str | None,
        typer.Option(
            "--character",
            "-c",
            metavar="NAME",
            autocompletion=complete_name,
            help="Only events involving this character.",
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-S",
            metavar="TEXT",
            help="Only events whose summary, place or cause holds TEXT.",
        ),
    ] = None,
) -> None:
    """The timeline, filterable by episode, by character and by text."""
    past_gate(out, in_episode)
    roster = out.roster()
    found = queries.events(roster, episode=in_episode, character=character, search=search)
    rows = [records.event_row(e, roster) for e in found]
    names = names_by_id(roster)

    def human(con: Any, r: Any) -> None:
        from ...render import lists

        lists.events(con, r, names, out.caption())

    out.emit(rows, records.EVENT_KEYS, human, title="Events", names=names, shape="events")
