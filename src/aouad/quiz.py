"""Multiple-choice questions made from the data, as a viewer at some episode knows it.

Every fact and every wrong option comes from the roster the viewpoint gated: a question can
only be about a character already met and a fact already shown, and a wrong option is always
something the viewer has also seen (another met character's actor, an episode already
watched), so no option can give away a later character or episode. What is not settled is
never asked: a fact the sources dispute (``unsettled``, worked out from the full data and used
only to leave facts out), and an episode the sources only bound (``earliest_episode``).

The facts a roster can answer are made in quiz_facts.py, one function a kind; here they are
chosen, shuffled and turned into questions.

The same seed gives the same quiz from the same data and episode; random.Random is seeded
with it and only ever walks lists in the roster's own order.
"""

from __future__ import annotations

import random
import re
from typing import NamedTuple

from .errors import UsageError
from .model import EPISODES, Roster
from .quiz_facts import OPTIONS, Fact, Unsettled, facts, has_relationships
from .quiz_facts import vague as vague  # tests and callers ask quiz.vague
from .viewpoint import Viewpoint

# In the order --kinds lists them. "parent" needs relationship data (quiz_facts.parent_links).
KINDS = ("by", "episode", "place", "parent", "actor", "hangul")
FATE_KINDS = frozenset({"by", "episode", "place"})
DEFAULT_COUNT = 10


class Question(NamedTuple):
    number: int
    fact: Fact
    options: tuple[str, ...]  # OPTIONS of them, the answer among them
    answer: int  # its index in options


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
