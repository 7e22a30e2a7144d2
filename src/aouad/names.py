"""Every way a person might write a character's name, and finding them by it.

Forms fold case, spaces, hyphens and apostrophes, so ``Cheongsan``,
``cheong san`` and ``Lee Cheong-san`` meet; Hangul is matched as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .errors import Ambiguous, NotFound, UsageError
from .model import Character, Roster
from .textsafety import MAX_MARKS, too_many_marks

_FOLD = re.compile(r"[\s\-‐-―'’`._]+")


def normalize(text: str) -> str:
    if too_many_marks(text):  # NFKC is quadratic in a run of marks; roster text never has one
        raise UsageError(
            f"a name or word of {len(text)} characters with more than {MAX_MARKS} "
            "combining marks in a row "
            f"(expected at most {MAX_MARKS} marks on one character)"
        )
    return _FOLD.sub("", unicodedata.normalize("NFKC", text).casefold())


def strong_forms(c: Character) -> set[str]:
    """Forms that must name one character only (the loader refuses clashes)."""
    forms = {c.id, c.name, *c.aliases}
    family, _, given = c.name.partition(" ")
    if given:
        forms.add(f"{given} {family}")  # Western order: "Cheong-san Lee"
    if c.hangul:
        forms.add(c.hangul)
    return {normalize(f) for f in forms if f.strip()}


def weak_forms(c: Character) -> set[str]:
    """Forms that may be shared (a given or family name); a shared one is ambiguous."""
    family, _, given = c.name.partition(" ")
    forms = {given, family} if given else set()
    if c.hangul and len(c.hangul) == 3:  # one-syllable family name + two-syllable given name
        forms.add(c.hangul[1:])
    return {normalize(f) for f in forms if f.strip()}


def collisions(roster: Roster) -> Iterator[tuple[str, str, str]]:
    """(first id, second id, form) for every strong form two characters share."""
    owner: dict[str, str] = {}
    for c in roster.characters:
        for form in sorted(strong_forms(c)):
            if form in owner and owner[form] != c.id:
                yield owner[form], c.id, form
            owner.setdefault(form, c.id)


class NameIndex:
    """Every form of every name in a roster, built once for any number of look-ups."""

    def __init__(self, roster: Roster) -> None:
        self.strong: dict[str, list[Character]] = {}
        self.weak: dict[str, list[Character]] = {}
        for c in roster.characters:
            for form in strong_forms(c):
                self.strong.setdefault(form, []).append(c)
            for form in weak_forms(c):
                self.weak.setdefault(form, []).append(c)

    def resolve(self, name: str) -> Character:
        """The one character ``name`` means, or NotFound / Ambiguous."""
        wanted = normalize(name)
        if not wanted:  # "", "  " or "--": no name at all, which is a bad command line, not a miss
            raise UsageError(f"{name!r} is not a name (expected an id, a name, Hangul or an alias)")
        matches = self.strong.get(wanted) or self.weak.get(wanted) or []
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise Ambiguous(name, [f"{c.id} ({c.name})" for c in matches])
        raise NotFound(name, self.suggest(wanted))

    def suggest(self, wanted: str) -> list[str]:
        import difflib  # only needed when a name is not found

        forms = {**self.weak, **self.strong}
        labels: list[str] = []
        for form in difflib.get_close_matches(wanted, list(forms), n=8, cutoff=0.6):
            for c in forms[form]:
                label = f"{c.id} ({c.name})"
                if label not in labels:
                    labels.append(label)
        return labels[:3]
