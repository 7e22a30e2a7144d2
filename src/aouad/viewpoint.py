"""The viewpoint: the one place that decides what a viewer may see.

Two questions, answered here and nowhere else:

* Which episode applies. ``--episode N`` wins over saved progress, which wins over the whole
  season; ``--spoilers`` sets saved progress aside for one call.
* What a viewer who has watched episodes 1..N may see: the characters met, the events shown,
  the status changes known, the relationships known between characters met, the places those
  name (and the places that contain them), whether a last sighting shows, the statuses that
  have happened (and so the words for them: a column, a legend entry, a choice offered),
  whether notes, disputes and sources show, whether counts of what is still to come show, and
  the captions that say so.

Commands, renderers, completion, watch and any later surface take a gated roster and a
Viewpoint from here; none of them decides on its own. A gated Roster carries what was decided
(``episode``, ``statuses``), so the layers below need nothing else to draw it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

from .model import EPISODES, STATUSES, Roster

# Where the episode came from; it changes only the captions.
ASKED = "episode"  # --episode N on the command line
SAVED = "progress"  # `aouad progress N`
SPOILERS = "spoilers"  # --spoilers: saved progress set aside for one call
SEASON = "season"  # nothing saved: the whole season


class Viewpoint(NamedTuple):
    """A viewer's place in the season. A NamedTuple: cheap to define at start-up."""

    episode: int | None = None  # the last episode watched; None: the whole season
    origin: str = SEASON

    @property
    def gated(self) -> bool:
        """Whether anything is hidden: a viewer short of the last episode."""
        return self.episode is not None and self.episode < EPISODES

    @property
    def last(self) -> int:
        """The last episode this viewer may see."""
        return self.episode if self.gated and self.episode is not None else EPISODES

    def allows(self, episode: int) -> bool:
        return episode <= self.last

    def see(self, roster: Roster) -> Roster:
        """The roster as this viewer knows it (the whole of it when nothing is hidden)."""
        return gate(roster, self.episode)

    def caption(self) -> str | None:
        """The line every gated answer carries where a person reads it."""
        if not self.gated:
            return None
        if self.origin == SAVED:
            return (
                f"as of episode {self.episode} (your saved progress; --spoilers shows all): "
                "later events hidden"
            )
        return f"as of episode {self.episode}: later events hidden"

    def past(self, episode: int) -> str:
        """Why an episode past the gate is not shown, and how to see it anyway."""
        whose = "your saved progress" if self.origin == SAVED else "--episode"
        return (
            f"episode {episode} is past what you have watched "
            f"(episode {self.episode}, from {whose}); "
            f"--spoilers or --episode {episode} shows it"
        )

    def season_notice(self) -> str | None:
        """One line for a person at a terminal when an answer covers the whole season unasked."""
        if self.origin != SEASON:
            return None
        return (
            f"aouad: this answer covers all {EPISODES} episodes (spoilers); "
            "`aouad progress N` limits every answer to episodes 1..N"
        )

    def sources_note(self) -> str | None:
        if not self.gated:
            return None
        return (
            f"hidden until episode {EPISODES}: a title can give a fate away (--spoilers shows them)"
        )


def choose(episode: int | None, spoilers: bool, saved: Callable[[], int | None]) -> Viewpoint:
    """Which episode applies: --episode, else saved progress (unless --spoilers), else all.

    ``saved`` is called only when it can matter, so an answer with --episode never reads the
    progress file.
    """
    if episode is not None:
        return Viewpoint(episode, ASKED)
    if spoilers:
        return Viewpoint(None, SPOILERS)
    remembered = saved()
    if remembered is not None:
        return Viewpoint(remembered, SAVED)
    return Viewpoint(None, SEASON)


def at(episode: int | None) -> Viewpoint:
    """A viewpoint for a library caller's ``as_of``."""
    return Viewpoint(episode, ASKED) if episode is not None else Viewpoint()


def statuses_known(roster: Roster, episode: int) -> tuple[str, ...]:
    """The statuses a viewer after ``episode`` has seen happen, in the canonical order.

    "alive" is always known: it is where everyone starts.
    """
    seen = {"alive"}
    for event in roster.events:
        for change in event.changes:
            if change.known_from <= episode:
                seen.add(change.status)
    return tuple(s for s in STATUSES if s in seen)


def gate(roster: Roster, episode: int | None) -> Roster:
    """What a viewer who has watched episodes 1..episode knows.

    Before the last episode, notes, disputes and sources are dropped too: notes are research
    commentary about any episode, and a source's title or key ("Does X die?") can give a fate
    away. Roles are written to introduce a character without spoilers. A last sighting
    ("last seen in episode 4") is dropped too, however early: it is a statement about every
    episode after it, and a sighting shown for some characters but not others would tell who
    is still to be seen. Places are those the shown events name, and where those are; their
    notes go with the other notes. Gating a gated roster
    again at an earlier episode gives what a viewer knew then (the curve and watch rely on it).
    """
    if episode is None:
        return roster
    if episode >= EPISODES:  # the whole season seen: nothing left to spoil
        return replace(roster, episode=episode)
    if roster.episode is not None and roster.episode <= episode:
        return roster
    # A roster gated before 12 holds no notes or sources any more: its records are reused as
    # they are unless something in them is hidden now, which keeps gating again cheap (recap).
    stripped = roster.episode is not None and roster.episode < EPISODES
    events = []
    for event in roster.events:
        if event.episode > episode:
            continue
        if stripped and all(ch.known_from <= episode for ch in event.changes):
            events.append(event)
            continue
        known = tuple(
            replace(ch, note=None, sources=()) for ch in event.changes if ch.known_from <= episode
        )
        events.append(replace(event, changes=known, note=None, sources=()))
    met_in_events = {w for e in events for w in e.characters} | {
        ch.who for e in events for ch in e.changes
    }
    characters = tuple(
        # seen_by past the gate would tell a viewer the character is still to come
        c
        if stripped and (c.seen_by or 0) <= episode
        else replace(
            c,
            note=None,
            disputes=(),
            sources=(),
            last_seen=None,
            seen_by=c.seen_by if (c.seen_by or 0) <= episode else None,
        )
        for c in roster.characters
        if (c.first_episode is not None and c.first_episode <= episode)
        or (
            c.first_episode is None
            and (c.id in met_in_events or (c.seen_by or EPISODES + 1) <= episode)
        )
    )
    named = {p for e in events for p in (e.place, *(ch.place for ch in e.changes)) if p}
    for place_id in list(named):  # and the places that contain them
        step = roster.place_by_id.get(place_id)
        while step is not None and step.within and step.within not in named:
            named.add(step.within)
            step = roster.place_by_id.get(step.within)
    met = {c.id for c in characters}
    # A relationship is known from its episode, and only between characters met by then.
    relationships = tuple(
        r if stripped else replace(r, note=None, disputes=(), sources=())
        for r in roster.relationships
        if r.episode <= episode and r.a in met and r.b in met
    )
    return Roster(
        sources=(),
        characters=characters,
        places=tuple(replace(p, note=None) for p in roster.places if p.id in named),
        events=tuple(events),
        figures=tuple(
            f if stripped else replace(f, note=None, sources=())
            for f in roster.figures
            if f.episode <= episode
        ),
        relationships=relationships,
        episode=episode,
        statuses=statuses_known(roster, episode),
        origin=roster.origin,
    )
