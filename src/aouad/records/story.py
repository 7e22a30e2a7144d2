"""recap, quiz and the web page (aouad/recap.py, aouad/quiz.py, pagefile.py):
docs/schema/recap.json, quiz.json and page.json.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Roster
    from ..quiz import Question
    from ..recap import New, Recap, Standing

Row = dict[str, Any]


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


def page_row(path: str, episode: int, gated: bool, characters: int, size: int) -> Row:
    """What `aouad html` wrote: where, as of which episode, how many characters, how big."""
    return {
        "file": path,
        "episode": episode,
        "gated": gated,
        "characters": characters,
        "bytes": size,
    }


# The keys of each row, in order: what --fields accepts (a test pins them to the rows).
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
PAGE_KEYS = ("file", "episode", "gated", "characters", "bytes")
