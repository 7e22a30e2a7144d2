"""Parsed YAML -> a Roster, or a DataError listing every problem at once.

Reading (bytes -> located nodes) is load.py's; here the record schema runs over the nodes
(validate_characters, validate_places, validate_events), then the cross-checks that need the
whole roster: the timeline (below: a status change for everyone, nothing after death, no
first episode after a first change), names that tell characters apart, and last sightings
(validate_trust). relationships.yaml is checked after, against the built roster
(validate_relationships). Each problem reads ``file:line:column: what is wrong (what was
expected)``, and checking goes on after a problem so one run shows them all.
"""

from __future__ import annotations

from typing import Any

from .errors import DataError, Problem
from .model import Roster
from .validate_characters import parse_characters, parse_sources
from .validate_events import parse_events
from .validate_places import parse_places
from .validate_rules import STOPPED, Checker, TooMany, reset_suggestions
from .validate_trust import check_sightings
from .yaml_nodes import Map


def build_roster(
    characters_doc: Any, events_doc: Any, paths: tuple[str, str], origin: str = "bundled"
) -> Roster:
    problems: list[Problem] = []
    cpath, epath = paths
    cc = Checker(cpath, problems)
    ec = Checker(epath, problems)
    reset_suggestions()

    try:
        sources = parse_sources(cc, characters_doc)
        # key -> Source: a key's grade is at hand wherever sources are cited (validate_trust)
        source_keys = {s.key: s for s in sources}
        places = parse_places(cc, characters_doc)
        characters, char_at = parse_characters(cc, characters_doc, source_keys)
        events, figures, event_lines = parse_events(
            ec, events_doc, source_keys, {c.id for c in characters}, {p.id: p for p in places}
        )
        roster = Roster(
            tuple(sources),
            tuple(characters),
            tuple(events),
            tuple(figures),
            tuple(places),
            origin=origin,
        )
        if isinstance(events_doc, Map) and "events" in events_doc:
            # Without a readable timeline every character would "lack" a change: noise, not news.
            # a broken timeline can leave someone "alive" only because their death was dropped
            timeline_ok = not any(p.path == epath for p in problems)
            _cross_checks(cc, ec, roster, char_at, event_lines)
            check_sightings(cc, roster, char_at, require=timeline_ok)
    except TooMany:  # see MAX_PROBLEMS: stop checking, say so first (0:0 sorts to the top)
        problems.append(Problem(problems[-1].path, 0, 0, STOPPED))
        raise DataError(problems) from None
    if problems:
        raise DataError(problems)
    return roster


def _cross_checks(
    cc: Checker, ec: Checker, roster: Roster, char_at: dict[str, Map], event_lines: dict[str, int]
) -> None:
    from .names import collisions

    # The first event (not a flashback) that involves each character: they are on screen by then.
    first_shown: dict[str, tuple[int, str]] = {}
    for event in roster.events:
        if event.flashback:
            continue
        for who in event.characters:
            if who not in first_shown or event.episode < first_shown[who][0]:
                first_shown[who] = (event.episode, event.id)
    for fate in roster.fates.values():
        character = fate.character
        record = char_at[character.id]
        where = (record.line, record.column)
        if not fate.history:
            cc.add(
                where,
                f"character {character.id!r} has no status change in events.yaml "
                "(expected at least one, stating how they end: e.g. status: alive with a place)",
            )
            continue
        shown = first_shown.get(character.id)
        if character.seen_by is not None and shown is not None and shown[0] < character.seen_by:
            cc.add(
                record.value_at.get("seen_by", where),
                f"seen_by {character.seen_by} is later than event {shown[1]!r} "
                f"(episode {shown[0]}), which already involves them "
                f"(expected {shown[0]} or earlier)",
            )
        first = fate.history[0]
        if character.first_episode is not None and first.episode < character.first_episode:
            cc.add(
                record.value_at.get("first_episode", where),
                f"first_episode {character.first_episode} is after their first status change "
                f"(event {first.event_id!r}, episode {first.episode}) "
                f"(expected {first.episode} or earlier)",
            )
        for earlier, later in zip(fate.history, fate.history[1:]):
            if earlier.status == "dead":
                ec.add(
                    (event_lines.get(later.event_id, 1), 1),
                    f"{character.id!r} changes to {later.status!r} in event {later.event_id!r} "
                    f"after dying in event {earlier.event_id!r} (expected nothing after 'dead')",
                )
                break
    for a, b, key in collisions(roster):
        record = char_at[b]
        cc.add(
            (record.line, record.column),
            f"character {b!r} shares the name form {key!r} with {a!r} (expected names, aliases and "
            "Hangul that tell characters apart)",
        )
