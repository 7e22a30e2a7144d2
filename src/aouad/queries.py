"""Pure questions over a Roster. Nothing here prints, opens files or knows the CLI.

Results that are not model objects are NamedTuples: immutable like the model's
dataclasses, and about seven times cheaper to define, which start-up time notices.

Queries answer over the roster they are given: the CLI passes one already gated by the
viewpoint. For library callers each also takes ``as_of``, an episode number that gates it
through the same viewpoint (viewpoint.gate); None answers with the roster as given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from .model import (
    EPISODES,
    FATAL,
    GROUPS,
    STATUSES,
    SURVIVING,
    Change,
    Event,
    Fate,
    Figure,
    Roster,
    Source,
)
from .viewpoint import gate

if TYPE_CHECKING:
    from .recap import New


def _gate(roster: Roster, as_of: int | None) -> Roster:
    return gate(roster, as_of)


def survivors(roster: Roster, as_of: int | None = None) -> list[Fate]:
    """Everyone still living at the end (or after episode as_of): alive, bitten, or half-zombie."""
    gated = _gate(roster, as_of)
    return [f for f in gated.fates.values() if f.status in SURVIVING]


def fate(roster: Roster, names: Iterable[str], as_of: int | None = None) -> list[Fate]:
    """The fates of the named characters, in the order asked, each once."""
    from .names import NameIndex  # only name look-ups need it

    gated = _gate(roster, as_of)
    index: NameIndex | None = None  # built only for a name that is not an id: costly on big rosters
    out: list[Fate] = []
    for name in names:
        found = gated.fates.get(name)
        if found is None:
            index = index or NameIndex(gated)
            found = gated.fates[index.resolve(name).id]
        out.append(found)
    return list({f.character.id: f for f in out}.values())  # each once, in the order first asked


def all_fates(roster: Roster, as_of: int | None = None) -> list[Fate]:
    return list(_gate(roster, as_of).fates.values())


def deaths(
    roster: Roster,
    as_of: int | None = None,
    *,
    by: str | None = None,
    episode: int | None = None,
    status: str | None = None,
) -> list[Change]:
    """Every death and turning, in the order a viewer sees them.

    ``by``: only those a character caused (any name form); ``episode``: only those that may
    have happened in that episode (an unsettled range counts where it could fall);
    ``status``: only those into that status.
    """
    gated = _gate(roster, as_of)
    who = None
    if by is not None:
        from .names import NameIndex

        who = NameIndex(gated).resolve(by).id
    out = []
    for fate in gated.fates.values():
        before = "alive"
        for change in fate.history:
            if change.status in FATAL and change.status != before:  # not a restatement
                out.append(change)
            before = change.status
    out = [
        ch
        for ch in out
        if (who is None or who in ch.by)
        and (status is None or ch.status == status)
        and (episode is None or (ch.earliest_episode or ch.episode) <= episode <= ch.episode)
    ]
    return sorted(out, key=lambda ch: (ch.episode, ch.seq))


class Place(NamedTuple):
    name: str | None  # None: not known
    fates: tuple[
        Fate, ...
    ]  # ordered by status: the living first, then the turned, the dead, the unknown
    id: str | None = None  # the canonical place's id
    within: str | None = None  # the name of the place that contains it


def where(roster: Roster, as_of: int | None = None) -> list[Place]:
    """Everyone grouped by the canonical place where they end up (or were last, as of an episode),
    each place's people in status order, so the dead are never read as among the living."""
    gated = _gate(roster, as_of)
    groups: dict[str | None, list[Fate]] = {}
    for f in gated.fates.values():
        groups.setdefault(gated.end_place_id(f), []).append(f)
    rank = {s: i for i, s in enumerate(STATUSES)}
    ordered = sorted(
        groups.items(), key=lambda kv: (kv[0] is None, -len(kv[1]), gated.place_name(kv[0]) or "")
    )
    return [
        Place(
            gated.place_name(pid),
            tuple(sorted(fates, key=lambda f: rank[f.status])),
            pid,
            gated.within_name(pid),
        )
        for pid, fates in ordered
    ]


def characters(
    roster: Roster,
    *,
    status: str | None = None,
    group: str | None = None,
    text: str | None = None,
    as_of: int | None = None,
) -> list[Fate]:
    """The roster, filtered by final status, group and a text search that ignores case,
    spaces and hyphens."""
    gated = _gate(roster, as_of)
    if text:
        from .names import (
            normalize,  # the same folding as name look-ups: "cheong san" finds Cheong-san
        )

        needle: str | None = normalize(text)
    else:
        needle = None
    out = []
    for f in gated.fates.values():
        c = f.character
        if status is not None and f.status != status:
            continue
        if group is not None and group not in c.all_groups:
            continue
        if needle is not None:
            haystack = " ".join((c.id, c.name, c.hangul or "", c.actor or "", c.role, *c.aliases))
            if needle not in normalize(haystack):
                continue
        out.append(f)
    return out


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
    from .names import NameIndex, normalize

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
    from .names import normalize

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
    from .graph import infections

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
    from .recap import new_in

    return Digest(episode, shown, changes, tally(seen, episode), new_in(roster, episode))
