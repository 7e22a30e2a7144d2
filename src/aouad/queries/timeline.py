"""When: the events, the tally after each episode, the survival curve, the infection
chain, and one episode as watch shows it.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from ..model import (
    EPISODES,
    Change,
    Event,
    Roster,
)
from ..viewpoint import gate
from . import _gate

if TYPE_CHECKING:
    from ..recap import New


def events(
    roster: Roster,
    *,
    episode: int | None = None,
    character: str | None = None,
    search: str | None = None,
    as_of: int | None = None,
) -> list[Event]:
    """The timeline, optionally one episode's or one character's, or those whose summary,
    place or id holds ``search`` (ignoring case, spaces and hyphens, as name look-ups do)."""
    from ..names import NameIndex, normalize

    gated = _gate(roster, as_of)
    who = NameIndex(gated).resolve(character).id if character is not None else None
    needle = normalize(search) if search else None
    return [
        e
        for e in gated.events
        if (episode is None or e.episode == episode)
        and (who is None or who in e.characters)
        and (
            needle is None
            or needle in normalize(" ".join((e.id, e.summary, e.place or "")))
            or (
                needle is not None
                and needle in normalize(" ".join(ch.cause or "" for ch in e.changes))
            )
        )
    ]


class Tally(NamedTuple):
    """How many named characters (individuals; group records aside) stood where after one
    episode, as a viewer knows it."""

    episode: int
    counts: dict[str, int]  # each status the roster knows, plus "unseen": not introduced yet
    total: int


def tally(roster: Roster, episode: int) -> Tally:
    """Counts after ``episode`` among the characters of ``roster``.

    "unseen" counts characters of this roster not met by then: for a gated roster, only
    those met by its own episode, so the count never tells how many are still to come.
    """
    seen = gate(roster, episode)
    counts = Counter(f.status for f in seen.fates.values() if not f.character.is_group)
    row = {s: counts.get(s, 0) for s in roster.statuses}
    row["unseen"] = len(roster.people) - len(seen.people)
    return Tally(episode, row, len(roster.people))


def curve(roster: Roster, as_of: int | None = None) -> list[Tally]:
    """Status counts after each episode up to the roster's (default 12); rows sum to its size."""
    gated = _gate(roster, as_of)
    return [tally(gated, n) for n in range(1, min(gated.episode or EPISODES, EPISODES) + 1)]


class Link(NamedTuple):
    """One infection: who passed it on (None when no known character did) to whom."""

    source: str | None
    target: str
    change: Change


def chain(roster: Roster, as_of: int | None = None) -> list[Link]:
    """Who infected whom: each character's first infection, turning or half-turning.

    The infection edges of the graph (graph.infections): one reading of the timeline for both.
    """
    from ..graph import infections

    return [Link(e.source, e.target, e.change) for e in infections(_gate(roster, as_of))]  # type: ignore[arg-type]


class Digest(NamedTuple):
    """What one episode shows: its events, the status changes, and the tally after it."""

    episode: int
    events: tuple[Event, ...]
    changes: tuple[Change, ...]
    tally: Tally
    new: New | None = None  # who was met, changed, moved: what `aouad recap` computes too


def digest(roster: Roster, episode: int) -> Digest:
    """Episode ``episode`` as a viewer who has just watched it knows it: the tally counts
    only who has been met by then, so nothing says how many are still to come."""
    seen = gate(roster, episode)
    shown = tuple(e for e in seen.events if e.episode == episode)
    # Changes shown now, and earlier ones only confirmed now (the bombing's dead).
    changes = tuple(
        sorted(
            (ch for e in seen.events for ch in e.changes if ch.known_from == episode),
            key=lambda ch: (ch.episode, ch.seq),
        )
    )
    from ..recap import new_in

    return Digest(episode, shown, changes, tally(seen, episode), new_in(roster, episode))
