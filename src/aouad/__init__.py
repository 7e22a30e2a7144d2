"""aouad: who lives, who dies, how, when and where in All of Us Are Dead (2022).

Library use::

    from aouad import load_roster, queries
    roster = load_roster()
    [f.character.name for f in queries.survivors(roster)]
"""

__version__ = "0.1.0"

from . import queries  # noqa: E402
from .model import Character, Change, Event, Fate, Figure, Roster, Source  # noqa: E402
from .roster import load_roster  # noqa: E402

__all__ = [
    "Change", "Character", "Event", "Fate", "Figure", "Roster", "Source",
    "load_roster", "queries", "__version__",
]
