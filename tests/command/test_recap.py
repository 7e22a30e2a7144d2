"""`aouad recap` and watch's "new this episode": what a reader sees, how long it is to read, and
that it stays within what the viewer has watched."""

from __future__ import annotations

import json
import re

import pytest

from aouad.model import EPISODES, SURVIVING
from conftest import MINI_CHARACTERS

ENV = {"NO_COLOR": "1", "COLUMNS": "100"}
WORDS_PER_MINUTE = 250

KEYED_EVENTS = """\
events:
  - id: e02-beta-bitten
    episode: 2
    key: true
    summary: Beta is bitten.
    place: lab
    changes:
      - {who: beta, status: infected, cause: bitten, by_what: zombies}
    sources: [s1]
  - id: e02-alpha-hides
    episode: 2
    summary: Alpha hides in the library.
    place: library
    characters: [alpha]
    sources: [s1]
  - id: e03-beta-turns
    episode: 3
    summary: Beta turns.
    place: lab
    changes:
      - {who: beta, status: zombie, cause: the bite, by_what: zombies, confirmed_episode: 4}
    sources: [s1]
  - id: e12-alpha-safe
    episode: 12
    key: true
    summary: Alpha reaches safety.
    place: camp
    changes:
      - {who: alpha, status: alive}
    sources: [s1]
"""


def ok(result):
    assert result.exit_code == 0, result.stderr
    return result.stdout


KEYED_CHARACTERS = MINI_CHARACTERS.replace(
    "  - {id: camp, name: camp, within: null}\n",
    "  - {id: camp, name: camp, within: null}\n  - {id: library, name: library, within: null}\n",
)


@pytest.fixture
def mini(cli, roster_dir):
    d = str(roster_dir(KEYED_CHARACTERS, KEYED_EVENTS, name="keyed"))
    return lambda *args, **kw: cli("--data", d, *args, **kw)


def test_key_is_a_boolean(cli, roster_dir):
    d = roster_dir(events=KEYED_EVENTS.replace("key: true", 'key: "true"', 1), name="bad-key")
    result = cli("validate", str(d))
    assert result.exit_code == 3
    assert re.search(r"events\.yaml:4:\d+: key: .*expected true or false", result.stderr), (
        result.stderr
    )


def test_only_key_events_are_told(mini):
    row = json.loads(ok(mini("recap", "--json")))
    assert (row["from"], row["to"], row["episode"]) == (1, EPISODES, None)
    told = {ep["episode"]: [e["id"] for e in ep["events"]] for ep in row["episodes"]}
    assert told[2] == ["e02-beta-bitten"] and told[3] == [] and told[12] == ["e12-alpha-safe"]
    assert row["episodes"][1]["events"][0]["sources"] == ["s1"]


def test_standing_groups_the_living_by_place(mini):
    row = json.loads(ok(mini("recap", "--json")))
    standing = row["standing"]
    assert standing["episode"] == EPISODES
    assert standing["statuses"]["zombie"] == [{"id": "beta", "name": "Kim Be-ta"}]
    assert standing["places"] == [
        {"place": "camp", "characters": [{"id": "alpha", "name": "Kim Al-pha", "status": "alive"}]}
    ]
    text = ok(mini("recap"))
    assert (
        "Where things stand after episode 12" in text
        and "camp: Al-pha" in text
        and "zombie: Be-ta" in text
    )


def test_a_gated_recap_stops_at_the_viewer_and_names_no_later_status(mini):
    row = json.loads(ok(mini("recap", "--episode", "3", "--json")))
    assert [ep["episode"] for ep in row["episodes"]] == [1, 2, 3]
    assert row["episodes"][1]["events"][0]["sources"] == []  # hidden under a gate, as everywhere
    assert set(row["standing"]["statuses"]) == {"alive", "infected"}  # the turn is confirmed in 4
    places = {
        c["id"]: (g["place"], c["status"])
        for g in row["standing"]["places"]
        for c in g["characters"]
    }
    assert places == {
        "alpha": ("library", "alive"),
        "beta": ("lab", "infected"),
    }  # the living, where last put
    text = ok(mini("recap", "--episode", "3"))
    assert (
        "zombie" not in text
        and "as of episode 3" in text
        and "Sources: hidden until episode 12" in text
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--episode", "4", "--to", "6"],
        ["--episode", "4", "--from", "5"],
    ],
)
def test_a_range_past_the_viewer_is_refused(cli, args):
    result = cli("recap", *args)
    assert result.exit_code == 2
    assert "is past what you have watched (episode 4, from --episode)" in result.stderr
    assert result.stdout == ""


def test_a_range_past_saved_progress_is_refused_as_json(cli):
    assert cli("progress", "5").exit_code == 0
    result = cli("recap", "--to", "7", "--json")
    assert result.exit_code == 2 and result.stdout == ""
    err = json.loads(result.stderr)
    assert (
        err["kind"] == "usage"
        and "your saved progress" in err["error"]
        and "--spoilers" in err["error"]
    )
    assert json.loads(ok(cli("recap", "--to", "7", "--spoilers", "--json")))["to"] == 7


def test_from_after_to_is_a_usage_error(cli):
    result = cli("recap", "--from", "5", "--to", "3")
    assert result.exit_code == 2 and "--from 5 is after --to 3" in result.stderr


def test_recap_is_deterministic(cli):
    assert ok(cli("recap", env=ENV)) == ok(cli("recap", env=ENV))


def words(text: str) -> int:
    """The words a person reads: source keys are looked up, not read, so their lines are left
    out (the output is drawn wide enough that no line wraps)."""
    return sum(
        len(line.split()) for line in text.splitlines() if not line.strip().startswith("sources:")
    )


WIDE = {**ENV, "COLUMNS": "2000"}


def test_reading_length(cli):
    """The promise: the season in about five minutes, one episode in about a minute (250 words a
    minute). README states these figures; this keeps them true as the data grows."""
    season = ok(cli("recap", env=WIDE))
    assert words(season) <= 5 * WORDS_PER_MINUTE, words(season)
    assert len(season.split()) <= 5.5 * WORDS_PER_MINUTE  # with the source keys too
    # Each episode's own part (its key events and their sources) is well under a minute...
    parts = re.split(r"\n(?=Episode \d+\n|Where things stand)", season)
    episodes = [p for p in parts if p.startswith("Episode ")]
    assert len(episodes) == EPISODES
    assert all(words(p) <= WORDS_PER_MINUTE for p in episodes)
    # ...and a one-episode recap, which adds where things stand after it, stays near one.
    for n in range(1, EPISODES + 1):
        one = ok(cli("recap", "--from", str(n), "--to", str(n), env=WIDE))
        assert words(one) <= 1.25 * WORDS_PER_MINUTE, (n, words(one))


def test_every_episode_has_key_events(cli):
    row = json.loads(ok(cli("recap", "--json")))
    assert all(1 <= len(ep["events"]) <= 5 for ep in row["episodes"])  # every episode told, briefly
    assert (
        sum(len(ep["events"]) for ep in row["episodes"]) >= 2 * EPISODES
    )  # two or three on average


def test_where_the_living_stand_at_the_end_is_where_survivors_end(cli):
    """The recap and `survivors` place the survivors alike: one fact, one answer."""
    row = json.loads(ok(cli("recap", "--json")))
    placed = {c["id"]: g["place"] for g in row["standing"]["places"] for c in g["characters"]}
    survivors = json.loads(ok(cli("survivors", "--json")))
    assert placed == {s["id"]: s["ends"] for s in survivors}
    assert all(c["status"] in SURVIVING for g in row["standing"]["places"] for c in g["characters"])


def test_everyone_met_is_under_one_status(cli):
    for episode in (3, 7, 12):
        row = json.loads(ok(cli("recap", "--episode", str(episode), "--json")))
        listed = [c["id"] for who in row["standing"]["statuses"].values() for c in who]
        met = [
            c["id"] for c in json.loads(ok(cli("characters", "--episode", str(episode), "--json")))
        ]
        assert sorted(listed) == sorted(met)


# --- "new this episode": the same code in watch and in recap


def test_new_in_an_episode(mini):
    row = json.loads(ok(mini("recap", "--json")))
    new = {ep["episode"]: ep["new"] for ep in row["episodes"]}
    assert new[1]["met"] == [{"id": "alpha", "name": "Kim Al-pha"}]
    assert new[2]["met"] == [{"id": "beta", "name": "Kim Be-ta"}]
    assert new[2]["changed"] == [
        {"id": "beta", "name": "Kim Be-ta", "from": "alive", "to": "infected"}
    ]
    assert new[3]["changed"] == []  # the turn is shown in 3 but confirmed only in 4
    assert new[4]["changed"] == [
        {"id": "beta", "name": "Kim Be-ta", "from": "infected", "to": "zombie"}
    ]
    assert new[12]["moved"] == [
        {"from": "library", "to": "camp", "characters": [{"id": "alpha", "name": "Kim Al-pha"}]}
    ]
    assert not any(
        n["met"] or n["changed"] or n["moved"] for e, n in new.items() if e in range(5, 12)
    )


def test_watch_shows_what_is_new(mini):
    out = ok(mini("watch", "--from", "2", input="12\nq\n"))
    second = out.split("== Episode 12 ==")[0]
    assert "New this episode:" in second
    assert "  Met: Kim Be-ta" in second and "  Changed: Kim Be-ta alive → infected" in second
    assert "    Kim Al-pha: library → camp" in out.split("== Episode 12 ==")[1]


def test_watch_and_recap_tell_the_same_news(cli):
    """Episode by episode, watch's "Met:" and "Changed:" lines are recap's `new`, read aloud."""
    row = json.loads(ok(cli("recap", "--json")))
    commands = "".join(f"{n}\n" for n in range(2, EPISODES + 1)) + "q\n"
    shown = ok(cli("watch", "--from", "1", input=commands)).split("== Episode ")[1:]
    assert len(shown) == EPISODES
    for ep, page in zip(row["episodes"], shown):
        met = ", ".join(c["name"] for c in ep["new"]["met"])
        assert (f"  Met: {met}\n" in page) == bool(met)
        for c in ep["new"]["changed"]:
            assert f"{c['name']} {c['from']} → {c['to']}" in page
        for m in ep["new"]["moved"]:
            assert (
                f"{', '.join(c['name'] for c in m['characters'])}: {m['from']} → {m['to']}" in page
            )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("broadcasting room", "broadcasting room, Hyosan High", True),
        ("school corridors", "corridors of Hyosan High", True),
        ("Hyosan hospital", "hospital in Hyosan", True),
        ("music room", "broadcasting room", False),
        ("quarantine camp", "ruins of Hyosan", False),
    ],
)
def test_two_place_texts_name_one_place_when_they_share_a_word_of_their_own(a, b, same):
    from aouad.recap import same_place

    assert same_place(a, b) is same and same_place(b, a) is same
