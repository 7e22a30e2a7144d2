"""characters.yaml's records: the sources, the characters and their disputes.

The record schema (each field's type and shape) and the references a record makes to the
sources; timeline and name checks come after, in validate.py. Each check adds a problem and
goes on (see validate_rules.Checker).
"""

from __future__ import annotations

from typing import Any

from .model import Character, Dispute, Source
from .validate_rules import (
    ABSENT,
    Checker,
    is_episode,
    is_episode_or_unknown,
    is_groups,
    is_kind,
    is_slug,
    is_source_list,
    is_text,
    is_text_list,
    is_text_or_null,
    is_text_or_unknown,
    kind_of,
    short,
    suggest,
    text_or_blank,
    unknown_to_none,
)
from .validate_trust import is_grade, refuse_unreliable, sighting
from .yaml_nodes import Map, Seq

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


def file_top(c: Checker, doc: Any, required: str, allowed: tuple[str, ...]) -> Map | None:
    if not isinstance(doc, Map):
        c.add((1, 1), f"the file holds {kind_of(doc)} (expected a mapping with {required!r})")
        return None
    c.fields(doc, allowed, "the file")
    if required not in doc:
        c.add((1, 1), f"no {required!r} at the top (expected a {required!r} list)")
        return None
    return doc


def check_sources(
    c: Checker, record: Map, source_keys: dict[str, Source], *, required: bool, what: str
) -> tuple[str, ...]:

    value = c.get(record, "sources", is_source_list, required=required, what=what)
    if value is ABSENT:
        return ()
    for i, key in enumerate(value):
        if key not in source_keys:
            c.add(
                value.item_at[i],
                f"unknown source {key!r} (expected a key under 'sources:' in "
                f"characters.yaml{suggest(key, sorted(source_keys))})",
            )
    refuse_unreliable(c, c.value_at(record, "sources"), value, source_keys, f"{what} sources")
    return tuple(value)


def parse_sources(c: Checker, doc: Any) -> list[Source]:

    top = file_top(c, doc, "characters", ("sources", "places", "characters"))
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
            c.add(block.key_at[key], f"source key {kind_of(key)} (expected text)")
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
                f"url: {short(url)!r} is not a web address (expected http:// or https://)",
            )
        out.append(
            Source(
                key,
                text_or_blank(title),
                text_or_blank(publisher),
                unknown_to_none(url),
                text_or_blank(lineage),
                grade if grade is not ABSENT else "good",
                text_or_blank(reason),
            )
        )
    return out


def parse_characters(
    c: Checker, doc: Any, source_keys: dict[str, Source]
) -> tuple[list[Character], dict[str, Map]]:

    if not isinstance(doc, Map) or "characters" not in doc:
        return [], {}
    items = c.sequence(doc["characters"], c.value_at(doc, "characters"), "characters")
    out: list[Character] = []
    at: dict[str, Map] = {}
    for i, node in enumerate(items):
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
        if seen_by is not ABSENT and first is not ABSENT and unknown_to_none(first) is not None:
            c.add(
                c.value_at(record, "seen_by"),
                f"{what}: seen_by is set although first_episode is known "
                "(expected seen_by only with first_episode: unknown)",
            )
        note = c.get(record, "note", is_text_or_null, required=False, what=what)
        sources = check_sources(c, record, source_keys, required=True, what=what)
        disputes = parse_disputes(c, record, source_keys, what)
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
                name=text_or_blank(name),
                hangul=unknown_to_none(hangul),
                actor=unknown_to_none(actor),
                group=groups[0],
                role=text_or_blank(role),
                aliases=tuple(aliases) if aliases is not ABSENT else (),
                first_episode=unknown_to_none(first),
                sources=sources,
                note=unknown_to_none(note),
                disputes=disputes,
                seen_by=seen_by if isinstance(seen_by, int) else None,
                kind=kind if kind is not ABSENT else "person",
                groups=groups,
                last_seen=last_seen,
            )
        )
    return out, at


def parse_disputes(
    c: Checker, record: Map, source_keys: dict[str, Source], what: str
) -> tuple[Dispute, ...]:

    if "disputes" not in record:
        return ()
    items = c.sequence(record["disputes"], c.value_at(record, "disputes"), f"{what} disputes")
    out = []
    for i, node in enumerate(items):
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
        value_at = block.value_at if block is not None else {}
        for value, keys in (block or {}).items():
            if is_source_list(keys) is not None:
                c.add(
                    value_at[value],
                    f"value {value!r}: sources are {kind_of(keys)} (expected a non-empty list of "
                    "source keys)",
                )
                continue
            for j, key in enumerate(keys):
                if key not in source_keys:
                    c.add(
                        keys.item_at[j],
                        f"unknown source {key!r} (expected a key under "
                        f"'sources:'{suggest(key, sorted(source_keys))})",
                    )
            values.append((str(value), tuple(keys)))
        if followed is not ABSENT and values and followed not in {v for v, _ in values}:
            c.add(
                c.value_at(d, "followed"),
                f"followed: {followed!r} is none of the values (expected one of: "
                f"{', '.join(v for v, _ in values)})",
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
        blank = text_or_blank
        out.append(Dispute(blank(about), tuple(values), blank(followed), blank(why)))
    return tuple(out)


def check_known(c: Checker, who: str, at: tuple[int, int], ids: set[str]) -> bool:
    if who in ids:
        return True
    c.add(
        at,
        f"unknown character {who!r} (expected an id from "
        f"characters.yaml{suggest(who, sorted(ids))})",
    )
    return False
