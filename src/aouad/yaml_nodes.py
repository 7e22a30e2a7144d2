"""The nodes a YAML file is read into: mappings and lists that remember where they were written,
and plain scalars.

load.py builds these from PyYAML's event stream; validation reports each problem at the line
and column a node carries. A scalar is resolved here with PyYAML's safe rules, but only the
plain YAML tags are accepted (str, int, float, bool, null): no tag ever runs code.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import ScalarEvent

from .textsafety import MAX_TEXT_CHARS, complaint

# Characters in a number's text. PyYAML builds a sexagesimal int ("1:00:00:...") in
# quadratic time and without a bound, and such an int cannot even be printed past 4300
# digits (ValueError from repr); a roster's numbers are episodes and head counts.
MAX_NUMBER_CHARS = 64

_STD = "tag:yaml.org,2002:"
ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "seq", "map")}
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()


class Map(dict):  # type: ignore[type-arg]
    """A YAML mapping that knows its own position and those of its keys and values."""

    __slots__ = ("column", "key_at", "line", "value_at")

    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line, self.column = line, column
        self.key_at: dict[Any, tuple[int, int]] = {}
        self.value_at: dict[Any, tuple[int, int]] = {}


class Seq(list):  # type: ignore[type-arg]
    """A YAML sequence that knows its own position and those of its items."""

    __slots__ = ("column", "item_at", "line")

    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line, self.column = line, column
        self.item_at: list[tuple[int, int]] = []


def scalar(event: ScalarEvent, fail: Any) -> Any:
    """The value of a scalar event; ``fail(event, message)`` makes the DataError to raise."""
    if len(event.value) > MAX_TEXT_CHARS:
        raise fail(
            event, f"text of {len(event.value)} characters (expected at most {MAX_TEXT_CHARS})"
        )
    unsafe = complaint(event.value)  # control, invisible and format characters, runs of marks
    if unsafe:
        raise fail(event, unsafe)
    tag = event.tag
    plain, _quoted_ok = event.implicit
    if tag is None or tag == "!":
        if not plain:
            return event.value  # quoted or block scalar: always a string
        tag = _resolver.resolve(yaml.ScalarNode, event.value, (True, False))
    if tag not in ALLOWED_TAGS:
        if tag in (_STD + "timestamp", _STD + "merge", _STD + "value", _STD + "yaml") and plain:
            return event.value  # dates stay text: JSON output never meets a datetime
        raise fail(event, f"YAML tag {tag!r} is not allowed (expected plain YAML data)")
    if tag == _STD + "str":
        return event.value
    if tag != _STD + "null" and len(event.value) > MAX_NUMBER_CHARS:
        raise fail(
            event,
            f"a number written with {len(event.value)} characters "
            f"(expected at most {MAX_NUMBER_CHARS})",
        )
    node = yaml.ScalarNode(tag, event.value)
    try:
        if tag == _STD + "null":
            return None
        if tag == _STD + "bool":
            return _constructor.construct_yaml_bool(node)
        if tag == _STD + "int":
            return _constructor.construct_yaml_int(node)
        return _constructor.construct_yaml_float(node)
    # KeyError and IndexError too: an explicit tag skips the resolver, and PyYAML's
    # constructors then fail on `!!bool maybe` (KeyError) or `!!int ""` (IndexError).
    except (ValueError, KeyError, IndexError, yaml.YAMLError):
        raise fail(event, f"{event.value!r} is not a valid {tag.rsplit(':', 1)[-1]}") from None
