"""Property tests: a valid roster, broken at random, is either still a Roster or a DataError.

Each example starts from a real roster (the bundled one, or examples/minimal), parsed with
yaml.safe_load, damages it (as data: drop a field, duplicate a record, change a value's type,
rename a key, replace a value; then as text: truncate, insert characters or bytes, duplicate a
line, indent with a tab), writes it to a temporary directory and loads it. Whatever comes out
must be a Roster or a DataError whose every problem says file:line:column: message. Any other
exception, or a traceback from the CLI, is a bug.
"""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from aouad import load_roster
from aouad.errors import DataError
from aouad.model import Roster
from aouad.roster import data_dir_default

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "minimal"
FILES = ("characters.yaml", "events.yaml")


def _base(directory: Path) -> tuple[Any, Any] | None:
    """Both files of a roster as plain data, or None when one is unreadable right now."""
    try:
        characters, events = (
            yaml.safe_load((directory / n).read_text(encoding="utf-8")) for n in FILES
        )
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return characters, events


BASES = [b for b in (_base(data_dir_default()), _base(EXAMPLE)) if b is not None]
assert BASES, "neither the bundled roster nor examples/minimal could be read"

# Field names from the schema, so renames and new keys are often near misses or real fields.
FIELD_NAMES = [
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
    "about",
    "values",
    "followed",
    "why",
    "title",
    "publisher",
    "url",
    "lineage",
    "episode",
    "summary",
    "place",
    "flashback",
    "characters",
    "changes",
    "who",
    "status",
    "cause",
    "by",
    "by_what",
    "confirmed_episode",
    "events",
    "figures",
    "label",
    "value",
]
# Values that mean something to the schema, next to arbitrary ones.
MEANINGFUL = [
    "unknown",
    "alive",
    "dead",
    "zombie",
    "zombi",
    "hambie",
    "infected",
    "student",
    "on-jo",
    "cheong-san",
    "gwi-nam",
    "seed",
    "",
    " ",
    "yes",
    "no",
    "~",
    "null",
    "0",
    "12",
    "13",
    "2022-01-28",
    "1:30",
    "0x1f",
    ".inf",
    "!!python/object/apply:os.system",
    "&a",
    "*a",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.integers(min_value=0, max_value=14),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(MEANINGFUL),
)
keys = st.one_of(
    st.sampled_from(FIELD_NAMES), st.text(max_size=12), st.integers(-3, 3), st.none(), st.booleans()
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=3)),
    max_leaves=8,
)


def _kind(value: Any) -> type:
    return bool if isinstance(value, bool) else type(value)


def _other_type(value: Any) -> st.SearchStrategy[Any]:
    """A value of some other type than ``value`` ("episode: 3" -> "episode: [3]", ...)."""
    options = {
        str: st.text(max_size=10),
        int: st.integers(-20, 20),
        float: st.floats(allow_nan=False),
        bool: st.booleans(),
        type(None): st.none(),
        list: st.lists(scalars, max_size=2),
        dict: st.dictionaries(keys, scalars, max_size=2),
    }
    return st.one_of(*(s for t, s in options.items() if t is not _kind(value)))


def _containers(doc: Any) -> list[Any]:
    """Every mapping and list in ``doc``, the document itself first (iterative: docs may be
    deep)."""
    found, todo = [], [doc]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            found.append(node)
            todo.extend(node.values())
        elif isinstance(node, list):
            found.append(node)
            todo.extend(node)
    return found


def _typo(word: str, draw: Any) -> str:
    if len(word) < 2:
        return word + "x"
    i = draw(st.integers(0, len(word) - 2))
    how = draw(st.sampled_from(["swap", "drop", "double"]))
    if how == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if how == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def _mutate_tree(draw: Any, doc: Any) -> Any:
    """One structural change to ``doc`` (in place where possible); returns the new document."""
    ops = ["drop", "duplicate", "retype", "rename", "replace", "add", "replace_doc"]
    op = draw(st.sampled_from(ops))
    nodes = _containers(doc)
    if op == "replace_doc" or not nodes:
        return draw(values)  # a scalar, a list or an unrelated mapping at the top
    maps = [n for n in nodes if isinstance(n, dict) and n]
    lists = [n for n in nodes if isinstance(n, list) and n]
    if op == "duplicate" and lists:  # a record twice: duplicate ids, a change given twice...
        seq = lists[draw(st.integers(0, len(lists) - 1))]
        item = seq[draw(st.integers(0, len(seq) - 1))]
        seq.insert(draw(st.integers(0, len(seq))), copy.deepcopy(item))
        return doc
    if op == "add":
        node = nodes[draw(st.integers(0, len(nodes) - 1))]
        if isinstance(node, dict):
            node[draw(keys)] = draw(values)
        else:
            node.insert(draw(st.integers(0, len(node))), draw(values))
        return doc
    if not maps and not lists:
        return draw(values)
    pool = maps + lists
    node = pool[draw(st.integers(0, len(pool) - 1))]
    if isinstance(node, dict):
        key = draw(st.sampled_from(sorted(node, key=repr)))
        if op == "drop":
            del node[key]
        elif op == "rename":
            new = draw(st.one_of(keys, st.just(_typo(str(key), draw))))
            node[new] = node.pop(key)
        elif op == "retype":
            node[key] = draw(_other_type(node[key]))
        else:
            node[key] = draw(values)
    else:
        i = draw(st.integers(0, len(node) - 1))
        if op == "drop":
            del node[i]
        elif op == "retype":
            node[i] = draw(_other_type(node[i]))
        else:
            node[i] = draw(values)
    return doc


# Characters that YAML gives meaning to, that the loader must refuse, or that are multi-byte.
NASTY = [
    *"\t\n\r :-?[]{},&*!|>'\"#%@`\\",
    "\x00",
    "\x07",
    "\x1b",
    "\x85",
    "\u2028",
    "\ufeff",
    "é",
    "가",
    "😀",
]


# YAML that a dumper never writes but a person (or an attacker) can: explicit and unsafe tags,
# anchors and aliases, merge keys, complex keys, directives, a second document, huge numbers.
SNIPPETS = [
    "!!bool maybe",
    "!!int ''",
    "!!float ''",
    "!!int 0x",
    "!!null x",
    "!!str 3",
    "!!binary aGk=",
    "!!timestamp 2022-01-28",
    "!!set {a: null}",
    "!!omap [a: 1]",
    "!!python/name:os.system",
    "!!python/object/apply:os.system ['true']",
    "!local x",
    "! x",
    "&a x",
    "*a",
    "*nowhere",
    "&a [*a]",
    "{<<: {a: 1}}",
    "{? [a]: b}",
    "[a, b",
    "{a: 1, a: 2}",
    "|\n  block",
    ">-\n  folded",
    "'quoted",
    '"\\x00"',
    '"\\ud800"',
    '"\\x1b[2J"',
    '"\\u202e"',
    '"\\N"',
    "1" + ":00" * 3000,
    "9" * 5000,
    "0b" + "1" * 200,
    "0o17",
    "1_000",
    "-.inf",
    ".NaN",
    "1e400",
    "\n---\nsecond: document",
    "\n%YAML 1.1\n---",
    "\n...\n",
    "x #comment",
    "@reserved",
    "`reserved",
]


def _mutate_text(draw: Any, blob: bytes) -> bytes:
    """One change to the serialized file, at the byte level (so it can break UTF-8 too)."""
    ops = [
        "truncate",
        "insert_text",
        "insert_bytes",
        "duplicate_line",
        "tab",
        "delete",
        "snippet",
        "snippet",
    ]
    op = draw(st.sampled_from(ops))
    at = draw(st.integers(0, len(blob)))
    if op == "snippet":  # replace what follows a "key: " or "- " on some line
        lines = blob.split(b"\n")
        i = draw(st.integers(0, len(lines) - 1))
        head, sep, _ = lines[i].partition(b": ")
        if not sep:
            head, sep, _ = lines[i].partition(b"- ")
        lines[i] = head + (sep or b": ") + draw(st.sampled_from(SNIPPETS)).encode("utf-8")
        return b"\n".join(lines)
    if op == "truncate":
        return blob[:at]
    if op == "insert_text":
        alphabet = st.one_of(st.sampled_from(NASTY), st.characters())
        text = draw(st.text(alphabet=alphabet, min_size=1, max_size=8))
        return blob[:at] + text.encode("utf-8", "surrogatepass") + blob[at:]
    if op == "insert_bytes":
        return blob[:at] + draw(st.binary(min_size=1, max_size=4)) + blob[at:]
    if op == "delete":
        return blob[:at] + blob[at + draw(st.integers(1, 40)) :]
    lines = blob.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    if op == "duplicate_line":  # often a duplicate key
        lines.insert(i, lines[i])
    else:
        lines[i] = b"\t" + lines[i].lstrip(b" ")
    return b"\n".join(lines)


def _dump(doc: Any) -> bytes:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(doc, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100).encode(
        "utf-8"
    )


@st.composite
def broken_rosters(draw: Any) -> tuple[bytes, bytes]:
    """The two files of a valid roster after 1-5 random changes."""
    docs = [copy.deepcopy(d) for d in draw(st.sampled_from(BASES))]
    tree_ops = draw(st.integers(0, 3))
    text_ops = draw(st.integers(0 if tree_ops else 1, 2))
    for _ in range(tree_ops):
        which = draw(st.integers(0, 1))
        docs[which] = _mutate_tree(draw, docs[which])
    blobs = [_dump(d) for d in docs]
    for _ in range(text_ops):
        which = draw(st.integers(0, 1))
        blobs[which] = _mutate_text(draw, blobs[which])
    return blobs[0], blobs[1]


def _write(directory: Path, blobs: tuple[bytes, bytes]) -> Path:
    roster = directory / "roster"
    roster.mkdir()
    for name, blob in zip(FILES, blobs):
        (roster / name).write_bytes(blob)
    return roster


def _listing(directory: Path) -> list[tuple[str, int]]:
    return sorted((str(p), p.stat().st_size) for p in directory.rglob("*"))


SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(max_examples=150, deadline=None, suppress_health_check=SLOW_OK)
@given(broken_rosters())
def test_load_roster_returns_a_roster_or_a_data_error(blobs):
    with tempfile.TemporaryDirectory() as tmp:
        roster_dir = _write(Path(tmp), blobs)
        paths = {str(roster_dir), *(str(roster_dir / name) for name in FILES)}
        before = _listing(Path(tmp))
        try:
            result = load_roster(roster_dir)
        except DataError as err:
            assert err.problems, "a DataError must say what is wrong"
            event(f"DataError: {err.problems[0].message.split(' (')[0][:40]}")
            for problem in err.problems:
                assert problem.path in paths, problem
                assert isinstance(problem.line, int) and isinstance(problem.column, int), problem
                assert problem.line >= 0 and problem.column >= 0, problem
                assert isinstance(problem.message, str) and problem.message.strip(), problem
                where = f"{problem.path}:{problem.line}:{problem.column}: "
                assert str(problem).startswith(where), problem
                if problem.path != str(roster_dir):  # a line inside the file (or just past its end)
                    lines = Path(problem.path).read_bytes().count(b"\n") + 1
                    assert problem.line <= lines + 1, (problem, lines)
            assert str(err) == "\n".join(str(p) for p in err.problems)
        else:
            event("Roster")
            assert isinstance(result, Roster)
        assert _listing(Path(tmp)) == before, "loading wrote or changed a file"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, *SLOW_OK],
)
@given(blobs=broken_rosters())
def test_validate_json_exits_0_or_3_without_traceback(cli, blobs):
    with tempfile.TemporaryDirectory() as tmp:
        roster_dir = _write(Path(tmp), blobs)
        result = cli("--data", str(roster_dir), "validate", "--json")
        crash = result.exception
        assert crash is None or isinstance(crash, SystemExit), repr(crash)
        assert result.exit_code in (0, 3), (
            result.exit_code,
            result.stdout[-500:],
            result.stderr[-500:],
        )
        assert "Traceback" not in result.stdout and "Traceback" not in result.stderr
        problems = json.loads(result.stdout)
        assert isinstance(problems, list)
        assert (result.exit_code == 0) == (problems == [])
        for p in problems:
            assert set(p) == {"file", "line", "column", "message"}, p
            assert str(p["file"]).startswith(str(roster_dir)), p
