"""Pure questions over a Roster. Nothing here prints, opens files or knows the CLI.

Results that are not model objects are NamedTuples: immutable like the model's
dataclasses, and about seven times cheaper to define, which start-up time notices.

One module a family: people.py (who), timeline.py (when), summary.py (sources and counts);
the package finds a name's module on first use, so a command imports only what it asks.

Queries answer over the roster they are given: the CLI passes one already gated by the
viewpoint. For library callers each also takes ``as_of``, an episode number that gates it
through the same viewpoint (viewpoint.gate); None answers with the roster as given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..viewpoint import gate

if TYPE_CHECKING:
    from ..model import Roster
    from .people import Place, all_fates, characters, deaths, fate, survivors, where
    from .summary import SourceUse, Stats, sources, stats
    from .timeline import Digest, Link, Tally, chain, curve, digest, events, tally

__all__ = [
    "survivors",
    "fate",
    "all_fates",
    "deaths",
    "Place",
    "where",
    "characters",
    "events",
    "Tally",
    "tally",
    "curve",
    "Link",
    "chain",
    "Digest",
    "digest",
    "SourceUse",
    "sources",
    "Stats",
    "stats",
]

# Each name, and the module that holds it.
_HOME = {
    "survivors": "people",
    "fate": "people",
    "all_fates": "people",
    "deaths": "people",
    "Place": "people",
    "where": "people",
    "characters": "people",
    "events": "timeline",
    "Tally": "timeline",
    "tally": "timeline",
    "curve": "timeline",
    "Link": "timeline",
    "chain": "timeline",
    "Digest": "timeline",
    "digest": "timeline",
    "SourceUse": "summary",
    "sources": "summary",
    "Stats": "summary",
    "stats": "summary",
}


def _gate(roster: Roster, as_of: int | None) -> Roster:
    return gate(roster, as_of)


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # found once
    return value
