"""The strict checks of a cached snapshot: it holds exactly what a valid roster can.

A cache file can be edited, planted or cut short, so what its signature lets through is
checked as strictly as YAML: every field's type, every reference, the same rule for unsafe
text, the same bounds. Any failure raises (Bad, or TypeError, ValueError...) and snapshot.read
then ignores the snapshot. The bundled snapshot, inside the installed package, skips these.
"""

from __future__ import annotations

import re
from functools import partial
from itertools import chain
from operator import eq, is_not, lt
from typing import Any

from .model import (
    EPISODES,
    GRADES,
    GROUPS,
    KINDS,
    RELATIONSHIP_KINDS,
    STATUSES,
    UNSTATED,
    Roster,
)
from .snapshot_json import trusted_json

PARTS = ("sources", "places", "characters", "events", "figures", "relationships")


class Bad(Exception):
    """Anything in the snapshot that validation would not have let through."""


def text_ok(raw: bytes) -> bool:
    """The unsafe-text rule of load.py, over the whole JSON at once.

    json.dumps (ensure_ascii=False) writes every character raw except a quote, a backslash and
    the C0 controls; of those, roster text holds only newlines and tabs. So a snapshot that
    escapes anything else (``\\u001b``, ``\\r``) is not one aouad wrote, and checking the
    raw bytes checks every string in it. The rule is about controls and non-ASCII characters
    only: deleting the printable ASCII leaves a short text to check, not 47 MB.
    """
    from .textsafety import find_unsafe, too_many_marks

    if _BAD_ESCAPE.search(raw.replace(b"\\\\", b"")):  # each "\\\\" is one escaped backslash
        return False
    rest = raw.translate(None, _PRINTABLE_ASCII).decode("utf-8")
    if find_unsafe(rest) is not None:
        return False
    if not too_many_marks(rest):
        return True
    # Deleting the ASCII joined the marks of different strings: look again, string by string.
    return not too_many_marks("\n".join(_NON_ASCII.findall(raw.decode("utf-8"))))


_BAD_ESCAPE = re.compile(rb'\\[^"nt]')
_PRINTABLE_ASCII = bytes([9, 10, *range(32, 127)])
_NON_ASCII = re.compile("[^\x00-\x7f]+")


def _rows(v: Any, width: int) -> list[list[Any]]:
    """``v`` as a list of records, each a list of ``width`` fields."""
    if type(v) is not list or any(type(row) is not list or len(row) != width for row in v):
        raise Bad
    return v


# Records are stored as lists in field order: compact, and quick to rebuild.


def from_json(doc: Any, origin: str) -> Roster:
    """Rebuild a Roster, checking each value as validation would: raises Bad (or TypeError,
    ValueError...) on anything a valid roster cannot hold, so no query meets a wrong type."""
    _check(doc)
    return trusted_json(doc, origin)


def _check(doc: Any) -> None:
    """Every field of every record, column by column (a loop per column, not a call per value:
    the checks of a 100,000-character roster then cost about as much as building it)."""
    from .textsafety import MAX_TEXT_CHARS, SLUG  # not imported on the bundled path

    if type(doc) is not dict or set(doc) != set(PARTS):
        raise Bad
    sources, places = _rows(doc["sources"], 7), _rows(doc["places"], 5)
    characters, events = _rows(doc["characters"], 15), _rows(doc["events"], 11)
    figures = _rows(doc["figures"], 6)

    # One loop (or a few passes of C loops: map, set) over a whole column at a time: a call per
    # value would cost as much again as building the roster.
    def texts(*columns: Any, optional: bool = False) -> None:
        for v in chain.from_iterable(columns):
            if type(v) is not str or not v or v.isspace() or len(v) > MAX_TEXT_CHARS:
                if v is None and optional:
                    continue
                raise Bad

    def episodes(*columns: Any, optional: bool = False) -> None:
        for column in columns:
            if optional:
                column = list(filter(partial(is_not, None), column))
            if not set(map(type, column)) <= {int} or not set(column) <= set(
                range(1, EPISODES + 1)
            ):
                raise Bad

    def ints(*columns: Any) -> None:
        if not set(map(type, chain.from_iterable(columns))) <= {int}:
            raise Bad

    def slugs(column: Any) -> set[str]:
        if not set(map(type, column)) <= {str} or not all(map(SLUG.fullmatch, column)):
            raise Bad
        unique = set(column)
        if len(unique) != len(column):
            raise Bad  # a duplicate id
        return unique

    def lists(column: Any, known: set[str], *, empty: bool) -> None:
        """Lists of ids or keys from ``known`` (so each one is checked text already)."""
        if (
            not set(map(type, column)) <= {list}
            or not (empty or all(column))
            or not known.issuperset(chain.from_iterable(column))
        ):
            raise Bad

    key, title, publisher, url, lineage, grade, grade_reason = _columns(sources, 7)
    texts(key, title, publisher, lineage, grade_reason)
    texts(url, optional=True)
    if any(u is not None and not u.startswith(("http://", "https://")) for u in url):
        raise Bad
    if not set(grade) <= set(GRADES):
        raise Bad
    keys = set(key)
    if len(keys) != len(key):
        raise Bad

    pid, pname, paliases, within, note = _columns(places, 5)
    place_ids = slugs(pid)
    texts(pname)
    texts(note, optional=True)
    if UNSTATED in place_ids or any(type(a) is not list for a in paliases):
        raise Bad
    texts(list(chain.from_iterable(paliases)))
    if not {*place_ids, None}.issuperset(within):
        raise Bad

    (
        cid,
        name,
        hangul,
        actor,
        group,
        role,
        aliases,
        first,
        cited,
        note,
        disputes,
        seen_by,
        kind,
        groups,
        last_seen,
    ) = _columns(characters, 15)
    ids = slugs(cid)
    texts(name, role)
    texts(hangul, actor, note, optional=True)
    episodes(first, seen_by, optional=True)
    lists(cited, keys, empty=False)
    if not set(group) <= set(GROUPS) or any(type(a) is not list for a in aliases):
        raise Bad
    texts(list(chain.from_iterable(aliases)))
    if not set(kind) <= set(KINDS) or not set(map(type, groups)) <= {list}:
        raise Bad
    # Each record's groups: the primary first, each group once.
    if (
        not all(groups)
        or [g[0] for g in groups] != list(group)
        or not set(chain.from_iterable(groups)) <= set(GROUPS)
        or any(len(g) > 1 and len(set(g)) != len(g) for g in groups)
    ):
        raise Bad
    sightings = _rows([s for s in last_seen if s is not None], 3)
    if sightings:
        seen_episode, seen_cited, seen_note = _columns(sightings, 3)
        episodes(seen_episode)
        lists(seen_cited, keys, empty=False)
        texts(seen_note, optional=True)
    _check_disputes(disputes, keys, texts, lists)

    # Validation numbers changes and events in one running sequence: each event's changes,
    # then the event. Queries order by it, so it must still rise; and each change repeats
    # its event's id and episode.
    (eid, episode, seq, summary, place, flashback, involved, changes, cited, note, is_key) = (
        _columns(events, 11)
    )
    slugs(eid)
    episodes(episode)
    ints(seq)
    texts(summary)
    texts(note, optional=True)
    lists(involved, ids, empty=True)
    lists(cited, keys, empty=False)
    if not set(map(type, (*flashback, *is_key))) <= {bool}:
        raise Bad
    if not {*place_ids, None}.issuperset(place):
        raise Bad
    if not set(map(type, changes)) <= {list}:
        raise Bad
    every = _rows(list(chain.from_iterable(changes)), 13)
    # The running sequence, and each change's event id and episode, compared as whole lists.
    order = [
        n
        for event_changes, event_seq in zip(changes, seq)
        for n in (*[change[4] for change in event_changes], event_seq)
    ]
    if (
        not all(map(lt, order, order[1:]))
        or [c[3] for c in every] != _each(eid, changes)
        or [c[2] for c in every] != _each(episode, changes)
    ):
        raise Bad
    (
        who,
        status,
        _episode,
        _event,
        _seq,
        cause,
        by,
        by_what,
        where,
        confirmed,
        note,
        cited,
        earliest,
    ) = _columns(every, 13)
    if not ids.issuperset(who) or not set(status) <= set(STATUSES):
        raise Bad
    texts(cause, by_what, optional=True)
    if not {*place_ids, None}.issuperset(where):  # resolved: its own place or its event's
        raise Bad
    texts(note, optional=True)
    episodes(confirmed, earliest, optional=True)
    ints(_seq)
    lists(by, ids, empty=True)
    lists(cited, keys, empty=False)

    ties = _rows(doc["relationships"], 7)
    one, other, tie_kind, tie_episode, cited, note, tie_disputes = _columns(ties, 7)
    if not ids.issuperset(one) or not ids.issuperset(other):
        raise Bad
    if not set(tie_kind) <= set(RELATIONSHIP_KINDS) or any(map(eq, one, other)):
        raise Bad  # an unknown kind, or a character tied to themselves: validation refuses both
    episodes(tie_episode)
    lists(cited, keys, empty=False)
    texts(note, optional=True)
    _check_disputes(tie_disputes, keys, texts, lists)

    fid, label, value, episode, cited, note = _columns(figures, 6)
    slugs(fid)
    texts(label)
    episodes(episode)
    texts(note, optional=True)
    lists(cited, keys, empty=False)
    ints(value)
    if any(v < 0 for v in value):
        raise Bad


def _check_disputes(disputes: Any, keys: set[str], texts: Any, lists: Any) -> None:
    """Each record's disputes (a character's or a relationship's): texts, and the values each
    source key gives, the followed one among them."""
    from .textsafety import MAX_TEXT_CHARS

    if not set(map(type, disputes)) <= {list}:
        raise Bad
    about, values, followed, why = _columns(_rows(list(chain.from_iterable(disputes)), 4), 4)
    texts(about, followed, why)
    for said, chosen in zip(values, followed):
        value, cited_by = _columns(_rows(said, 2), 2)
        if not set(map(type, value)) <= {str} or max(map(len, value), default=0) > MAX_TEXT_CHARS:
            raise Bad  # a value is any YAML key, as text
        lists(cited_by, keys, empty=False)
        if value and chosen not in value:
            raise Bad


def _each(values: Any, changes: Any) -> list[Any]:
    """Each event's value, once for each of its changes."""
    return [value for value, event_changes in zip(values, changes) for _ in event_changes]


def _columns(rows: list[list[Any]], width: int) -> list[Any]:
    """The fields of ``rows`` as one tuple per field (empty tuples for no rows)."""
    return list(zip(*rows)) if rows else [()] * width
