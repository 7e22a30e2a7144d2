"""The roster as plain, frozen data: what the loader builds and the queries read.

A character's status is never stored on the character: it is derived from the
status changes in the timeline (events.yaml), so a fate lives in one place only.
What a viewer may see after episode n is decided in viewpoint.py, which gives a gated Roster.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

# The terms are model vocabulary: `from .model import STATUSES` reads them from here too.
from .terms import *  # noqa: F403, RUF100
from .terms import FATAL, STATUSES


@dataclass(frozen=True, slots=True)
class Source:
    key: str
    title: str
    publisher: str
    url: str | None
    lineage: str
    grade: str = "good"
    grade_reason: str = ""

    @property
    def counts(self) -> bool:
        """Whether this source counts as backing a fact (an unreliable one never does)."""
        return self.grade != "unreliable"


@dataclass(frozen=True, slots=True)
class Place:
    """One canonical place. Events and changes name it by id; ``within`` is where it is."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    within: str | None = (
        None  # the id of the place that contains it; None: not inside a listed place
    )
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Sighting:
    """The last episode a source shows a character in."""

    episode: int
    sources: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Dispute:
    """Sources that disagree on one fact, and which value the data follows."""

    about: str
    values: tuple[tuple[str, tuple[str, ...]], ...]  # (value, source keys saying it)
    followed: str
    why: str


@dataclass(frozen=True, slots=True)
class Character:
    id: str
    name: str
    hangul: str | None  # None: not confirmed by any source
    actor: str | None
    group: str  # the first (primary) of ``groups``
    role: str
    aliases: tuple[str, ...]
    first_episode: int | None
    sources: tuple[str, ...]
    note: str | None = None
    disputes: tuple[Dispute, ...] = ()
    # With first_episode unknown: the sources put them on screen by this episode at the latest.
    seen_by: int | None = None
    kind: str = "person"
    groups: tuple[str, ...] = ()  # every group they belong to, the primary first; () means (group,)
    last_seen: Sighting | None = None

    @property
    def is_group(self) -> bool:
        return self.kind == "group"

    @property
    def all_groups(self) -> tuple[str, ...]:
        return self.groups or (self.group,)


@dataclass(frozen=True, slots=True)
class Change:
    """One character's status changing, as shown in one event."""

    who: str
    status: str
    episode: int
    event_id: str
    seq: int  # position in the whole timeline; orders changes within an episode
    cause: str | None
    by: tuple[str, ...]
    by_what: str | None
    place: str | None  # a place id (its event's when it names none of its own); None: not stated
    confirmed_episode: int | None
    note: str | None
    sources: tuple[str, ...]
    # When the sources only bound the episode: it happened in earliest_episode..episode.
    earliest_episode: int | None = None

    @property
    def known_from(self) -> int:
        """The episode after which a viewer knows this change happened."""
        return self.confirmed_episode or self.episode


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    episode: int
    seq: int
    summary: str
    place: str | None  # a place id; None: not stated
    flashback: bool
    characters: tuple[str, ...]
    changes: tuple[Change, ...]
    sources: tuple[str, ...]
    note: str | None = None
    key: bool = False  # carries the story: what `aouad recap` tells


@dataclass(frozen=True, slots=True)
class Relationship:
    """Two characters, how they are related, and the episode from which a viewer knows it."""

    a: str
    b: str
    kind: str  # one of RELATIONSHIP_KINDS; directional kinds read "a <kind> b"
    episode: int
    sources: tuple[str, ...]
    note: str | None = None
    disputes: tuple[Dispute, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure:
    """A city-level number the sources give (residents, casualties...)."""

    id: str
    label: str
    value: int
    episode: int
    sources: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Fate:
    """Where a character stands in a roster: derived, never stored."""

    character: Character
    history: tuple[Change, ...]

    @property
    def status(self) -> str:
        # Seen on screen and nothing has happened to them (yet): alive.
        return self.history[-1].status if self.history else "alive"

    @property
    def last(self) -> Change | None:
        return self.history[-1] if self.history else None

    @property
    def decisive(self) -> Change | None:
        """The change that sealed a fatal fate: death, or turning when not dead.

        A later change that only restates the status (where a hambie is last seen) does not
        move it: the fate began where the final status did.
        """
        last = self.last
        if last is None or last.status not in FATAL:
            return None
        began = last
        for change in reversed(self.history):
            if change.status != last.status:
                break
            began = change
        return began


@dataclass(frozen=True)
class Roster:
    sources: tuple[Source, ...]
    characters: tuple[Character, ...]
    events: tuple[Event, ...]
    figures: tuple[Figure, ...] = ()
    places: tuple[Place, ...] = ()
    relationships: tuple[Relationship, ...] = ()  # from relationships.yaml, optional in a roster
    episode: int | None = None  # None: everything; n: as a viewer after episode n (viewpoint.gate)
    # The statuses a viewer of this roster has seen happen: all of them unless gated.
    statuses: tuple[str, ...] = STATUSES
    origin: str = field(default="bundled", compare=False)

    @cached_property
    def by_id(self) -> dict[str, Character]:
        return {c.id: c for c in self.characters}

    @cached_property
    def event_by_id(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}

    @cached_property
    def source_by_key(self) -> dict[str, Source]:
        return {s.key: s for s in self.sources}

    @cached_property
    def place_by_id(self) -> dict[str, Place]:
        return {p.id: p for p in self.places}

    @property
    def people(self) -> tuple[Character, ...]:
        """The records that are one person each: what "named characters" counts."""
        return tuple(c for c in self.characters if not c.is_group)

    def lineages(self, keys: tuple[str, ...]) -> int | None:
        """How many independent lineages the sources ``keys`` come from (copies count once).

        Unreliable sources are not counted. None when there is nothing to count, as under a
        spoiler gate, which hides sources.
        """
        by_key = self.source_by_key
        counted = {
            by_key[k].lineage if k in by_key else k
            for k in keys
            if k not in by_key or by_key[k].counts
        }
        return len(counted) or None

    @cached_property
    def fates(self) -> dict[str, Fate]:
        history: dict[str, list[Change]] = {c.id: [] for c in self.characters}
        for event in self.events:
            for change in event.changes:
                if change.who in history:
                    history[change.who].append(change)
        return {
            c.id: Fate(c, tuple(sorted(history[c.id], key=lambda ch: (ch.episode, ch.seq))))
            for c in self.characters
        }

    @cached_property
    def caused(self) -> dict[str, tuple[Change, ...]]:
        """Reverse links: for each character, the status changes whose ``by`` names them
        (whom they bit, turned or killed), in the order a viewer sees them."""
        found: dict[str, list[Change]] = {}
        for event in self.events:
            for change in event.changes:
                for who in change.by:
                    found.setdefault(who, []).append(change)
        return {
            who: tuple(sorted(changes, key=lambda ch: (ch.episode, ch.seq)))
            for who, changes in found.items()
        }

    def place_id_of(self, change: Change) -> str | None:
        """The id of where a change happens (the loader gives it its event's when it names
        none); None: not stated."""
        return change.place

    def place_name(self, place_id: str | None) -> str | None:
        place = self.place_by_id.get(place_id) if place_id else None
        return place.name if place else place_id  # an id the roster does not list reads as itself

    def within_name(self, place_id: str | None) -> str | None:
        """The name of the place that contains ``place_id``, if any."""
        place = self.place_by_id.get(place_id) if place_id else None
        return self.place_name(place.within) if place and place.within else None

    def place_of(self, change: Change) -> str | None:
        """The name of where a change happens."""
        return self.place_name(self.place_id_of(change))

    def end_place_id(self, fate: Fate) -> str | None:
        last = fate.last
        return self.place_id_of(last) if last is not None else None

    def end_place(self, fate: Fate) -> str | None:
        return self.place_name(self.end_place_id(fate))
