"""aouad: who lives, who dies, how, when and where in All of Us Are Dead (2022).

Library use::

    from aouad import load_roster, queries
    roster = load_roster()
    [f.character.name for f in queries.survivors(roster)]

    from aouad import api                       # the --json records, as dicts
    api.survivors(as_of=5)

Names are imported on first use (PEP 562), so ``import aouad`` stays cheap for the CLI.
"""

from __future__ import annotations

# typing.TYPE_CHECKING without importing typing (5 ms): the console script imports this
# package before it can catch a Ctrl-C (see process.py), so it imports nothing.
TYPE_CHECKING = False

__version__ = "0.1.0"

_LAZY = {
    "load_roster": ("roster", "load_roster"),
    "queries": ("queries", None),
    "api": ("api", None),
    "Change": ("model", "Change"),
    "Character": ("model", "Character"),
    "Event": ("model", "Event"),
    "Fate": ("model", "Fate"),
    "Figure": ("model", "Figure"),
    "Roster": ("model", "Roster"),
    "Source": ("model", "Source"),
}

__all__ = [
    "Change",
    "Character",
    "Event",
    "Fate",
    "Figure",
    "Roster",
    "Source",
    "api",
    "load_roster",
    "queries",
    "__version__",
]

if TYPE_CHECKING:
    from typing import Any

    from . import api, queries
    from .model import Change, Character, Event, Fate, Figure, Roster, Source
    from .roster import load_roster


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'aouad' has no attribute {name!r}")
    from importlib import import_module

    module_name, attribute = _LAZY[name]
    module = import_module(f".{module_name}", __name__)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value
