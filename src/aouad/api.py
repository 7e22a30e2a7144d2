"""The library's answers: the same records the command line writes with ``--json``.

Each function loads the roster (``data``: a roster directory, default $AOUAD_DATA, else the
bundled one), gates it through the viewpoint as of ``as_of`` (None: the whole season), and
returns plain dicts and lists, key for key what the matching command prints as JSON (see the
README's "JSON output" and docs/schema/)::

    from aouad import api
    api.survivors(as_of=5)                  # [{"id": "on-jo", "name": "Nam On-jo", ...}, ...]
    api.fate(["cheong-san"])[0]["status"]
    api.deaths(by="gwi-nam", as_of=8)

For the model objects themselves (frozen dataclasses), use ``aouad.load_roster`` and
``aouad.queries``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from . import queries, records
from .model import Roster
from .records import Row

__all__ = [
    "chain",
    "characters",
    "curve",
    "deaths",
    "events",
    "fate",
    "graph",
    "quiz",
    "recap",
    "sources",
    "stats",
    "survivors",
    "where",
]

Data = str | os.PathLike[str] | None


def _roster(as_of: int | None, data: Data) -> Roster:
    from .roster import load_roster
    from .viewpoint import at

    return at(as_of).see(load_roster(data))


def survivors(as_of: int | None = None, *, data: Data = None) -> list[Row]:
    roster = _roster(as_of, data)
    return [records.character_row(f, roster) for f in queries.survivors(roster)]


def characters(
    as_of: int | None = None,
    *,
    status: str | None = None,
    group: str | None = None,
    text: str | None = None,
    data: Data = None,
) -> list[Row]:
    roster = _roster(as_of, data)
    found = queries.characters(roster, status=status, group=group, text=text)
    return [records.character_row(f, roster) for f in found]


def fate(
    names: Iterable[str] | None = None, as_of: int | None = None, *, data: Data = None
) -> list[Row]:
    """The named characters' fates (any name form); every character's when ``names`` is None."""
    roster = _roster(as_of, data)
    found = queries.all_fates(roster) if names is None else queries.fate(roster, names)
    return [records.fate_row(f, roster) for f in found]


def deaths(
    as_of: int | None = None,
    *,
    by: str | None = None,
    episode: int | None = None,
    status: str | None = None,
    data: Data = None,
) -> list[Row]:
    roster = _roster(as_of, data)
    return [
        records.change_row(ch, roster)
        for ch in queries.deaths(roster, by=by, episode=episode, status=status)
    ]


def where(as_of: int | None = None, *, data: Data = None) -> list[Row]:
    return [records.place_row(p) for p in queries.where(_roster(as_of, data))]


def events(
    as_of: int | None = None,
    *,
    episode: int | None = None,
    character: str | None = None,
    search: str | None = None,
    data: Data = None,
) -> list[Row]:
    roster = _roster(as_of, data)
    found = queries.events(roster, episode=episode, character=character, search=search)
    return [records.event_row(e, roster) for e in found]


def stats(as_of: int | None = None, *, data: Data = None) -> Row:
    return records.stats_row(queries.stats(_roster(as_of, data)), as_of)


def curve(as_of: int | None = None, *, data: Data = None) -> list[Row]:
    return [records.tally_row(t) for t in queries.curve(_roster(as_of, data))]


def chain(as_of: int | None = None, *, data: Data = None) -> list[Row]:
    roster = _roster(as_of, data)
    return [records.link_row(link, roster) for link in queries.chain(roster)]


def sources(
    as_of: int | None = None,
    *,
    text: str | None = None,
    lineage: str | None = None,
    data: Data = None,
) -> list[Row]:
    roster = _roster(as_of, data)
    return [records.source_use_row(u) for u in queries.sources(roster, text=text, lineage=lineage)]


def recap(
    as_of: int | None = None, *, start: int | None = None, end: int | None = None, data: Data = None
) -> Row:
    """The story so far, episodes ``start`` (default 1) to ``end`` (default ``as_of``, else 12)."""
    from . import recap as story
    from .viewpoint import at

    first, last = story.span(at(as_of), start, end)
    roster = _roster(as_of, data)
    return records.recap_row(story.recap(roster, first, last), roster, as_of)


def quiz(
    as_of: int | None = None,
    *,
    seed: int | None = None,
    count: int | None = None,
    kinds: str | None = None,
    data: Data = None,
) -> list[Row]:
    """Questions as `aouad quiz --json` gives them; ``kinds`` as --kinds ("actor,hangul")."""
    from . import quiz as questions
    from .roster import load_roster
    from .viewpoint import at

    used, made = questions.ask(load_roster(data), at(as_of), seed=seed, count=count, kinds=kinds)
    return [records.question_row(q, used, as_of) for q in made]


def graph(
    as_of: int | None = None,
    *,
    focus: str | None = None,
    depth: int | None = None,
    kinds: str | Iterable[str] | None = None,
    data: Data = None,
) -> Row:
    """{"nodes": [...], "edges": [...]}, as ``aouad graph --json`` (--focus, --depth, --kind);
    ``kinds`` as --kind ("parent,sibling") or a list."""
    from .graph import select

    if isinstance(kinds, str):
        kinds = kinds.split(",")

    roster = _roster(as_of, data)
    return records.graph_row(select(roster, kinds=kinds, focus=focus, depth=depth), roster)
