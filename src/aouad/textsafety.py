"""One rule for text from outside (rosters, snapshots, the command line), and one way to show it.

aouad writes roster text to terminals, spreadsheets and JSON readers. Control characters and
bidirectional overrides there are escape sequences and text that reads backwards; invisible
and format characters make two names that look alike differ (and a U+2028 ends a line for
JavaScript); long runs of combining marks make Unicode normalisation quadratic. Rosters
refuse all of these (load.py and snapshot.py apply ``complaint``); names typed on the command
line refuse the last (names.py). Messages quote what a user typed through ``shown``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# A character, event or figure id: lowercase words joined by hyphens. Always fullmatch: "$"
# also matches before a final "\n", so "on-jo\n" passed.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Characters in one text (the longest note in the roster has ~3,300). Aliases let one file
# name one 15 MB key hundreds of times, and every problem quoted it whole: seconds, gigabytes.
MAX_TEXT_CHARS = 20_000

# Control characters (tab and newline aside, which YAML text may hold), C1 controls, and the
# bidirectional controls: what a terminal acts on, or what turns text around.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Invisible and format characters: Unicode's format category (Cf) as of Unicode 15, the line
# and paragraph separators, the Hangul fillers, and other default-ignorable characters that
# render as nothing. Not the variation selectors (U+FE00-FE0F, U+E0100-E01EF): emoji and
# ideographic variants need them. tests/command/test_hardening.py checks the list against the
# unicodedata of the running Python, so a newer Unicode cannot slip a new one past it.
_INVISIBLE = (
    "\xad\u034f\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200d\u2028\u2029\u2060-\u2065\u206a-\u206f\u3164\ufeff\uffa0"
    "\ufff0-\ufffb"
)
# ...and those outside the BMP. A character class holding both searches five times slower
# than one of BMP ranges, so these are looked for only among the (rare) astral characters.
_INVISIBLE_ASTRAL = (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
# A lone surrogate cannot be written as UTF-8 at all (JSON's "\ud800" makes one).
_SURROGATES = "\ud800-\udfff"
_ASCII_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
# One pass finds the unsafe BMP characters and every astral one; an astral one is then looked
# up among the few unsafe ones. (A class holding the astral ranges themselves searches five
# times slower than one of BMP ranges and a single astral range.)
_UNSAFE_OR_ASTRAL = f"[{_CONTROLS}{_INVISIBLE}{_SURROGATES}\U00010000-\U0010ffff]"
_UNSAFE = f"[{_CONTROLS}{_INVISIBLE}{_SURROGATES}]"
_ASTRAL = "[\U00010000-\U0010ffff]"
_UNSAFE_ASTRAL = f"[{_INVISIBLE_ASTRAL}]"

# Combining marks in a row. Normalisation sorts each run of marks, in quadratic time: a
# roster of a few MB of them took minutes. Unicode's Stream-Safe Text Format (UAX #15)
# allows 30; no script needs more. Marks are looked for only in the blocks that hold any
# (and anywhere outside the BMP); tests/command/test_hardening.py checks these blocks against the
# unicodedata of the running Python.
MAX_MARKS = 30
_MARK_BLOCKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u109d\u135d-\u135f\u1712-\u193b\u1a17-\u1c37"
    "\u1cd0-\u1cf9\u1dc0-\u1dff\u20d0-\u20f0\u2cef-\u2cf1\u2d7f-\u2dff\u302a-\u309a"
    "\ua66f-\ua6f1\ua802-\ua82c\ua8c4-\uaaf6\uabe5-\uabed\ufb1e\ufe00-\ufe2f\U00010000-\U0010ffff"
)
_MAYBE_MARK = f"[{_MARK_BLOCKS}]"
_MAYBE_MARKS = f"[{_MARK_BLOCKS}]{{{MAX_MARKS + 1},}}"
_SHOWN = f"[\\t\\n{_CONTROLS}{_INVISIBLE}{_SURROGATES}]"
_compiled: dict[str, re.Pattern[str]] = {}


def _re(source: str) -> re.Pattern[str]:
    """``source`` compiled on first use: these classes take milliseconds to compile, and most
    calls (a JSON answer, a table) need one or none of them."""
    found = _compiled.get(source)
    if found is None:
        found = _compiled[source] = re.compile(source)
    return found


def find_unsafe(text: str) -> str | None:
    """The first character of ``text`` that no roster text may hold (see above), or None."""
    if text.isascii():  # most text: the one fast check
        found = _ASCII_UNSAFE.search(text)
        return found.group() if found else None
    unsafe_astral = _re(_UNSAFE_ASTRAL)
    for found in _re(_UNSAFE_OR_ASTRAL).finditer(text):
        char = found.group()
        if char <= "\uffff" or unsafe_astral.match(char):
            return char
    return None


def _marks_run_too_long(run: str) -> bool:
    combining, category = unicodedata.combining, unicodedata.category
    count = 0
    for ch in run:
        if combining(ch) or category(ch) in ("Mn", "Me"):
            count += 1
            if count > MAX_MARKS:
                return True
        else:
            count = 0
    return False


def too_many_marks(text: str) -> bool:
    """Whether ``text`` holds more than MAX_MARKS combining marks in a row (linear time)."""
    if len(text) <= MAX_MARKS or text.isascii():
        return False
    first = _re(_MAYBE_MARK).search(text)  # most text holds no mark at all: one fast pass
    if first is None:
        return False
    return any(
        _marks_run_too_long(m.group()) for m in _re(_MAYBE_MARKS).finditer(text, first.start())
    )


def complaint(text: str) -> str | None:
    """Why ``text`` cannot be roster text, or None; the reason ends with what is expected."""
    unsafe = find_unsafe(text)
    if unsafe is not None:
        return describe(unsafe) + " in text (expected printable text)"
    if too_many_marks(text):
        return (
            f"more than {MAX_MARKS} combining marks in a row "
            f"(expected text, at most {MAX_MARKS} marks on one character)"
        )
    return None


def describe(ch: str) -> str:
    """'control character U+001B', 'invisible character U+200B (ZERO WIDTH SPACE)'."""
    point = ord(ch)
    if re.match(f"[{_CONTROLS}]", ch):
        return f"control character U+{point:04X}"
    if re.match(f"[{_SURROGATES}]", ch):
        return f"lone surrogate U+{point:04X}"
    name = unicodedata.name(ch, "")
    return f"invisible character U+{point:04X}" + (f" ({name})" if name else "")


def shown(text: str) -> str:
    """``text`` safe to print in a message: every unsafe character, newline and tab escaped.

    Paths, field names and values from the command line or the environment reach messages;
    a terminal must print them, not act on them, and one message stays one line.
    """
    return _escape_all(_re(_SHOWN).sub(_escape, text), _escape)


def json_safe(text: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with every unsafe character escaped.

    json.dumps leaves U+2028 and U+2029 raw, which end a line for JavaScript and for readers
    that split JSON Lines on them, and C1 controls and bidirectional overrides raw, which a
    terminal acts on. Outside strings JSON holds none of these, so escaping is always valid.
    """
    return _escape_all(_re(_UNSAFE).sub(_json_escape, text), _json_escape)


def _escape_all(text: str, escape: Callable[[re.Match[str]], str]) -> str:
    """``text`` with the unsafe astral characters escaped too (the BMP ones already are)."""
    astral, unsafe = _re(_ASTRAL), _re(_UNSAFE_ASTRAL)
    if astral.search(text) is None:
        return text
    return astral.sub(lambda m: escape(m) if unsafe.match(m.group()) else m.group(), text)


def _escape(found: re.Match[str]) -> str:
    point = ord(found.group())
    if point <= 0xFF:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


def _json_escape(found: re.Match[str]) -> str:
    point = ord(found.group())
    if point <= 0xFFFF:
        return f"\\u{point:04x}"
    point -= 0x10000  # outside the BMP: JSON escapes a surrogate pair
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"
