"""relationships.yaml -> Relationships, checked against a built roster, every problem at once.

The file is optional: a roster directory without it has no relationships. Each problem reads
``file:line:column: what is wrong (what was expected)``, as for the other two files.
Bites, infections and killings are not typed here: they are derived from the timeline.
"""

from __future__ import annotations

from typing import Any

from .errors import Problem
from .model import (
    DERIVED_KINDS,
    EPISODES,
    RELATIONSHIP_KINDS,
    SYMMETRIC_KINDS,
    Relationship,
    Roster,
    Source,
)
from .validate_characters import check_known, check_sources, parse_disputes
from .validate_rules import (
    ABSENT,
    STOPPED,
    Checker,
    TooMany,
    is_episode,
    is_slug,
    is_text_or_null,
    kind_of,
    rule,
    suggest,
)
from .yaml_nodes import Map

FILE = "relationships.yaml"
RELATIONSHIP_FIELDS = ("a", "b", "kind", "episode", "sources", "note", "disputes")
# Kinds a pair may carry more than once, one record per occasion (two rescues in two episodes).
REPEATABLE = ("rescued",)


@rule(f"one of: {', '.join(RELATIONSHIP_KINDS)}")
def is_kind(v: Any) -> str | None:
    if v in RELATIONSHIP_KINDS:
        return None
    if v in DERIVED_KINDS:
        return f"{v!r} is derived from the timeline (a status change with 'by'), never typed"
    return f"unknown kind {str(v)[:40]!r}{suggest(str(v), RELATIONSHIP_KINDS)}"


def met_episodes(roster: Roster) -> dict[str, int]:
    """The episode from which a viewer has met each character, as the viewpoint counts it:
    first_episode, else the earlier of seen_by and the first event that involves them."""
    shown: dict[str, int] = {}
    for event in roster.events:
        for who in event.characters:
            if event.episode < shown.get(who, EPISODES + 1):
                shown[who] = event.episode
    met = {}
    for c in roster.characters:
        if c.first_episode is not None:
            met[c.id] = c.first_episode
        else:
            met[c.id] = min(c.seen_by or EPISODES + 1, shown.get(c.id, EPISODES + 1))
    return met


def check(doc: Any, path: str, roster: Roster, problems: list[Problem]) -> tuple[Relationship, ...]:
    """The relationships in ``doc`` (parsed relationships.yaml), adding a Problem for each fault."""
    c = Checker(path, problems)
    try:
        return _check(c, doc, roster)
    except TooMany:
        problems.append(Problem(path, 0, 0, STOPPED))
        return ()


def _check(c: Checker, doc: Any, roster: Roster) -> tuple[Relationship, ...]:
    if not isinstance(doc, Map):
        c.add((1, 1), f"the file holds {kind_of(doc)} (expected a mapping with 'relationships')")
        return ()
    c.fields(doc, ("relationships",), "the file")
    if "relationships" not in doc:
        c.add((1, 1), "no 'relationships' at the top (expected a 'relationships' list)")
        return ()
    items = c.sequence(doc["relationships"], c.value_at(doc, "relationships"), "relationships")
    ids = set(roster.by_id)
    source_keys = roster.source_by_key  # key -> Source: its grade says what it may back
    met = met_episodes(roster)
    out: list[Relationship] = []
    first_line: dict[tuple[Any, ...], int] = {}
    for i, node in enumerate(items):
        record = c.mapping(node, items.item_at[i], f"relationship #{i + 1}")
        if record is None:
            continue
        what = f"relationship #{i + 1}"
        c.fields(record, RELATIONSHIP_FIELDS, what)
        a = c.get(record, "a", is_slug, required=True, what=what)
        b = c.get(record, "b", is_slug, required=True, what=what)
        kind = c.get(record, "kind", is_kind, required=True, what=what)
        episode = c.get(record, "episode", is_episode, required=True, what=what)
        note = c.get(record, "note", is_text_or_null, required=False, what=what)
        sources = check_sources(c, record, source_keys, required=True, what=what)
        _not_weak_alone(c, record, sources, source_keys, what)
        disputes = parse_disputes(c, record, source_keys, what)
        ends_known = all(
            check_known(c, who, c.value_at(record, end), ids)
            for end, who in (("a", a), ("b", b))
            if who is not ABSENT
        )
        if ABSENT in (a, b, kind, episode) or not ends_known:
            continue
        if a == b:
            c.add(
                c.value_at(record, "b"),
                f"{what} relates {a!r} to themselves (expected two different characters)",
            )
            continue
        _once(c, record, first_line, a, b, kind, episode, what)
        for end, who in (("a", a), ("b", b)):
            if episode < met[who]:
                c.add(
                    c.value_at(record, "episode"),
                    f"episode {episode} is before {who!r} is met (episode {met[who]}) "
                    f"(expected {max(met[a], met[b])} or later: the first episode a viewer knows "
                    "both)",
                )
                break
        out.append(
            Relationship(
                a, b, kind, episode, sources, note if note is not ABSENT else None, disputes
            )
        )
    return tuple(out)


def _not_weak_alone(
    c: Checker, record: Map, sources: tuple[str, ...], by_key: dict[str, Source], what: str
) -> None:
    """A relationship rests on at least one source graded good: a weak source (fan wiki, blog,
    unverified mirror) may stand beside one, never alone, as for fates. (All unreliable is
    refused already, by _check_sources.)"""
    graded = [by_key[k] for k in sources if k in by_key]
    if (
        graded
        and len(graded) == len(sources)
        and all(s.grade != "good" for s in graded)
        and any(s.grade == "weak" for s in graded)
    ):
        c.add(
            c.value_at(record, "sources"),
            f"{what}: every source is graded weak or unreliable "
            f"({', '.join(sources)}) (expected at least one source graded good: a weak source "
            "never stands alone)",
        )


def _once(
    c: Checker,
    record: Map,
    first_line: dict[tuple[Any, ...], int],
    a: str,
    b: str,
    kind: str,
    episode: int,
    what: str,
) -> None:
    """A pair is typed once per kind: a symmetric kind in either order; a rescue once per
    episode."""
    if kind in SYMMETRIC_KINDS:
        key: tuple[Any, ...] = (min(a, b), max(a, b), kind)
        expected = "each symmetric pair once, in either order"
    elif kind in REPEATABLE:
        key = (a, b, kind, episode)
        expected = "one record per occasion: another episode, or one record"
    else:
        key = (a, b, kind)
        expected = "each pair once for this kind"
    line = c.value_at(record, "a")[0]
    if key in first_line:
        c.add(
            c.value_at(record, "kind"),
            f"{what}: {a} {kind} {b} is already given on line {first_line[key]} "
            f"(expected {expected})",
        )
        return
    first_line[key] = line
