"""Characters and their fates, and the graph of ties: docs/schema/character.json, fate.json
and graph.json.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..graph import Edge, Graph
    from ..model import Fate, Roster

Row = dict[str, Any]


def character_row(fate: Fate, roster: Roster) -> Row:
    c = fate.character
    decisive = fate.decisive
    last = fate.last
    return {
        "id": c.id,
        "name": c.name,
        "hangul": c.hangul,
        "actor": c.actor,
        "group": c.group,
        "groups": list(c.all_groups),
        "kind": c.kind,
        "role": c.role,
        "aliases": list(c.aliases),
        "first_episode": c.first_episode,
        "seen_by": c.seen_by,
        "status": fate.status,
        "last_seen": c.last_seen.episode if c.last_seen else None,
        "ends": roster.end_place(fate),
        "ends_id": roster.end_place_id(fate),
        "ends_episode": last.episode if last else None,
        "episode": decisive.episode if decisive else None,
        "earliest_episode": decisive.earliest_episode if decisive else None,
        "cause": decisive.cause if decisive else None,
        "by": list(decisive.by) if decisive else [],
        "by_what": decisive.by_what if decisive else None,
        "place": roster.place_of(decisive) if decisive else None,
        "place_id": roster.place_id_of(decisive) if decisive else None,
        "confirmed_episode": decisive.confirmed_episode if decisive else None,
        "lineages": roster.lineages(decisive.sources) if decisive else None,
        "sources": list(c.sources),
    }


def fate_row(fate: Fate, roster: Roster) -> Row:
    from .events import change_row  # here: survivors and characters need neither
    from .summary import source_row

    c = fate.character
    ties = relationships_of(fate, roster)
    cited = sorted(
        {k for ch in fate.history for k in ch.sources}
        | set(c.sources)
        | {k for d in c.disputes for _, keys in d.values for k in keys}
        | set(c.last_seen.sources if c.last_seen else ())
        | {k for tie in ties for k in tie["sources"]}
    )
    return {
        **character_row(fate, roster),
        "note": c.note,
        "history": [change_row(ch, roster) for ch in fate.history],
        "disputes": [_dispute_row(d) for d in c.disputes],
        "cited": [source_row(roster, key) for key in cited],
        "caused": [
            {
                "id": ch.who,
                "name": roster.by_id[ch.who].name if ch.who in roster.by_id else ch.who,
                "status": ch.status,
                "episode": ch.episode,
                "cause": ch.cause,
            }
            for ch in roster.caused.get(c.id, ())
        ],
        "relationships": ties,
    }


def relationships_of(fate: Fate, roster: Roster) -> list[Row]:
    """Every edge of the graph that touches this character: typed ties, and the infections and
    killings the timeline shows (the same edges as ``aouad graph --focus ID``)."""
    from ..graph import build

    return [
        {
            **edge_row(e),
            "note": e.relationship.note if e.relationship else None,
            "disputes": [_dispute_row(d) for d in e.relationship.disputes]
            if e.relationship
            else [],
        }
        for e in build(roster, focus=fate.character.id).edges
    ]


def _dispute_row(d: Any) -> Row:
    return {
        "about": d.about,
        "values": {value: list(keys) for value, keys in d.values},
        "followed": d.followed,
        "why": d.why,
    }


def edge_row(e: Edge) -> Row:
    return {
        "from": e.source,
        "to": e.target,
        "kind": e.kind,
        "episode": e.episode,
        "sources": list(e.sources),
    }


def graph_row(g: Graph, roster: Roster) -> Row:
    fates = roster.fates
    return {
        "nodes": [
            {
                "id": who,
                "name": fates[who].character.name,
                "group": fates[who].character.group,
                "status": fates[who].status,
            }
            for who in g.nodes
        ],
        "edges": [edge_row(e) for e in g.edges],
    }


# The keys of each row, in order: what --fields accepts (a test pins them to the rows).
CHARACTER_KEYS = (
    "id",
    "name",
    "hangul",
    "actor",
    "group",
    "groups",
    "kind",
    "role",
    "aliases",
    "first_episode",
    "seen_by",
    "status",
    "last_seen",
    "ends",
    "ends_id",
    "ends_episode",
    "episode",
    "earliest_episode",
    "cause",
    "by",
    "by_what",
    "place",
    "place_id",
    "confirmed_episode",
    "lineages",
    "sources",
)
FATE_KEYS = CHARACTER_KEYS + ("note", "history", "disputes", "cited", "caused", "relationships")
GRAPH_KEYS = ("nodes", "edges")
