"""What the data cites, and the counts: sources and their use, and the stats."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from ..model import (
    GROUPS,
    Fate,
    Figure,
    Roster,
    Source,
)
from . import _gate

if TYPE_CHECKING:
    pass


class SourceUse(NamedTuple):
    source: Source
    in_lineage: int  # sources in the roster from the same lineage, this one included
    characters: tuple[
        str, ...
    ]  # ids whose record, disputes, status changes or relationships cite it
    events: tuple[str, ...]  # ids of the events that cite it, or whose changes do
    figures: tuple[str, ...]  # ids of the city-level figures that cite it


def sources(
    roster: Roster, *, text: str | None = None, lineage: str | None = None, as_of: int | None = None
) -> list[SourceUse]:
    """Every source, with what cites it. Before the last episode there are none to show:
    a source's title ("Does X die?") can give a fate away, so the viewpoint drops them."""
    roster = _gate(roster, as_of)
    from ..names import normalize

    needle = normalize(text) if text else None
    per_lineage = Counter(s.lineage for s in roster.sources)
    # key -> the ids that cite it; a dict keeps them in order and once each, in constant time
    characters: dict[str, dict[str, None]] = {}
    events: dict[str, dict[str, None]] = {}
    figures: dict[str, dict[str, None]] = {}

    def cite(keys: Iterable[str], into: dict[str, dict[str, None]], what: str) -> None:
        for key in keys:
            into.setdefault(key, {})[what] = None

    for c in roster.characters:
        cite(c.sources, characters, c.id)
        for d in c.disputes:
            cite((k for _, keys in d.values for k in keys), characters, c.id)
        if c.last_seen:
            cite(c.last_seen.sources, characters, c.id)
    for e in roster.events:
        cite(e.sources, events, e.id)
        for ch in e.changes:
            cite(ch.sources, events, e.id)
            cite(ch.sources, characters, ch.who)
    for f in roster.figures:
        cite(f.sources, figures, f.id)
    for r in roster.relationships:  # a relationship's sources speak of both its characters
        keys = (*r.sources, *(k for d in r.disputes for _, ks in d.values for k in ks))
        cite(keys, characters, r.a)
        cite(keys, characters, r.b)
    out = []
    for s in roster.sources:
        if lineage is not None and s.lineage != lineage:
            continue
        if needle and not any(
            needle in normalize(v) for v in (s.key, s.title, s.publisher, s.lineage, s.url or "")
        ):
            continue
        out.append(
            SourceUse(
                s,
                per_lineage[s.lineage],
                tuple(characters.get(s.key, ())),
                tuple(events.get(s.key, ())),
                tuple(figures.get(s.key, ())),
            )
        )
    return out


class Stats(NamedTuple):
    total: int  # every record: individuals and group records
    by_status: dict[str, int]  # individuals only
    by_group: dict[
        str, dict[str, int]
    ]  # group -> status -> count, individuals only, in each group they belong to
    figures: tuple[Figure, ...]
    individuals: int = 0
    groups: tuple[Fate, ...] = ()  # the group records, counted apart


def stats(roster: Roster, as_of: int | None = None) -> Stats:
    """Counts of people by status and group. A group record (several unnamed people) is not a
    person: it is listed apart and counted only in ``total``."""
    gated = _gate(roster, as_of)
    people = [f for f in gated.fates.values() if not f.character.is_group]
    by_status = Counter(f.status for f in people)
    by_group: dict[str, Counter[str]] = {}
    for f in people:
        for g in f.character.all_groups:
            by_group.setdefault(g, Counter())[f.status] += 1
    known = gated.statuses  # a status not seen yet is not even named
    return Stats(
        total=len(gated.characters),
        by_status={s: by_status.get(s, 0) for s in known},
        by_group={g: {s: by_group[g].get(s, 0) for s in known} for g in GROUPS if g in by_group},
        figures=gated.figures,
        individuals=len(people),
        groups=tuple(f for f in gated.fates.values() if f.character.is_group),
    )
