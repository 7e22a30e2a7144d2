"""Answers as plain JSON-ready dicts: the documented shape of every command's output.

The keys here are a contract (README "JSON output", docs/schema/); tables are
drawn from the same rows, so people and programs always see the same facts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .graph import Edge, Graph
    from .model import Change, Event, Fate, Roster, Source
    from .queries import Link, Place, SourceUse, Stats, Tally
    from .quiz import Question
    from .recap import New, Recap, Standing

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
    from .graph import build

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


def change_row(ch: Change, roster: Roster) -> Row:
    who = roster.by_id.get(ch.who)
    return {
        "episode": ch.episode,
        "earliest_episode": ch.earliest_episode,
        "id": ch.who,
        "name": who.name if who else ch.who,
        "status": ch.status,
        "cause": ch.cause,
        "by": list(ch.by),
        "by_what": ch.by_what,
        "place": roster.place_of(ch),
        "place_id": roster.place_id_of(ch),
        "confirmed_episode": ch.confirmed_episode,
        "event": ch.event_id,
        "note": ch.note,
        "lineages": roster.lineages(ch.sources),
        "sources": list(ch.sources),
    }


def event_row(e: Event, roster: Roster) -> Row:
    return {
        "id": e.id,
        "episode": e.episode,
        "summary": e.summary,
        "place": roster.place_name(e.place),
        "place_id": e.place,
        "flashback": e.flashback,
        "characters": list(e.characters),
        "changes": [
            {k: v for k, v in change_row(ch, roster).items() if k not in ("episode", "event")}
            for ch in e.changes
        ],
        "note": e.note,
        "sources": list(e.sources),
    }


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


def tally_row(t: Tally) -> Row:
    return {"episode": t.episode, **t.counts, "total": t.total}


def link_row(link: Link, roster: Roster) -> Row:
    ch = link.change
    source = roster.by_id.get(link.source) if link.source else None
    target = roster.by_id[link.target]
    return {
        "from": link.source,
        "from_name": source.name if source else None,
        "to": link.target,
        "to_name": target.name,
        "episode": ch.episode,
        "status": ch.status,
        "cause": ch.cause,
        "by_what": ch.by_what,
        "place": roster.place_of(ch),
        "place_id": roster.place_id_of(ch),
        "sources": list(ch.sources),
    }


# The keys each row shape has, in order: what --fields accepts (a test pins them to the rows).
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
CHANGE_KEYS = (
    "episode",
    "earliest_episode",
    "id",
    "name",
    "status",
    "cause",
    "by",
    "by_what",
    "place",
    "place_id",
    "confirmed_episode",
    "event",
    "note",
    "lineages",
    "sources",
)
EVENT_KEYS = (
    "id",
    "episode",
    "summary",
    "place",
    "place_id",
    "flashback",
    "characters",
    "changes",
    "note",
    "sources",
)
PLACE_KEYS = ("place", "place_id", "within", "count", "characters")
STATS_KEYS = ("episode", "total", "individuals", "groups", "by_status", "by_group", "figures")
TALLY_KEYS = (
    "episode",
    "alive",
    "infected",
    "hambie",
    "zombie",
    "dead",
    "unknown",
    "unseen",
    "total",
)
LINK_KEYS = (
    "from",
    "from_name",
    "to",
    "to_name",
    "episode",
    "status",
    "cause",
    "by_what",
    "place",
    "place_id",
    "sources",
)
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


# --- recap and quiz (aouad/recap.py, aouad/quiz.py): docs/schema/recap.json and quiz.json


def _who(roster: Roster, ident: str) -> Row:
    c = roster.by_id.get(ident)
    return {"id": ident, "name": c.name if c else ident}


def new_row(new: New, roster: Roster) -> Row:
    return {
        "met": [{"id": c.id, "name": c.name} for c in new.met],
        "changed": [{**_who(roster, m.who), "from": m.before, "to": m.after} for m in new.changed],
        "moved": [
            {"from": m.before, "to": m.after, "characters": [_who(roster, w) for w in m.who]}
            for m in new.moved
        ],
    }


def standing_row(s: Standing) -> Row:
    return {
        "episode": s.episode,
        "statuses": {
            status: [{"id": f.character.id, "name": f.character.name} for f in fates]
            for status, fates in s.by_status.items()
        },
        "places": [
            {
                "place": g.place,
                "characters": [
                    {"id": f.character.id, "name": f.character.name, "status": f.status}
                    for f in g.fates
                ],
            }
            for g in s.places
        ],
    }


def recap_row(r: Recap, roster: Roster, episode: int | None) -> Row:
    return {
        "episode": episode,
        "from": r.start,
        "to": r.end,
        "episodes": [
            {
                "episode": e.episode,
                "events": [
                    {
                        "id": ev.id,
                        "summary": ev.summary,
                        "place": roster.place_name(ev.place),
                        "flashback": ev.flashback,
                        "characters": list(ev.characters),
                        "sources": list(ev.sources),
                    }
                    for ev in e.events
                ],
                "new": new_row(e.new, roster),
            }
            for e in r.episodes
        ],
        "standing": standing_row(r.standing),
    }


def question_row(q: Question, seed: int, episode: int | None) -> Row:
    letters = "abcd"
    return {
        "number": q.number,
        "kind": q.fact.kind,
        "about": q.fact.about,
        "question": q.fact.question,
        "options": dict(zip(letters, q.options)),
        "answer": letters[q.answer],
        "answer_text": q.options[q.answer],
        "explanation": q.fact.explanation,
        "sources": list(q.fact.sources),
        "seed": seed,
        "episode": episode,
    }


RECAP_KEYS = ("episode", "from", "to", "episodes", "standing")
QUESTION_KEYS = (
    "number",
    "kind",
    "about",
    "question",
    "options",
    "answer",
    "answer_text",
    "explanation",
    "sources",
    "seed",
    "episode",
)


def page_row(path: str, episode: int, gated: bool, characters: int, size: int) -> Row:
    """What `aouad html` wrote: where, as of which episode, how many characters, how big."""
    return {
        "file": path,
        "episode": episode,
        "gated": gated,
        "characters": characters,
        "bytes": size,
    }


PAGE_KEYS = ("file", "episode", "gated", "characters", "bytes")
GRAPH_KEYS = ("nodes", "edges")
