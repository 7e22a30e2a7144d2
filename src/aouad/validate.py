"""Parsed YAML -> a Roster, or a DataError listing every problem at once.

Each check reports ``file:line:column: what is wrong (what was expected)``, and
checking goes on after a problem so one run shows them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import DataError, Problem
from .load import Map, Seq, clip
from .model import (
    EPISODES,
    GROUPS,
    STATUSES,
    Change,
    Character,
    Dispute,
    Event,
    Figure,
    KINDS,
    Roster,
    Source,
)
from .textsafety import SLUG

UNKNOWN = "unknown"
# Statuses whose change must say how and by whom or what (the value may be `unknown`).
NEEDS_CAUSE = ("infected", "hambie", "zombie", "dead")

CHARACTER_FIELDS = (
    "id",
    "name",
    "hangul",
    "actor",
    "group",
    "role",
    "aliases",
    "first_episode",
    "seen_by",
    "sources",
    "note",
    "disputes",
    "kind",
    "last_seen",
)
SOURCE_FIELDS = ("title", "publisher", "url", "lineage", "grade", "grade_reason")
DISPUTE_FIELDS = ("about", "values", "followed", "why")
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
# Stop after this many problems. Each record can yield several (a list of 50,000 `{}` gives
# 400,000), and each "did you mean" compares against every id: without a stop, a hostile
# file of a few hundred KB costs minutes and gigabytes. A real roster never gets near it.
MAX_PROBLEMS = 200
# "Did you mean" only among this many choices: difflib compares the word with each one.
MAX_SUGGEST_CHOICES = 1000
# ...and only for a word this long: difflib indexes the word first, and no id is near this.
MAX_SUGGEST_WORD = 100
# ...and only while one build_roster has compared fewer characters than this (the sum of
# len(word) * len(choice)): difflib's ratio is quadratic, and 200 problems among 1,000
# similar 100-character source keys took 90 s. A real roster's typos use a few percent.
MAX_SUGGEST_WORK = 2_000_000
_suggest_work = [0]  # spent so far in the current build_roster, which resets it


class _Absent:
    __slots__ = ()


ABSENT = _Absent()


class _TooMany(Exception):
    """Raised by Checker.add at MAX_PROBLEMS; build_roster reports what it has so far."""


def _suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    import difflib  # only when something is misspelt

    if (
        len(choices) > MAX_SUGGEST_CHOICES or len(word) > MAX_SUGGEST_WORD
    ):  # bounded work per problem
        return ""
    work = len(word) * sum(len(choice) for choice in choices)
    if _suggest_work[0] + work > MAX_SUGGEST_WORK:  # bounded work per roster
        return ""
    _suggest_work[0] += work
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class Checker:
    """Collects problems for one file and reads typed fields out of Maps."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def add(self, at: tuple[int, int], message: str) -> None:
        self.problems.append(
            Problem(self.path, at[0], at[1], clip(message))
        )  # see load.MAX_MESSAGE
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooMany

    def at(self, node: Map | Seq) -> tuple[int, int]:
        return (node.line, node.column)

    def value_at(self, record: Map, key: str) -> tuple[int, int]:
        return record.value_at.get(key, (record.line, record.column))

    def mapping(self, node: Any, at: tuple[int, int], what: str) -> Map | None:
        if isinstance(node, Map):
            return node
        self.add(at, f"{what} is {_kind(node)} (expected a mapping)")
        return None

    def sequence(self, node: Any, at: tuple[int, int], what: str) -> Seq | None:
        if isinstance(node, Seq):
            return node
        self.add(at, f"{what} is {_kind(node)} (expected a list)")
        return None

    def fields(self, record: Map, allowed: tuple[str, ...], what: str) -> None:
        for key in record:
            if key not in allowed:
                self.add(
                    record.key_at[key],
                    f"unknown field {key!r} in {what} (expected one of: {', '.join(allowed)}"
                    f"{_suggest(str(key), allowed)})",
                )

    def get(
        self,
        record: Map,
        key: str,
        check: Callable[[Any], str | None],
        *,
        required: bool,
        what: str,
    ) -> Any:
        """The value of ``key`` when ``check`` accepts it, else ABSENT (and a problem)."""
        if key not in record:
            if required:
                self.add(
                    (record.line, record.column),
                    f"{what} has no {key!r} (expected {check.__doc__})",
                )
            return ABSENT
        value = record[key]
        complaint = check(value)
        if complaint is not None:
            self.add(self.value_at(record, key), f"{key}: {complaint} (expected {check.__doc__})")
            return ABSENT
        return value


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, Map):
        return "a mapping"
    if isinstance(value, Seq):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {value!r}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return f"the text {_short(value)!r}"


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


# --- value checks: each returns a complaint or None; the docstring says what is expected.


def is_text(v: Any) -> str | None:
    """non-empty text"""
    if isinstance(v, str) and v.strip():
        return None
    return f"got {_kind(v)}"


def is_text_or_unknown(v: Any) -> str | None:
    """non-empty text, or unknown"""
    return is_text(v)


def is_text_or_null(v: Any) -> str | None:
    """text or nothing"""
    return None if v is None else is_text(v)


def is_slug(v: Any) -> str | None:
    """a lowercase id like 'cheong-san'"""
    if isinstance(v, str) and SLUG.fullmatch(v):
        return None
    return f"got {_kind(v)}"


def is_episode(v: Any) -> str | None:
    """an episode number from 1 to 12"""
    if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= EPISODES:
        return None
    return f"got {_kind(v)}"


def is_episode_or_unknown(v: Any) -> str | None:
    """an episode number from 1 to 12, or unknown"""
    return None if v == UNKNOWN else is_episode(v)


def is_bool(v: Any) -> str | None:
    """true or false"""
    return None if isinstance(v, bool) else f"got {_kind(v)}"


def is_count(v: Any) -> str | None:
    """a whole number, 0 or more"""
    if isinstance(v, int) and not isinstance(v, bool) and v >= 0:
        return None
    return f"got {_kind(v)}"


def is_status(v: Any) -> str | None:
    """one of: alive, infected, hambie, zombie, dead, unknown"""
    if v in STATUSES:
        return None
    return f"unknown status {_short(v)!r}{_suggest(str(v), STATUSES)}"


def is_group(v: Any) -> str | None:
    """one of: student, teacher, staff, family, police, firefighter, military, politician, civilian"""
    if v in GROUPS:
        return None
    return f"unknown group {_short(v)!r}{_suggest(str(v), GROUPS)}"


def is_groups(v: Any) -> str | None:
    """a group (student, teacher, staff, family, police, firefighter, military, politician, civilian), or a list of them, the primary first"""
    if not isinstance(v, Seq):
        return is_group(v)
    if not v:
        return "an empty list"
    for item in v:
        if is_group(item) is not None:
            return is_group(item)
    return "a group listed twice" if len(set(v)) < len(v) else None


def is_kind(v: Any) -> str | None:
    """person or group (a group record stands for several unnamed people and is not counted as one)"""
    return None if v in KINDS else f"got {_kind(v) if not isinstance(v, str) else repr(_short(v))}"


def is_text_list(v: Any) -> str | None:
    """a list of texts"""
    if isinstance(v, Seq) and all(isinstance(x, str) and x.strip() for x in v):
        return None
    return (
        f"got {_kind(v)}" if not isinstance(v, Seq) else "a list holding something other than text"
    )


def is_slug_list(v: Any) -> str | None:
    """a list of character ids"""
    if isinstance(v, Seq) and all(isinstance(x, str) and SLUG.fullmatch(x) for x in v):
        return None
    return (
        f"got {_kind(v)}"
        if not isinstance(v, Seq)
        else "a list holding something that is not an id"
    )


def is_source_list(v: Any) -> str | None:
    """a non-empty list of source keys"""
    if isinstance(v, Seq) and v and all(isinstance(x, str) and x.strip() for x in v):
        return None
    return (
        f"got {_kind(v)}"
        if not isinstance(v, Seq)
        else "an empty list or one holding something that is not a key"
    )


def _unknown_to_none(v: Any) -> Any:
    return None if v == UNKNOWN or v is ABSENT else v


# --- the files


def build_roster(
    characters_doc: Any, events_doc: Any, paths: tuple[str, str], origin: str = "bundled"
) -> Roster:
    problems: list[Problem] = []
    cpath, epath = paths
    cc = Checker(cpath, problems)
    ec = Checker(epath, problems)
    _suggest_work[0] = 0

    try:
        from .validate_places import parse_places

        sources = _sources(cc, characters_doc)
        # key -> Source: a key's grade is at hand wherever sources are cited (validate_trust)
        source_keys = {s.key: s for s in sources}
        places = parse_places(cc, characters_doc)
        characters, char_at = _characters(cc, characters_doc, source_keys)
        events, figures, event_lines = _events(
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
            from .validate_trust import check_sightings

            # a broken timeline can leave someone "alive" only because their death was dropped
            timeline_ok = not any(p.path == epath for p in problems)
            _cross_checks(cc, ec, roster, char_at, event_lines)
            check_sightings(cc, roster, char_at, require=timeline_ok)
    except _TooMany:  # see MAX_PROBLEMS: stop checking, say so first (0:0 sorts to the top)
        problems.append(
            Problem(
                problems[-1].path,
                0,
                0,
                f"stopped checking after {MAX_PROBLEMS} problems "
                "(expected fewer; fix these and run aouad validate again)",
            )
        )
        raise DataError(problems) from None
    if problems:
        raise DataError(problems)
    return roster


def _top(c: Checker, doc: Any, required: str, allowed: tuple[str, ...]) -> Map | None:
    if not isinstance(doc, Map):
        c.add((1, 1), f"the file holds {_kind(doc)} (expected a mapping with {required!r})")
        return None
    c.fields(doc, allowed, "the file")
    if required not in doc:
        c.add((1, 1), f"no {required!r} at the top (expected a {required!r} list)")
        return None
    return doc


def _check_sources(
    c: Checker, record: Map, source_keys: dict[str, Source], *, required: bool, what: str
) -> tuple[str, ...]:
    from .validate_trust import refuse_unreliable

    value = c.get(record, "sources", is_source_list, required=required, what=what)
    if value is ABSENT:
        return ()
    for i, key in enumerate(value):
        if key not in source_keys:
            c.add(
                value.item_at[i],
                f"unknown source {key!r} (expected a key under 'sources:' in characters.yaml{_suggest(key, sorted(source_keys))})",
            )
    refuse_unreliable(c, c.value_at(record, "sources"), value, source_keys, f"{what} sources")
    return tuple(value)


def _sources(c: Checker, doc: Any) -> list[Source]:
    from .validate_trust import is_grade

    top = _top(c, doc, "characters", ("sources", "places", "characters"))
    if top is None or "sources" not in top:
        if top is not None:
            c.add((1, 1), "no 'sources' at the top (expected the sources that records cite)")
        return []
    block = c.mapping(top["sources"], c.value_at(top, "sources"), "sources")
    if block is None:
        return []
    out = []
    for key, entry in block.items():
        what = f"source {key!r}"
        if not isinstance(key, str) or not key.strip():
            c.add(block.key_at[key], f"source key {_kind(key)} (expected text)")
            continue
        record = c.mapping(entry, block.value_at[key], what)
        if record is None:
            continue
        c.fields(record, SOURCE_FIELDS, what)
        title = c.get(record, "title", is_text, required=True, what=what)
        publisher = c.get(record, "publisher", is_text, required=True, what=what)
        url = c.get(record, "url", is_text_or_null, required=False, what=what)
        lineage = c.get(record, "lineage", is_text, required=True, what=what)
        grade = c.get(record, "grade", is_grade, required=True, what=what)
        reason = c.get(record, "grade_reason", is_text, required=True, what=what)
        if url not in (ABSENT, None) and not str(url).startswith(("http://", "https://")):
            c.add(
                c.value_at(record, "url"),
                f"url: {_short(url)!r} is not a web address (expected http:// or https://)",
            )
        out.append(
            Source(
                key,
                _str(title),
                _str(publisher),
                _unknown_to_none(url),
                _str(lineage),
                grade if grade is not ABSENT else "good",
                _str(reason),
            )
        )
    return out


def _str(v: Any) -> str:
    return "" if v is ABSENT else v


def _characters(
    c: Checker, doc: Any, source_keys: dict[str, Source]
) -> tuple[list[Character], dict[str, Map]]:
    from .validate_trust import sighting

    if not isinstance(doc, Map) or "characters" not in doc:
        return [], {}
    items = c.sequence(doc["characters"], c.value_at(doc, "characters"), "characters")
    out: list[Character] = []
    at: dict[str, Map] = {}
    for i, node in enumerate(items or ()):
        record = c.mapping(node, items.item_at[i], f"character #{i + 1}")
        if record is None:
            continue
        ident = record.get("id")
        what = f"character {ident!r}" if isinstance(ident, str) else f"character #{i + 1}"
        c.fields(record, CHARACTER_FIELDS, what)
        cid = c.get(record, "id", is_slug, required=True, what=what)
        name = c.get(record, "name", is_text, required=True, what=what)
        hangul = c.get(record, "hangul", is_text_or_unknown, required=True, what=what)
        actor = c.get(record, "actor", is_text_or_unknown, required=True, what=what)
        group = c.get(record, "group", is_groups, required=True, what=what)
        kind = c.get(record, "kind", is_kind, required=False, what=what)
        role = c.get(record, "role", is_text, required=True, what=what)
        aliases = c.get(record, "aliases", is_text_list, required=False, what=what)
        first = c.get(record, "first_episode", is_episode_or_unknown, required=True, what=what)
        seen_by = c.get(record, "seen_by", is_episode, required=False, what=what)
        if seen_by is not ABSENT and first is not ABSENT and _unknown_to_none(first) is not None:
            c.add(
                c.value_at(record, "seen_by"),
                f"{what}: seen_by is set although first_episode is known "
                "(expected seen_by only with first_episode: unknown)",
            )
        note = c.get(record, "note", is_text_or_null, required=False, what=what)
        sources = _check_sources(c, record, source_keys, required=True, what=what)
        disputes = _disputes(c, record, source_keys, what)
        last_seen = sighting(c, record, source_keys, what)
        if cid is ABSENT:
            continue
        if cid in at:
            c.add(
                c.value_at(record, "id"),
                f"duplicate id {cid!r}, first used on line {at[cid].line} (expected each id once)",
            )
            continue
        at[cid] = record
        groups = (
            tuple(group) if isinstance(group, Seq) else (group,) if group is not ABSENT else ("",)
        )
        out.append(
            Character(
                id=cid,
                name=_str(name),
                hangul=_unknown_to_none(hangul),
                actor=_unknown_to_none(actor),
                group=groups[0],
                role=_str(role),
                aliases=tuple(aliases) if aliases is not ABSENT else (),
                first_episode=_unknown_to_none(first),
                sources=sources,
                note=_unknown_to_none(note),
                disputes=disputes,
                seen_by=seen_by if isinstance(seen_by, int) else None,
                kind=kind if kind is not ABSENT else "person",
                groups=groups,
                last_seen=last_seen,
            )
        )
    return out, at


def _disputes(
    c: Checker, record: Map, source_keys: dict[str, Source], what: str
) -> tuple[Dispute, ...]:
    from .validate_trust import refuse_unreliable

    if "disputes" not in record:
        return ()
    items = c.sequence(record["disputes"], c.value_at(record, "disputes"), f"{what} disputes")
    out = []
    for i, node in enumerate(items or ()):
        d = c.mapping(node, items.item_at[i], f"{what} dispute #{i + 1}")
        if d is None:
            continue
        dwhat = f"{what} dispute #{i + 1}"
        c.fields(d, DISPUTE_FIELDS, dwhat)
        about = c.get(d, "about", is_text, required=True, what=dwhat)
        followed = c.get(d, "followed", is_text, required=True, what=dwhat)
        why = c.get(d, "why", is_text, required=True, what=dwhat)
        values: list[tuple[str, tuple[str, ...]]] = []
        block = (
            c.mapping(d.get("values"), c.value_at(d, "values"), f"{dwhat} values")
            if "values" in d
            else None
        )
        if "values" not in d:
            c.add(c.at(d), f"{dwhat} has no 'values' (expected a mapping: value -> source keys)")
        for value, keys in (block or {}).items():
            if is_source_list(keys) is not None:
                c.add(
                    block.value_at[value],
                    f"value {value!r}: sources are {_kind(keys)} (expected a non-empty list of source keys)",
                )
                continue
            for j, key in enumerate(keys):
                if key not in source_keys:
                    c.add(
                        keys.item_at[j],
                        f"unknown source {key!r} (expected a key under 'sources:'{_suggest(key, sorted(source_keys))})",
                    )
            values.append((str(value), tuple(keys)))
        if followed is not ABSENT and values and followed not in {v for v, _ in values}:
            c.add(
                c.value_at(d, "followed"),
                f"followed: {followed!r} is none of the values (expected one of: {', '.join(v for v, _ in values)})",
            )
        elif followed is not ABSENT and block is not None and followed in block:
            # the value the data follows is a fact like any other; the others are what sources claim
            refuse_unreliable(
                c,
                block.value_at[followed],
                list(dict(values).get(followed, ())),
                source_keys,
                f"the followed value {followed!r}",
            )
        out.append(Dispute(_str(about), tuple(values), _str(followed), _str(why)))
    return tuple(out)


def _events(
    c: Checker,
    doc: Any,
    source_keys: dict[str, Source],
    character_ids: set[str],
    places: dict[str, Any],
) -> tuple[list[Event], list[Figure], dict[str, int]]:
    from .validate_places import check_place_ref

    top = _top(c, doc, "events", ("events", "figures"))
    if top is None:
        return [], [], {}
    items = c.sequence(top["events"], c.value_at(top, "events"), "events")
    events: list[Event] = []
    seen: dict[str, int] = {}
    seq = 0
    for i, node in enumerate(items or ()):
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
        sources = _check_sources(c, record, source_keys, required=True, what=what)
        if involved is not ABSENT:
            for j, who in enumerate(involved):
                _known(c, who, involved.item_at[j], character_ids)
        duplicate = False
        if eid is not ABSENT:
            if eid in seen:
                duplicate = True
                c.add(
                    c.value_at(record, "id"),
                    f"duplicate event id {eid!r}, first used on line {seen[eid]} (expected each id once)",
                )
            else:
                seen[eid] = c.value_at(record, "id")[0]
        changes: list[Change] = []
        if "changes" in record:
            citems = c.sequence(record["changes"], c.value_at(record, "changes"), f"{what} changes")
            for j, cnode in enumerate(citems or ()):
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
                _str(summary),
                _unknown_to_none(place),
                bool(flashback) if flashback is not ABSENT else False,
                tuple(names),
                tuple(changes),
                sources,
                _unknown_to_none(note),
                key is True,
            )
        )
    return events, _figures(c, top, source_keys), seen


def _known(c: Checker, who: str, at: tuple[int, int], ids: set[str]) -> bool:
    if who in ids:
        return True
    c.add(
        at,
        f"unknown character {who!r} (expected an id from characters.yaml{_suggest(who, sorted(ids))})",
    )
    return False


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
    sources = _check_sources(c, record, source_keys, required=False, what=what) or event_sources
    if who is not ABSENT:
        _known(c, who, c.value_at(record, "who"), ids)
    if by is not ABSENT:
        for j, agent in enumerate(by):
            _known(c, agent, by.item_at[j], ids)
    if needs and by in (ABSENT, None) and by_what in (ABSENT, None):
        c.add(
            at,
            f"{what} ({status}) says neither 'by' nor 'by_what' (expected who or what did it, or by_what: unknown)",
        )
    if needs and place is ABSENT and event_place is ABSENT:
        c.add(
            at,
            f"{what} ({status}) has no place, nor has its event (expected place:, or place: unknown)",
        )
    if confirmed is not ABSENT and episode is not ABSENT and confirmed < episode:
        c.add(
            c.value_at(record, "confirmed_episode"),
            f"confirmed_episode {confirmed} is before the event's episode {episode} (expected {episode} or later)",
        )
    if earliest is not ABSENT and episode is not ABSENT and earliest >= episode:
        c.add(
            c.value_at(record, "earliest_episode"),
            f"earliest_episode {earliest} is not before the event's episode {episode} (expected a lower bound, 1 to {episode - 1})",
        )
    if ABSENT in (who, status, eid, episode):
        return None
    return Change(
        who=who,
        status=status,
        episode=episode,
        event_id=eid,
        seq=seq,
        cause=_unknown_to_none(cause),
        by=tuple(by) if by not in (ABSENT, None) else (),
        # A change with no place of its own happens at its event's; `unknown` on a change means
        # "not stated" even where its event names a place. Resolved here, once, so the model
        # holds what the JSON says (place_id).
        by_what=_unknown_to_none(by_what),
        place=_unknown_to_none(event_place) if place in (ABSENT, None) else _unknown_to_none(place),
        confirmed_episode=_unknown_to_none(confirmed),
        note=_unknown_to_none(note),
        sources=sources,
        earliest_episode=_unknown_to_none(earliest),
    )


def _figures(c: Checker, top: Map, source_keys: dict[str, Source]) -> list[Figure]:
    if "figures" not in top:
        return []
    items = c.sequence(top["figures"], c.value_at(top, "figures"), "figures")
    out = []
    seen: set[str] = set()
    for i, node in enumerate(items or ()):
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
        sources = _check_sources(c, record, source_keys, required=True, what=what)
        if fid in seen:
            c.add(c.value_at(record, "id"), f"duplicate figure id {fid!r} (expected each id once)")
        seen.add(fid)
        if ABSENT not in (fid, label, value, episode):
            out.append(Figure(fid, label, value, episode, sources, _unknown_to_none(note)))
    return out


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
                f"seen_by {character.seen_by} is later than event {shown[1]!r} (episode {shown[0]}), which already "
                f"involves them (expected {shown[0]} or earlier)",
            )
        first = fate.history[0]
        if character.first_episode is not None and first.episode < character.first_episode:
            cc.add(
                record.value_at.get("first_episode", where),
                f"first_episode {character.first_episode} is after their first status change "
                f"(event {first.event_id!r}, episode {first.episode}) (expected {first.episode} or earlier)",
            )
        for earlier, later in zip(fate.history, fate.history[1:]):
            if earlier.status == "dead":
                ec.add(
                    (event_lines.get(later.event_id, 1), 1),
                    f"{character.id!r} changes to {later.status!r} in event {later.event_id!r} after dying "
                    f"in event {earlier.event_id!r} (expected nothing after 'dead')",
                )
                break
    for a, b, key in collisions(roster):
        record = char_at[b]
        cc.add(
            (record.line, record.column),
            f"character {b!r} shares the name form {key!r} with {a!r} (expected names, aliases and "
            "Hangul that tell characters apart)",
        )
