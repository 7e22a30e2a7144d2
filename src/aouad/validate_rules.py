"""The record schema's tools: a Checker that collects problems, and the rules for values.

Each rule is a ``Rule``: a test that returns a complaint (or None), and the words for what was
expected. The words are data, not a docstring, so ``python -OO`` (which drops docstrings)
still says ``(expected non-empty text)``. Problems read ``file:line:column: what is wrong
(what was expected)``, and checking goes on after a problem so one run shows them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import Problem
from .load import clip
from .model import EPISODES, GROUPS, KINDS, STATUSES
from .textsafety import SLUG
from .yaml_nodes import Map, Seq

UNKNOWN = "unknown"
# Stop after this many problems. Each record can yield several (a list of 50,000 `{}` gives
# 400,000), and each "did you mean" compares against every id: without a stop, a hostile
# file of a few hundred KB costs minutes and gigabytes. A real roster never gets near it.
MAX_PROBLEMS = 200
# "Did you mean" only among this many choices: difflib compares the word with each one.
MAX_SUGGEST_CHOICES = 1000
# ...and only for a word this long: difflib indexes the word first, and no id is near this.
MAX_SUGGEST_WORD = 100
# ...and only while one build_roster has compared fewer characters than this (the sum of
# len(word) * len(choice)): difflib's ratio is quadratic, and 200 problems among 1,000
# similar 100-character source keys took 90 s. A real roster's typos use a few percent.
MAX_SUGGEST_WORK = 2_000_000
_suggest_work = [0]  # spent so far in the current build_roster, which resets it
STOPPED = (
    f"stopped checking after {MAX_PROBLEMS} problems "
    "(expected fewer; fix these and run aouad validate again)"
)


class _Absent:
    __slots__ = ()


ABSENT: Any = _Absent()  # a field that is missing or failed its rule


class TooMany(Exception):
    """Raised by Checker.add at MAX_PROBLEMS; the caller reports what it has so far."""


def reset_suggestions() -> None:
    """Start a new roster's budget for "did you mean" (see MAX_SUGGEST_WORK)."""
    _suggest_work[0] = 0


def suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """ "; did you mean 'x'?" when a choice is close to ``word``, else ""."""
    import difflib  # only when something is misspelt

    if len(choices) > MAX_SUGGEST_CHOICES or len(word) > MAX_SUGGEST_WORD:
        return ""  # bounded work per problem
    work = len(word) * sum(len(choice) for choice in choices)
    if _suggest_work[0] + work > MAX_SUGGEST_WORK:  # bounded work per roster
        return ""
    _suggest_work[0] += work
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


@dataclass(frozen=True, slots=True)
class Rule:
    """A value rule: ``test(value)`` gives a complaint or None; ``expected`` says what fits."""

    expected: str
    test: Callable[[Any], str | None]

    def __call__(self, value: Any) -> str | None:
        return self.test(value)


def rule(expected: str) -> Callable[[Callable[[Any], str | None]], Rule]:
    """Make the function below a Rule that expects ``expected``."""
    return lambda test: Rule(expected, test)


class Checker:
    """Collects problems for one file and reads typed fields out of Maps."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def add(self, at: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.path, at[0], at[1], clip(message)))  # load.MAX_MESSAGE
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooMany

    def at(self, node: Map | Seq) -> tuple[int, int]:
        return (node.line, node.column)

    def value_at(self, record: Map, key: str) -> tuple[int, int]:
        return record.value_at.get(key, (record.line, record.column))

    def mapping(self, node: Any, at: tuple[int, int], what: str) -> Map | None:
        if isinstance(node, Map):
            return node
        self.add(at, f"{what} is {kind_of(node)} (expected a mapping)")
        return None

    def sequence(self, node: Any, at: tuple[int, int], what: str) -> Seq:
        """``node`` if it is a list, else an empty one (and a problem): nothing to go through."""
        if isinstance(node, Seq):
            return node
        self.add(at, f"{what} is {kind_of(node)} (expected a list)")
        return Seq(*at)

    def fields(self, record: Map, allowed: tuple[str, ...], what: str) -> None:
        for key in record:
            if key not in allowed:
                self.add(
                    record.key_at[key],
                    f"unknown field {key!r} in {what} (expected one of: {', '.join(allowed)}"
                    f"{suggest(str(key), allowed)})",
                )

    def get(self, record: Map, key: str, check: Rule, *, required: bool, what: str) -> Any:
        """The value of ``key`` when ``check`` accepts it, else ABSENT (and a problem)."""
        if key not in record:
            if required:
                self.add(
                    (record.line, record.column),
                    f"{what} has no {key!r} (expected {check.expected})",
                )
            return ABSENT
        value = record[key]
        complaint = check(value)
        if complaint is not None:
            self.add(self.value_at(record, key), f"{key}: {complaint} (expected {check.expected})")
            return ABSENT
        return value


def kind_of(value: Any) -> str:
    """What a value is, in words: "empty", "a list", "the number 3", "the text 'x'"."""
    if value is None:
        return "empty"
    if isinstance(value, Map):
        return "a mapping"
    if isinstance(value, Seq):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {value!r}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return f"the text {short(value)!r}"


def short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def text_or_blank(v: Any) -> str:
    """A text field's value, or "" when it is ABSENT (its problem is already reported)."""
    return "" if v is ABSENT else v


def unknown_to_none(v: Any) -> Any:
    return None if v == UNKNOWN or v is ABSENT else v


# --- value rules: each returns a complaint or None


@rule("non-empty text")
def is_text(v: Any) -> str | None:
    if isinstance(v, str) and v.strip():
        return None
    return f"got {kind_of(v)}"


is_text_or_unknown = Rule("non-empty text, or unknown", is_text.test)


@rule("text or nothing")
def is_text_or_null(v: Any) -> str | None:
    return None if v is None else is_text(v)


@rule("a lowercase id like 'cheong-san'")
def is_slug(v: Any) -> str | None:
    if isinstance(v, str) and SLUG.fullmatch(v):
        return None
    return f"got {kind_of(v)}"


@rule(f"an episode number from 1 to {EPISODES}")
def is_episode(v: Any) -> str | None:
    if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= EPISODES:
        return None
    return f"got {kind_of(v)}"


@rule(f"{is_episode.expected}, or unknown")
def is_episode_or_unknown(v: Any) -> str | None:
    return None if v == UNKNOWN else is_episode(v)


@rule("true or false")
def is_bool(v: Any) -> str | None:
    return None if isinstance(v, bool) else f"got {kind_of(v)}"


@rule("a whole number, 0 or more")
def is_count(v: Any) -> str | None:
    if isinstance(v, int) and not isinstance(v, bool) and v >= 0:
        return None
    return f"got {kind_of(v)}"


@rule(f"one of: {', '.join(STATUSES)}")
def is_status(v: Any) -> str | None:
    if v in STATUSES:
        return None
    return f"unknown status {short(v)!r}{suggest(str(v), STATUSES)}"


@rule(f"one of: {', '.join(GROUPS)}")
def is_group(v: Any) -> str | None:
    if v in GROUPS:
        return None
    return f"unknown group {short(v)!r}{suggest(str(v), GROUPS)}"


@rule(f"a group ({', '.join(GROUPS)}), or a list of them, the primary first")
def is_groups(v: Any) -> str | None:
    if not isinstance(v, Seq):
        return is_group(v)
    if not v:
        return "an empty list"
    for item in v:
        if is_group(item) is not None:
            return is_group(item)
    return "a group listed twice" if len(set(v)) < len(v) else None


@rule(
    f"{' or '.join(KINDS)} (a group record stands for several unnamed people "
    "and is not counted as one)"
)
def is_kind(v: Any) -> str | None:
    if v in KINDS:
        return None
    return f"got {kind_of(v) if not isinstance(v, str) else repr(short(v))}"


@rule("a list of texts")
def is_text_list(v: Any) -> str | None:
    if isinstance(v, Seq) and all(isinstance(x, str) and x.strip() for x in v):
        return None
    if not isinstance(v, Seq):
        return f"got {kind_of(v)}"
    return "a list holding something other than text"


@rule("a list of character ids")
def is_slug_list(v: Any) -> str | None:
    if isinstance(v, Seq) and all(isinstance(x, str) and SLUG.fullmatch(x) for x in v):
        return None
    if not isinstance(v, Seq):
        return f"got {kind_of(v)}"
    return "a list holding something that is not an id"


@rule("a non-empty list of source keys")
def is_source_list(v: Any) -> str | None:
    if isinstance(v, Seq) and v and all(isinstance(x, str) and x.strip() for x in v):
        return None
    if not isinstance(v, Seq):
        return f"got {kind_of(v)}"
    return "an empty list or one holding something that is not a key"
