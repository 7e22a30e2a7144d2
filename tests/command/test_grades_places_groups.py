"""The second-pass model: source grades, canonical places, group records, several groups, last
sightings.

Each rule is tested where a user meets it: the validator's file:line:col message, and the answer
a command gives on a small roster.
"""

from __future__ import annotations

import json
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


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# A second source, graded unreliable, for the mini roster.
def with_unreliable(characters: str) -> str:
    return edit(
        characters,
        "       grade: good, grade_reason: a test source}\n",
        "       grade: good, grade_reason: a test source}\n"
        "  junk: {title: Junk, publisher: Farm, url: null, lineage: farm, grade: unreliable, "
        "grade_reason: invents scenes}\n",
    )


@pytest.fixture
def json_of(cli):
    def run(*args: str) -> object:
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return run


# --- grades


def test_every_source_needs_a_grade_and_a_reason(roster_dir, mini_characters):
    text = edit(mini_characters, "grade: good, grade_reason: a test source}", "lineage2: x}")
    found = problems(roster_dir(characters=text))
    assert any(
        ":2:7: source 's1' has no 'grade' (expected one of: good, weak, unreliable)" in p
        for p in found
    ), found
    assert any("source 's1' has no 'grade_reason' (expected non-empty text)" in p for p in found), (
        found
    )


def test_a_misspelt_grade_is_refused_with_a_suggestion(roster_dir, mini_characters):
    message = only(roster_dir(characters=edit(mini_characters, "grade: good,", "grade: goood,")))
    assert (
        "characters.yaml:3:15: grade: unknown grade 'goood'; did you mean 'good'? "
        "(expected one of: good, weak, unreliable)" in message
    )


@pytest.mark.parametrize("where", ["character", "change", "event", "figure"])
def test_a_fact_backed_only_by_unreliable_sources_is_refused(
    roster_dir, mini_characters, mini_events, where
):
    chars, events = with_unreliable(mini_characters), mini_events
    if where == "character":
        chars = edit(
            chars,
            "    first_episode: 2\n    sources: [s1]",
            "    first_episode: 2\n    sources: [junk]",
        )
    elif where == "change":
        events = edit(events, "confirmed_episode: 4}", "confirmed_episode: 4, sources: [junk]}")
    elif where == "event":
        events = edit(
            events,
            "      - {who: alpha, status: alive}\n    sources: [s1]",
            "      - {who: alpha, status: alive, sources: [s1]}\n    sources: [junk]",
        )
    else:
        events += "figures:\n  - {id: f, label: A figure, value: 1, episode: 12, sources: [junk]}\n"
    message = only(roster_dir(chars, events))
    assert (
        "every source is graded unreliable (junk) (expected at least one source graded good or "
        "weak: "
        "an unreliable source backs nothing on its own)" in message
    )


def test_an_unreliable_source_may_stand_beside_a_good_one_and_is_not_counted(
    roster_dir, cli, json_of, mini_characters, mini_events
):
    events = edit(
        mini_events, "confirmed_episode: 4}", "confirmed_episode: 4, sources: [s1, junk]}"
    )
    d = str(roster_dir(with_unreliable(mini_characters), events))
    (row,) = json_of("--data", d, "fate", "beta", "--json")
    assert row["lineages"] == 1  # s1 counts; junk is a second lineage but unreliable
    assert {c["key"]: c["grade"] for c in row["cited"]} == {"s1": "good", "junk": "unreliable"}
    assert "one source only" in cli("--data", d, "fate", "beta").stdout


def test_a_dispute_may_record_an_unreliable_claim_but_not_follow_it(roster_dir, mini_characters):
    dispute = (
        "    disputes:\n      - about: job\n        values: {teacher: [s1], astronaut: [junk]}\n"
        "        followed: FOLLOWED\n        why: the good source\n"
    )
    base = with_unreliable(mini_characters)
    ok = edit(
        base,
        "    first_episode: 2\n",
        "    first_episode: 2\n" + dispute.replace("FOLLOWED", "teacher"),
    )
    assert load_roster(roster_dir(characters=ok)).by_id["beta"].disputes
    bad = edit(
        base,
        "    first_episode: 2\n",
        "    first_episode: 2\n" + dispute.replace("FOLLOWED", "astronaut"),
    )
    assert "the followed value 'astronaut': every source is graded unreliable (junk)" in only(
        roster_dir(characters=bad)
    )


def test_sources_show_their_grade(roster_dir, cli, json_of, mini_characters):
    d = str(
        roster_dir(
            with_unreliable(mini_characters).replace(
                "sources: [s1]\n  - id: beta", "sources: [s1, junk]\n  - id: beta"
            )
        )
    )
    rows = json_of("--data", d, "sources", "--json")
    assert [(r["key"], r["grade"], r["grade_reason"]) for r in rows] == [
        ("s1", "good", "a test source"),
        ("junk", "unreliable", "invents scenes"),
    ]
    table = cli("--data", d, "sources", env={"COLUMNS": "200"}).stdout
    assert "Grade" in table and "unreliable: invents scenes" in table


# --- places


def test_an_unknown_place_is_refused_with_a_suggestion(roster_dir, mini_events):
    message = only(roster_dir(events=edit(mini_events, "place: camp", "place: cmap")))
    assert (
        "events.yaml:19:12: place: unknown place 'cmap' in event 'e12-alpha-safe' (expected an id "
        "under "
        "'places:' in characters.yaml, or unknown; did you mean 'camp'?)" in message
    )


def test_a_place_written_by_its_alias_points_at_its_id(roster_dir, mini_events):
    message = only(
        roster_dir(
            events=edit(
                mini_events,
                "place: lab\n    changes:\n      - {who: beta, status: infected",
                "place: Laboratory\n    changes:\n      - {who: beta, status: infected",
            )
        )
    )
    assert "did you mean 'lab'? ('Laboratory' is its name or an alias)" in message


def test_a_change_place_is_checked_too(roster_dir, mini_events):
    message = only(
        roster_dir(
            events=edit(
                mini_events,
                "{who: alpha, status: alive}",
                "{who: alpha, status: alive, place: moon}",
            )
        )
    )
    assert "place: unknown place 'moon' in event 'e12-alpha-safe' change #1" in message


@pytest.mark.parametrize(
    "places, expected",
    [
        (
            "  - {id: lab, name: lab, within: null}\n  - {id: lab, name: Lab two, within: null}\n",
            "duplicate place id 'lab', first used on line",
        ),
        (
            "  - {id: lab, name: lab, within: attic}\n  - {id: camp, name: camp, within: null}\n",
            "within: unknown place 'attic' (expected the id of a place under 'places:', or null)",
        ),
        (
            "  - {id: lab, name: lab, within: camp}\n  - {id: camp, name: camp, within: lab}\n",
            "within: 'lab' ends up inside itself (lab -> camp -> lab)",
        ),
        (
            "  - {id: lab, name: lab}\n  - {id: camp, name: camp, within: null}\n",
            "place 'lab' has no 'within' (expected the id of the place that contains it, or null)",
        ),
        (
            "  - {id: lab, name: lab, within: null}\n  - {id: camp, name: camp, aliases: [LAB], "
            "within: null}\n",
            "place 'camp' shares the name form 'LAB' with 'lab'",
        ),
        (
            "  - {id: lab, name: lab, within: null}\n  - {id: camp, name: camp, within: null}\n"
            "  - {id: unknown, name: nowhere, within: null}\n",
            "place id 'unknown' is reserved",
        ),
    ],
)
def test_the_places_list_is_checked(roster_dir, mini_characters, places, expected):
    text = edit(
        mini_characters,
        "  - {id: lab, name: lab, aliases: [laboratory], within: null}\n"
        "  - {id: camp, name: camp, within: null}\n",
        places,
    )
    found = problems(roster_dir(characters=text))
    assert any(expected in p for p in found), found


def test_json_keeps_place_names_and_adds_ids(roster_dir, json_of):
    d = str(roster_dir())
    (beta,) = json_of("--data", d, "fate", "beta", "--json")
    assert (beta["place"], beta["place_id"]) == ("lab", "lab")
    (alpha,) = json_of("--data", d, "survivors", "--json")
    assert (alpha["ends"], alpha["ends_id"]) == ("camp", "camp")
    events = json_of("--data", d, "events", "--json")
    assert [(e["place"], e["place_id"]) for e in events] == [
        ("lab", "lab"),
        ("lab", "lab"),
        ("camp", "camp"),
    ]


def test_place_unknown_on_a_change_does_not_borrow_the_events_place(
    roster_dir, json_of, mini_events
):
    d = str(
        roster_dir(
            events=edit(
                mini_events,
                "{who: alpha, status: alive}",
                "{who: alpha, status: alive, place: unknown}",
            )
        )
    )
    (alpha,) = json_of("--data", d, "fate", "alpha", "--json")
    assert (alpha["ends"], alpha["ends_id"]) == (None, None)


def test_where_groups_by_place_and_labels_each_status(
    roster_dir, cli, json_of, mini_characters, mini_events
):
    # A third character who dies at the camp: never read as one of the living there.
    chars = mini_characters + (
        "  - {id: gamma, name: Kim Gam-ma, hangul: unknown, actor: unknown, group: police, "
        "role: a test officer, first_episode: 12, sources: [s1]}\n"
    )
    events = edit(
        mini_events,
        "      - {who: alpha, status: alive}\n",
        "      - {who: alpha, status: alive}\n      - {who: gamma, status: dead, cause: shot, "
        "by_what: a gun}\n",
    )
    d = str(roster_dir(chars, events))
    camp = next(r for r in json_of("--data", d, "where", "--json") if r["place_id"] == "camp")
    assert [(c["id"], c["status"]) for c in camp["characters"]] == [
        ("alpha", "alive"),
        ("gamma", "dead"),
    ]
    table = cli("--data", d, "--no-color", "where").stdout
    lines = table.splitlines()
    # each status on a line of its own, with its people: the dead never among the living
    assert any("alive" in line and "Kim Al-pha" in line and "Gam-ma" not in line for line in lines)
    assert any("dead" in line and "Kim Gam-ma" in line and "Al-pha" not in line for line in lines)


# --- groups of people, and people in several groups


GROUP_RECORD = (
    "  - {id: crowd, name: The crowd, kind: group, hangul: unknown, actor: unknown, group: "
    "civilian, "
    "role: people in the street, first_episode: 12, sources: [s1], last_seen: {episode: 12, "
    "sources: [s1]}}\n"
)
CROWD_SAFE = "      - {who: alpha, status: alive}\n      - {who: crowd, status: alive}\n"


@pytest.fixture
def with_crowd(roster_dir, mini_characters, mini_events):
    return str(
        roster_dir(
            mini_characters + GROUP_RECORD,
            edit(mini_events, "      - {who: alpha, status: alive}\n", CROWD_SAFE),
        )
    )


def test_a_group_record_is_not_counted_as_a_person(with_crowd, cli, json_of):
    stats = json_of("--data", with_crowd, "stats", "--json")
    assert (stats["total"], stats["individuals"], stats["groups"]) == (3, 2, 1)
    assert sum(stats["by_status"].values()) == 2
    table = cli("--data", with_crowd, "stats").stdout
    assert "Named characters: 2" in table and "Group records" in table and ": 1." in table
    assert [r["total"] for r in json_of("--data", with_crowd, "curve", "--json")][-1] == 2


def test_survivors_list_groups_apart(with_crowd, cli, json_of):
    rows = json_of("--data", with_crowd, "survivors", "--json")
    assert [(r["id"], r["kind"]) for r in rows] == [("alpha", "person"), ("crowd", "group")]
    table = cli("--data", with_crowd, "survivors").stdout
    assert "Survivors: 1" in table and "Groups, not counted as people: 1" in table
    assert table.index("Kim Al-pha") < table.index("Groups, not counted") < table.index("The crowd")
    assert "The crowd (group)" in cli("--data", with_crowd, "characters").stdout


def test_a_bad_kind_is_refused(roster_dir, mini_characters):
    message = only(
        roster_dir(
            characters=edit(
                mini_characters, "    group: teacher\n", "    group: teacher\n    kind: crowd\n"
            )
        )
    )
    assert "kind: got 'crowd' (expected person or group" in message


def test_several_groups_the_first_primary(roster_dir, cli, json_of, mini_characters):
    d = str(
        roster_dir(characters=edit(mini_characters, "group: teacher", "group: [teacher, family]"))
    )
    (beta,) = json_of("--data", d, "fate", "beta", "--json")
    assert (beta["group"], beta["groups"]) == ("teacher", ["teacher", "family"])
    assert [r["id"] for r in json_of("--data", d, "characters", "--group", "family", "--json")] == [
        "beta"
    ]
    assert json_of("--data", d, "stats", "--json")["by_group"]["family"]["zombie"] == 1
    assert "teacher, family" in cli("--data", d, "fate", "beta").stdout


@pytest.mark.parametrize(
    "groups, expected",
    [
        ("[teacher, astronaut]", "unknown group 'astronaut'"),
        ("[]", "an empty list"),
        ("[teacher, teacher]", "a group listed twice"),
    ],
)
def test_a_bad_group_list_is_refused(roster_dir, mini_characters, groups, expected):
    message = only(
        roster_dir(characters=edit(mini_characters, "group: teacher", f"group: {groups}"))
    )
    assert f"group: {expected}" in message


# --- last sightings


def test_the_living_must_say_when_they_were_last_seen(roster_dir, mini_characters):
    message = only(
        roster_dir(
            characters=edit(mini_characters, "    last_seen: {episode: 12, sources: [s1]}\n", "")
        )
    )
    assert (
        "characters.yaml:8:5: character 'alpha' ends alive but has no 'last_seen' (expected "
        "last_seen: "
        "{episode: N, sources: [...]}, the last episode a source shows them)" in message
    )


def test_a_last_sighting_cannot_come_before_an_event_that_shows_them(roster_dir, mini_characters):
    message = only(
        roster_dir(
            characters=edit(
                mini_characters, "{episode: 12, sources: [s1]}", "{episode: 9, sources: [s1]}"
            )
        )
    )
    assert (
        "last_seen 9 is before event 'e12-alpha-safe' (episode 12), which shows them (expected 12 "
        "to 12)" in message
    )


def test_a_last_sighting_needs_a_known_source(roster_dir, mini_characters):
    message = only(
        roster_dir(
            characters=edit(
                mini_characters, "{episode: 12, sources: [s1]}", "{episode: 12, sources: [s9]}"
            )
        )
    )
    assert "unknown source 's9'" in message


def test_a_ranged_change_only_bounds_a_sighting(roster_dir, mini_characters, mini_events):
    # Alpha's end is known only to fall in episodes 9..12: a sighting in 10 does not contradict it.
    events = edit(
        mini_events,
        "{who: alpha, status: alive}",
        "{who: alpha, status: alive, earliest_episode: 9}",
    )
    chars = edit(mini_characters, "{episode: 12, sources: [s1]}", "{episode: 10, sources: [s1]}")
    assert load_roster(roster_dir(chars, events)).by_id["alpha"].last_seen.episode == 10


def test_alive_last_seen_before_the_end_is_said(
    roster_dir, cli, json_of, mini_characters, mini_events
):
    chars = edit(mini_characters, "{episode: 12, sources: [s1]}", "{episode: 5, sources: [s1]}")
    events = edit(
        mini_events,
        "  - id: e12-alpha-safe\n    episode: 12",
        "  - id: e05-alpha-safe\n    episode: 5",
    )
    d = str(roster_dir(chars, events))
    (alpha,) = json_of("--data", d, "survivors", "--json")
    assert alpha["last_seen"] == 5
    assert (
        "alive, last seen in episode 5"
        in cli("--data", d, "survivors", env={"COLUMNS": "200"}).stdout
    )
    assert "alive, last seen in episode 5" in cli("--data", d, "fate", "alpha").stdout
    # Under a gate a sighting is never shown, however early: it speaks of every later episode.
    (gated,) = json_of("--data", d, "survivors", "--json", "--episode", "6")
    assert gated["last_seen"] is None
    assert "last seen" not in cli("--data", d, "fate", "alpha", "--episode", "6").stdout


def test_the_last_sighting_rule_waits_for_a_readable_timeline(roster_dir, mini_events):
    # Beta's turning is dropped with its bad episode; "ends infected, no last_seen" would be noise.
    message = only(roster_dir(events=edit(mini_events, "episode: 3\n", "episode: three\n")))
    assert "episode: got the text 'three'" in message


# --- deaths read ranges as fate does


def test_deaths_show_a_range_and_count_independent_sources(roster_dir, cli, mini_events):
    d = str(roster_dir(events=edit(mini_events, "confirmed_episode: 4}", "earliest_episode: 2}")))
    table = cli("--data", d, "deaths", env={"COLUMNS": "200"}).stdout
    assert "2–3 (not settled)" in table and "independent sources back each row" in table
    assert "2–3 (not settled)" in cli("--data", d, "fate", "beta").stdout


# --- snapshots carry the new model, and an older format is never read


def test_a_snapshot_keeps_grades_places_groups_and_sightings(
    roster_dir, mini_characters, mini_events, tmp_path
):
    from aouad import snapshot

    chars = edit(
        with_unreliable(mini_characters),
        "group: teacher",
        "group: [teacher, family]\n    kind: group",
    )
    chars = edit(
        chars,
        "    first_episode: 2\n    sources: [s1]",
        "    first_episode: 2\n    sources: [s1, junk]",
    )
    d = roster_dir(chars, mini_events)
    roster = load_roster(d, snapshots=False)
    target = tmp_path / "snap.json"
    snapshot.write(roster, d, target)
    back = snapshot.read(target, d, "given")
    assert back == roster
    assert back.by_id["beta"].all_groups == ("teacher", "family") and back.by_id["beta"].is_group
    assert back.source_by_key["junk"].grade == "unreliable" and back.place_by_id["lab"].aliases == (
        "laboratory",
    )
    assert back.by_id["alpha"].last_seen.episode == 12
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["format"] == snapshot.FORMAT >= 3
    doc["format"] = 2  # what the previous model wrote: ignored, the YAML is read instead
    target.write_text(json.dumps(doc), encoding="utf-8")
    assert snapshot.read(target, d, "given") is None
