"""The web page's data: a gated roster as JSON-ready records, replayable episode by episode.

Everything here comes from the roster the viewpoint gave (``Viewpoint.see``): the page can
hold nothing a viewer at its episode may not know, because nothing else reaches it. For the
episode scrubber the page must also know what a viewer knew after each earlier episode k;
that is asked of the same gate (``gate(roster, k)``, which on a gated roster gives what a
viewer knew then), never worked out here, so the page at k says what ``--episode k`` says.

The rows are the documented records (records.py); the page adds only what replaying needs:

* per character: ``forms`` (every name form, folded as names.py folds them, for the search;
  ``actor_form`` likewise), ``met`` (the first episode the character is known at), ``known``
  on each change in ``history`` (the first episode a viewer knows it at) and ``states``:
  ``[k, last, decisive]`` from episode k on, indexes into ``history`` (-1: none), listed only
  where they change;
* per death and per infection link: ``shown``, the episodes after which it is listed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, Any

from . import queries, records
from .model import Change, Fate, Roster
from .names import normalize, strong_forms, weak_forms
from .viewpoint import gate

if TYPE_CHECKING:
    from .viewpoint import Viewpoint

Row = dict[str, Any]
# How a status reads where it is not its own word (the table's STATUS_LABEL says the same).
LABELS = {"hambie": "hambie (half-zombie)"}
UNSEEN_LABEL = "not met yet"


def _change_key(ch: Change) -> tuple[str, str, int]:
    return (ch.event_id, ch.who, ch.seq)


def page_data(roster: Roster, view: Viewpoint) -> Row:
    """Everything the page shows, as of ``view`` (``roster`` must be ``view.see(...)``'s)."""
    last = view.last
    episodes = range(1, last + 1)
    replays = [gate(roster, k) for k in episodes]
    fates = queries.all_fates(roster)
    return {
        "episode": last,
        "gated": view.gated,
        "caption": view.caption(),
        "sources_note": view.sources_note(),
        "statuses": list(roster.statuses),
        "labels": {**{s: LABELS.get(s, s) for s in roster.statuses}, "unseen": UNSEEN_LABEL},
        "groups": sorted({g for c in roster.characters for g in c.all_groups}),
        "characters": [_character(f, roster, replays) for f in fates],
        "events": [records.event_row(e, roster) for e in roster.events],
        "deaths": _replay(
            replays,
            lambda g: (
                ((ch.episode, ch.seq), _change_key(ch), records.change_row(ch, g))
                for ch in queries.deaths(g)
            ),
        ),
        "chain": _replay(
            replays,
            lambda g: (
                (
                    (link.change.episode, link.change.seq),
                    (link.source, *_change_key(link.change)),
                    records.link_row(link, g),
                )
                for link in queries.chain(g)
            ),
        ),
        "curve": [records.tally_row(t) for t in queries.curve(roster)],
        "sources": {s.key: records.source_row(roster, s.key) for s in roster.sources},
    }


def _character(fate: Fate, roster: Roster, replays: list[Roster]) -> Row:
    c = fate.character
    row = records.fate_row(fate, roster)
    position = {_change_key(ch): i for i, ch in enumerate(fate.history)}
    known: dict[int, int] = {}
    states: list[list[int]] = []
    met = None
    for k, seen in enumerate(replays, start=1):
        then = seen.fates.get(c.id)
        if then is None:
            continue
        met = met or k
        for ch in then.history:
            known.setdefault(position[_change_key(ch)], k)
        state = [
            position[_change_key(then.last)] if then.last else -1,
            position[_change_key(then.decisive)] if then.decisive else -1,
        ]
        if not states or states[-1][1:] != state:
            states.append([k, *state])
    for i, change in enumerate(row["history"]):
        change["known"] = known.get(i)
    return {
        **row,
        "forms": sorted(strong_forms(c) | weak_forms(c)),
        "actor_form": normalize(c.actor) if c.actor else None,
        "met": met,
        "states": states,
    }


def _replay(
    replays: list[Roster], rows_at: Callable[[Roster], Iterable[tuple[Any, Hashable, Row]]]
) -> list[Row]:
    """Rows listed after any episode 1..N, each once (its latest form), with ``shown``: when."""
    found: dict[Hashable, tuple[Any, Row]] = {}
    for k, seen in enumerate(replays, start=1):
        for order, key, row in rows_at(seen):
            shown = found[key][1]["shown"] if key in found else []
            found[key] = (order, {**row, "shown": [*shown, k]})
    return [row for _, row in sorted(found.values(), key=lambda pair: pair[0])]
