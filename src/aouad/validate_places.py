"""The canonical places: the `places:` list in characters.yaml, and every reference to it.

Events and changes name a place by id, so one place is spelled one way everywhere and
`where` can group by it. Run by validate.build_roster, with the Checker of characters.yaml.
"""

from __future__ import annotations

from typing import Any

from .model import UNSTATED, Place
from .validate_rules import (
    ABSENT,
    Checker,
    is_slug,
    is_text,
    is_text_list,
    is_text_or_null,
    suggest,
    text_or_blank,
)
from .yaml_nodes import Map

PLACE_FIELDS = ("id", "name", "aliases", "within", "note")
WHERE = "an id under 'places:' in characters.yaml, or unknown"


def parse_places(c: Checker, doc: Any) -> list[Place]:
    """The `places:` list (optional: a roster without one may only write `place: unknown`)."""
    if not isinstance(doc, Map) or "places" not in doc:
        return []
    items = c.sequence(doc["places"], c.value_at(doc, "places"), "places")
    out: list[Place] = []
    at: dict[str, Map] = {}
    for i, node in enumerate(items):
        record = c.mapping(node, items.item_at[i], f"place #{i + 1}")
        if record is None:
            continue
        ident = record.get("id")
        what = f"place {ident!r}" if isinstance(ident, str) else f"place #{i + 1}"
        c.fields(record, PLACE_FIELDS, what)
        pid = c.get(record, "id", is_slug, required=True, what=what)
        name = c.get(record, "name", is_text, required=True, what=what)
        aliases = c.get(record, "aliases", is_text_list, required=False, what=what)
        if "within" not in record:
            c.add(
                c.at(record),
                f"{what} has no 'within' (expected the id of the place that contains it, or null)",
            )
        within = c.get(record, "within", is_text_or_null, required=False, what=what)
        note = c.get(record, "note", is_text_or_null, required=False, what=what)
        if pid is ABSENT:
            continue
        if pid == UNSTATED:
            c.add(
                c.value_at(record, "id"),
                f"place id {UNSTATED!r} is reserved (expected another id; "
                f"write place: {UNSTATED} on an event or change when the place is not stated)",
            )
            continue
        if pid in at:
            c.add(
                c.value_at(record, "id"),
                f"duplicate place id {pid!r}, first used on line {at[pid].line} "
                "(expected each id once)",
            )
            continue
        at[pid] = record
        out.append(
            Place(
                pid,
                text_or_blank(name),
                tuple(aliases) if aliases is not ABSENT else (),
                None if within in (ABSENT, None, UNSTATED) else within,
                note if note is not ABSENT else None,
            )
        )
    _check_within(c, out, at)
    _check_name_forms(c, out, at)
    return out


def _check_within(c: Checker, places: list[Place], at: dict[str, Map]) -> None:
    by_id = {p.id: p for p in places}
    for place in places:
        if place.within is None:
            continue
        where = c.value_at(at[place.id], "within")
        if place.within not in by_id:
            c.add(
                where,
                f"within: unknown place {place.within[:60]!r} (expected the id of a place under "
                f"'places:', or null{_place_hint(place.within, by_id)})",
            )
            continue
        seen = [place.id]
        step: str | None = place.within
        while step is not None and step in by_id:
            if step in seen:
                c.add(
                    where,
                    f"within: {place.id!r} ends up inside itself ({' -> '.join([*seen, step])}) "
                    "(expected a chain that ends at a place with within: null)",
                )
                break
            seen.append(step)
            step = by_id[step].within


def _check_name_forms(c: Checker, places: list[Place], at: dict[str, Map]) -> None:
    from .names import normalize

    owner: dict[str, str] = {}
    for place in places:
        for form in dict.fromkeys((place.id, place.name, *place.aliases)):
            key = normalize(form)
            if key in owner and owner[key] != place.id:
                c.add(
                    c.at(at[place.id]),
                    f"place {place.id!r} shares the name form {form!r} with {owner[key]!r} "
                    "(expected names and aliases that tell places apart)",
                )
            owner.setdefault(key, place.id)


def check_place_ref(c: Checker, record: Map, key: str, places: dict[str, Place], what: str) -> None:
    """A `place:` on an event or change must name a listed place (or say unknown)."""
    value = record.get(key)
    if not isinstance(value, str) or not value.strip() or value == UNSTATED or value in places:
        return  # not text at all is reported by the field's own check
    c.add(
        c.value_at(record, key),
        f"{key}: unknown place {str(value)[:60]!r} in {what} (expected {WHERE}"
        f"{_place_hint(str(value), places)})",
    )


def _place_hint(value: str, places: dict[str, Place]) -> str:
    """'; did you mean ...?': a place whose name or alias this is, else the closest id."""
    from .names import normalize

    folded = normalize(value)
    for place in places.values():
        if folded in {normalize(form) for form in (place.name, *place.aliases)}:
            return f"; did you mean {place.id!r}? ({value!r} is its name or an alias)"
    return suggest(value, sorted(places))
