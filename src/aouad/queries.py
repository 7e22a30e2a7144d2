"""Pure questions over a Roster. Nothing here prints, opens files or knows the CLI.

Every query takes ``as_of``: an episode number gates it to what a viewer who has
watched episodes 1..as_of knows (``Roster.as_of``); None answers in full.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .model import FATAL, GROUPS, STATUSES, SURVIVING, Change, Event, Fate, Figure, Roster
from .names import NameIndex


def _gate(roster: Roster, as_of: int | None) -> Roster:
    return roster.as_of(as_of) if as_of is not None else roster


def survivors(roster: Roster, as_of: int | None = None) -> list[Fate]:
    """Everyone still living at the end (or after episode as_of): alive, bitten, or half-zombie."""
    gated = _gate(roster, as_of)
    return [f for f in gated.fates.values() if f.status in SURVIVING]


def fate(roster: Roster, names: Iterable[str], as_of: int | None = None) -> list[Fate]:
    """The fates of the named characters, in the order asked, each once."""
    gated = _gate(roster, as_of)
    index = NameIndex(gated)
    out: list[Fate] = []
    for name in names:
        found = gated.fates[index.resolve(name).id]
        if found not in out:
            out.append(found)
    return out


def all_fates(roster: Roster, as_of: int | None = None) -> list[Fate]:
    return list(_gate(roster, as_of).fates.values())


def deaths(roster: Roster, as_of: int | None = None) -> list[Change]:
    """Every death and turning, in the order a viewer sees them."""
    gated = _gate(roster, as_of)
    return sorted(
        (ch for e in gated.events for ch in e.changes if ch.status in FATAL),
        key=lambda ch: (ch.episode, ch.seq),
    )


@dataclass(frozen=True, slots=True)
class Place:
    name: str | None  # None: not known
    fates: tuple[Fate, ...]


def where(roster: Roster, as_of: int | None = None) -> list[Place]:
    """Everyone grouped by where they end up (or were last, as of an episode)."""
    gated = _gate(roster, as_of)
    groups: dict[str | None, list[Fate]] = {}
    for f in gated.fates.values():
        groups.setdefault(gated.end_place(f), []).append(f)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] is None, -len(kv[1]), kv[0] or ""))
    return [Place(name, tuple(fates)) for name, fates in ordered]


def characters(
    roster: Roster,
    *,
    status: str | None = None,
    group: str | None = None,
    text: str | None = None,
    as_of: int | None = None,
) -> list[Fate]:
    """The roster, filtered by final status, group and a case-free text search."""
    gated = _gate(roster, as_of)
    needle = text.casefold() if text else None
    out = []
    for f in gated.fates.values():
        c = f.character
        if status is not None and f.status != status:
            continue
        if group is not None and c.group != group:
            continue
        if needle is not None:
            haystack = " ".join((c.id, c.name, c.hangul or "", c.actor or "", c.role, *c.aliases))
            if needle not in haystack.casefold():
                continue
        out.append(f)
    return out


def events(
    roster: Roster,
    *,
    episode: int | None = None,
    character: str | None = None,
    as_of: int | None = None,
) -> list[Event]:
    """The timeline, optionally one episode's or one character's."""
    gated = _gate(roster, as_of)
    who = NameIndex(gated).resolve(character).id if character is not None else None
    return [
        e
        for e in gated.events
        if (episode is None or e.episode == episode) and (who is None or who in e.characters)
    ]


@dataclass(frozen=True, slots=True)
class Stats:
    total: int
    by_status: dict[str, int]
    by_group: dict[str, dict[str, int]]  # group -> status -> count
    figures: tuple[Figure, ...]


def stats(roster: Roster, as_of: int | None = None) -> Stats:
    gated = _gate(roster, as_of)
    by_status = Counter(f.status for f in gated.fates.values())
    by_group: dict[str, Counter[str]] = {}
    for f in gated.fates.values():
        by_group.setdefault(f.character.group, Counter())[f.status] += 1
    return Stats(
        total=len(gated.characters),
        by_status={s: by_status.get(s, 0) for s in STATUSES},
        by_group={
            g: {s: by_group[g].get(s, 0) for s in STATUSES} for g in GROUPS if g in by_group
        },
        figures=gated.figures,
    )
