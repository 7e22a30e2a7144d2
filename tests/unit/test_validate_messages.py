"""Dispute and figure validation, message for message, and the messages under `python -OO`.

Each message is `file:line:column: what is wrong (what was expected)`. The expected part is
data (validate_rules.Rule.expected), not a docstring, so `python -OO`, which drops
docstrings, says exactly the same.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from aouad import load_roster
from aouad.errors import DataError

# A character with disputes, added after beta's `sources: [s1]` (line 26 of the mini roster).
BETA_SOURCES = "    first_episode: 2\n    sources: [s1]\n"
# An unreliable source, before s1: the characters then start on line 8.
RUMOUR = (
    "  s2: {title: A rumour, publisher: Tests, lineage: rumour, grade: unreliable, "
    "grade_reason: a rumour}\n"
)


def problems(directory: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_roster(directory, snapshots=False)
    return [str(p).removeprefix(f"{directory}/") for p in caught.value.problems]


def with_disputes(mini_characters: str, disputes: str) -> str:
    text = mini_characters.replace("sources:\n", "sources:\n" + RUMOUR, 1)
    return text.replace(BETA_SOURCES, BETA_SOURCES + "    disputes:\n" + disputes, 1)


def test_a_good_dispute_passes(roster_dir, mini_characters, mini_events):
    disputes = (
        "      - about: when beta turns\n"
        "        values: {episode 3: [s1], episode 4: [s2]}\n"
        "        followed: episode 3\n"
        "        why: the scene shows it\n"
    )
    roster = load_roster(roster_dir(with_disputes(mini_characters, disputes), mini_events))
    (dispute,) = roster.by_id["beta"].disputes
    assert dispute.values == (("episode 3", ("s1",)), ("episode 4", ("s2",)))
    assert dispute.followed == "episode 3"


def test_dispute_shapes(roster_dir, mini_characters, mini_events):
    disputes = (
        "      - about: when beta turns\n"  # line 28
        "        values: {episode 3: [s1], episode 5: oops}\n"
        "        followed: episode 3\n"
        "        why: the scene shows it\n"
        "      - just text\n"  # line 32
        "      - {about: x, followed: y, why: z, colour: red}\n"
        "      - {values: {a: [s1]}, followed: a}\n"
    )
    d = roster_dir(with_disputes(mini_characters, disputes), mini_events)
    assert problems(d) == [
        (
            "characters.yaml:29:46: value 'episode 5': sources are the text 'oops' "
            "(expected a non-empty list of source keys)"
        ),
        (
            "characters.yaml:32:9: character 'beta' dispute #2 is the text 'just text' "
            "(expected a mapping)"
        ),
        (
            "characters.yaml:33:9: character 'beta' dispute #3 has no 'values' "
            "(expected a mapping: value -> source keys)"
        ),
        (
            "characters.yaml:33:41: unknown field 'colour' in character 'beta' dispute #3 "
            "(expected one of: about, values, followed, why)"
        ),
        (
            "characters.yaml:34:9: character 'beta' dispute #4 has no 'about' "
            "(expected non-empty text)"
        ),
        "characters.yaml:34:9: character 'beta' dispute #4 has no 'why' (expected non-empty text)",
    ]


def test_disputes_that_are_not_a_list(roster_dir, mini_characters, mini_events):
    text = mini_characters.replace(BETA_SOURCES, BETA_SOURCES + "    disputes: none yet\n", 1)
    assert problems(roster_dir(text, mini_events)) == [
        "characters.yaml:26:15: character 'beta' disputes is the text 'none yet' (expected a list)"
    ]


def test_dispute_references(roster_dir, mini_characters, mini_events):
    disputes = (
        "      - about: when beta turns\n"  # line 28
        "        values: {episode 3: [s1, s3], episode 4: [s2]}\n"
        "        followed: episode 6\n"
        "        why: the scene shows it\n"
        "      - about: where beta turns\n"  # line 32
        "        values: {lab: [s1], camp: [s2]}\n"
        "        followed: camp\n"
        "        why: the rumour says so\n"
    )
    d = roster_dir(with_disputes(mini_characters, disputes), mini_events)
    assert problems(d) == [
        "characters.yaml:29:34: unknown source 's3' (expected a key under 'sources:')",
        (
            "characters.yaml:30:19: followed: 'episode 6' is none of the values "
            "(expected one of: episode 3, episode 4)"
        ),
        (
            "characters.yaml:33:35: the followed value 'camp': every source is graded unreliable "
            "(s2) (expected at least one source graded good or weak: an unreliable source backs "
            "nothing on its own)"
        ),
    ]


FIGURES = (
    "figures:\n"  # line 23, after the mini events
    "  - {id: total, label: Total, value: 3, episode: 12, sources: [s1]}\n"
    "  - {id: total, label: Again, value: -1, episode: 13, sources: [s9]}\n"
    "  - {id: nolabel, value: 2, episode: 1, sources: [s1], colour: red}\n"
    "  - not a figure\n"
    "  - {id: Bad Id, label: x, value: 1.5, episode: 1}\n"
)


def test_a_good_figure_passes(roster_dir, mini_events):
    first = FIGURES.split("  - {id: total, label: Again")[0]
    roster = load_roster(roster_dir(events=mini_events + first))
    (figure,) = roster.figures
    assert (figure.id, figure.label, figure.value, figure.episode) == ("total", "Total", 3, 12)


def test_figure_shapes_and_references(roster_dir, mini_events):
    assert problems(roster_dir(events=mini_events + FIGURES)) == [
        "events.yaml:25:10: duplicate figure id 'total' (expected each id once)",
        "events.yaml:25:38: value: got the number -1 (expected a whole number, 0 or more)",
        "events.yaml:25:51: episode: got the number 13 (expected an episode number from 1 to 12)",
        (
            "events.yaml:25:65: unknown source 's9' (expected a key under 'sources:' in "
            "characters.yaml)"
        ),
        "events.yaml:26:5: figure 'nolabel' has no 'label' (expected non-empty text)",
        (
            "events.yaml:26:56: unknown field 'colour' in figure 'nolabel' "
            "(expected one of: id, label, value, episode, sources, note)"
        ),
        "events.yaml:27:5: figure #4 is the text 'not a figure' (expected a mapping)",
        (
            "events.yaml:28:5: figure 'Bad Id' has no 'sources' (expected a non-empty list of "
            "source keys)"
        ),
        "events.yaml:28:10: id: got the text 'Bad Id' (expected a lowercase id like 'cheong-san')",
        "events.yaml:28:35: value: got the number 1.5 (expected a whole number, 0 or more)",
    ]


def test_figures_that_are_not_a_list(roster_dir, mini_events):
    assert problems(roster_dir(events=mini_events + "figures: {total: 3}\n")) == [
        "events.yaml:23:10: figures is a mapping (expected a list)"
    ]


def test_messages_are_the_same_under_python_OO(roster_dir, mini_characters, mini_events, tmp_path):
    """Docstrings are gone under -OO; what each message expects is not."""
    disputes = "      - about: when\n        values: {a: [s1]}\n        followed: a\n"
    characters = (
        with_disputes(mini_characters, disputes)
        .replace("    first_episode: 1\n", "    first_episode: 13\n", 1)
        .replace("group: teacher", "group: techer")
    )
    events = mini_events.replace("{who: alpha, status: alive}", "{who: alpha, status: alvie}")
    figures = "figures:\n  - {id: x, label: X, value: -2, episode: 1, sources: [s1]}\n"
    d = roster_dir(characters, events + figures)
    done = subprocess.run(
        [sys.executable, "-OO", "-m", "aouad", "validate", str(d)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 3, done.stderr
    lines = [line.removeprefix(f"{d}/") for line in done.stderr.splitlines()]
    assert lines == [
        (
            "characters.yaml:9:5: character 'alpha' has no status change in events.yaml (expected "
            "at least one, stating how they end: e.g. status: alive with a place)"
        ),
        (
            "characters.yaml:16:20: first_episode: got the number 13 "
            "(expected an episode number from 1 to 12, or unknown)"
        ),
        (
            "characters.yaml:23:12: group: unknown group 'techer'; did you mean 'teacher'? "
            "(expected a group (student, teacher, staff, family, police, firefighter, military, "
            "politician, civilian), or a list of them, the primary first)"
        ),
        "characters.yaml:28:9: character 'beta' dispute #1 has no 'why' (expected non-empty text)",
        (
            "events.yaml:21:30: status: unknown status 'alvie'; did you mean 'alive'? "
            "(expected one of: alive, infected, hambie, zombie, dead, unknown)"
        ),
        "events.yaml:24:30: value: got the number -2 (expected a whole number, 0 or more)",
        f"6 problem(s) in {d}",
    ]
    assert lines[:-1] == problems(d)  # and the same as with docstrings, in this process
