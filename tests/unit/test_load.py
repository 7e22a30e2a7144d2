"""The loader: every kind of broken or hostile roster is refused with file:line:column."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from aouad import load_roster
from aouad.errors import DataError


def problems(directory: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_roster(directory)
    return [str(p) for p in caught.value.problems]


def only(directory: Path) -> str:
    found = problems(directory)
    assert len(found) == 1, found
    return found[0]


def test_mini_roster_loads(roster_dir):
    roster = load_roster(roster_dir())
    assert [c.id for c in roster.characters] == ["alpha", "beta"]
    assert roster.fates["beta"].status == "zombie"
    assert roster.fates["alpha"].status == "alive"


def test_unknown_values_are_none_not_text(roster_dir):
    beta = load_roster(roster_dir()).by_id["beta"]
    assert beta.hangul is None and beta.actor is None


def test_duplicate_key_is_refused_with_both_lines(roster_dir, mini_characters):
    text = mini_characters.replace(
        "    role: a test student\n", "    role: a test student\n    role: again\n"
    )
    message = only(roster_dir(characters=text))
    assert message.endswith(
        "characters.yaml:14:5: duplicate key 'role', first given on line 13 (expected each key "
        "once)"
    )


def test_python_tag_is_refused_and_never_run(roster_dir, tmp_path, mini_characters):
    marker = tmp_path / "pwned"
    text = mini_characters.replace(
        "role: a test student", f"role: !!python/object/apply:os.system ['touch {marker}']"
    )
    message = only(roster_dir(characters=text))
    assert (
        ":13:11: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"
        in message
    )
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly(roster_dir):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb += f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    start = time.perf_counter()
    message = only(roster_dir(characters=bomb))
    assert time.perf_counter() - start < 2
    assert "aliases expand to more than" in message


@pytest.mark.parametrize("opener", ["[", "- "])
def test_deep_nesting_is_a_clean_error(roster_dir, opener):
    deep = "characters: " + (opener * 5000) + ("]" * 5000 if opener == "[" else "x") + "\n"
    message = only(roster_dir(characters=deep))
    assert "characters.yaml:1:" in message
    assert "nest" in message


def test_tab_indentation_points_at_the_tab(roster_dir, mini_characters):
    text = mini_characters.replace("    name: Kim Al-pha", "\tname: Kim Al-pha")
    message = only(roster_dir(characters=text))
    assert ":9:1: a tab character (YAML indents with spaces)" in message


def test_syntax_error_has_line_and_column(roster_dir):
    message = only(roster_dir(events="events:\n  - id: [unclosed\n"))
    assert "events.yaml:3:1:" in message and "(expected valid YAML)" in message


def test_not_utf8(roster_dir):
    d = roster_dir()
    (d / "characters.yaml").write_bytes(b"sources: {}\ncharacters:\n  - id: caf\xe9\n")
    assert only(d).endswith("characters.yaml:3:12: byte 0xe9 is not UTF-8 (expected UTF-8 text)")


def test_binary_file(roster_dir):
    d = roster_dir()
    (d / "events.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    assert "events.yaml:3:1: binary data, a NUL byte (expected UTF-8 text)" in only(d)


def test_empty_file(roster_dir):
    assert "events.yaml:1:1: file is empty (expected a YAML mapping)" in only(
        roster_dir(events="  \n")
    )


@pytest.mark.parametrize(
    "doc, kind",
    [("just text\n", "the text 'just text'"), ("- a\n- b\n", "a list"), ("42\n", "the number 42")],
)
def test_wrong_top_level(roster_dir, doc, kind):
    assert f"events.yaml:1:1: the file holds {kind} (expected a mapping with 'events')" in only(
        roster_dir(events=doc)
    )


def test_missing_file_and_directory(roster_dir, tmp_path):
    d = roster_dir()
    (d / "events.yaml").unlink()
    assert "events.yaml:0:0: no such file" in only(d)
    assert "no such directory" in only(tmp_path / "nowhere")


def test_both_files_broken_report_together(roster_dir):
    found = problems(roster_dir(characters="", events="{"))
    assert len(found) == 2
    assert "characters.yaml" in found[0] and "events.yaml" in found[1]


def test_unknown_field_suggests(roster_dir, mini_characters):
    text = mini_characters.replace("    actor: Actor One", "    acter: Actor One")
    found = problems(roster_dir(characters=text))
    assert any(":11:5: unknown field 'acter'" in p and "did you mean 'actor'?" in p for p in found)
    assert any("has no 'actor'" in p for p in found)


def test_unknown_status_and_episode_out_of_range(roster_dir, mini_events):
    text = mini_events.replace("status: zombie", "status: zombi").replace(
        "episode: 12", "episode: 13"
    )
    found = problems(roster_dir(events=text))
    assert any(":14:" in p and "unknown status 'zombi'; did you mean 'zombie'?" in p for p in found)
    assert any(
        ":17:14: episode: got the number 13 (expected an episode number from 1 to 12)" in p
        for p in found
    )


def test_event_naming_a_missing_character(roster_dir, mini_events):
    text = mini_events.replace("{who: alpha,", "{who: alhpa,")
    found = problems(roster_dir(events=text))
    assert any("unknown character 'alhpa'" in p and "did you mean 'alpha'?" in p for p in found)


def test_duplicate_ids(roster_dir, mini_characters):
    text = mini_characters.replace("  - id: beta", "  - id: alpha")
    found = problems(roster_dir(characters=text))
    assert any("duplicate id 'alpha', first used on line 8" in p for p in found)


def test_character_without_any_status_change(roster_dir, mini_events):
    text = mini_events.replace("      - {who: alpha, status: alive}\n", "")
    found = problems(roster_dir(events=text))
    assert any("characters.yaml:8:5: character 'alpha' has no status change" in p for p in found)


def test_nothing_after_dead(roster_dir, mini_events):
    text = mini_events.replace("status: infected, cause: bitten", "status: dead, cause: bitten")
    found = problems(roster_dir(events=text))
    assert any(
        "'beta' changes to 'zombie' in event 'e03-beta-turns' after dying" in p for p in found
    )


def test_fatal_change_needs_cause_and_agent(roster_dir, mini_events):
    text = mini_events.replace(
        "{who: beta, status: infected, cause: bitten, by_what: zombies}",
        "{who: beta, status: infected}",
    )
    found = problems(roster_dir(events=text))
    assert any("has no 'cause'" in p for p in found)
    assert any("says neither 'by' nor 'by_what'" in p for p in found)


def test_unknown_source_key(roster_dir, mini_events):
    text = mini_events.replace("sources: [s1]\n  - id: e03", "sources: [s2]\n  - id: e03")
    found = problems(roster_dir(events=text))
    assert any("unknown source 's2'" in p for p in found)


def test_name_clash_after_folding(roster_dir, mini_characters):
    text = mini_characters.replace(
        "role: a test teacher", "role: a test teacher\n    aliases: [al pha]"
    )
    found = problems(roster_dir(characters=text))
    assert any("shares the name form 'alpha' with 'alpha'" in p for p in found)


def test_change_before_first_appearance(roster_dir, mini_characters):
    text = mini_characters.replace("first_episode: 2", "first_episode: 3")
    found = problems(roster_dir(characters=text))
    assert any("first_episode 3 is after their first status change" in p for p in found)


def test_seen_by_only_bounds_an_unknown_first_episode(roster_dir, mini_characters):
    both = mini_characters.replace("first_episode: 2", "first_episode: 2\n    seen_by: 4")
    assert any(
        "seen_by is set although first_episode is known" in p
        for p in problems(roster_dir(characters=both))
    )
    bounded = mini_characters.replace("first_episode: 2", "first_episode: unknown\n    seen_by: 2")
    roster = load_roster(roster_dir(characters=bounded, name="ok"))
    assert [c.seen_by for c in roster.characters if c.id == "beta"] == [2]
    out_of_range = mini_characters.replace(
        "first_episode: 2", "first_episode: unknown\n    seen_by: 13"
    )
    assert any(
        "seen_by" in p and "1 to 12" in p
        for p in problems(roster_dir(characters=out_of_range, name="bad"))
    )


def test_seen_by_is_not_later_than_an_event_that_involves_them(
    roster_dir, mini_characters, mini_events
):
    chars = mini_characters.replace("first_episode: 2", "first_episode: unknown\n    seen_by: 3")
    found = problems(roster_dir(characters=chars, events=mini_events))
    assert any("seen_by 3 is later than event 'e02-beta-bitten' (episode 2)" in p for p in found), (
        found
    )
    # A flashback does not put a character on screen.
    flashback = mini_events.replace(
        "    summary: Beta is bitten.\n", "    summary: Beta is bitten.\n    flashback: true\n"
    )
    roster = load_roster(roster_dir(characters=chars, events=flashback, name="fb"))
    assert [c.seen_by for c in roster.characters if c.id == "beta"] == [3]


def test_loading_writes_nothing(roster_dir):
    d = roster_dir()
    before = sorted(p.name for p in d.iterdir())
    load_roster(d)
    assert sorted(p.name for p in d.iterdir()) == before


def test_earliest_episode_must_be_before_the_event(roster_dir, mini_events):
    text = mini_events.replace("cause: the bite,", "cause: the bite, earliest_episode: 3,")
    found = problems(roster_dir(events=text))
    assert any("earliest_episode 3 is not before the event's episode 3" in p for p in found)
    ok = load_roster(
        roster_dir(
            events=mini_events.replace("cause: the bite,", "cause: the bite, earliest_episode: 2,"),
            name="ok",
        )
    )
    assert ok.fates["beta"].last.earliest_episode == 2
