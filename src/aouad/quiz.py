"""Multiple-choice questions made from the data, as a viewer at some episode knows it.

Every fact and every wrong option comes from the roster the viewpoint gated: a question can
only be about a character already met and a fact already shown, and a wrong option is always
something the viewer has also seen (another met character's actor, an episode already
watched), so no option can give away a later character or episode. What is not settled is
never asked: a fact the sources dispute (``unsettled``, worked out from the full data and used
only to leave facts out), and an episode the sources only bound (``earliest_episode``).

The same seed gives the same quiz from the same data and episode; random.Random is seeded
with it and only ever walks lists in the roster's own order.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from .errors import UsageError
from .model import EPISODES, INFECTIOUS, Roster
from .recap import place_words, same_place, whereabouts
from .viewpoint import Viewpoint

# In the order --kinds lists them. "parent" needs relationship data (see parent_links).
KINDS = ("by", "episode", "place", "parent", "actor", "hangul")
FATE_KINDS = frozenset({"by", "episode", "place"})
OPTIONS = 4
DEFAULT_COUNT = 10
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


class Question(NamedTuple):
    number: int
    fact: Fact
    options: tuple[str, ...]  # OPTIONS of them, the answer among them
    answer: int  # its index in options


class Unsettled(NamedTuple):
    """What not to ask, from the full data: its disputes and notes are hidden under a gate."""

    kinds: dict[str, frozenset[str]]  # character id -> kinds of question not to ask about them
    changes: frozenset[
        tuple[str, str]
    ]  # (event id, who): a change whose note records a disagreement


# A change's note that says the sources disagree (the data records some disagreements there).
DISAGREEMENT = re.compile(r"disput|disagree|differ|instead|contradict", re.IGNORECASE)


def disputed_kinds(about: str) -> frozenset[str]:
    """The kinds of question a dispute about ``about`` rules out.

    ``about`` is free text ("family name", "his end in episode 4"), so this leans to caution:
    a dispute over a name or an actor rules out those questions; any other dispute rules out
    every question about the character's fate (by whom, which episode, where).
    """
    text = about.casefold()
    kinds = set()
    if re.search(r"\bactor|\bactress|\bplayed\b|\bcast", text):
        kinds.add("actor")
    if re.search(r"name|hangul", text):
        kinds.add("hangul")
    if re.search(r"\b(parent|mother|father|son|daughter|family)\b", text) and "name" not in text:
        kinds.add("parent")
    if not kinds & {"actor", "hangul"}:
        kinds |= FATE_KINDS
    return frozenset(kinds)


def unsettled(full: Roster) -> Unsettled:
    kinds = {
        c.id: frozenset().union(*(disputed_kinds(d.about) for d in c.disputes))
        for c in full.characters
        if c.disputes
    }
    changes = frozenset(
        (e.id, ch.who)
        for e in full.events
        for ch in e.changes
        if ch.note and DISAGREEMENT.search(ch.note)
    )
    return Unsettled(kinds, changes)


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
    out: list[Fact] = []
    names = {c.id: c.name for c in roster.characters}

    def ok(who: str, kind: str) -> bool:
        return kind not in skip.kinds.get(who, frozenset())

    # by: who infected or killed X (one character named, not X)
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

    # episode: in which episode X turns or dies (never a range the sources leave open)
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

    # place: where X ends up, or is last placed, as of the viewer's episode
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

    # parent: only from relationship data
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

    # actor and hangul: from the character's own record
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
    return [f for f in out if len(f.pool) >= OPTIONS - 1]


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


def kinds_wanted(text: str | None, roster: Roster) -> tuple[str, ...]:
    """The kinds --kinds asks for (all the roster can answer when not given)."""
    available = tuple(k for k in KINDS if k != "parent" or has_relationships(roster))
    if not text:
        return available
    wanted = tuple(dict.fromkeys(k.strip().lower() for k in text.split(",") if k.strip()))
    for kind in wanted:
        if kind == "parent" and kind not in available:
            raise UsageError(
                "--kinds parent needs relationship data, which this roster does not have "
                f"(expected some of: {', '.join(available)})"
            )
        if kind not in available:
            raise UsageError(
                f"unknown kind {kind!r} for --kinds (expected some of: {', '.join(available)})"
            )
    return wanted or available


def make(
    roster: Roster, *, seed: int, count: int | None, kinds: tuple[str, ...], skip: Unsettled
) -> list[Question]:
    """``count`` questions (None: up to DEFAULT_COUNT), drawn in turn from each kind asked."""
    possible = [f for f in facts(roster, skip) if f.kind in kinds]
    if count is not None and count > len(possible):
        where = (
            f"as of episode {roster.episode}"
            if roster.episode and roster.episode < EPISODES
            else "from the data"
        )
        asked = f"--kinds {','.join(kinds)}"
        if not possible:
            raise UsageError(
                f"no question is possible {where} with {asked} (each needs a settled fact and "
                f"{OPTIONS - 1} other options the viewer has seen; try other --kinds or a later "
                "episode)"
            )
        raise UsageError(
            f"only {len(possible)} question(s) are possible {where} with {asked}; "
            f"ask for at most {len(possible)} (-n {len(possible)})"
        )
    wanted = min(DEFAULT_COUNT, len(possible)) if count is None else count
    rng = random.Random(seed)
    queues = {k: [f for f in possible if f.kind == k] for k in kinds}
    for queue in queues.values():
        rng.shuffle(queue)
    order = [k for k in kinds if queues[k]]
    rng.shuffle(order)
    chosen: list[Fact] = []
    while len(chosen) < wanted:
        for kind in order:
            if queues[kind] and len(chosen) < wanted:
                chosen.append(queues[kind].pop())
    rng.shuffle(chosen)
    questions = []
    for number, fact in enumerate(chosen, 1):
        options = [*rng.sample(fact.pool, OPTIONS - 1), fact.answer]
        rng.shuffle(options)
        questions.append(Question(number, fact, tuple(options), options.index(fact.answer)))
    return questions


def ask(
    full: Roster, view: Viewpoint, *, seed: int | None, count: int | None, kinds: str | None
) -> tuple[int, list[Question]]:
    """A quiz for ``view`` from the full roster: (the seed used, the questions)."""
    skip = unsettled(full)  # from the full data, only to leave questions out
    roster = view.see(full)
    used = seed if seed is not None else fresh_seed()
    return used, make(roster, seed=used, count=count, kinds=kinds_wanted(kinds, roster), skip=skip)


def fresh_seed() -> int:
    """A seed for a quiz asked without one: printed with it, so it can be asked again."""
    return random.SystemRandom().randrange(1, 100_000)
