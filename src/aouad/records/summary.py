"""Places, counts and sources: where everyone is, the stats, and what the data cites."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Roster, Source
    from ..queries import Place, SourceUse, Stats

Row = dict[str, Any]


def place_row(p: Place) -> Row:
    return {
        "place": p.name,
        "place_id": p.id,
        "within": p.within,
        "count": len(p.fates),
        "characters": [
            {
                "id": f.character.id,
                "name": f.character.name,
                "status": f.status,
                "kind": f.character.kind,
            }
            for f in p.fates
        ],
    }


def stats_row(s: Stats, episode: int | None) -> Row:
    return {
        "episode": episode,
        "total": s.total,
        "individuals": s.individuals,
        "groups": len(s.groups),
        "by_status": dict(s.by_status),
        "by_group": {g: dict(counts) for g, counts in s.by_group.items()},
        "figures": [
            {
                "id": f.id,
                "label": f.label,
                "value": f.value,
                "episode": f.episode,
                "note": f.note,
                "sources": list(f.sources),
            }
            for f in s.figures
        ],
    }


def source_row(roster: Roster, key: str) -> Row:
    s = roster.source_by_key.get(key)
    if s is None:
        return {
            "key": key,
            "title": None,
            "publisher": None,
            "url": None,
            "grade": None,
            "grade_reason": None,
        }
    return _source_fields(s)


def _source_fields(s: Source) -> Row:
    return {
        "key": s.key,
        "title": s.title,
        "publisher": s.publisher,
        "url": s.url,
        "grade": s.grade,
        "grade_reason": s.grade_reason,
    }


def source_use_row(use: SourceUse) -> Row:
    s = use.source
    return {
        **_source_fields(s),
        "lineage": s.lineage,
        "in_lineage": use.in_lineage,
        "characters": list(use.characters),
        "events": list(use.events),
        "figures": list(use.figures),
    }


# The keys of each row, in order: what --fields accepts (a test pins them to the rows).
PLACE_KEYS = ("place", "place_id", "within", "count", "characters")
STATS_KEYS = ("episode", "total", "individuals", "groups", "by_status", "by_group", "figures")
SOURCE_KEYS = (
    "key",
    "title",
    "publisher",
    "url",
    "grade",
    "grade_reason",
    "lineage",
    "in_lineage",
    "characters",
    "events",
    "figures",
)
