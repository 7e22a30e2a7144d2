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
    assert {
        "student",
        "teacher",
        "staff",
        "family",
        "police",
        "firefighter",
        "military",
        "politician",
        "civilian",
    } <= groups


def test_survivors_agree_with_the_seed_article(roster):
    final = roster.fates
    for who in SEED_CAMP_STUDENTS:
        assert final[who].status == "alive", who
        assert roster.end_place_id(final[who]) == "quarantine-camp", who
    assert final["nam-ra"].status == "hambie"
    assert final["cheong-san"].status == "dead"
    assert final["so-ju"].status not in (
        "alive",
        "infected",
        "hambie",
    )  # "may not make it out alive"
    for who in SEED_OTHER_SURVIVORS:
        assert final[who].status == "alive", who
    students_alive = {
        f.character.id for f in queries.survivors(roster) if f.character.group == "student"
    }
    # Eun-ji, whom the seed does not mention at the end, is a living half-zombie held in a lab
    # (issue 13).
    assert students_alive == SEED_CAMP_STUDENTS | {"nam-ra", "eun-ji"}
    assert (
        final["eun-ji"].status == "hambie"
        and roster.end_place_id(final["eun-ji"]) == "government-lab"
    )


def test_every_fatal_fate_has_episode_cause_agent_and_source(roster):
    for fate in roster.fates.values():
        for change in fate.history:
            if change.status in FATAL:
                # `unknown` is allowed (the loader insists it is written), but then a note says why.
                assert change.cause or change.note, (fate.character.id, change.event_id)
                assert change.by or change.by_what or change.note, (
                    fate.character.id,
                    change.event_id,
                )
                assert 1 <= change.episode <= 12
                assert change.sources, (fate.character.id, change.event_id)


def test_every_fatal_change_cites_its_own_sources():
    # A change without sources inherits its event's, and `lineages` counts them; a death or a
    # turning must name the sources that state it, so the count says how well it is backed.
    import yaml

    from aouad.roster import data_dir_default

    events = yaml.safe_load((data_dir_default() / "events.yaml").read_text(encoding="utf-8"))[
        "events"
    ]
    inheriting = [
        (e["id"], c["who"])
        for e in events
        for c in e.get("changes", [])
        if c["status"] in FATAL and not c.get("sources")
    ]
    assert inheriting == []


def test_every_source_is_cited(roster):
    # A source nothing cites is a leftover: either cite it where it supports a fact, or drop it.
    uncited = [
        u.source.key for u in queries.sources(roster) if not (u.characters or u.events or u.figures)
    ]
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
    # The curve counts named characters: individuals, not the records that stand for groups.
    for row in queries.curve(roster):
        assert (
            sum(row.counts.values())
            == row.total
            == len(roster.people)
            == len(roster.characters) - 3
        )


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


# --- the second pass (issue 13): what the audit settled, each pinned to the data


def test_cheong_san_dies_in_season_1_and_both_disputes_are_on_his_record(roster, cli):
    fate = roster.fates["cheong-san"]
    assert (fate.status, fate.decisive.episode, fate.decisive.confirmed_episode) == ("dead", 11, 12)
    disputes = {d.about: d for d in fate.character.disputes}
    final = disputes["his fate at the end of season 1"]
    assert final.followed.startswith("dies in the bombing")
    announced = dict(final.values)["survives the outbreak (the 2025 season-2 announcement)"]
    assert {roster.source_by_key[k].lineage for k in announced} == {"netflix-s2-announcement"}
    body = disputes["whether his body is shown when episode 12 opens"]
    assert roster.lineages(dict(body.values)["no body is shown"]) == 3
    # The user is told: in the panel and in the JSON.
    panel = cli("fate", "cheong-san", "--spoilers", env={"COLUMNS": "200"}).stdout
    assert "2025 season-2 announcement" in panel and "no body is shown" in panel
    (row,) = json.loads(cli("fate", "cheong-san", "--json", "--spoilers").stdout)
    assert any("announcement" in value for d in row["disputes"] for value in d["values"])


def test_eun_ji_ends_held_in_a_government_lab(roster):
    last = roster.fates["eun-ji"].last
    assert (last.status, last.earliest_episode, last.episode) == ("hambie", 9, 12)
    assert roster.place_id_of(last) == "government-lab"
    assert roster.by_id["eun-ji"].last_seen.episode == 9


@pytest.mark.parametrize(
    "who, statuses, earliest, episode",
    [
        (
            "hee-su",
            ("infected", "zombie"),
            3,
            5,
        ),  # no source gives 3; one synopsis has her found turned in 5
        ("sun-hwa", ("dead",), 3, 4),  # Ms. Park: gone after Na-yeon at the end of 3, dead by 4
    ],
)
def test_unsettled_episodes_are_ranges(roster, who, statuses, earliest, episode):
    history = roster.fates[who].history
    assert tuple(ch.status for ch in history) == statuses
    assert all((ch.earliest_episode, ch.episode) == (earliest, episode) for ch in history)


def test_deaths_show_ranges_as_fate_does(cli):
    table = cli("deaths", "--spoilers", env={"COLUMNS": "250"}).stdout
    for text in (
        "3–4 (not settled)",
        "8–9 (not settled)",
        "11–12 (not settled)",
        "independent sources back each row",
    ):
        assert text in table
    assert "3–4 (not settled)" in cli("fate", "sun-hwa", "--spoilers").stdout


def test_cheong_san_mother_dies_in_the_bombing_on_one_lineage(roster):
    last = roster.fates["cheong-san-mother"].last
    assert (last.status, last.episode, last.event_id) == ("dead", 11, "e11-missile-strike")
    assert roster.lineages(last.sources) == 1


def test_byeong_chan_dispute_and_jae_jun_held_at_the_camp(roster):
    (dispute,) = [
        d for d in roster.by_id["byeong-chan"].disputes if d.about == "his end in episode 4"
    ]
    assert roster.lineages(dict(dispute.values)["dead"]) == 3 and dispute.followed == "dead"
    last = roster.fates["jae-jun"].last
    assert (last.status, last.episode, roster.end_place_id(roster.fates["jae-jun"])) == (
        "zombie",
        9,
        "quarantine-camp",
    )


def test_unreliable_sources_back_nothing(roster):
    unreliable = {s.key for s in roster.sources if s.grade == "unreliable"}
    assert {"ecthehub-ending", "cinemaholicpages-ep5"} <= unreliable
    for event in roster.events:
        for change in event.changes:
            assert not set(change.sources) <= unreliable, (event.id, change.who)
            assert "ecthehub-ending" not in change.sources
    assert all(s.grade in ("good", "weak", "unreliable") and s.grade_reason for s in roster.sources)


def test_the_quarantine_site_is_one_camp_and_one_island_facility(roster):
    places = roster.place_by_id
    camp, island = places["quarantine-camp"], places["island-shelter"]
    spellings = {
        "quarantine camp",
        "quarantine centre outside Hyosan",
        "military safe zone outside Hyosan",
        "military quarantine centre",
        "quarantine facility",
    }
    named = {camp.name.casefold(), *(a.casefold() for a in camp.aliases + island.aliases)}
    assert {s.casefold() for s in spellings} <= named
    assert "island" in island.name and camp.note and island.note
    # Every place the timeline names is on the list, and the list has no place nobody is at.
    used = {
        p
        for e in roster.events
        for p in (e.place, *(ch.place for ch in e.changes))
        if p and p != "unknown"
    }
    assert used <= set(places) and {p.within for p in places.values()} - {None} <= set(places)


def test_three_records_are_groups_and_not_counted_as_people(roster, cli):
    groups = {c.id for c in roster.characters if c.is_group}
    assert groups == {"hyeon-ju-police", "city-officials", "quarantine-scientist"}
    stats = json.loads(cli("stats", "--json", "--spoilers").stdout)
    assert (stats["individuals"], stats["groups"]) == (len(roster.characters) - 3, 3)
    assert f"Named characters: {stats['individuals']}" in cli("stats", "--spoilers").stdout


@pytest.mark.parametrize(
    "who, episode",
    [("u-sin", 4), ("city-officials", 5), ("youtuber", 8), ("ho-cheol", 9), ("hee-su-baby", 9)],
)
def test_the_living_say_when_they_were_last_seen(roster, cli, who, episode):
    assert roster.by_id[who].last_seen.episode == episode
    assert f"alive, last seen in episode {episode}" in cli("fate", who, "--spoilers").stdout
    assert f"alive, last seen in episode {episode}" in " ".join(
        cli("survivors", "--spoilers", env={"COLUMNS": "300"}).stdout.split()
    )


def test_every_living_character_has_a_last_sighting(roster):
    from aouad.model import SURVIVING

    living = [f.character for f in roster.fates.values() if f.status in SURVIVING]
    assert living and all(c.last_seen and c.last_seen.sources for c in living)


def test_so_ju_is_a_parent_and_a_firefighter(roster, cli):
    assert roster.by_id["so-ju"].all_groups == ("family", "firefighter")
    rows = json.loads(cli("characters", "--group", "firefighter", "--json", "--spoilers").stdout)
    assert {"so-ju", "u-sin"} <= {r["id"] for r in rows}


def test_episode_6_tells_one_scene_once(roster):
    assert "e06-sneak-past-zombie" not in roster.event_by_id
    assert "stuck banging its head" in roster.event_by_id["e06-gwi-nam-bites-nam-ra"].summary


def test_the_mayor_has_a_dated_sourced_status(roster):
    (change,) = roster.fates["hyosan-mayor"].history
    assert (change.status, change.earliest_episode, change.episode) == ("alive", 4, 5)
    assert change.sources == ("kdr-arasuji-ep4",)
