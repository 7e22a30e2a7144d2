"""events.yaml's records: the events, the status changes they hold, and the figures.

The record schema (each field's type and shape) and the references a record makes to
characters, sources and places; the timeline as a whole is checked after, in validate.py.
"""

from __future__ import annotations

from typing import Any

from .model import Change, Event, Figure, Source
from .validate_characters import check_known, check_sources, file_top
from .validate_rules import (
    ABSENT,
    Checker,
    is_bool,
    is_count,
    is_episode,
    is_slug,
    is_slug_list,
    is_status,
    is_text,
    is_text_or_null,
    text_or_blank,
    unknown_to_none,
)
from .yaml_nodes import Map

EVENT_FIELDS = (
    "id",
    "episode",
    "summary",
    "place",
    "flashback",
    "characters",
    "changes",
    "sources",
    "note",
    "key",
)
CHANGE_FIELDS = (
    "who",
    "status",
    "cause",
    "by",
    "by_what",
    "place",
    "confirmed_episode",
    "earliest_episode",
    "note",
    "sources",
)
FIGURE_FIELDS = ("id", "label", "value", "episode", "sources", "note")
# Statuses whose change must say how and by whom or what (the value may be `unknown`).
NEEDS_CAUSE = ("infected", "hambie", "zombie", "dead")


def parse_events(
    c: Checker,
    doc: Any,
    source_keys: dict[str, Source],
    character_ids: set[str],
    places: dict[str, Any],
) -> tuple[list[Event], list[Figure], dict[str, int]]:
    from .validate_places import check_place_ref

    top = file_top(c, doc, "events", ("events", "figures"))
    if top is None:
        return [], [], {}
    items = c.sequence(top["events"], c.value_at(top, "events"), "events")
    events: list[Event] = []
    seen: dict[str, int] = {}
    seq = 0
    for i, node in enumerate(items):
        record = c.mapping(node, items.item_at[i], f"event #{i + 1}")
        if record is None:
            continue
        ident = record.get("id")
        what = f"event {ident!r}" if isinstance(ident, str) else f"event #{i + 1}"
        c.fields(record, EVENT_FIELDS, what)
        eid = c.get(record, "id", is_slug, required=True, what=what)
        episode = c.get(record, "episode", is_episode, required=True, what=what)
        summary = c.get(record, "summary", is_text, required=True, what=what)
        place = c.get(record, "place", is_text_or_null, required=False, what=what)
        check_place_ref(c, record, "place", places, what)
        flashback = c.get(record, "flashback", is_bool, required=False, what=what)
        key = c.get(record, "key", is_bool, required=False, what=what)
        involved = c.get(record, "characters", is_slug_list, required=False, what=what)
        note = c.get(record, "note", is_text_or_null, required=False, what=what)
        sources = check_sources(c, record, source_keys, required=True, what=what)
        if involved is not ABSENT:
            for j, who in enumerate(involved):
                check_known(c, who, involved.item_at[j], character_ids)
        duplicate = False
        if eid is not ABSENT:
            if eid in seen:
                duplicate = True
                c.add(
                    c.value_at(record, "id"),
                    f"duplicate event id {eid!r}, first used on line {seen[eid]} (expected each id "
                    "once)",
                )
            else:
                seen[eid] = c.value_at(record, "id")[0]
        changes: list[Change] = []
        if "changes" in record:
            citems = c.sequence(record["changes"], c.value_at(record, "changes"), f"{what} changes")
            for j, cnode in enumerate(citems):
                seq += 1
                change = _change(
                    c,
                    cnode,
                    citems.item_at[j],
                    f"{what} change #{j + 1}",
                    source_keys,
                    character_ids,
                    eid,
                    episode,
                    place,
                    sources,
                    seq,
                )
                if isinstance(cnode, Map):
                    check_place_ref(c, cnode, "place", places, f"{what} change #{j + 1}")
                if change is not None:
                    changes.append(change)
        seq += 1
        if eid is ABSENT or episode is ABSENT or duplicate:
            continue
        names = list(involved) if involved is not ABSENT else []
        for ch in changes:  # everyone a change names is involved: derived, not typed twice
            names.extend(w for w in (ch.who, *ch.by) if w not in names)
        events.append(
            Event(
                eid,
                episode,
                seq,
                text_or_blank(summary),
                unknown_to_none(place),
                bool(flashback) if flashback is not ABSENT else False,
                tuple(names),
                tuple(changes),
                sources,
                unknown_to_none(note),
                key is True,
            )
        )
    return events, _figures(c, top, source_keys), seen


def _change(
    c: Checker,
    node: Any,
    at: tuple[int, int],
    what: str,
    source_keys: dict[str, Source],
    ids: set[str],
    eid: Any,
    episode: Any,
    event_place: Any,
    event_sources: tuple[str, ...],
    seq: int,
) -> Change | None:
    record = c.mapping(node, at, what)
    if record is None:
        return None
    c.fields(record, CHANGE_FIELDS, what)
    who = c.get(record, "who", is_slug, required=True, what=what)
    status = c.get(record, "status", is_status, required=True, what=what)
    needs = status in NEEDS_CAUSE
    cause = c.get(record, "cause", is_text, required=needs, what=what)
    by = c.get(record, "by", is_slug_list, required=False, what=what)
    by_what = c.get(record, "by_what", is_text_or_null, required=False, what=what)
    place = c.get(record, "place", is_text_or_null, required=False, what=what)
    confirmed = c.get(record, "confirmed_episode", is_episode, required=False, what=what)
    earliest = c.get(record, "earliest_episode", is_episode, required=False, what=what)
    note = c.get(record, "note", is_text_or_null, required=False, what=what)
    sources = check_sources(c, record, source_keys, required=False, what=what) or event_sources
    if who is not ABSENT:
        check_known(c, who, c.value_at(record, "who"), ids)
    if by is not ABSENT:
        for j, agent in enumerate(by):
            check_known(c, agent, by.item_at[j], ids)
    if needs and by in (ABSENT, None) and by_what in (ABSENT, None):
        c.add(
            at,
            f"{what} ({status}) says neither 'by' nor 'by_what' (expected who or what did it, or "
            "by_what: unknown)",
        )
    if needs and place is ABSENT and event_place is ABSENT:
        c.add(
            at,
            f"{what} ({status}) has no place, nor has its event (expected place:, or place: "
            "unknown)",
        )
    if confirmed is not ABSENT and episode is not ABSENT and confirmed < episode:
        c.add(
            c.value_at(record, "confirmed_episode"),
            f"confirmed_episode {confirmed} is before the event's episode {episode} "
            f"(expected {episode} or later)",
        )
    if earliest is not ABSENT and episode is not ABSENT and earliest >= episode:
        c.add(
            c.value_at(record, "earliest_episode"),
            f"earliest_episode {earliest} is not before the event's episode {episode} (expected a "
            f"lower bound, 1 to {episode - 1})",
        )
    if ABSENT in (who, status, eid, episode):
        return None
    return Change(
        who=who,
        status=status,
        episode=episode,
        event_id=eid,
        seq=seq,
        cause=unknown_to_none(cause),
        by=tuple(by) if by not in (ABSENT, None) else (),
        # A change with no place of its own happens at its event's; `unknown` on a change means
        # "not stated" even where its event names a place. Resolved here, once, so the model
        # holds what the JSON says (place_id).
        by_what=unknown_to_none(by_what),
        place=unknown_to_none(event_place) if place in (ABSENT, None) else unknown_to_none(place),
        confirmed_episode=unknown_to_none(confirmed),
        note=unknown_to_none(note),
        sources=sources,
        earliest_episode=unknown_to_none(earliest),
    )


def _figures(c: Checker, top: Map, source_keys: dict[str, Source]) -> list[Figure]:
    if "figures" not in top:
        return []
    items = c.sequence(top["figures"], c.value_at(top, "figures"), "figures")
    out = []
    seen: set[str] = set()
    for i, node in enumerate(items):
        record = c.mapping(node, items.item_at[i], f"figure #{i + 1}")
        if record is None:
            continue
        what = f"figure {record.get('id', i + 1)!r}"
        c.fields(record, FIGURE_FIELDS, what)
        fid = c.get(record, "id", is_slug, required=True, what=what)
        label = c.get(record, "label", is_text, required=True, what=what)
        value = c.get(record, "value", is_count, required=True, what=what)
        episode = c.get(record, "episode", is_episode, required=True, what=what)
        note = c.get(record, "note", is_text_or_null, required=False, what=what)
        sources = check_sources(c, record, source_keys, required=True, what=what)
        if fid in seen:
            c.add(c.value_at(record, "id"), f"duplicate figure id {fid!r} (expected each id once)")
        seen.add(fid)
        if ABSENT not in (fid, label, value, episode):
            out.append(Figure(fid, label, value, episode, sources, unknown_to_none(note)))
    return out
