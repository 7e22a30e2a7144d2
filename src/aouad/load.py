"""Bytes -> plain YAML data that remembers where each value was written.

Built on PyYAML's *event* stream (the C parser when libyaml is present), not on
its constructor, because the constructor would run any tag it knows, silently
keep the last of two duplicate keys, and recurse as deep as the input nests.
Here every node is built iteratively, only the plain YAML tags are accepted,
duplicate keys are refused, and aliases are bounded before anything walks them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from . import files
from .errors import DataError, Problem, clip
from .yaml_nodes import ALLOWED_TAGS, Map, Seq, scalar

try:  # the C parser is ~5x faster; fall back to the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64  # the real schema nests 5 deep; anything near this is hostile
MAX_ALIAS_NODES = 10_000  # nodes that aliases may add, in all (a "billion laughs" cap)
# The bundled roster is ~200 KB, a synthetic one of 100,000 characters ~50 MB (bench/).
# Parsing holds the bytes, the text and the values at once, so the cap is set by memory.
MAX_BYTES = 128 * 1024 * 1024
# Entries in one mapping or list inside a record (aliases, sources, changes...), and plain
# values in any one list. The lists of records themselves are not capped (large rosters are
# allowed), but a flood such as `characters: [1, 1, 1, ...]` stops at its 1,001st value
# instead of costing seconds and gigabytes to build and check.
MAX_ENTRIES = 1_000
# Values per file, and how densely they may be packed. Memory goes with values, not bytes: a
# mapping or list costs ~360 bytes once parsed, a scalar ~170, so 128 MB of `- {}` took
# 5.9 GB and 96 s. Values are counted as YAML events (a scalar or alias 1, a mapping or list
# 2: its start and its end). A file may hold MAX_NODES of them (a 100,000-character roster as
# bench/ makes it holds 2.8 million in events.yaml), and past the first NODE_ALLOWANCE at most
# one per CHARS_PER_NODE characters read so far (rosters hold one per 7 to 25), so a flood is
# refused where it starts, at the cost of the allowance, not of the file. Checked every
# NODE_CHECK values: the count costs nothing per value.
MAX_NODES = 4_000_000
NODE_ALLOWANCE = 50_000
CHARS_PER_NODE = 4
NODE_CHECK = 4096


def read_text(path: Path) -> str:
    """A file's text, or a DataError saying exactly why it cannot be read."""
    return decode(read_raw(path), str(path))


def read_raw(path: Path) -> bytes:
    """A file's bytes (a regular file of at most MAX_BYTES), or a DataError saying why not."""
    shown = str(path)
    try:
        return files.read_bytes(path, MAX_BYTES)
    except FileNotFoundError:
        raise DataError(
            [Problem(shown, 0, 0, "no such file (expected a YAML file here)")]
        ) from None
    except files.NotRegular as err:
        what = "is a directory" if err.is_dir else "not a regular file"
        raise DataError([Problem(shown, 0, 0, f"{what} (expected a YAML file)")]) from None
    except files.TooBig as err:
        size = f"over {MAX_BYTES}" if err.grew else str(err.size)  # it grew while being read
        message = f"file is {size} bytes (expected at most {MAX_BYTES})"
        raise DataError([Problem(shown, 0, 0, message)]) from None
    except OSError as err:
        raise DataError([Problem(shown, 0, 0, f"cannot read: {err.strerror or err}")]) from None


def decode(raw: bytes, shown: str) -> str:
    """The UTF-8 text of a file's bytes, or a DataError at the first byte that is not text."""
    return check_text(raw, shown).decode("utf-8-sig")


# Bytes checked as UTF-8 at a time: the decoded chunk is dropped at once, so checking a 128 MB
# file never holds its text beside its bytes (and parsing takes the bytes: see parse).
_CHECK_CHUNK = 1 << 20
_BLANK = re.compile(rb"\s*")  # matched in place: bytes.strip() would copy the file


def check_text(raw: bytes, shown: str) -> bytes:
    """``raw`` if it is UTF-8 text with something in it, else a DataError saying where not."""
    if b"\0" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\0")) + 1
        raise DataError([Problem(shown, line, 1, "binary data, a NUL byte (expected UTF-8 text)")])
    start = 3 if raw.startswith(b"\xef\xbb\xbf") else 0  # a byte-order mark
    body = start
    view = memoryview(raw)
    while start < len(raw):
        end = min(start + _CHECK_CHUNK, len(raw))
        for _ in range(3):  # end between characters: back over (at most 3) continuation bytes
            if end < len(raw) and 0x80 <= raw[end] <= 0xBF:
                end -= 1
        try:
            str(view[start:end], "utf-8")
        except UnicodeDecodeError as err:
            at = start + err.start
            line = raw.count(b"\n", 0, at) + 1
            column = at - (raw.rfind(b"\n", 0, at) + 1) + 1
            message = f"byte 0x{raw[at]:02x} is not UTF-8 (expected UTF-8 text)"
            raise DataError([Problem(shown, line, column, message)]) from None
        start = end
    if _BLANK.fullmatch(raw, body) or (len(raw) < 4096 and not raw.decode("utf-8-sig").strip()):
        raise DataError([Problem(shown, 1, 1, "file is empty (expected a YAML mapping)")])
    return raw


def parse(source: str | bytes, path: str) -> Any:
    """Parse one YAML document into Map/Seq/scalars, or raise DataError.

    ``source`` is text, or UTF-8 bytes that check_text passed: libyaml reads bytes as they
    are, where text would be copied to UTF-8 first (a third copy of a 128 MB file).
    """
    try:
        return _compose(source, path)
    except yaml.MarkedYAMLError as err:
        text = source if isinstance(source, str) else source.decode("utf-8-sig", "replace")
        raise DataError([_problem_from_yaml(err, text, path)]) from None
    except yaml.YAMLError as err:  # a ReaderError (control characters) has no mark
        data = source.encode("utf-8", "replace") if isinstance(source, str) else source
        position = getattr(err, "position", 0) or 0  # libyaml's offset in the UTF-8 bytes
        line = data.count(b"\n", 0, position) + 1
        line_start = data.rfind(b"\n", 0, position) + 1
        column = len(data[line_start:position].decode("utf-8", "replace")) + 1
        reason = getattr(err, "reason", None) or str(err).splitlines()[0]
        raise DataError(
            [Problem(path, line, column, f"{reason} (expected printable text)")]
        ) from None


def _problem_from_yaml(err: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = err.problem or "invalid YAML"
    if err.context:
        what = f"{err.context}: {what}"
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        what = "a tab character (YAML indents with spaces)"
    return Problem(path, line, column, f"{what} (expected valid YAML)")


def _compose(text: str | bytes, path: str) -> Any:
    # A frame: [container, pending key or _NO_KEY, key position, anchor, node count, start event,
    # entries, plain values]. Depth 0 is the file's mapping, 1 its lists, 2 the records.
    stack: list[list[Any]] = []
    anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, node count)
    alias_budget = MAX_ALIAS_NODES
    documents = 0
    next_check = NODE_CHECK  # see MAX_NODES
    result: Any = None

    def fail(event: Any, message: str) -> DataError:
        mark = event.start_mark
        return DataError([Problem(path, mark.line + 1, mark.column + 1, clip(message))])

    def attach(value: Any, event: Any, size: int) -> None:
        nonlocal result
        at = (event.start_mark.line + 1, event.start_mark.column + 1)
        if not stack:
            result = value
            return
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, Seq):
            frame[6] += 1
            if not isinstance(value, (Map, Seq)):
                frame[7] += 1
                if frame[7] > MAX_ENTRIES:
                    raise fail(
                        event,
                        f"a list of more than {MAX_ENTRIES} plain values "
                        "(expected a roster, not a flood)",
                    )
            if frame[6] > MAX_ENTRIES and len(stack) != 2:  # only the lists of records are long
                where = "inside a record" if len(stack) > 2 else "at the top of the file"
                raise fail(
                    event, f"a list of more than {MAX_ENTRIES} entries {where} (expected fewer)"
                )
            container.append(value)
            container.item_at.append(at)
        elif frame[1] is _NO_KEY:
            if isinstance(value, (Map, Seq)):
                raise fail(event, "a mapping or list used as a key (expected a plain key)")
            if value in container:
                first = container.key_at[value][0]
                raise fail(
                    event,
                    f"duplicate key {value!r}, first given on line {first} "
                    "(expected each key once)",
                )
            frame[1], frame[2] = value, at
        else:
            frame[6] += 1
            if frame[6] > MAX_ENTRIES and len(stack) != 2:  # and the mapping of sources
                where = "inside a record" if len(stack) > 2 else "at the top of the file"
                raise fail(
                    event, f"a mapping of more than {MAX_ENTRIES} keys {where} (expected fewer)"
                )
            key = frame[1]
            container[key] = value
            container.key_at[key] = frame[2]
            container.value_at[key] = at
            frame[1] = _NO_KEY
        frame[4] += size

    for nodes, event in enumerate(yaml.parse(text, Loader=_Loader), start=1):
        if nodes >= next_check:
            next_check = nodes + NODE_CHECK
            _check_nodes(nodes, event, fail)
        if isinstance(event, ScalarEvent):
            value = scalar(event, fail)
            if event.anchor:
                anchors[event.anchor] = (value, 1)
            attach(value, event, 1)
        elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            tag = event.tag
            if tag is not None and tag not in ALLOWED_TAGS:
                raise fail(event, f"YAML tag {tag!r} is not allowed (expected plain YAML data)")
            if len(stack) >= MAX_DEPTH:
                raise fail(
                    event, f"nested more than {MAX_DEPTH} levels deep (expected a flat roster)"
                )
            mark: Any = event.start_mark  # the parser marks every event it makes
            container = (Map if isinstance(event, MappingStartEvent) else Seq)(
                mark.line + 1, mark.column + 1
            )
            stack.append([container, _NO_KEY, None, event.anchor, 1, event, 0, 0])
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            container, _key, _at, anchor, size, start, _entries, _plain = stack.pop()
            if anchor:
                anchors[anchor] = (container, size)
            attach(container, start, size)
        elif isinstance(event, AliasEvent):
            if event.anchor not in anchors:
                raise fail(
                    event,
                    f"alias *{event.anchor} refers to no finished anchor "
                    f"(expected &{event.anchor} earlier)",
                )
            value, size = anchors[event.anchor]
            alias_budget -= size
            if alias_budget < 0:
                raise fail(
                    event,
                    f"aliases expand to more than {MAX_ALIAS_NODES} nodes "
                    "(expected a plain roster, not an alias bomb)",
                )
            attach(value, event, size)
        elif type(event).__name__ == "DocumentStartEvent":
            documents += 1
            if documents > 1:
                raise fail(event, "a second YAML document (expected one document per file)")
    return result


def _check_nodes(nodes: int, event: Any, fail: Any) -> None:
    if nodes > MAX_NODES:
        raise fail(
            event,
            f"more than {MAX_NODES} values in one file "
            f"(expected at most {MAX_NODES}, a mapping or list counting as two)",
        )
    read = event.start_mark.index
    if nodes > NODE_ALLOWANCE + read // CHARS_PER_NODE:
        raise fail(
            event,
            f"{nodes} values in the first {read} characters, more than one per "
            f"{CHARS_PER_NODE} (expected a roster, not a flood of tiny records)",
        )


class _NoKey:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()
