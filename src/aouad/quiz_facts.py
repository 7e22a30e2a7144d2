"""The facts a quiz can ask, one function a kind of question (see quiz.py for the rules).

Each fact carries its wrong options ("pool"): things the viewer has also seen, distinct from
the answer, so no option can give away a later character or episode.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from .model import EPISODES, INFECTIOUS, Roster
from .recap import place_words, same_place, whereabouts

OPTIONS = 4
HAMBIE = "hambie (half-zombie)"


class Fact(NamedTuple):
    """One question the data can answer, with the wrong answers it may be offered with."""

    kind: str
    about: str  # the id of the character it is about
    question: str
    answer: str
    pool: tuple[str, ...]  # wrong options, each known to the viewer and distinct from the answer
    explanation: str
    sources: tuple[str, ...]


class Unsettled(NamedTuple):
    """What not to ask, from the full data: its disputes and notes are hidden under a gate."""

    kinds: dict[str, frozenset[str]]  # character id -> kinds of question not to ask about them
    changes: frozenset[
        tuple[str, str]
    ]  # (event id, who): a change whose note records a disagreement


Ok = Callable[[str, str], bool]  # (character id, kind): may this be asked?


def parent_links(roster: Roster) -> list[tuple[str, str, tuple[str, ...]]]:
    """(parent id, child id, sources) for each parent relation among characters met.

    Relationships are not part of this roster's data yet: a roster without them yields none,
    and then no parent question is possible. A relationship is read as an object with a
    ``kind`` of "parent" naming the parent and the child.
    """
    out = []
    for rel in getattr(roster, "relationships", ()) or ():
        if getattr(rel, "kind", None) != "parent":
            continue
        parent = next((v for a in ("parent", "source", "a") if (v := getattr(rel, a, None))), None)
        child = next((v for a in ("child", "target", "b") if (v := getattr(rel, a, None))), None)
        if parent in roster.by_id and child in roster.by_id:
            out.append((parent, child, tuple(getattr(rel, "sources", ()) or ())))
    return out


def has_relationships(roster: Roster) -> bool:
    return bool(getattr(roster, "relationships", ()))


def _distinct(values: Iterable[str | None], *, besides: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for v in values:
        if v and v != besides:
            seen.setdefault(v, None)
    return tuple(seen)


def facts(roster: Roster, skip: Unsettled) -> list[Fact]:
    """Every question the roster can answer with OPTIONS distinct options, in the roster's order."""
    names = {c.id: c.name for c in roster.characters}

    def ok(who: str, kind: str) -> bool:
        return kind not in skip.kinds.get(who, frozenset())

    out = [f for make in MAKERS for f in make(roster, names, ok, skip)]
    return [f for f in out if len(f.pool) >= OPTIONS - 1]


def _by_facts(roster: Roster, names: dict[str, str], ok: Ok, skip: Unsettled) -> list[Fact]:
    """By: who infected or killed X (one character named, not X)."""
    out: list[Fact] = []
    attackers = _distinct(
        (names.get(b) for e in roster.events for ch in e.changes for b in ch.by), besides=""
    )
    for who, fate in roster.fates.items():
        if not ok(who, "by"):
            continue
        involved = {b for ch in fate.history for b in ch.by} | {who}
        others = tuple(n for n in attackers if n not in {names.get(i) for i in involved})
        if len(others) < OPTIONS - 1:
            others = tuple(c.name for c in roster.characters if c.id not in involved)
        asked: set[str] = set()
        before = "alive"
        for ch in fate.history:
            if ch.status == before:
                continue  # a restatement, not a new turn
            before = ch.status
            verb = (
                "infected" if ch.status in INFECTIOUS else "killed" if ch.status == "dead" else None
            )
            if verb is None or verb in asked:
                continue
            asked.add(verb)  # only the first infection and the death
            if verb == "infected" and "infected" not in roster.statuses:
                continue
            if (
                len(ch.by) != 1
                or ch.by[0] not in names
                or ch.by[0] == who
                or (ch.event_id, who) in skip.changes
            ):
                continue
            out.append(
                Fact(
                    "by",
                    who,
                    f"Who {verb} {names[who]}?",
                    names[ch.by[0]],
                    others,
                    _change_line(names[who], ch.status, ch),
                    ch.sources,
                )
            )
    return out


def _episode_facts(roster: Roster, names: dict[str, str], ok: Ok, skip: Unsettled) -> list[Fact]:
    """Episode: in which episode X turns or dies (never a range the sources leave open)."""
    out: list[Fact] = []
    last = roster.episode or EPISODES
    for who, fate in roster.fates.items():
        if not ok(who, "episode"):
            continue
        done: set[str] = set()
        for ch in fate.history:
            if ch.status not in ("zombie", "hambie", "dead") or ch.status in done:
                continue
            done.add(ch.status)
            if ch.earliest_episode is not None or (ch.event_id, who) in skip.changes:
                continue
            what = {"zombie": "turn into a zombie", "hambie": f"become a {HAMBIE}", "dead": "die"}[
                ch.status
            ]
            answer = f"episode {ch.episode}"
            pool = _distinct(
                (f"episode {n}" for n in range(1, min(last, EPISODES) + 1)), besides=answer
            )
            out.append(
                Fact(
                    "episode",
                    who,
                    f"{names[who]}: in which episode do they {what}?",
                    answer,
                    pool,
                    _change_line(names[who], ch.status, ch),
                    ch.sources,
                )
            )
    return out


def _place_facts(roster: Roster, names: dict[str, str], ok: Ok, skip: Unsettled) -> list[Fact]:
    """Place: where X ends up, or is last placed, as of the viewer's episode."""
    out: list[Fact] = []
    last = roster.episode or EPISODES
    where = whereabouts(roster)
    places = tuple(
        p for p in _distinct((s.place for s in where.values()), besides="") if not vague(p)
    )
    pools: dict[str, tuple[str, ...]] = {}  # by answer: the places plainly elsewhere, pairwise too
    for who, seen in where.items():
        if not ok(who, "place") or (seen.event_id, who) in skip.changes or seen.place not in places:
            continue
        if seen.place not in pools:
            pool: tuple[str, ...] = ()
            for p in places:
                if not any(same_place(p, q) for q in (seen.place, *pool)):
                    pool += (p,)
            pools[seen.place] = pool
        pool = pools[seen.place]
        # "they": a name can stand for several people ("Hyosan city officials")
        question = (
            f"{names[who]}: where do they end up?"
            if last >= EPISODES
            else f"{names[who]}: where are they last placed, as of episode {last}?"
        )
        out.append(
            Fact(
                "place",
                who,
                question,
                seen.place,
                pool,
                f"{names[who]}: {seen.place} (episode {seen.episode})",
                seen.sources,
            )
        )
    return out


def _parent_facts(roster: Roster, names: dict[str, str], ok: Ok, skip: Unsettled) -> list[Fact]:
    """Parent: only from relationship data."""
    out: list[Fact] = []
    links = parent_links(roster)
    parents_of: dict[str, set[str]] = {}
    for parent, child, _ in links:
        parents_of.setdefault(child, set()).add(parent)
    asked: set[str] = set()
    for parent, child, sources in links:
        # one question per child: with two parents in the data the other one is left out of the
        # options, and the same question twice would be one fact asked twice
        if child in asked or not ok(child, "parent"):
            continue
        asked.add(child)
        pool = tuple(
            c.name
            for c in roster.characters
            if c.id not in parents_of[child] | {child} and c.group != "student"
        )
        out.append(
            Fact(
                "parent",
                child,
                f"Who is {names[child]}'s parent?",
                names[parent],
                pool,
                f"{names[parent]} is {names[child]}'s parent.",
                sources,
            )
        )
    return out


def _record_facts(roster: Roster, names: dict[str, str], ok: Ok, skip: Unsettled) -> list[Fact]:
    """Actor and hangul: from the character's own record."""
    out: list[Fact] = []
    for c in roster.characters:
        if c.actor and ok(c.id, "actor"):
            pool = _distinct((o.actor for o in roster.characters if o.id != c.id), besides=c.actor)
            out.append(
                Fact(
                    "actor",
                    c.id,
                    f"Which actor plays {c.name}?",
                    c.actor,
                    pool,
                    f"{c.name} is played by {c.actor}.",
                    c.sources,
                )
            )
    for c in roster.characters:
        if c.hangul and ok(c.id, "hangul"):
            pool = _distinct(
                (o.hangul for o in roster.characters if o.id != c.id), besides=c.hangul
            )
            out.append(
                Fact(
                    "hangul",
                    c.id,
                    f"How is {c.name}'s name written in Hangul?",
                    c.hangul,
                    pool,
                    f"{c.name} is written {c.hangul}.",
                    c.sources,
                )
            )
    return out


MAKERS = (_by_facts, _episode_facts, _place_facts, _parent_facts, _record_facts)


# A place with no word of its own ("Hyosan High") could hold many others, and one the data
# does not know is no place: neither is ever an answer or a wrong option (recap.same_place).
UNPLACED = re.compile(r"not found|unknown|not stated|not known", re.IGNORECASE)


def vague(place: str) -> bool:
    return not place_words(place) or bool(UNPLACED.search(place))


def _change_line(name: str, status: str, ch: Any) -> str:
    when = f"episode {ch.episode}"
    if ch.confirmed_episode and ch.confirmed_episode != ch.episode:
        when += f", confirmed in episode {ch.confirmed_episode}"
    word = HAMBIE if status == "hambie" else status
    return f"{name} ({word}, {when}): {ch.cause or 'how is not known'}"
