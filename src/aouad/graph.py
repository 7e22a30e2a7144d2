"""Who is tied to whom: characters as nodes, and edges from exactly two places.

* Typed relationships (relationships.yaml): family, feelings, school, rescues.
* The timeline: bites, infections and killings are never typed again. A character's first
  change to infected, hambie or zombie with ``by: [x]`` is an ``infected`` edge from x; a change
  to dead with ``by: [x]`` is a ``killed`` edge from x. The infection chain (queries.chain) is
  these same infection edges, so there is one reading of "who infected whom".

Pure functions of a roster, like queries.py: give it a gated roster (viewpoint.gate) and only
what that viewer knows comes out, because the gated roster holds nothing else.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import NamedTuple

from .model import INFECTIOUS, TIE_KINDS, Change, Relationship, Roster

_ORDER = {kind: i for i, kind in enumerate(TIE_KINDS)}


class Edge(NamedTuple):
    """One tie. Directional kinds read "source <kind> target"; symmetric ones hold both ways."""

    source: str | None  # None only for an infection that no known character passed on
    target: str
    kind: str
    episode: int
    sources: tuple[str, ...]
    change: Change | None = None  # the status change a derived edge comes from
    relationship: Relationship | None = None  # the record a typed edge comes from


class Graph(NamedTuple):
    nodes: tuple[str, ...]  # character ids, in roster order
    edges: tuple[Edge, ...]


def infections(roster: Roster) -> list[Edge]:
    """Who infected whom: each character's first infection, turning or half-turning, one edge
    per character in its ``by`` (source None when none is named), in the order a viewer sees
    them."""
    edges = []
    for fate in roster.fates.values():
        first = next((ch for ch in fate.history if ch.status in INFECTIOUS), None)
        if first is None:
            continue
        for source in first.by or (None,):
            edges.append(
                Edge(source, fate.character.id, "infected", first.episode, first.sources, first)
            )
    return sorted(edges, key=lambda e: (e.change.episode, e.change.seq))  # type: ignore[union-attr]


def killings(roster: Roster) -> list[Edge]:
    """Who killed whom: every change to dead whose ``by`` names another character."""
    edges: list[Edge] = []
    for fate in roster.fates.values():
        for ch in fate.history:
            if ch.status == "dead":
                edges.extend(
                    Edge(x, ch.who, "killed", ch.episode, ch.sources, ch)
                    for x in ch.by
                    if x != ch.who
                )
    return edges


def typed(roster: Roster) -> list[Edge]:
    return [
        Edge(r.a, r.b, r.kind, r.episode, r.sources, relationship=r) for r in roster.relationships
    ]


def edges(roster: Roster) -> list[Edge]:
    """Every edge between two characters, by episode, then kind, then names."""
    found = (
        typed(roster) + [e for e in infections(roster) if e.source is not None] + killings(roster)
    )
    return sorted(
        found, key=lambda e: (e.episode, _ORDER.get(e.kind, len(_ORDER)), e.source or "", e.target)
    )


def known_kinds(roster: Roster) -> tuple[str, ...]:
    """The kinds of edge this roster holds (for a gated roster: the kinds seen so far), in
    TIE_KINDS order."""
    present = {e.kind for e in edges(roster)}
    return tuple(k for k in TIE_KINDS if k in present)


def build(
    roster: Roster, *, kinds: Iterable[str] | None = None, focus: str | None = None, depth: int = 1
) -> Graph:
    """The graph of ``roster``: only edges of ``kinds`` (all when None); with ``focus`` (an id),
    only the edges within ``depth`` steps of that character (depth 1: the edges that touch them).

    Nodes are the characters the chosen edges touch, and the focus itself.
    """
    wanted = None if kinds is None else set(kinds)
    chosen = [e for e in edges(roster) if wanted is None or e.kind in wanted]
    if focus is not None:
        chosen = _around(chosen, focus, depth)
    touched = (
        {e.source for e in chosen} | {e.target for e in chosen} | ({focus} if focus else set())
    )
    return Graph(tuple(c.id for c in roster.characters if c.id in touched), tuple(chosen))


def select(
    roster: Roster,
    *,
    kinds: Iterable[str] | None = None,
    focus: str | None = None,
    depth: int | None = None,
) -> Graph:
    """``build`` for a person's request: ``focus`` is any name form, ``kinds`` must be kinds this
    roster has (for a gated roster: kinds seen so far), and ``depth`` needs a focus.

    Raises UsageError for a bad request, NotFound or Ambiguous for a name (as the CLI reports them).
    """
    from .errors import UsageError

    if depth is not None and focus is None:
        raise UsageError("--depth needs --focus NAME (e.g. aouad graph --focus gwi-nam --depth 2)")
    if depth is not None and depth < 1:
        raise UsageError(f"--depth {depth} is not a number of steps (expected 1 or more)")
    wanted = None
    if kinds is not None:
        wanted = [k.strip() for k in kinds if k.strip()]
        known = known_kinds(roster)
        unknown = [k for k in wanted if k not in known]
        if unknown or not wanted:
            raise UsageError(
                f"--kind {', '.join(unknown) or 'with no kind'} is not known "
                f"(expected some of: {', '.join(known)})"
            )
    who = None
    if focus is not None:
        from .names import NameIndex

        who = NameIndex(roster).resolve(focus).id
    return build(roster, kinds=wanted, focus=who, depth=depth or 1)


def _around(chosen: list[Edge], focus: str, depth: int) -> list[Edge]:
    """The edges a walk of at most ``depth`` steps from ``focus`` crosses, either way along them."""
    near: dict[str, list[str]] = {}
    for e in chosen:
        near.setdefault(e.source or "", []).append(e.target)
        near.setdefault(e.target, []).append(e.source or "")
    distance = {focus: 0}
    queue = deque([focus])
    while queue:
        here = queue.popleft()
        if distance[here] >= depth:
            continue
        for there in near.get(here, ()):
            if there not in distance:
                distance[there] = distance[here] + 1
                queue.append(there)
    inner = {who for who, d in distance.items() if d < depth}
    return [e for e in chosen if e.source in inner or e.target in inner]
