"""What happens: status changes, events, the tally after each episode, and the infection
chain's links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Change, Event, Roster
    from ..queries import Link, Tally

Row = dict[str, Any]


def change_row(ch: Change, roster: Roster) -> Row:
    who = roster.by_id.get(ch.who)
    return {
        "episode": ch.episode,
        "earliest_episode": ch.earliest_episode,
        "id": ch.who,
        "name": who.name if who else ch.who,
        "status": ch.status,
        "cause": ch.cause,
        "by": list(ch.by),
        "by_what": ch.by_what,
        "place": roster.place_of(ch),
        "place_id": roster.place_id_of(ch),
        "confirmed_episode": ch.confirmed_episode,
        "event": ch.event_id,
        "note": ch.note,
        "lineages": roster.lineages(ch.sources),
        "sources": list(ch.sources),
    }


def event_row(e: Event, roster: Roster) -> Row:
    return {
        "id": e.id,
        "episode": e.episode,
        "summary": e.summary,
        "place": roster.place_name(e.place),
        "place_id": e.place,
        "flashback": e.flashback,
        "characters": list(e.characters),
        "changes": [
            {k: v for k, v in change_row(ch, roster).items() if k not in ("episode", "event")}
            for ch in e.changes
        ],
        "note": e.note,
        "sources": list(e.sources),
    }


def tally_row(t: Tally) -> Row:
    return {"episode": t.episode, **t.counts, "total": t.total}


def link_row(link: Link, roster: Roster) -> Row:
    ch = link.change
    source = roster.by_id.get(link.source) if link.source else None
    target = roster.by_id[link.target]
    return {
        "from": link.source,
        "from_name": source.name if source else None,
        "to": link.target,
        "to_name": target.name,
        "episode": ch.episode,
        "status": ch.status,
        "cause": ch.cause,
        "by_what": ch.by_what,
        "place": roster.place_of(ch),
        "place_id": roster.place_id_of(ch),
        "sources": list(ch.sources),
    }


# The keys of each row, in order: what --fields accepts (a test pins them to the rows).
CHANGE_KEYS = (
    "episode",
    "earliest_episode",
    "id",
    "name",
    "status",
    "cause",
    "by",
    "by_what",
    "place",
    "place_id",
    "confirmed_episode",
    "event",
    "note",
    "lineages",
    "sources",
)
EVENT_KEYS = (
    "id",
    "episode",
    "summary",
    "place",
    "place_id",
    "flashback",
    "characters",
    "changes",
    "note",
    "sources",
)
TALLY_KEYS = (
    "episode",
    "alive",
    "infected",
    "hambie",
    "zombie",
    "dead",
    "unknown",
    "unseen",
    "total",
)
LINK_KEYS = (
    "from",
    "from_name",
    "to",
    "to_name",
    "episode",
    "status",
    "cause",
    "by_what",
    "place",
    "place_id",
    "sources",
)
