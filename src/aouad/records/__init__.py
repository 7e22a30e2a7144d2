"""Answers as plain JSON-ready dicts: the documented shape of every command's output.

The keys here are a contract (README "JSON output", docs/schema/); tables are drawn from the
same rows, so people and programs always see the same facts. One module a family of answers:
characters.py (characters, fates, the graph), events.py (changes, events, tallies, links),
summary.py (places, stats, sources), story.py (recap, quiz, the web page).
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .characters import (
        Row as Row,
        CHARACTER_KEYS as CHARACTER_KEYS,
    )
    from .characters import (
        FATE_KEYS as FATE_KEYS,
    )
    from .characters import (
        GRAPH_KEYS as GRAPH_KEYS,
    )
    from .characters import (
        character_row as character_row,
    )
    from .characters import (
        edge_row as edge_row,
    )
    from .characters import (
        fate_row as fate_row,
    )
    from .characters import (
        graph_row as graph_row,
    )
    from .characters import (
        relationships_of as relationships_of,
    )
    from .events import (
        CHANGE_KEYS as CHANGE_KEYS,
    )
    from .events import (
        EVENT_KEYS as EVENT_KEYS,
    )
    from .events import (
        LINK_KEYS as LINK_KEYS,
    )
    from .events import (
        TALLY_KEYS as TALLY_KEYS,
    )
    from .events import (
        change_row as change_row,
    )
    from .events import (
        event_row as event_row,
    )
    from .events import (
        link_row as link_row,
    )
    from .events import (
        tally_row as tally_row,
    )
    from .story import (
        PAGE_KEYS as PAGE_KEYS,
    )
    from .story import (
        QUESTION_KEYS as QUESTION_KEYS,
    )
    from .story import (
        RECAP_KEYS as RECAP_KEYS,
    )
    from .story import (
        new_row as new_row,
    )
    from .story import (
        page_row as page_row,
    )
    from .story import (
        question_row as question_row,
    )
    from .story import (
        recap_row as recap_row,
    )
    from .story import (
        standing_row as standing_row,
    )
    from .summary import (
        PLACE_KEYS as PLACE_KEYS,
    )
    from .summary import (
        SOURCE_KEYS as SOURCE_KEYS,
    )
    from .summary import (
        STATS_KEYS as STATS_KEYS,
    )
    from .summary import (
        place_row as place_row,
    )
    from .summary import (
        source_row as source_row,
    )
    from .summary import (
        source_use_row as source_use_row,
    )
    from .summary import (
        stats_row as stats_row,
    )

# Each name, and the module that holds it: a command imports only the module it uses.
_HOME = {
    "Row": "characters",
    "CHARACTER_KEYS": "characters",
    "FATE_KEYS": "characters",
    "GRAPH_KEYS": "characters",
    "character_row": "characters",
    "edge_row": "characters",
    "fate_row": "characters",
    "graph_row": "characters",
    "relationships_of": "characters",
    "CHANGE_KEYS": "events",
    "EVENT_KEYS": "events",
    "LINK_KEYS": "events",
    "TALLY_KEYS": "events",
    "change_row": "events",
    "event_row": "events",
    "link_row": "events",
    "tally_row": "events",
    "PAGE_KEYS": "story",
    "QUESTION_KEYS": "story",
    "RECAP_KEYS": "story",
    "new_row": "story",
    "page_row": "story",
    "question_row": "story",
    "recap_row": "story",
    "standing_row": "story",
    "PLACE_KEYS": "summary",
    "SOURCE_KEYS": "summary",
    "STATS_KEYS": "summary",
    "place_row": "summary",
    "source_row": "summary",
    "source_use_row": "summary",
    "stats_row": "summary",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # found once
    return value
