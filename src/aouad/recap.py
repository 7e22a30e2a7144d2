"""The story so far: each episode's key events, where things stand, and what is new in an episode.

Pure functions over a roster the viewpoint has gated (viewpoint.gate): they see only what the
viewer may, so nothing here decides what is hidden. `aouad recap` and the "new this episode"
part of `aouad watch` share them: ``whereabouts`` says where each character was last stated to
be, ``standing`` groups the characters met by status and the living by place, and ``new_in``
compares the standing before and after one episode.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .errors import UsageError
from .model import SURVIVING, Character, Event, Fate, Roster
from .viewpoint import Viewpoint, gate


class Seen(NamedTuple):
    """Where the data last puts a character, and which record says so."""

    place: str
    episode: int
    event_id: str
    sources: tuple[str, ...]  # the change's sources when a change says it, else the event's


def whereabouts(roster: Roster) -> dict[str, Seen]:
    """Where each character of ``roster`` was last stated to be.

    For the living (alive, infected, hambie): the latest episode in which an event (not a
    flashback, which is set elsewhere in time) involves them and names a place. Within that
    episode a status change of theirs that names a place outranks merely being there: the data
    writes such a change to say where someone is or ends up (the survivors' "quarantine camp").
    For the rest, the place of their last status change, as `aouad fate` gives it: an event
    also "involves" someone it only mentions (the ribbons a dead father tied, whoever bit
    someone long ago), and the dead and the turned do not move with the living. A character
    the data places nowhere is left out.
    """
    best: dict[str, tuple[tuple[int, int, int], Seen]] = {}

    def offer(who: str, rank: tuple[int, int, int], seen: Seen) -> None:
        if who not in best or rank > best[who][0]:
            best[who] = (rank, seen)

    for event in roster.events:
        if event.flashback:
            continue
        if event.place:
            named = roster.place_name(event.place) or event.place  # events hold place ids
            for who in event.characters:
                offer(
                    who,
                    (event.episode, 0, event.seq),
                    Seen(named, event.episode, event.id, event.sources),
                )
        for change in event.changes:
            # A change says where its character is, even to say it is not stated (""): that
            # outranks being among an event's characters, who may be elsewhere in the scene.
            place = roster.place_of(change) or ""
            offer(
                change.who,
                (event.episode, 1, change.seq),
                Seen(place, event.episode, event.id, change.sources or event.sources),
            )
    out: dict[str, Seen] = {}
    for who, fate in roster.fates.items():
        last = fate.last
        if fate.status in SURVIVING:
            if who in best and best[who][1].place:
                out[who] = best[who][1]
        elif last is not None and roster.place_of(last):
            event = roster.event_by_id[last.event_id]
            out[who] = Seen(
                roster.place_of(last) or "",
                last.episode,
                last.event_id,
                last.sources or event.sources,
            )
    return out


class Group(NamedTuple):
    place: str | None  # None: no event places them
    fates: tuple[Fate, ...]


class Standing(NamedTuple):
    """The characters met, as of the roster's episode."""

    episode: int | None
    by_status: dict[str, tuple[Fate, ...]]  # each status the viewer has seen happen, in order
    places: tuple[
        Group, ...
    ]  # the living (alive, infected, hambie), by where they were last stated to be


def standing(roster: Roster) -> Standing:
    fates = roster.fates
    by_status = {s: tuple(f for f in fates.values() if f.status == s) for s in roster.statuses}
    where = whereabouts(roster)
    groups: dict[str | None, list[Fate]] = {}
    for f in fates.values():
        if f.status in SURVIVING:
            seen = where.get(f.character.id)
            groups.setdefault(seen.place if seen else None, []).append(f)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] is None, -len(kv[1]), kv[0] or ""))
    return Standing(roster.episode, by_status, tuple(Group(p, tuple(fs)) for p, fs in ordered))


class StatusMove(NamedTuple):
    who: str
    before: str  # "alive" for someone met this episode: everyone starts alive
    after: str


class Move(NamedTuple):
    """Characters who were last placed at ``before`` and are now at ``after``."""

    before: str
    after: str
    who: tuple[str, ...]


class New(NamedTuple):
    """What one episode changes for a viewer who has just watched it."""

    episode: int
    met: tuple[Character, ...]  # first seen in this episode
    changed: tuple[StatusMove, ...]  # whose status is not what it was after the episode before
    moved: tuple[Move, ...]  # the living whose stated place changed


def new_in(roster: Roster, episode: int) -> New:
    """Episode ``episode`` against the one before, each as a viewer then knew it."""
    before = gate(roster, episode - 1) if episode > 1 else None
    return _new(episode, before, gate(roster, episode), {})


def _new(
    episode: int, before: Roster | None, now: Roster, places: dict[int, dict[str, Seen]]
) -> New:
    """What ``now`` (the roster after ``episode``) adds to ``before`` (after the one before).

    ``places`` caches whereabouts by roster, so a recap works each one out once.
    """

    def where(r: Roster) -> dict[str, Seen]:
        if id(r) not in places:
            places[id(r)] = whereabouts(r)
        return places[id(r)]

    then_fates = before.fates if before is not None else {}
    met = tuple(c for c in now.characters if c.id not in then_fates)
    changed = []
    for who, fate in now.fates.items():
        was = then_fates[who].status if who in then_fates else "alive"
        if fate.status != was:
            changed.append(StatusMove(who, was, fate.status))
    moved: dict[tuple[str, str], list[str]] = {}
    if before is not None:
        here, there = where(now), where(before)
        for who, seen in here.items():
            old = there.get(who)
            if (
                old is not None
                and not same_place(old.place, seen.place)
                and now.fates[who].status in SURVIVING
                and then_fates[who].status in SURVIVING
            ):
                moved.setdefault((old.place, seen.place), []).append(who)
    return New(
        episode, met, tuple(changed), tuple(Move(a, b, tuple(w)) for (a, b), w in moved.items())
    )


# Places are free text, so two texts can name one place ("school corridors", "corridors of
# Hyosan High") or one can hold another ("Hyosan High"). Two texts name one place when one holds
# the other or they share a word of their own, once the words many places share are set aside.
PLACE_FILLER = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "by",
        "near",
        "next",
        "to",
        "with",
        "and",
        "outside",
        "behind",
        "where",
        "seen",
        "then",
        "room",
        "hyosan",
        "high",
        "school",
    }
)


def place_words(place: str) -> frozenset[str]:
    return (
        frozenset(w.rstrip("s") for w in re.findall(r"[a-z0-9]+", place.casefold())) - PLACE_FILLER
    )


def same_place(a: str, b: str) -> bool:
    """Whether two place texts may name one place: then staying put does not read as a move,
    and a quiz never offers one as a wrong answer for the other."""
    fa, fb = a.casefold(), b.casefold()
    return fa in fb or fb in fa or bool(place_words(a) & place_words(b))


class EpisodeRecap(NamedTuple):
    episode: int
    events: tuple[Event, ...]  # the key events, in story order
    new: New


class Recap(NamedTuple):
    start: int
    end: int
    episodes: tuple[EpisodeRecap, ...]
    standing: Standing  # after episode ``end``


def span(view: Viewpoint, start: int | None, end: int | None) -> tuple[int, int]:
    """The episodes to tell: --from (default 1) to --to (default the last the viewer may see).
    An episode past the viewer is refused, as the viewpoint words it."""
    first, last = start or 1, end or view.last
    for n in (first, last):
        if not view.allows(n):
            raise UsageError(view.past(n))
    if first > last:
        raise UsageError(
            f"--from {first} is after --to {last} (expected --from A --to B with A <= B)"
        )
    return first, last


def recap(roster: Roster, start: int, end: int) -> Recap:
    """Episodes ``start``..``end`` of a gated roster (``end`` no later than its episode)."""
    by_episode: dict[int, list[Event]] = {}
    for event in roster.events:
        if event.key and start <= event.episode <= end:
            by_episode.setdefault(event.episode, []).append(event)
    # Each episode's roster once, each gated from the next (cheap once notes and sources are
    # gone): gating is the costly part, and start-up counts.
    seen = {end: gate(roster, end)}
    for n in range(end - 1, max(start - 1, 1) - 1, -1):
        seen[n] = gate(seen[n + 1], n)
    places: dict[int, dict[str, Seen]] = {}
    episodes = tuple(
        EpisodeRecap(n, tuple(by_episode.get(n, ())), _new(n, seen.get(n - 1), seen[n], places))
        for n in range(start, end + 1)
    )
    return Recap(start, end, episodes, standing(seen[end]))
