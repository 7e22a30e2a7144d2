"""relationships.yaml: optional, checked with file:line:column, gated, and kept in snapshots."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from aouad import load_roster
from aouad.errors import DataError
from aouad.model import RELATIONSHIP_KINDS, SYMMETRIC_KINDS
from aouad.roster import data_dir_default
from aouad.viewpoint import gate

# The mini roster (conftest): alpha (episode 1) and beta (episode 2), source s1.
TIES = """\
relationships:
  - a: alpha
    b: beta
    kind: friend
    episode: 2
    sources: [s1]
    note: They share a desk.
  - a: beta
    b: alpha
    kind: rescued
    episode: 3
    sources: [s1]
"""


def with_ties(roster_dir, text: str = TIES) -> Path:
    d = roster_dir()
    (d / "relationships.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return d


def problems(directory: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_roster(directory, snapshots=False)
    return [str(p) for p in caught.value.problems]


def test_a_roster_without_the_file_has_no_relationships(roster_dir):
    assert load_roster(roster_dir()).relationships == ()


def test_the_file_is_read_when_there(roster_dir):
    roster = load_roster(with_ties(roster_dir))
    friend, rescue = roster.relationships
    assert (friend.a, friend.b, friend.kind, friend.episode, friend.sources) == (
        "alpha",
        "beta",
        "friend",
        2,
        ("s1",),
    )
    assert friend.note == "They share a desk." and rescue.kind == "rescued"


def test_the_bundled_roster_has_sourced_relationships_for_the_main_cast():
    roster = load_roster()
    assert len(roster.relationships) >= 60
    assert {r.kind for r in roster.relationships} >= {
        "parent",
        "sibling",
        "spouse",
        "friend",
        "couple",
        "crush",
        "bully",
        "classmate",
        "rescued",
        "protected",
    }
    assert all(r.sources for r in roster.relationships)
    assert any(
        r.disputes for r in roster.relationships
    )  # disagreements are kept, not settled silently
    main = {"on-jo", "cheong-san", "su-hyeok", "nam-ra"}
    assert all(any(who in (r.a, r.b) for r in roster.relationships) for who in main)


EPISODE_AND_NOTE = "    episode: 2\n    sources: [s1]\n    note"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    b: beta",
            "    b: betta",
            "relationships.yaml:3:8: unknown character 'betta' (expected an id from "
            "characters.yaml; did you mean 'beta'?)",
        ),
        (
            "kind: friend",
            "kind: freind",
            "relationships.yaml:4:11: kind: unknown kind 'freind'; did you mean 'friend'? "
            "(expected one of:",
        ),
        (
            "kind: friend",
            "kind: killed",
            "relationships.yaml:4:11: kind: 'killed' is derived from the timeline (a status "
            "change with 'by'), never typed (expected one of:",
        ),
        (
            EPISODE_AND_NOTE,
            EPISODE_AND_NOTE.replace("2", "1"),
            "relationships.yaml:5:14: episode 1 is before 'beta' is "
            "met (episode 2) (expected 2 or later: the first episode a viewer knows both)",
        ),
        (
            "sources: [s1]\n    note",
            "sources: [s11]\n    note",
            "relationships.yaml:6:15: unknown source 's11' "
            "(expected a key under 'sources:' in characters.yaml; did you mean 's1'?)",
        ),
        (
            "    b: beta",
            "    b: alpha",
            "relationships.yaml:3:8: relationship #1 relates 'alpha' to themselves "
            "(expected two different characters)",
        ),
        (
            "    note: They",
            "    mood: They",
            "relationships.yaml:7:5: unknown field 'mood' in relationship #1 (expected "
            "one of: a, b, kind, episode, sources, note, disputes",
        ),
        (
            EPISODE_AND_NOTE,
            "    sources: [s1]\n    note",
            "relationships.yaml:2:5: relationship #1 has no 'episode' "
            "(expected an episode number from 1 to 12)",
        ),
    ],
    ids=["character", "kind", "derived-kind", "before-met", "source", "self", "field", "missing"],
)
def test_each_problem_is_reported_with_file_line_column(roster_dir, old, new, expected):
    assert old in TIES
    found = problems(with_ties(roster_dir, TIES.replace(old, new, 1)))
    assert len(found) == 1, found
    assert found[0].split("/")[-1].startswith(expected), found[0]


def test_a_symmetric_kind_typed_twice_is_refused_in_either_order(roster_dir):
    twice = TIES + "  - {a: beta, b: alpha, kind: friend, episode: 5, sources: [s1]}\n"
    (found,) = problems(with_ties(roster_dir, twice))
    assert found.endswith(
        "relationships.yaml:13:31: relationship #3: beta friend alpha is already given on line 2 "
        "(expected each symmetric pair once, in either order)"
    )


def test_a_rescue_may_repeat_in_another_episode_but_not_the_same(roster_dir):
    again = TIES + "  - {a: beta, b: alpha, kind: rescued, episode: 9, sources: [s1]}\n"
    assert len(load_roster(with_ties(roster_dir, again)).relationships) == 3
    same = TIES + "  - {a: beta, b: alpha, kind: rescued, episode: 3, sources: [s1]}\n"
    (found,) = problems(with_ties(roster_dir, same))
    assert "beta rescued alpha is already given on line 8" in found


def test_every_problem_at_once_and_yaml_faults_too(roster_dir):
    many = TIES.replace("kind: friend", "kind: freind").replace(
        "sources: [s1]\n    note", "sources: [nope]\n    note"
    )
    assert len(problems(with_ties(roster_dir, many))) == 2
    broken = with_ties(roster_dir, "relationships:\n  - a: alpha\n   b: beta\n")
    (found,) = problems(broken)
    assert "relationships.yaml:3:" in found and "(expected valid YAML)" in found
    assert (
        "relationships.yaml:1:1: the file holds a list (expected a mapping with 'relationships')"
        in problems(with_ties(roster_dir, "- a: alpha\n"))[0]
    )


def test_a_broken_characters_file_is_reported_before_the_ties(roster_dir, mini_characters):
    d = roster_dir(characters=mini_characters.replace("group: teacher", "group: teechr"))
    (d / "relationships.yaml").write_text(TIES, encoding="utf-8")
    (found,) = problems(d)
    assert "characters.yaml" in found and "teechr" in found


def test_kinds_are_directional_or_symmetric():
    assert set(SYMMETRIC_KINDS) == {
        "sibling",
        "spouse",
        "friend",
        "couple",
        "classmate",
        "rival",
        "enemy",
        "colleague",
    }
    assert set(SYMMETRIC_KINDS) < set(RELATIONSHIP_KINDS)


def test_the_gate_drops_later_ties_and_their_research(roster_dir):
    roster = load_roster(with_ties(roster_dir))
    assert gate(roster, 1).relationships == ()  # beta not met, and the tie is from 2
    (friend,) = gate(roster, 2).relationships
    assert friend.kind == "friend" and friend.note is None and friend.sources == ()
    assert len(gate(roster, 3).relationships) == 2
    assert gate(roster, 12).relationships == roster.relationships


def test_the_validate_command_counts_them(cli, roster_dir):
    result = cli("validate", str(with_ties(roster_dir)))
    assert result.exit_code == 0 and "2 relationships" in result.stdout
    bad = with_ties(roster_dir, TIES.replace("kind: friend", "kind: freind"))
    result = cli("validate", str(bad), "--json")
    assert result.exit_code == 3 and '"line": 4' in result.stdout


def test_snapshots_keep_relationships_and_notice_the_file(cli, tmp_path):
    copy = tmp_path / "roster"
    shutil.copytree(
        data_dir_default(), copy, ignore=shutil.ignore_patterns("README*", "roster.json")
    )
    assert cli("validate", str(copy), "--snapshot").exit_code == 0
    from_snapshot = load_roster(copy)
    assert from_snapshot.relationships == load_roster(copy, snapshots=False).relationships
    (copy / "relationships.yaml").unlink()  # removing the optional file makes the snapshot stale
    assert load_roster(copy).relationships == ()


def test_the_wheel_carries_the_file():
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/relationships.yaml" = "aouad/data/relationships.yaml"' in pyproject


def test_a_weak_source_never_stands_alone(roster_dir, mini_characters):
    weak = mini_characters.replace(
        "places:\n",
        "  w1: {title: A fan page, publisher: Fans, url: null, lineage: fans,\n"
        "       grade: weak, grade_reason: a fan wiki}\nplaces:\n",
        1,
    )
    d = roster_dir(characters=weak)
    (d / "relationships.yaml").write_text(
        TIES.replace("sources: [s1]\n    note", "sources: [w1]\n    note"), encoding="utf-8"
    )
    (found,) = problems(d)
    assert found.endswith(
        "relationships.yaml:6:14: relationship #1: every source is graded weak or unreliable (w1) "
        "(expected at least one source graded good: a weak source never stands alone)"
    )
    (d / "relationships.yaml").write_text(
        TIES.replace("sources: [s1]\n    note", "sources: [w1, s1]\n    note"), encoding="utf-8"
    )
    assert len(load_roster(d, snapshots=False).relationships) == 2  # beside a good one it may stand
