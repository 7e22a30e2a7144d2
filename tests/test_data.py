"""The bundled roster: the invariants that make its fates trustworthy."""

from __future__ import annotations

import json

import pytest

from aouad import load_roster, queries
from aouad.model import FATAL
from aouad.names import NameIndex, strong_forms

# What the seed article (Den of Geek, shared/seeds/) states; the data must never contradict it.
SEED_CAMP_STUDENTS = {"on-jo", "su-hyeok", "dae-su", "ha-ri", "mi-jin", "hyo-ryung"}
SEED_OTHER_SURVIVORS = {"u-sin", "jae-ik", "youtuber", "hee-su-baby", "little-girl"}


@pytest.fixture(scope="module")
def roster():
    return load_roster()


def test_size(roster):
    assert len(roster.characters) >= 50
    assert len(roster.events) >= 40


def test_every_group_is_represented(roster):
    groups = {c.group for c in roster.characters}
    assert {"student", "teacher", "staff", "family", "police", "firefighter", "military", "politician", "civilian"} <= groups


def test_survivors_agree_with_the_seed_article(roster):
    final = roster.fates
    for who in SEED_CAMP_STUDENTS:
        assert final[who].status == "alive", who
        assert roster.end_place(final[who]) == "quarantine camp", who
    assert final["nam-ra"].status == "hambie"
    assert final["cheong-san"].status == "dead"
    assert final["so-ju"].status not in ("alive", "infected", "hambie")  # "may not make it out alive"
    for who in SEED_OTHER_SURVIVORS:
        assert final[who].status == "alive", who
    students_alive = {f.character.id for f in queries.survivors(roster) if f.character.group == "student"}
    assert students_alive == SEED_CAMP_STUDENTS | {"nam-ra"}


def test_every_fatal_fate_has_episode_cause_agent_and_source(roster):
    for fate in roster.fates.values():
        for change in fate.history:
            if change.status in FATAL:
                # `unknown` is allowed (the loader insists it is written), but then a note says why.
                assert change.cause or change.note, (fate.character.id, change.event_id)
                assert change.by or change.by_what or change.note, (fate.character.id, change.event_id)
                assert 1 <= change.episode <= 12
                assert change.sources, (fate.character.id, change.event_id)


def test_every_fatal_change_cites_its_own_sources():
    # A change without sources inherits its event's, and `lineages` counts them; a death or a
    # turning must name the sources that state it, so the count says how well it is backed.
    import yaml

    from aouad.roster import data_dir_default

    events = yaml.safe_load((data_dir_default() / "events.yaml").read_text(encoding="utf-8"))["events"]
    inheriting = [(e["id"], c["who"]) for e in events for c in e.get("changes", [])
                  if c["status"] in FATAL and not c.get("sources")]
    assert inheriting == []


def test_every_source_is_cited(roster):
    # A source nothing cites is a leftover: either cite it where it supports a fact, or drop it.
    uncited = [u.source.key for u in queries.sources(roster) if not (u.characters or u.events or u.figures)]
    assert uncited == []


def test_every_record_cites_defined_sources(roster):
    keys = {s.key for s in roster.sources}
    cited = [k for c in roster.characters for k in c.sources]
    cited += [k for e in roster.events for k in e.sources]
    cited += [k for e in roster.events for ch in e.changes for k in ch.sources]
    assert cited and set(cited) <= keys
    assert all(c.sources for c in roster.characters) and all(e.sources for e in roster.events)


def test_everyone_has_an_explicit_end(roster):
    assert all(f.history for f in roster.fates.values())


def test_events_reference_known_characters(roster):
    ids = set(roster.by_id)
    for event in roster.events:
        assert set(event.characters) <= ids
        for change in event.changes:
            assert change.who in ids and set(change.by) <= ids


def test_every_name_form_finds_its_own_character(roster):
    index = NameIndex(roster)
    for c in roster.characters:
        for form in (c.id, c.name, *c.aliases, *([c.hangul] if c.hangul else [])):
            assert index.resolve(form).id == c.id, form
        assert strong_forms(c)


def test_patient_zero_both_meanings_kept(roster):
    jin_su, hyeon_ju = roster.fates["jin-su"], roster.fates["hyeon-ju"]
    assert jin_su.history[0].by == ("byeong-chan",) or "inject" in (jin_su.history[0].cause or "")
    assert hyeon_ju.history[0].episode == 1


def test_status_after_every_episode_is_derivable(roster):
    for row in queries.curve(roster):
        assert sum(row.counts.values()) == row.total == len(roster.characters)


@pytest.mark.parametrize(
    "who, episode, status",
    [
        ("cheong-san", 4, "alive"),
        ("cheong-san", 11, "infected"),  # the bombing's death is only confirmed in 12
        ("cheong-san", 12, "dead"),
        ("nam-ra", 5, "alive"),
        ("nam-ra", 6, "infected"),
        ("nam-ra", 8, "hambie"),
        ("gwi-nam", 5, "infected"),
        ("gwi-nam", 6, "hambie"),
        ("gwi-nam", 12, "dead"),
        ("so-ju", 10, "alive"),
        ("so-ju", 11, "zombie"),
        ("on-jo", 6, "alive"),
    ],
)
def test_status_as_of_an_episode(roster, who, episode, status):
    (fate,) = queries.fate(roster, [who], as_of=episode)
    assert fate.status == status


def test_gwi_nam_fate_tells_how_he_turned_and_ends(cli):
    result = cli("fate", "gwi-nam", "--spoilers")
    assert result.exit_code == 0
    out = result.stdout
    assert "hambie" in out and "dead" in out and "Lee Cheong-san" in out


def test_a_fate_typed_on_a_character_is_refused(tmp_path):
    """A status can only come from the timeline: a second place to type it is refused."""
    import shutil

    from aouad.errors import DataError
    from aouad.roster import data_dir_default

    d = tmp_path / "roster"
    shutil.copytree(data_dir_default(), d, ignore=shutil.ignore_patterns("README*"))
    text = (d / "characters.yaml").read_text(encoding="utf-8")
    text = text.replace("  name: Lee Cheong-san\n", "  name: Lee Cheong-san\n  status: alive\n", 1)
    (d / "characters.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_roster(d)
    assert any("unknown field 'status'" in str(p) for p in caught.value.problems)


@pytest.mark.parametrize(
    "who, episode, spoiler",
    [
        ("na-yeon", 3, "Gwi-nam"),  # who kills her, in episodes 8-9
        ("cheong-san", 10, "elevator"),  # how he dies, in episode 11
        ("so-ju", 9, "tennis"),  # where he turns, in episode 11
        ("nam-ra", 5, "hambie"),  # what she becomes, from episode 6
        ("so-ju", 10, "heart-wrenching"),  # a cited article's title, about his death in 11
        ("gwi-nam", 4, "die"),  # "Do Yoon Gwi-nam and Lee Na-yeon Die ...", a cited title
    ],
)
def test_gated_answers_do_not_leak_later_episodes(cli, who, episode, spoiler):
    for command in (["fate", who], ["characters", who], ["events", "--character", who]):
        result = cli(*command, "--episode", str(episode), "--json")
        assert result.exit_code == 0, result.stderr
        assert spoiler.lower() not in result.stdout.lower(), (command, spoiler)


def test_a_restated_status_is_not_a_second_turning(cli):
    # Nam-ra's hambie status is restated in episode 12 only to say where she ends up.
    (row,) = json.loads(cli("fate", "nam-ra", "--json", "--spoilers").stdout)
    assert row["status"] == "hambie" and row["episode"] == 7
    deaths = json.loads(cli("deaths", "--json", "--spoilers").stdout)
    assert [d["episode"] for d in deaths if d["id"] == "nam-ra"] == [7]
