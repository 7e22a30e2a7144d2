"""What a fact may rest on: source grades, and when each living character was last seen.

* Every source carries a grade (good, weak, unreliable) and the reason for it. A fact whose
  sources are all unreliable is refused: an unreliable source is kept so the record says what
  it claims, never to back anything on its own.
* A character who is still living at the end says in which episode a source last shows them,
  and that episode cannot be earlier than an event that shows them.

Run by validate.build_roster (sources are read by validate_characters, which uses is_grade).
"""

from __future__ import annotations

from typing import Any

from .model import EPISODES, GRADES, SURVIVING, Roster, Sighting, Source
from .validate_rules import (
    ABSENT,
    Checker,
    is_episode,
    is_source_list,
    is_text_or_null,
    kind_of,
    rule,
    short,
    suggest,
)
from .yaml_nodes import Map

SIGHTING_FIELDS = ("episode", "sources", "note")


def all_unreliable(keys: tuple[str, ...] | list[str], sources: dict[str, Source]) -> bool:
    """Whether every key names a known source graded unreliable (unknown keys: reported
    elsewhere)."""
    return bool(keys) and all(k in sources and not sources[k].counts for k in keys)


def refuse_unreliable(
    c: Checker, at: tuple[int, int], keys: Any, sources: dict[str, Source], what: str
) -> None:
    if isinstance(keys, list) and all_unreliable(keys, sources):
        c.add(
            at,
            f"{what}: every source is graded unreliable ({', '.join(map(str, keys))}) "
            "(expected at least one source graded good or weak: an unreliable source backs "
            "nothing on its own)",
        )


def sighting(c: Checker, record: Map, sources: dict[str, Source], what: str) -> Sighting | None:
    """``last_seen: {episode: N, sources: [...], note: ...}`` on a character, or None."""
    if "last_seen" not in record:
        return None
    node = c.mapping(record["last_seen"], c.value_at(record, "last_seen"), f"{what} last_seen")
    if node is None:
        return None
    swhat = f"{what} last_seen"
    c.fields(node, SIGHTING_FIELDS, swhat)
    episode = c.get(node, "episode", is_episode, required=True, what=swhat)
    keys = c.get(node, "sources", is_source_list, required=True, what=swhat)
    note = c.get(node, "note", is_text_or_null, required=False, what=swhat)
    if keys is not ABSENT:
        for i, key in enumerate(keys):
            if key not in sources:
                c.add(
                    keys.item_at[i],
                    f"unknown source {key!r} (expected a key under "
                    f"'sources:'{suggest(key, sorted(sources))})",
                )
        refuse_unreliable(c, c.value_at(node, "sources"), keys, sources, f"{swhat} sources")
    if episode is ABSENT or keys is ABSENT:
        return None
    return Sighting(episode, tuple(keys), None if note is ABSENT else note)


def check_sightings(
    c: Checker, roster: Roster, char_at: dict[str, Map], *, require: bool = True
) -> None:
    """Living at the end means a last sighting; no sighting is earlier than an event showing them.

    ``require`` False (the timeline has problems of its own) skips the first rule: a dropped
    event can leave someone "alive" who is not, and the problem would be noise.
    """
    shown: dict[
        str, tuple[int, str]
    ] = {}  # who -> (the latest episode an event surely shows them, event id)
    for event in roster.events:
        if event.flashback:
            continue
        for who in event.characters:
            ranged = [
                ch.earliest_episode for ch in event.changes if ch.who == who and ch.earliest_episode
            ]
            episode = (
                min(ranged) if ranged else event.episode
            )  # a ranged change only bounds the episode
            if who not in shown or episode > shown[who][0]:
                shown[who] = (episode, event.id)
    for fate in roster.fates.values():
        character = fate.character
        record = char_at[character.id]
        seen = character.last_seen
        if seen is None:
            if require and fate.history and fate.status in SURVIVING:
                c.add(
                    (record.line, record.column),
                    f"character {character.id!r} ends {fate.status} but has no 'last_seen' "
                    "(expected last_seen: {episode: N, sources: [...]}, the last episode a "
                    "source shows them)",
                )
            continue
        at = c.value_at(record, "last_seen")
        latest = shown.get(character.id)
        if latest is not None and seen.episode < latest[0]:
            c.add(
                at,
                f"last_seen {seen.episode} is before event {latest[1]!r} (episode {latest[0]}), "
                f"which shows them (expected {latest[0]} to {EPISODES})",
            )
        first = character.first_episode or character.seen_by
        if first is not None and seen.episode < first:
            c.add(
                at,
                f"last_seen {seen.episode} is before they are first on screen (episode {first}) "
                f"(expected {first} to {EPISODES})",
            )


@rule(f"one of: {', '.join(GRADES)}")
def is_grade(v: Any) -> str | None:
    if v in GRADES:
        return None
    return (
        f"unknown grade {short(v)!r}{suggest(str(v), GRADES)}"
        if isinstance(v, str)
        else f"got {kind_of(v)}"
    )
