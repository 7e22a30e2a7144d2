"""Who: survivors, fates, deaths, the characters, and where everyone ends up."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from ..model import (
    FATAL,
    STATUSES,
    SURVIVING,
    Change,
    Fate,
    Roster,
)
from . import _gate

if TYPE_CHECKING:
    pass


def survivors(roster: Roster, as_of: int | None = None) -> list[Fate]:
    """Everyone still living at the end (or after episode as_of): alive, bitten, or half-zombie."""
    gated = _gate(roster, as_of)
    return [f for f in gated.fates.values() if f.status in SURVIVING]


def fate(roster: Roster, names: Iterable[str], as_of: int | None = None) -> list[Fate]:
    """The fates of the named characters, in the order asked, each once."""
    from ..names import NameIndex  # only name look-ups need it

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
        from ..names import NameIndex

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
        from ..names import (
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
